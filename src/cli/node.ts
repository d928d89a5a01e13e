/**
 * Snapframe's Node API (`import { snapshot } from 'snapframe/node'`): the page's engine, headless, over files on
 * disk. The `snapframe` command (src/cli/main.ts) is a thin layer over it.
 *
 * ```js
 * import { openEngine, snapshot } from 'snapframe/node';
 * const result = await snapshot('flower.mp4', { mode: 'offsets', offsetsText: '1.5s, 50%' }, { outDir: 'out' });
 * // result.path === 'out/flower', result.files: ['flower_00001500ms.jpg', …, 'manifest.json']
 * const engine = await openEngine({ jobs: 2 }); // many videos: one browser, two at a time
 * await Promise.all(videos.map((v) => snapshot(v, spec, { outDir: 'out', engine })));
 * await engine.close();
 * ```
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { CancelledError, InternalError, InvalidParameterError, SnapframeError, errorFromJSON, namingFile } from '../core/job/errors';
import type { Manifest } from '../core/output/manifest';
import { videoBaseName } from '../core/output/naming';
import { DEFAULT_SPEC_INPUT, type SpecInput } from '../core/job/spec';
import type { DecoderName, SourceInfo } from '../core/job/types';
import { remoteName } from '../core/remote/remoteVideo';
import { isUrl } from './inputs';
import { HeadlessEngine, type EngineOptions } from './engine';

export type { EngineOptions } from './engine';
export type { SpecInput } from '../core/job/spec';
export type { Manifest } from '../core/output/manifest';
export { SnapframeError } from '../core/job/errors';
export { specFromFile } from './specFile';

/** A started engine (Chromium and its pages), to share between many {@link snapshot} calls. */
export type SnapframeEngine = HeadlessEngine;

/**
 * Starts the headless engine: Chromium on the built headless page, `jobs` pages (videos in flight at once).
 * Close it with `engine.close()`.
 * @throws Error when no Chromium is found (the message says how to get one) or the app is not built.
 */
export function openEngine(options: EngineOptions = {}): Promise<SnapframeEngine> {
  return HeadlessEngine.start(options);
}

/** Progress of one video. `images`: images (snapshots or cells) done of total, as the page's job card counts. */
export type SnapshotProgress = { phase: 'probing' } | { phase: 'running'; done: number; total: number } | { phase: 'writing' };

export interface SnapshotOptions {
  /** Output folder: receives `<name>/` (the files the page's zip holds) or, with `zip`, `<name>_snapshots.zip`. */
  outDir: string;
  /** Write the page's zip instead of its files. */
  zip?: boolean;
  /** Folder (or zip) base name; default the video's base name (core/output/naming.ts `videoBaseName`). */
  name?: string;
  /** Aborting cancels the job; nothing is left in `outDir` for this video. Rejects with SnapframeError Cancelled. */
  signal?: AbortSignal;
  onProgress?: (progress: SnapshotProgress) => void;
  /** An engine from {@link openEngine}; without one, an engine is started for this call and closed after it. */
  engine?: SnapframeEngine;
  /** For a call without `engine`: how to start one. */
  engineOptions?: EngineOptions;
  /** An HLS master playlist: the variant to read, 0 = the highest bandwidth (default); past the last, the lowest. */
  variant?: number;
}

export interface SnapshotResult {
  /** The video, as given. */
  video: string;
  /** The folder or zip written (absolute). */
  path: string;
  /** Names of the files written into the folder (the zip's entries), manifest.json last; or the zip's name. */
  files: string[];
  manifest: Manifest;
  decoder: DecoderName;
  /** What the probe found (display size px, duration ms, codec…). */
  source: SourceInfo;
  /** Requested times that gave no image, with the page's sentence. */
  skipped: { requestedMs: number; message: string }[];
}

/**
 * The page itself failed (its renderer crashed, the browser went away): an InternalError naming the file. The
 * engine replaces the page, so the next video runs on a fresh one.
 */
function pageFailure(error: unknown, fileName: string, browserLost: boolean): SnapframeError {
  if (error instanceof SnapframeError) return error;
  if (browserLost) {
    return new InternalError(
      `${fileName}: Chromium stopped while making its snapshots (it was killed or ran out of memory). A new Chromium goes on with the other videos; run this one again.`,
    );
  }
  const text = (error instanceof Error ? error.message : String(error)).split('\n')[0];
  return new InternalError(`${fileName}: the engine's page stopped (${text}). The next video gets a fresh page; try this one again.`);
}

async function exists(file: string): Promise<boolean> {
  return fs.access(file).then(
    () => true,
    () => false,
  );
}

/**
 * Takes snapshots of one video, as the page does: probe, the page's spec rules (core/job/spec.ts `checkJobSpec`), the
 * page's engine, the page's file names and manifest. Files are written into a temporary folder in `outDir` and
 * moved into place when complete: an interrupted run never leaves a half-written folder, zip or manifest.
 * An existing `<name>/` or `<name>_snapshots.zip` is replaced.
 * @param video path of the video file (any size: the page gets a File handle on it, never its bytes at once), or an
 *   `https:`/`http:` address of one (read by HTTP range requests, without credentials: docs/URLS.md).
 * @param spec the job form's fields (SpecInput: raw text as typed in the page, e.g. `{ mode: 'sprite', interval:
 *   '2', cellWidth: '160', columns: '10', lines: '10' }`); fields left out take the page's defaults. A preset file
 *   or a vendor request becomes such fields with {@link specFromFile}.
 * @returns the folder or zip written, its files, the manifest and what the probe found.
 * @throws SnapframeError with the page's sentence, naming the file: InvalidParameter (the spec does not fit this
 *   video, every problem in form order), UnsupportedMedia (not a video, empty, audio only, protected),
 *   FileUnreadable, ResourceLimit, InternalError (the engine crashed), Cancelled (the signal aborted).
 */
export async function snapshot(video: string, spec: Partial<SpecInput>, options: SnapshotOptions): Promise<SnapshotResult> {
  if (!options.engine) {
    const engine = await openEngine(options.engineOptions);
    try {
      return await snapshot(video, spec, { ...options, engine });
    } finally {
      await engine.close();
    }
  }
  const engine = options.engine;
  const remote = isUrl(video);
  const fileName = remote ? remoteName(video) : path.basename(video);
  const name = options.name ?? videoBaseName(fileName);
  const outDir = path.resolve(options.outDir);
  const cancelled = () => new CancelledError(`${fileName}: cancelled.`);
  if (options.signal?.aborted) throw cancelled();
  if (!remote && !(await exists(video)))
    throw new SnapframeError('FileUnreadable', `${fileName}: the file cannot be read (${video} does not exist).`);
  await fs.mkdir(outDir, { recursive: true });

  return engine.withPage(async (page) => {
    options.onProgress?.({ phase: 'probing' });
    const probe = await page.probe(remote ? video : path.resolve(video), options.variant).catch(async (error: unknown) => {
      throw pageFailure(error, fileName, await engine.browserLostUnder(page));
    });
    if (!probe.ok) throw namingFile(errorFromJSON(probe.error), fileName);
    if (options.signal?.aborted) throw cancelled();
    const jobId = randomUUID();
    const temp = await fs.mkdtemp(path.join(outDir, `.snapframe-${name.replace(/[^\w-]/g, '_').slice(0, 40)}-`));
    const abort = () => void page.cancel(jobId);
    options.signal?.addEventListener('abort', abort);
    engine.onProgress(jobId, (done, total) => options.onProgress?.({ phase: 'running', done, total }));
    try {
      const result = await page
        .run(probe.source, { ...DEFAULT_SPEC_INPUT, ...spec }, jobId, temp, options.zip ?? false)
        .catch(async (error: unknown) => {
          throw options.signal?.aborted ? cancelled() : pageFailure(error, fileName, await engine.browserLostUnder(page));
        });
      if (!result.ok) {
        if (result.problems)
          throw new InvalidParameterError(
            result.problems[0]?.field ?? 'mode',
            `${fileName}: ${result.problems.map((p) => p.message).join(' ')}`,
          );
        const error = errorFromJSON(result.error ?? { code: 'InternalError', message: 'The engine gave no answer.' });
        throw error.code === 'Cancelled' ? cancelled() : namingFile(error, fileName);
      }
      options.onProgress?.({ phase: 'writing' });
      const target = path.join(outDir, options.zip ? `${name}_snapshots.zip` : name);
      await fs.rm(target, { recursive: true, force: true });
      if (options.zip) await fs.rename(path.join(temp, result.delivered[0]!), target);
      else await fs.rename(temp, target);
      return {
        video,
        path: target,
        files: options.zip ? [path.basename(target)] : result.delivered,
        manifest: result.manifest,
        decoder: result.decoder as DecoderName,
        source: probe.source,
        skipped: result.skipped,
      };
    } finally {
      options.signal?.removeEventListener('abort', abort);
      engine.onProgress(jobId, null);
      await fs.rm(temp, { recursive: true, force: true });
    }
  });
}
