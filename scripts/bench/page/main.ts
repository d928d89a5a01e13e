/**
 * The benchmark page: the engine's public API (src/engine/api.ts) and the spec validation the app uses
 * (src/core/spec.ts), exposed as `window.snapframeBench` for scripts/bench/run.mjs. No UI.
 */
import { DEFAULT_SPEC_INPUT, checkJobSpec, type SpecInput } from '../../../src/core/spec';
import type { SourceInfo } from '../../../src/core/types';
import { createSnapshotJob, detectCuts, probeSource } from '../../../src/engine/api';

export interface BenchJobResult {
  /** Wall time of createSnapshotJob, ms (performance.now in the page). */
  ms: number;
  /** Time to the first output file, ms. */
  firstOutputMs: number | null;
  decoder: string;
  /** Times the spec asked for. */
  requested: number;
  outputs: { kind: string; name: string; bytes: number; width: number; height: number; requestedMs?: number; actualMs?: number }[];
  skipped: { requestedMs: number; message: string }[];
  /** The first sheet (sprite jobs) or the first snapshot, as base64, for a look. */
  sample: { name: string; base64: string } | null;
}

export interface SnapframeBench {
  ready: true;
  files(): { name: string; size: number }[];
  probe(index: number): Promise<{ ms: number; source: SourceInfo }>;
  run(index: number, source: SourceInfo, input: Partial<SpecInput>, jobId: string): Promise<BenchJobResult>;
  /** The cut pass of mode Shots (issue 14) on the preview engine: wall time, ms, frames measured and the cuts, ms. */
  cuts(index: number, source: SourceInfo, threshold: number): Promise<{ ms: number; frames: number; cutsMs: number[] }>;
}

declare global {
  interface Window {
    snapframeBench?: SnapframeBench;
  }
}

const picker = document.querySelector<HTMLInputElement>('#files');

function fileAt(index: number): File {
  const file = picker?.files?.[index];
  if (!file) throw new Error(`No file #${index} in the page's file input.`);
  return file;
}

async function toBase64(blob: Blob): Promise<string> {
  const bytes = new Uint8Array(await blob.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

window.snapframeBench = {
  ready: true,
  files: () => Array.from(picker?.files ?? []).map((f) => ({ name: f.name, size: f.size })),
  async cuts(index, source, threshold) {
    const t0 = performance.now();
    const { cutsMs, frames } = await detectCuts(fileAt(index), source, threshold);
    return { ms: performance.now() - t0, frames: frames.framesMs.length, cutsMs };
  },
  async probe(index) {
    const t0 = performance.now();
    const source = await probeSource(fileAt(index));
    return { ms: performance.now() - t0, source };
  },
  async run(index, source, input, jobId) {
    const { spec, problems } = checkJobSpec({ ...DEFAULT_SPEC_INPUT, ...input }, source);
    if (!spec) throw new Error(`Invalid spec: ${JSON.stringify(problems)}`);
    const requested = spec.mode === 'offsets' ? spec.offsetsMs.length : spec.mode === 'shots' ? 0 : spec.timesMs.length;
    const t0 = performance.now();
    let firstOutputMs: number | null = null;
    const result = await createSnapshotJob(fileAt(index), source, spec, {
      jobId,
      onOutput: () => {
        firstOutputMs ??= performance.now() - t0;
      },
    });
    const ms = performance.now() - t0;
    const outputs = result.outputs.map((o) => ({
      kind: o.kind,
      name: o.name,
      bytes: o.blob.size,
      width: o.kind === 'vtt' ? 0 : o.width,
      height: o.kind === 'vtt' ? 0 : o.height,
      ...(o.kind === 'snapshot' || o.kind === 'cell' ? { requestedMs: o.requestedMs, actualMs: o.actualMs } : {}),
    }));
    const shown = result.outputs.find((o) => o.kind === 'sheet') ?? result.outputs.find((o) => o.kind === 'snapshot');
    return {
      ms,
      firstOutputMs,
      decoder: result.decoder,
      requested,
      outputs,
      skipped: result.skipped.map((s) => ({ requestedMs: s.requestedMs, message: s.error.message })),
      sample: shown ? { name: shown.name, base64: await toBase64(shown.blob) } : null,
    };
  },
};
const status = document.querySelector('#status');
if (status) status.textContent = 'ready';
