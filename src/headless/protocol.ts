/**
 * What the headless page (src/headless/main.ts) offers as `window.snapframeHeadless`, and what its answers look
 * like. Types only: the page implements them, the Node side (src/cli, scripts/bench) imports them with `import type`.
 */
import type { SerializedError } from '../core/job/errors';
import type { Manifest } from '../core/output/manifest';
import type { FieldProblem, SpecInput } from '../core/job/spec';
import type { SourceInfo } from '../core/job/types';

/** Where the page puts a finished job's files: PUT requests to its own origin (the CLI's static server). */
export interface Delivery {
  /** `PUT /__snapframe/out/<token>/<file name>` for each file; the server knows the token. */
  token: string;
  /** `true`: one file, the job's zip (`<video>_snapshots.zip`); `false`: every file the zip holds, one by one. */
  zip: boolean;
}

/** Options of one job run in the page. */
export interface HeadlessJobOptions {
  jobId: string;
  /** Send the outputs to the server (the command line); absent: keep them in the page (the benchmark). */
  delivery?: Delivery;
  /** Return the first sheet (sprite jobs) or the first snapshot as base64, for a look (the benchmark). */
  sample?: boolean;
  /** Report progress to `window.snapframeProgress(jobId, done, total)` (a binding exposed by the driver). */
  progress?: boolean;
  /** Job workers for this job (1–8; the test build's `?workers=N` wins); null or absent: the machine's default. */
  workers?: number | null;
  /** The decoder of this job (engine/api.ts JobOptions `decoder`); absent: `auto`. */
  decoder?: 'auto' | 'ffmpeg' | 'webcodecs';
}

/** One output file, without its bytes. Sizes px (0 for the VTT), bytes, times ms. */
export interface HeadlessOutput {
  kind: string;
  name: string;
  bytes: number;
  width: number;
  height: number;
  requestedMs?: number;
  actualMs?: number;
  /** Animated previews: frame count, codec, encoding time ms. */
  frames?: number;
  codec?: string;
  encodeMs?: number;
}

/** A finished job. */
export interface HeadlessJobDone {
  ok: true;
  /** Wall time of createSnapshotJob, ms (performance.now in the page). */
  ms: number;
  /** Time to the first output file, ms. */
  firstOutputMs: number | null;
  decoder: string;
  /** Times the spec asked for. */
  requested: number;
  outputs: HeadlessOutput[];
  skipped: { requestedMs: number; message: string }[];
  manifest: Manifest;
  /** A video at a URL: the bytes the job received from its server. */
  bytesRead?: number;
  /** Names of the files delivered, in order (the zip's name alone when `delivery.zip`). */
  delivered: string[];
  sample: { name: string; base64: string } | null;
}

/** A job that did not run (`problems`: the spec does not fit this video) or failed (`error`). */
export interface HeadlessJobFailed {
  ok: false;
  problems?: FieldProblem[];
  error?: SerializedError;
}

export type HeadlessProbe = { ok: true; ms: number; source: SourceInfo } | { ok: false; error: SerializedError };

export interface SnapframeHeadless {
  ready: true;
  /** Names and sizes (bytes) of the inputs: the files in the page's file input, then the URLs opened. */
  files(): { name: string; size: number }[];
  /**
   * Opens a video at a URL (engine/api.ts `openUrl`) as the next input (its index follows the file input's files
   * and the URLs opened before). @param variant HLS masters: 0 = highest bandwidth. Never throws.
   */
  openUrl(
    url: string,
    variant?: number,
  ): Promise<{ ok: true; index: number; name: string; size: number } | { ok: false; error: SerializedError }>;
  /** Probes file `index` of the input (engine/api.ts `probeSource`). Never throws: failures come back as `error`. */
  probe(index: number): Promise<HeadlessProbe>;
  /**
   * Checks the form against the probed video (core/job/spec.ts `checkJobSpec`, the page's own rules and sentences), runs
   * the job (engine/api.ts `createSnapshotJob`) and delivers its files. Never throws.
   */
  run(
    index: number,
    source: SourceInfo,
    input: Partial<SpecInput>,
    options: HeadlessJobOptions,
  ): Promise<HeadlessJobDone | HeadlessJobFailed>;
  /**
   * The cut pass of mode Shots on the preview engine (engine/api.ts `detectCuts`): wall time, ms, frames
   * measured and the cuts at `threshold`, ms. @throws what detectCuts throws (benchmarks only)
   */
  cuts(index: number, source: SourceInfo, threshold: number): Promise<{ ms: number; frames: number; cutsMs: number[] }>;
  /** Cancels the running job of this id (its AbortSignal); the run answers with a Cancelled error. */
  cancel(jobId: string): void;
  /** The job workers a job gets when its options give none (engine/api defaultJobWorkerCount). */
  defaultWorkers(): number;
}
