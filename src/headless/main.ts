/**
 * The headless page (docs/ARCHITECTURE.md `headless/`): the engine's public API (src/engine/api.ts) and the job form's
 * validation (src/core/job/spec.ts) exposed as `window.snapframeHeadless` (src/headless/protocol.ts) to a browser driven
 * by a program: the `snapframe` command line (src/cli) and the benchmarks (scripts/bench). No UI.
 * Built with the app (`vite build`, second entry in vite.config.ts), under the same Content-Security-Policy.
 */
import type { RemoteVideo } from '../core/remote/remoteVideo';
import { createSnapshotJob, defaultJobWorkerCount, detectCuts, openUrl, probeSource, type OutputFile } from '../engine/api';
import type { VideoInput } from '../engine/videoInput';
import { toSnapframeError } from '../core/job/errors';
import { zipFileName } from '../core/output/naming';
import { DEFAULT_SPEC_INPUT, checkJobSpec, requestedTimes } from '../core/job/spec';
import { buildZip, jobZipEntries, type ZipEntry } from '../lib/zip';
import type { Delivery, HeadlessOutput, SnapframeHeadless } from './protocol';

declare global {
  interface Window {
    snapframeHeadless?: SnapframeHeadless;
    /** Exposed by the driver (Playwright `exposeFunction`) when it wants progress. */
    snapframeProgress?: (jobId: string, done: number, total: number) => Promise<void>;
  }
}

const picker = document.querySelector<HTMLInputElement>('#files');
const running = new Map<string, AbortController>();

/** Videos at URLs opened with `openUrl`, numbered after the file input's files. */
const remotes: RemoteVideo[] = [];

/** Input `index`: the file input's files first, then the URLs opened, in order. */
function fileAt(index: number): VideoInput {
  const files = picker?.files?.length ?? 0;
  const input = index < files ? picker?.files?.[index] : remotes[index - files];
  if (!input) throw new Error(`No input #${index}: the page has ${files} files and ${remotes.length} URLs.`);
  return input;
}

async function toBase64(blob: Blob): Promise<string> {
  const bytes = new Uint8Array(await blob.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** Sends files to the driver's server, one PUT each (same origin: CSP `connect-src 'self'`). */
async function deliver(entries: readonly ZipEntry[], delivery: Delivery): Promise<void> {
  for (const entry of entries) {
    const url = `/__snapframe/out/${encodeURIComponent(delivery.token)}/${encodeURIComponent(entry.name)}`;
    const response = await fetch(url, { method: 'PUT', body: entry.data });
    if (!response.ok) throw new Error(`Could not write ${entry.name} (${response.status} ${await response.text()}).`);
  }
}

function describe(o: OutputFile): HeadlessOutput {
  return {
    kind: o.kind,
    name: o.name,
    bytes: o.blob.size,
    width: 'width' in o ? o.width : 0,
    height: 'height' in o ? o.height : 0,
    ...(o.kind === 'animation' ? { frames: o.frames, codec: o.codec, encodeMs: o.encodeMs } : {}),
    ...(o.kind === 'snapshot' || o.kind === 'cell' ? { requestedMs: o.requestedMs, actualMs: o.actualMs } : {}),
  };
}

window.snapframeHeadless = {
  ready: true,
  files: () => [...Array.from(picker?.files ?? []), ...remotes].map((f) => ({ name: f.name, size: f.size })),
  async openUrl(url, variant) {
    try {
      const remote = await openUrl(url, { variant });
      remotes.push(remote);
      return { ok: true, index: (picker?.files?.length ?? 0) + remotes.length - 1, name: remote.name, size: remote.size };
    } catch (error) {
      return { ok: false, error: toSnapframeError(error).toJSON() };
    }
  },
  async cuts(index, source, threshold) {
    const t0 = performance.now();
    const { cutsMs, frames } = await detectCuts(fileAt(index), source, threshold);
    return { ms: performance.now() - t0, frames: frames.framesMs.length, cutsMs };
  },
  async probe(index) {
    const t0 = performance.now();
    try {
      const source = await probeSource(fileAt(index));
      return { ok: true, ms: performance.now() - t0, source };
    } catch (error) {
      return { ok: false, error: toSnapframeError(error).toJSON() };
    }
  },
  async run(index, source, input, options) {
    const { spec, problems } = checkJobSpec({ ...DEFAULT_SPEC_INPUT, ...input }, source);
    if (!spec) return { ok: false, problems };
    const controller = new AbortController();
    running.set(options.jobId, controller);
    try {
      const file = fileAt(index);
      const requested = requestedTimes(spec).length;
      const t0 = performance.now();
      let firstOutputMs: number | null = null;
      const result = await createSnapshotJob(file, source, spec, {
        jobId: options.jobId,
        signal: controller.signal,
        workers: options.workers ?? null,
        decoder: options.decoder ?? 'auto',
        onOutput: () => {
          firstOutputMs ??= performance.now() - t0;
        },
        onProgress: options.progress ? (p) => void window.snapframeProgress?.(options.jobId, p.done, p.total) : undefined,
      });
      const ms = performance.now() - t0;
      const entries = jobZipEntries(result.outputs, result.manifest);
      let delivered: string[] = [];
      if (options.delivery?.zip) {
        const name = zipFileName(file.name);
        await deliver([{ name, data: await buildZip(entries) }], options.delivery);
        delivered = [name];
      } else if (options.delivery) {
        await deliver(entries, options.delivery);
        delivered = entries.map((e) => e.name);
      }
      const shown = options.sample
        ? (result.outputs.find((o) => o.kind === 'sheet') ?? result.outputs.find((o) => o.kind === 'snapshot'))
        : undefined;
      return {
        ok: true,
        ms,
        firstOutputMs,
        decoder: result.decoder,
        requested,
        outputs: result.outputs.map(describe),
        skipped: result.skipped.map((s) => ({ requestedMs: s.requestedMs, message: s.error.message })),
        manifest: result.manifest,
        ...(result.bytesRead !== undefined ? { bytesRead: result.bytesRead } : {}),
        delivered,
        sample: shown ? { name: shown.name, base64: await toBase64(shown.blob) } : null,
      };
    } catch (error) {
      return { ok: false, error: toSnapframeError(error).toJSON() };
    } finally {
      running.delete(options.jobId);
    }
  },
  cancel(jobId) {
    running.get(jobId)?.abort();
  },
  defaultWorkers: () => defaultJobWorkerCount(),
};
const status = document.querySelector('#status');
if (status) status.textContent = 'ready';
