/**
 * The only door into the engine (docs/ARCHITECTURE.md). The page calls these; the work runs in the engine worker.
 */
import { isRemote, type RemoteVideo } from '../core/remote/remoteVideo';
import type { VideoInput } from './videoInput';
import { jobDecoder, type DecoderPreference } from '../core/decode/decoderChoice';
import { namingFile, SnapframeError, toSnapframeError } from '../core/job/errors';
import { requestedTimes } from '../core/job/spec';
import { buildManifest, type Manifest, type ManifestVariant } from '../core/output/manifest';
import type { DecoderName, FrameType, JobSpec, SourceInfo } from '../core/job/types';
import type { CoreLoadProgress } from './coreLoad';
import { sheetSize } from '../core/sheet/spriteLayout';
import { cappedJobWorkers, defaultJobWorkers } from '../core/decode/workerCount';
import { jobPool, previewEngine } from './engineClient';
import { frameWatchdog, probeWatchdog } from './jobs/watchdogs';
import { toManifestFile } from './manifestFiles';
import type { JobProgress, OutputFile, SkippedTime } from './outputs';
import type { JobEngine } from './jobEngine';
import type { RunContext } from './jobs/runContext';
import { runFrames } from './jobs/runFrames';
import { runShots, shotFramesOf } from './jobs/runShots';
import { runSprite } from './jobs/runSprite';
import { findCuts, type ShotFrames } from '../core/analysis/shots';
import type { ManifestShots } from '../core/output/manifest';
import type { TestWorkerApi } from './protocol';
import { NO_OVERRIDES, readOverrides, recordProbe, slowed, stalledOnLane0, type EngineOverrides } from './overrides';

export type { JobProgress, OutputFile, SheetCell, SkippedTime } from './outputs';
export type { CoreLoadProgress } from './coreLoad';
export type { VideoInput } from './videoInput';

/**
 * The testing hooks of the page URL (`?engineFault=`, `?decoder=`, `?workers=`, `?probe=`; overrides.ts,
 * docs/TESTING.md), read once, in the test build only (`vite build --mode e2e`). The production build has
 * {@link NO_OVERRIDES}: the condition is a constant there, and the hook code is left out of the bundle.
 */
const OVERRIDES: EngineOverrides =
  import.meta.env.MODE === 'e2e' && typeof location !== 'undefined' ? readOverrides(location.search) : NO_OVERRIDES;
/** The fault of the first job (test build), taken by it. */
let faultPending = OVERRIDES.fault;
/** Which decoder to use: WebCodecs where the browser decodes the file, ffmpeg.wasm elsewhere (`auto`). */
const DECODER_PREFERENCE = OVERRIDES.decoder;

/**
 * The job workers a job gets by default on this machine (core/decode/workerCount.ts: from
 * navigator.hardwareConcurrency, at most 8), or the test build's `?workers=N`.
 */
export function defaultJobWorkerCount(): number {
  return OVERRIDES.workers ?? defaultJobWorkers(typeof navigator !== 'undefined' ? navigator.hardwareConcurrency : 1);
}

/** Whether the job workers are set by the page URL (test build, `?workers=N`): then it wins over the page's setting. */
export const jobWorkersFromUrl = OVERRIDES.workers !== null;

/**
 * The job workers a job on `source` runs on: the test build's `?workers=N`, else the setting, else the default,
 * lowered by the memory cap for big frames and, in sprite jobs, big sheets (core/decode/workerCount.ts
 * `cappedJobWorkers`; docs/ENGINE.md "A pool of job workers").
 * @param spec the job's validated spec (its sprite sheet size counts)
 * @param setting the page's "Job workers" setting, null for automatic
 * @returns 1 … 8
 */
export function jobWorkersFor(source: Pick<SourceInfo, 'width' | 'height'>, spec: JobSpec, setting: number | null = null): number {
  const wanted = OVERRIDES.workers ?? setting ?? defaultJobWorkerCount();
  const deviceMemory = typeof navigator !== 'undefined' ? (navigator as Navigator & { deviceMemory?: number }).deviceMemory : undefined;
  const sheet = spec.mode === 'sprite' ? sheetSize(spec.sprite) : null;
  return cappedJobWorkers(wanted, source.width, source.height, deviceMemory, sheet ? sheet.width * sheet.height * 4 : 0);
}

export interface JobOptions {
  jobId: string;
  /** Aborting cancels the job within a second: the worker is terminated and the next job starts a fresh one. */
  signal?: AbortSignal;
  onProgress?: (progress: JobProgress) => void;
  /**
   * Called with every output file as soon as it is made (results stream out while the job runs). With several job
   * workers they arrive in the order the workers make them; JobResult.outputs and the manifest are in time order.
   */
  onOutput?: (output: OutputFile) => void;
  /** The page's "Job workers" setting (1–8), or null/undefined for automatic; the test build's `?workers=N` wins. */
  workers?: number | null;
  /**
   * The decoder of this job's frames: `ffmpeg` (ffmpeg.wasm for every file) or `webcodecs` (the browser's decoder
   * only: what it cannot decode fails with InternalError instead of going to ffmpeg.wasm); `auto` or absent:
   * WebCodecs where the browser decodes the file, ffmpeg.wasm elsewhere. The test build's `?decoder=` wins over it.
   */
  decoder?: DecoderPreference;
}

/** The decoder preference of a job: the test build's `?decoder=`, else the job's option, else `auto`. */
function jobDecoderPreference(options: JobOptions): DecoderPreference {
  return DECODER_PREFERENCE !== 'auto' ? DECODER_PREFERENCE : (options.decoder ?? 'auto');
}

export interface JobResult {
  /** A video at a URL: the bytes the job's workers received from the server (also in the manifest). */
  bytesRead?: number;
  outputs: OutputFile[];
  skipped: SkippedTime[];
  decoder: DecoderName;
  manifest: Manifest;
}

/**
 * Opens a video at a URL (docs/URLS.md): one range request for its size and range support, or its HLS playlist
 * checked for being finished; nothing more is read. The result goes wherever a File goes (probeSource, jobs…).
 * @param variant HLS master playlists: which variant, 0 = the highest bandwidth
 * @throws SnapframeError InvalidParameter (not an http(s) address), FileUnreadable (no CORS, 403/404, no range
 *   support above the whole-read limit), UnsupportedMedia (a live playlist), Cancelled; each sentence names the URL
 */
export async function openUrl(url: string, options: { variant?: number; signal?: AbortSignal } = {}): Promise<RemoteVideo> {
  return previewEngine.call((api) => api.openUrl(url, options.variant), options.signal);
}

/** An HLS master's variant as the manifest records it, or nothing for other inputs. */
function variantRead(file: RemoteVideo): { variant?: ManifestVariant } {
  const index = file.variant ?? 0;
  const chosen = file.variants?.[index];
  return chosen ? { variant: { index, count: file.variants?.length ?? 1, ...chosen } } : {};
}

/** Bytes received from URLs by the running job workers since the last call (cleared). */
async function takeBytesRead(engine: JobEngine, signal: AbortSignal | undefined): Promise<number> {
  const lanes = Array.from({ length: engine.lanes }, (_, i) => i).filter((i) => jobPool.client(i).running);
  const bytes = await Promise.all(lanes.map((i) => engine.lane(i).call((api) => api.takeBytesRead(), signal)));
  return bytes.reduce((sum, b) => sum + b, 0);
}

/**
 * Probes a video file.
 * @returns its SourceInfo (display size after rotation/SAR, duration ms, codec, frame rate…)
 * @throws SnapframeError UnsupportedMedia (not a video, empty, audio only), FileUnreadable, InternalError,
 *   Cancelled (when `signal` aborts)
 */
export async function probeSource(file: VideoInput, signal?: AbortSignal): Promise<SourceInfo> {
  try {
    const info = await previewEngine.call((api) => api.probe(file, OVERRIDES.probe), signal, probeWatchdog(file));
    if (import.meta.env.MODE === 'e2e') recordProbe(OVERRIDES, { name: file.name, info });
    return info;
  } catch (error) {
    if (import.meta.env.MODE === 'e2e') recordProbe(OVERRIDES, { name: file.name, error: toSnapframeError(error).message });
    throw error;
  }
}

/**
 * Runs a job (SPEC "Jobs"): offsets and sample modes make one image per time, sprite mode tiles the times into
 * sheets with an optional WebVTT index. The times, ascending, are shared out in shards among the pool's job workers
 * ({@link jobWorkersFor}; docs/PERFORMANCE.md "Job workers"); each worker handles its shard in ascending order.
 * @param spec a validated spec (core/job/spec.ts): times in ms within [0, duration], sizes px
 * @returns every output file, the times that could not be decoded, which decoder made the frames (`webcodecs` only
 *   when every frame came from the browser's decoder), and the manifest (SPEC "Jobs")
 * @throws SnapframeError Cancelled when aborted; InternalError (with the engine log tail) when ffmpeg.wasm
 *   crashed or hung; UnsupportedMedia when not a single time could be decoded; FileUnreadable; ResourceLimit (the
 *   browser could not allocate or encode a picture; the engine is restarted). Every message names the file.
 */
export async function createSnapshotJob(file: VideoInput, source: SourceInfo, spec: JobSpec, options: JobOptions): Promise<JobResult> {
  try {
    return await runJob(file, source, spec, options);
  } catch (raw) {
    const error = toSnapframeError(raw);
    // After a crash, a hang or a failed allocation the workers are suspect: the next job runs on fresh ones.
    if (error.code === 'ResourceLimit' || error.code === 'InternalError') jobPool.restartAll(error);
    throw error.code === 'Cancelled' ? error : namingFile(error, file.name);
  }
}

async function runJob(file: VideoInput, source: SourceInfo, spec: JobSpec, options: JobOptions): Promise<JobResult> {
  const engine = jobPool.acquire(jobWorkersFor(source, spec, options.workers ?? null));
  // The slow fault (test build) makes every worker call of the first job wait (overrides.ts `slowed`).
  const slow = import.meta.env.MODE === 'e2e' && faultPending === 'slow';
  // The stall fault (test build): the first job's lane 0 stalls on its second frame or cell (overrides.ts).
  const stall = import.meta.env.MODE === 'e2e' && faultPending === 'stall';
  if (slow || stall) faultPending = null;
  try {
    return await runOn(slow ? slowed(engine) : stall ? stalledOnLane0(engine) : engine, file, source, spec, options);
  } finally {
    jobPool.release();
  }
}

/** Notes left in the running job workers (by this job, or by an earlier one that failed), taken and cleared. */
async function takeNotes(engine: JobEngine, signal: AbortSignal | undefined): Promise<string[]> {
  const lanes = Array.from({ length: engine.lanes }, (_, i) => i).filter((i) => jobPool.client(i).running);
  const notes = await Promise.all(lanes.map((i) => engine.lane(i).call((api) => api.takeNotes(), signal)));
  return notes.flat();
}

async function runOn(engine: JobEngine, file: VideoInput, source: SourceInfo, spec: JobSpec, options: JobOptions): Promise<JobResult> {
  const createdAt = new Date().toISOString();
  const made: Array<{ output: OutputFile; rank: number }> = [];
  const skipped: SkippedTime[] = [];
  let total = requestedTimes(spec).length;
  let done = 0;
  const decoders = new Set<DecoderName>();
  const jobNotes: string[] = [];
  // The test build's fault, armed for this job only.
  const fault = import.meta.env.MODE === 'e2e' ? faultPending : null;
  faultPending = null;
  options.onProgress?.({ done, total });
  const ctx: RunContext = {
    signal: options.signal,
    emit: (output, rank) => {
      made.push({ output, rank });
      options.onOutput?.(output);
    },
    step: () => options.onProgress?.({ done: ++done, total }),
    skip: (entry) => skipped.push(entry),
    // The crash and hang faults are ffmpeg execs: the job that arms one runs on ffmpeg.wasm whatever the file.
    decoder: fault === 'crash' || fault === 'hang' ? 'ffmpeg' : jobDecoderPreference(options),
    decodedBy: (decoder) => decoders.add(decoder),
    note: (sentence) => jobNotes.push(sentence),
  };
  // Notes and bytes left by an earlier job that failed are not this job's.
  await takeNotes(engine, options.signal);
  if (isRemote(file)) await takeBytesRead(engine, options.signal);
  // The fault goes to lane 0, which makes the job's first ffmpeg exec (the keyframe index) and its first frame.
  if (import.meta.env.MODE === 'e2e' && fault && fault !== 'slow' && fault !== 'stall') {
    await engine.lane(0).call((api) => (api as TestWorkerApi).armFault(fault), options.signal);
  }
  let shots: ManifestShots | undefined;
  if (spec.mode === 'shots') {
    shots = await runShots(engine, file, source, spec, ctx, (count) => {
      total = count;
      options.onProgress?.({ done, total });
    });
  } else if (spec.mode === 'sprite') await runSprite(engine, file, source, spec, ctx);
  else await runFrames(engine, file, source, spec, requestedTimes(spec), ctx);

  const decoder = jobDecoder([...decoders]);
  skipped.sort((a, b) => a.requestedMs - b.requestedMs);
  const first = skipped[0];
  if (first && skipped.length === total) throw new SnapframeError(first.error.code, first.error.message);
  const outputs = made.sort((a, b) => a.rank - b.rank).map((m) => m.output);
  const remote = isRemote(file)
    ? { url: file.url, bytesRead: await takeBytesRead(engine, options.signal), ...variantRead(file) }
    : undefined;
  const manifest = buildManifest({
    jobId: options.jobId,
    createdAt,
    finishedAt: new Date().toISOString(),
    decoder,
    spec,
    source,
    files: outputs.map(toManifestFile),
    skipped: skipped.map((s) => ({ requestedMs: s.requestedMs, reason: s.error.message })),
    notes: [...(await takeNotes(engine, options.signal)), ...jobNotes],
    ...(shots ? { shots } : {}),
    ...(remote ? { remote } : {}),
  });
  return { outputs, skipped, decoder, manifest, ...(remote ? { bytesRead: remote.bytesRead } : {}) };
}

/**
 * Renders a frame for the preview of files the browser cannot play (Indeo, MPEG-2…) and for timeline thumbnails,
 * on the preview engine (never queued behind a job).
 * @param options.width output width, px (default min(source width, 640)); the height keeps the display aspect
 * @param options.frameType `accurate`: the frame displayed at t (SPEC); `keyframe`: the keyframe at or before t,
 *   much faster (filmstrips, scrubbing)
 * @returns a JPEG, its width and height, px, and the frame's actual time, ms
 * @throws SnapframeError Cancelled when `signal` aborts (the preview engine restarts); UnsupportedMedia; InternalError
 */
export async function renderPreviewFrame(
  file: VideoInput,
  source: SourceInfo,
  timeMs: number,
  options: { signal?: AbortSignal; width?: number; frameType?: FrameType } = {},
): Promise<{ blob: Blob; width: number; height: number; actualMs: number }> {
  const width = Math.max(8, Math.min(source.width, Math.round(options.width ?? 640)));
  const height = Math.max(8, Math.round((source.height * width) / source.width));
  const frameType = options.frameType ?? 'accurate';
  const frame = await previewEngine.call(
    (api) =>
      api.frame(file, source, { timeMs, width, height, fit: 'black', format: 'jpg', quality: 80, frameType, decoder: DECODER_PREFERENCE }),
    options.signal,
    frameWatchdog(source, timeMs),
  );
  return { blob: frame.blob, width: frame.width, height: frame.height, actualMs: frame.actualMs };
}

/**
 * Listens to the download of the ffmpeg.wasm core (~31 MB) by either engine worker (jobs, previews): reports with
 * bytes loaded and total while it downloads, then `ready`; `fromCache` when the service worker had precached it
 * (a second visit: no download). Files the browser decodes with WebCodecs may never load the core.
 * @param listener called with each report (sizes in bytes) and the worker it came from
 * @returns a function that stops listening
 */
export function onEngineLoad(listener: (progress: CoreLoadProgress, worker: 'jobs' | 'preview') => void): () => void {
  const stops = [jobPool.onCoreLoad((p) => listener(p, 'jobs')), previewEngine.onCoreLoad((p) => listener(p, 'preview'))];
  return () => stops.forEach((stop) => stop());
}

/**
 * Finds the cuts of a video for the form's "Find cuts", on the preview engine: every frame is
 * decoded at 160 px and compared with the one before (ffmpeg scdet's score, core/analysis/shots.ts). The pass is made once
 * per file in this page; another threshold only recomputes the cuts.
 * @param threshold scdet score 0-100
 * @param onProgress ranges of the pass done, and their total
 * @returns the cuts (first frame of each new shot, ms ascending) and the pass's frames (for planning shots)
 * @throws SnapframeError Cancelled when `signal` aborts (the preview engine restarts); UnsupportedMedia; InternalError
 */
export async function detectCuts(
  file: VideoInput,
  source: SourceInfo,
  threshold: number,
  options: { signal?: AbortSignal; onProgress?: (done: number, total: number) => void } = {},
): Promise<{ cutsMs: number[]; frames: ShotFrames }> {
  const frames = await shotFramesOf([previewEngine], file, source, DECODER_PREFERENCE, options.signal, options.onProgress);
  return { cutsMs: findCuts(frames, threshold), frames };
}
