/**
 * The browser storage of saved jobs: IndexedDB through `idb` (jakearchibald/idb,
 * a 1 kB promise wrapper), database `snapframe-results`.
 *
 * Why IndexedDB rather than OPFS: a job is a record plus a few Blobs, and IndexedDB stores Blobs and Files as they
 * are, in the same transaction as the record (a reload never leaves an output without its job or the reverse);
 * Chromium keeps stored Blobs on disk and hands back disk-backed Blobs, so reading results back costs no renderer
 * memory. OPFS would need our own file naming, a JSON index kept in step by hand, and (for writes from the page)
 * async streams without transactions. Settings stay in zustand persist (docs/ARCHITECTURE.md convention 8: never blobs there).
 *
 * Stores: `jobs` (key `id`: a core/storedJobs JobRecord), `outputs` (key [jobId, index]: { jobId, index, output }
 * with the output's Blob), `inputs` (key jobId: the job's input File, when kept).
 * Every function rejects with the browser's DOMException (QuotaExceededError, InvalidStateError, …) or, when
 * IndexedDB is missing, an Error saying so; callers (store/persistJobs.ts) turn those into a note on the job.
 */
import type { VideoInput } from '../engine/videoInput';
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { JobRecord, QuotaEstimate } from '../core/job/storedJobs';
import type { OutputFile } from '../engine/api';

interface StoredOutput {
  jobId: string;
  /** Order in which the job produced it, 0, 1, 2… */
  index: number;
  output: OutputFile;
}

interface ResultsSchema extends DBSchema {
  jobs: { key: string; value: JobRecord };
  outputs: { key: [string, number]; value: StoredOutput };
  inputs: { key: string; value: VideoInput };
}

/** A saved job with everything saved for it. */
export interface SavedJob {
  record: JobRecord;
  /** In production order. */
  outputs: OutputFile[];
  input: VideoInput | null;
}

const DB_NAME = 'snapframe-results';
let dbPromise: Promise<IDBPDatabase<ResultsSchema>> | null = null;

/** Opens (once) the database. @throws Error when the browser has no IndexedDB, or its open error. */
function db(): Promise<IDBPDatabase<ResultsSchema>> {
  if (typeof indexedDB === 'undefined') return Promise.reject(new Error('IndexedDB is not available in this browser'));
  dbPromise ??= openDB<ResultsSchema>(DB_NAME, 1, {
    upgrade(database) {
      database.createObjectStore('jobs', { keyPath: 'id' });
      database.createObjectStore('outputs', { keyPath: ['jobId', 'index'] });
      database.createObjectStore('inputs');
    },
  }).catch((error: unknown) => {
    dbPromise = null;
    throw error;
  });
  return dbPromise;
}

/** Every output key of one job: [id, 0] … [id, +∞]. */
const outputsOf = (jobId: string) => IDBKeyRange.bound([jobId, 0], [jobId, Infinity]);

/** Saves (or replaces) a job's record. */
export async function putJobRecord(record: JobRecord): Promise<void> {
  await (await db()).put('jobs', record);
}

/** Saves one output of a job and the job's record (its progress) in one transaction. */
export async function putJobOutput(record: JobRecord, index: number, output: OutputFile): Promise<void> {
  const tx = (await db()).transaction(['jobs', 'outputs'], 'readwrite');
  await Promise.all([tx.objectStore('outputs').put({ jobId: record.id, index, output }), tx.objectStore('jobs').put(record), tx.done]);
}

/** Saves a job's input video (Chromium copies it into its blob store on disk). */
export async function putJobInput(jobId: string, file: VideoInput): Promise<void> {
  await (await db()).put('inputs', file, jobId);
}

/** Deletes a job's saved input video (once the job has ended), with the record that no longer mentions it. */
export async function dropJobInput(record: JobRecord): Promise<void> {
  const tx = (await db()).transaction(['jobs', 'inputs'], 'readwrite');
  await Promise.all([tx.objectStore('inputs').delete(record.id), tx.objectStore('jobs').put(record), tx.done]);
}

/** One job's saved outputs, in production order, as disk-backed Blobs. */
export async function getJobOutputs(jobId: string): Promise<OutputFile[]> {
  const rows = await (await db()).getAll('outputs', outputsOf(jobId));
  return rows.sort((a, b) => a.index - b.index).map((row) => row.output);
}

/** Every saved job with its outputs and input, in no particular order. */
export async function loadSavedJobs(): Promise<SavedJob[]> {
  const database = await db();
  const tx = database.transaction(['jobs', 'outputs', 'inputs'], 'readonly');
  const [records, outputs, inputKeys] = await Promise.all([
    tx.objectStore('jobs').getAll(),
    tx.objectStore('outputs').getAll(),
    tx.objectStore('inputs').getAllKeys(),
  ]);
  const inputs = new Map<string, VideoInput>();
  for (const key of inputKeys) {
    const file = await tx.objectStore('inputs').get(key);
    if (file) inputs.set(key, file);
  }
  await tx.done;
  const byJob = new Map<string, StoredOutput[]>();
  for (const row of outputs) byJob.set(row.jobId, [...(byJob.get(row.jobId) ?? []), row]);
  return records.map((record) => ({
    record,
    outputs: (byJob.get(record.id) ?? []).sort((a, b) => a.index - b.index).map((row) => row.output),
    input: inputs.get(record.id) ?? null,
  }));
}

/** Deletes one job: record, outputs and input. */
export async function deleteSavedJob(jobId: string): Promise<void> {
  const tx = (await db()).transaction(['jobs', 'outputs', 'inputs'], 'readwrite');
  await Promise.all([
    tx.objectStore('jobs').delete(jobId),
    tx.objectStore('outputs').delete(outputsOf(jobId)),
    tx.objectStore('inputs').delete(jobId),
    tx.done,
  ]);
}

/** Deletes every saved job, output and input (nothing to do where there is no IndexedDB). */
export async function clearSavedJobs(): Promise<void> {
  if (typeof indexedDB === 'undefined') return;
  const tx = (await db()).transaction(['jobs', 'outputs', 'inputs'], 'readwrite');
  await Promise.all([tx.objectStore('jobs').clear(), tx.objectStore('outputs').clear(), tx.objectStore('inputs').clear(), tx.done]);
}

/** The origin's storage figures (`navigator.storage.estimate()`), or null when the browser gives none. */
export async function estimateQuota(): Promise<QuotaEstimate | null> {
  try {
    const { usage, quota } = await navigator.storage.estimate();
    return usage === undefined || quota === undefined ? null : { usageBytes: usage, quotaBytes: quota };
  } catch {
    return null;
  }
}

let persistAsked = false;

/**
 * Asks once per page for persistent storage (`navigator.storage.persist()`), so that the browser does not evict saved
 * results under disk pressure. Chromium grants or denies without a prompt (by site engagement). Never throws.
 */
export function requestPersistentStorage(): void {
  if (persistAsked || typeof navigator === 'undefined') return;
  persistAsked = true;
  void navigator.storage?.persist?.().catch(() => false);
}
