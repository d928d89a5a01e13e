/**
 * Saving jobs as they run, and loading them back: the glue between the jobs slice
 * and store/resultsDb.ts. A job's record is written when it is queued, again when it starts, with every output (the
 * output's Blob and the record's progress in one transaction, so a reload mid-job keeps what was made) and when it
 * ends. Storage never fails a job: any refusal (no IndexedDB, storage turned off, QuotaExceededError) or a quota check that
 * says the outputs will not fit turns saving off for that job, deletes what was saved of it, and reports a sentence
 * for its card; the job goes on in memory.
 *
 * Writes of one job run one after another (a promise chain per job). "Clear results" bumps a generation number:
 * writes queued before it are dropped, then everything saved is deleted.
 */
import type { VideoInput } from '../engine/videoInput';
import { isRemote } from '../core/remote/remoteVideo';
import {
  restoredStatus,
  quotaProblem,
  shouldKeepInput,
  storageFailedNote,
  type JobRecord,
  type QuotaEstimate,
} from '../core/job/storedJobs';
import type { OutputFile } from '../engine/api';
import {
  clearSavedJobs,
  deleteSavedJob,
  dropJobInput,
  estimateQuota,
  getJobOutputs,
  loadSavedJobs,
  putJobInput,
  putJobOutput,
  putJobRecord,
  requestPersistentStorage,
} from './resultsDb';
import type { Job, JobStorage } from './job';

/** How the slice hears about saving: a change to the job's `storage`, computed from its current value. */
export type StorageReport = (id: string, patch: (storage: JobStorage) => Partial<JobStorage>) => void;

/** The slice's side: the job as it is now (undefined once removed), and where storage changes go. */
interface Connection {
  getJob: (id: string) => Job | undefined;
  report: StorageReport;
}

let connection: Connection = { getJob: () => undefined, report: () => undefined };

/** Connects the jobs slice (called once by createJobsSlice). */
export function connectPersistence(next: Connection): void {
  connection = next;
}

const chains = new Map<string, Promise<void>>();
/** Jobs whose saving was turned off (quota or a storage error): later writes are skipped. */
const off = new Set<string>();
let generation = 0;
/** The latest quota estimate (taken when a job is queued) and the bytes written since. */
let estimate: QuotaEstimate | null = null;
let writtenSinceEstimate = 0;

/** The saved form of a job. */
export function recordOf(job: Job): JobRecord {
  return {
    id: job.id,
    seq: job.seq,
    source: job.source,
    spec: job.spec,
    status: job.status,
    done: job.done,
    total: job.total,
    skipped: job.skipped,
    error: job.error,
    manifest: job.manifest,
    decoder: job.decoder,
    createdAt: job.createdAt,
    startedAt: job.startedAt,
    firstStepAt: job.firstStepAt,
    lastStepAt: job.lastStepAt,
    finishedAt: job.finishedAt,
    inputKept: job.storage.inputKept,
  };
}

const reason = (error: unknown) =>
  error instanceof DOMException ? `${error.name}: ${error.message}` : error instanceof Error ? error.message : String(error);

/** Turns saving off for a job: deletes what was saved of it and reports `note`. */
function stopSaving(id: string, note: string): void {
  off.add(id);
  connection.report(id, () => ({ saved: false, note, bytes: 0, inputKept: false }));
  void deleteSavedJob(id).catch(() => undefined);
}

/**
 * Runs `write` with the job as it is then, after the job's earlier writes; skipped when the job is gone, saving is
 * off for it, or results were cleared since it was asked for.
 */
function chain(id: string, write: (job: Job) => Promise<void>): Promise<void> {
  const gen = generation;
  const next = (chains.get(id) ?? Promise.resolve()).then(async () => {
    const job = connection.getJob(id);
    if (gen !== generation || off.has(id) || !job) return;
    try {
      await write(job);
    } catch (error) {
      if (gen === generation) stopSaving(id, storageFailedNote(reason(error)));
    }
  });
  chains.set(id, next);
  // A settled chain is dropped, so that the map holds only jobs with writes pending.
  void next.then(() => {
    if (chains.get(id) === next) chains.delete(id);
  });
  return next;
}

/**
 * A job was queued: takes a quota estimate, saves the input video when the quota rule allows
 * (core `shouldKeepInput`), then the record.
 */
export function saveQueuedJob(id: string): void {
  requestPersistentStorage();
  void chain(id, async (job) => {
    estimate = await estimateQuota();
    writtenSinceEstimate = 0;
    const file = job.file;
    let inputKept = false;
    // A video at a URL is kept as its address (a few bytes), never as the video.
    if (file && (isRemote(file) || shouldKeepInput(file.size, estimate))) {
      inputKept = await putJobInput(id, file).then(
        () => true,
        () => false, // The job is saved without its video; Re-run then asks for the file.
      );
      if (inputKept && !isRemote(file)) writtenSinceEstimate += file.size;
    }
    await putJobRecord({ ...recordOf(job), inputKept });
    connection.report(id, (s) => ({ inputKept, bytes: s.bytes + (inputKept && file && !isRemote(file) ? file.size : 0) }));
  });
}

/** Saves the job's record as it is when the write runs (started, ended). */
export function saveJobRecord(id: string): Promise<void> {
  return chain(id, (job) => putJobRecord(recordOf(job)));
}

/** Saves one output (after checking the quota) with the job's progress. */
export function saveJobOutput(id: string, index: number, output: OutputFile): void {
  void chain(id, async (job) => {
    const problem = estimate ? quotaProblem(output.blob.size, writtenSinceEstimate, estimate) : null;
    if (problem) {
      stopSaving(id, problem);
      return;
    }
    await putJobOutput(recordOf(job), index, output);
    writtenSinceEstimate += output.blob.size;
    connection.report(id, (s) => ({ bytes: s.bytes + output.blob.size }));
  });
}

/**
 * Saves the job's final record (dropping its saved video: only a job cut off by a reload needs it), then reads its
 * outputs back from the browser's storage (disk-backed Blobs in Chromium) so that the page can drop the in-memory
 * copies. @returns them, or null when the job is not saved or the count differs from `expected` (the caller keeps
 * the in-memory ones).
 */
export async function saveEndedJob(id: string, expected: number): Promise<OutputFile[] | null> {
  await chain(id, async (job) => {
    if (!job.storage.inputKept) return putJobRecord(recordOf(job));
    await dropJobInput({ ...recordOf(job), inputKept: false });
    const size = job.file?.size ?? 0;
    connection.report(id, (s) => ({ inputKept: false, bytes: Math.max(0, s.bytes - size) }));
  });
  if (off.has(id) || !connection.getJob(id)) return null;
  try {
    const outputs = await getJobOutputs(id);
    return outputs.length === expected ? outputs : null;
  } catch {
    return null;
  }
}

/** Deletes one saved job, after its pending writes and those of job `afterId` (when given). */
export function forgetJob(id: string, afterId?: string): void {
  const gen = generation;
  const before = Promise.all([chains.get(id), afterId === undefined ? undefined : chains.get(afterId)]);
  const next = before.then(() => (gen === generation ? deleteSavedJob(id) : undefined)).catch(() => undefined);
  chains.set(id, next);
}

/** "Clear results": drops pending writes and deletes every saved job. @throws the storage's error. */
export async function clearAllSaved(): Promise<void> {
  generation++;
  const pending = [...chains.values()];
  chains.clear();
  off.clear();
  await Promise.allSettled(pending);
  await clearSavedJobs();
}

/** A saved job as loaded: its record (queued or processing ones become `interrupted`), outputs and kept input. */
export interface LoadedJob {
  record: JobRecord;
  outputs: OutputFile[];
  input: VideoInput | null;
}

/** Every saved job as the page shows it after a reload; [] when nothing can be read (no IndexedDB…). */
export async function loadJobs(): Promise<LoadedJob[]> {
  try {
    const saved = await loadSavedJobs();
    return saved.map((s) => ({ ...s, record: { ...s.record, status: restoredStatus(s.record.status) } }));
  } catch {
    return [];
  }
}
