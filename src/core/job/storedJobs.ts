/**
 * Jobs kept across page reloads: the shape of a saved job record, what a saved job
 * becomes when the page loads again, and the quota rules for what is saved. Pure: the browser's storage itself
 * lives in store/resultsDb.ts, the glue in store/persistJobs.ts.
 *
 * Quota figures come from `navigator.storage.estimate()` (Storage Standard, "estimate"): `usage` and `quota` in
 * bytes for the whole origin. Chromium grants an origin up to 60 % of the disk, and evicts best-effort origins
 * under pressure unless `navigator.storage.persist()` was granted.
 */
import type { SerializedError } from './errors';
import type { Manifest } from '../output/manifest';
import type { DecoderName, JobSpec, SourceInfo } from './types';

/** A job's state as saved. `interrupted` is what a job saved as queued or processing becomes after a reload. */
export type StoredJobStatus = 'queued' | 'processing' | 'finished' | 'failed' | 'cancelled' | 'interrupted';

/** A time the job could not decode (the engine's SkippedTime). */
export interface StoredSkip {
  requestedMs: number;
  error: SerializedError;
}

/** The saved form of a job: plain data (structured-clone safe), no File and no output blobs (stored apart). */
export interface JobRecord {
  id: string;
  /** Creation order, 1, 2, 3…: the queue runs the lowest queued first. */
  seq: number;
  source: SourceInfo;
  spec: JobSpec;
  status: StoredJobStatus;
  /** Images (times) handled so far, and how many the job has. */
  done: number;
  total: number;
  skipped: StoredSkip[];
  error: SerializedError | null;
  manifest: Manifest | null;
  /** Which decoder made the job's frames, once it has finished (`webcodecs` only when every frame did). */
  decoder: DecoderName | null;
  /** Epoch ms. */
  createdAt: number;
  startedAt: number | null;
  /** Epoch ms when the first and the latest image were done (null before the first). */
  firstStepAt: number | null;
  lastStepAt: number | null;
  finishedAt: number | null;
  /** True when the input video is saved too (so "Re-run" needs no file picker). */
  inputKept: boolean;
}

/** The storage figures of the origin, bytes (`navigator.storage.estimate()`). */
export interface QuotaEstimate {
  usageBytes: number;
  quotaBytes: number;
}

/** Inputs larger than this (bytes) are never saved: copying them into the browser's storage costs time and disk. */
export const INPUT_KEEP_CAP_BYTES = 256e6;

/**
 * Share of the free quota that saving must leave free (0..1): Chromium's estimate is approximate, and other data of
 * the origin (the app's offline cache) grows too.
 */
export const QUOTA_MARGIN = 0.2;

/** "12.3 MB" (decimal megabytes, one decimal). */
export function megabytes(bytes: number): string {
  return `${(bytes / 1e6).toFixed(1)} MB`;
}

/** Free bytes left for saving: (quota − usage) minus the {@link QUOTA_MARGIN}, never below 0. */
export function freeForSaving(estimate: QuotaEstimate): number {
  return Math.max(0, (estimate.quotaBytes - estimate.usageBytes) * (1 - QUOTA_MARGIN));
}

/**
 * Whether a job's input video is saved with it, so that an interrupted job can be re-run without choosing the file
 * again: when it is at most {@link INPUT_KEEP_CAP_BYTES} and takes at most half of {@link freeForSaving} (the other
 * half stays for outputs). Without an estimate (storage unavailable) it is not saved.
 * @param sizeBytes the video's size.
 */
export function shouldKeepInput(sizeBytes: number, estimate: QuotaEstimate | null): boolean {
  if (!estimate) return false;
  return sizeBytes <= INPUT_KEEP_CAP_BYTES && sizeBytes <= freeForSaving(estimate) / 2;
}

/**
 * Checks that `bytes` more can be saved, given the estimate and the bytes already written since it was taken.
 * @returns null when they fit, else the sentence for the job card (with the figures).
 */
export function quotaProblem(bytes: number, writtenSinceEstimate: number, estimate: QuotaEstimate): string | null {
  const free = freeForSaving(estimate) - writtenSinceEstimate;
  if (bytes <= free) return null;
  return (
    `This job's results will not survive a page reload: the browser's storage for this site is nearly full ` +
    `(${megabytes(Math.max(0, free))} free to use, an image needs ${megabytes(bytes)}). ` +
    `Download them now, or use "Clear results" to make room.`
  );
}

/** The job-card sentence when the browser refused to save (storage turned off, IndexedDB unavailable, quota). */
export function storageFailedNote(reason: string): string {
  return `This job's results will not survive a page reload: the browser did not let Snapframe save them (${reason}). The job itself is not affected.`;
}

/** A saved job as the page shows it after a reload: queued or processing ones were cut off by the reload. */
export function restoredStatus(status: StoredJobStatus): StoredJobStatus {
  return status === 'queued' || status === 'processing' ? 'interrupted' : status;
}

/**
 * The sentence an interrupted job shows.
 * @param outputs how many of its outputs were saved before the reload.
 */
export function interruptedMessage(record: Pick<JobRecord, 'source' | 'done' | 'total' | 'inputKept'>, outputs: number): string {
  const kept = outputs === 0 ? 'nothing was saved' : `the ${outputs} file${outputs === 1 ? '' : 's'} made before are shown`;
  const how = record.inputKept ? 'Re-run it to make them all.' : `Re-run it and choose ${record.source.name} again to make them all.`;
  return `This job was interrupted by a page reload after ${record.done} of ${record.total} images (${kept}). ${how}`;
}

/**
 * Checks that a file chosen to re-run a job is the job's video: same name and same size in bytes.
 * @returns null when it matches, else a sentence naming both files.
 */
export function inputMismatch(expected: { name: string; size: number }, chosen: { name: string; size: number }): string | null {
  if (chosen.name === expected.name && chosen.size === expected.size) return null;
  const what =
    chosen.name !== expected.name
      ? `${chosen.name} is not ${expected.name}`
      : `${chosen.name} is ${chosen.size} bytes, the job's video was ${expected.size} bytes`;
  return `${what}: choose ${expected.name} (${expected.size} bytes) to re-run this job.`;
}

/** Records in the jobs list's order: newest first (highest `seq` first). */
export function newestFirst<R extends Pick<JobRecord, 'seq'>>(records: readonly R[]): R[] {
  return [...records].sort((a, b) => b.seq - a.seq);
}
