/**
 * Jobs (SPEC "Jobs"): one video plus one spec each, queued and run one after another on the job engine. Progress is
 * raw state (images done, timestamps); fractions, elapsed time and estimates are selectors (store/selectors.ts).
 */
import type { VideoInput } from '../engine/videoInput';
import type { StateCreator } from 'zustand';
import { toSnapframeError } from '../core/job/errors';
import { checkJobSpec, requestedTimes, type FieldProblem } from '../core/job/spec';
import { newestFirst } from '../core/job/storedJobs';
import type { JobSpec, SourceInfo } from '../core/job/types';
import { createSnapshotJob } from '../engine/api';
import type { Job } from './job';
import type { StoreState } from './index';
import {
  type LoadedJob,
  clearAllSaved,
  connectPersistence,
  forgetJob,
  loadJobs,
  saveEndedJob,
  saveJobOutput,
  saveJobRecord,
  saveQueuedJob,
} from './persistJobs';

/** A video that "Create snapshots for N videos" left out, and why. */
export interface BatchSkip {
  sourceId: number;
  name: string;
  problems: FieldProblem[];
}

/** What "Create snapshots for N videos" did: the ids of the jobs queued, in file order, and the files skipped. */
export interface BatchResult {
  queued: string[];
  skipped: BatchSkip[];
}

export interface JobsSlice {
  /** Every job of the session, newest first (highest `seq` first). */
  jobs: Job[];
  /** Ids of the jobs of the current run: those queued since the queue was last idle (for "(3/10)" in the title). */
  runJobIds: string[];
  /** The job whose results are shown; null: the newest job that has any. */
  shownJobId: string | null;
  /** Shows a job's results (its card's "Show results", a toast's "Show", a job ending). */
  showJob: (id: string | null) => void;
  /** Validates the form against the current source; queues a job, or records the problems. @returns the job id */
  createJob: () => string | null;
  /**
   * Applies the form to every ready video (core `checkJobSpec` per video) and queues one job per video whose spec
   * holds, in the order of the file list; the others are returned with their problems. The current video's
   * problems are also shown in the form.
   */
  createJobsForAll: () => BatchResult;
  /**
   * Queues a new run of a failed, cancelled or interrupted job: same spec, the job's file or `file` (for a job
   * loaded without its video; the caller checks it with core `inputMismatch`). An interrupted job is replaced by the
   * new run. @returns the new job's id, or null (not retryable, or no file).
   */
  retryJob: (id: string, file?: VideoInput) => string | null;
  /** Cancels a queued job at once, or aborts a running one (its engine is terminated). */
  cancelJob: (id: string) => void;
  /** Loads the jobs saved in the browser (at app start) after the ones in the list. */
  restoreJobs: () => Promise<void>;
  /**
   * "Clear results": cancels the active jobs, empties the list, revokes nothing (no URL is stored) and deletes every
   * saved job. @throws the storage's error (the list is emptied anyway).
   */
  clearJobs: () => Promise<void>;
}

const controllers = new Map<string, AbortController>();
let nextSeq = 1;

/** A queued job, not yet started. */
function newJob(file: VideoInput, source: SourceInfo, spec: JobSpec, total: number): Job {
  return {
    id: crypto.randomUUID(),
    seq: nextSeq++,
    file,
    source,
    spec,
    status: 'queued',
    done: 0,
    total,
    outputs: [],
    skipped: [],
    error: null,
    manifest: null,
    decoder: null,
    createdAt: Date.now(),
    startedAt: null,
    firstStepAt: null,
    lastStepAt: null,
    finishedAt: null,
    storage: { saved: true, bytes: 0, inputKept: false, note: null },
  };
}

/**
 * `files` in the order of the same-named files of `order` (outputs are saved in the order they were made, which
 * several job workers make out of time order); files not in `order` go last.
 */
function inOrderOf<T extends { name: string }>(order: readonly { name: string }[], files: readonly T[]): T[] {
  const rank = new Map(order.map((f, i) => [f.name, i]));
  const at = (f: T) => rank.get(f.name) ?? order.length;
  return [...files].sort((a, b) => at(a) - at(b));
}

/** A job loaded after a reload (store/persistJobs.ts `loadJobs`). */
function loadedJob({ record, outputs, input }: LoadedJob): Job {
  const bytes = outputs.reduce((sum, o) => sum + o.blob.size, 0) + (input?.size ?? 0);
  const { inputKept: _kept, ...fields } = record;
  const ordered = record.manifest ? inOrderOf(record.manifest.files, outputs) : outputs;
  return { ...fields, file: input, outputs: ordered, storage: { saved: true, bytes, inputKept: input !== null, note: null } };
}

const isActive = (job: Job) => job.status === 'queued' || job.status === 'processing';

export const createJobsSlice: StateCreator<StoreState, [], [], JobsSlice> = (set, get) => {
  const update = (id: string, patch: Partial<Job> | ((job: Job) => Partial<Job>)) =>
    set((state) => ({
      jobs: state.jobs.map((job) => (job.id === id ? { ...job, ...(typeof patch === 'function' ? patch(job) : patch) } : job)),
    }));
  connectPersistence({
    getJob: (id) => get().jobs.find((j) => j.id === id),
    report: (id, patch) => update(id, (job) => ({ storage: { ...job.storage, ...patch(job.storage) } })),
  });

  /**
   * Puts new jobs (given in queue order) into the list, which stays newest first (the last of a batch on top, as
   * features/results relies on), and into the current run; then starts the queue.
   */
  const enqueue = (fresh: Job[]) => {
    if (fresh.length === 0) return;
    set((state) => ({
      jobs: [...[...fresh].reverse(), ...state.jobs],
      runJobIds: [...(state.jobs.some(isActive) ? state.runJobIds : []), ...fresh.map((j) => j.id)],
      // The results follow the newest job again: its images stream in as they come.
      shownJobId: null,
    }));
    for (const job of fresh) saveQueuedJob(job.id);
    void runNext();
  };

  /** Runs queued jobs one after another (one engine worker), lowest `seq` first. */
  const runNext = async (): Promise<void> => {
    const { jobs } = get();
    if (jobs.some((j) => j.status === 'processing')) return;
    const job = jobs.filter((j) => j.status === 'queued').reduce<Job | null>((a, j) => (a && a.seq < j.seq ? a : j), null);
    if (!job?.file) return;
    const file = job.file;
    const controller = new AbortController();
    controllers.set(job.id, controller);
    update(job.id, { status: 'processing', startedAt: Date.now() });
    void saveJobRecord(job.id);
    try {
      const result = await createSnapshotJob(file, job.source, job.spec, {
        jobId: job.id,
        signal: controller.signal,
        workers: get().jobWorkers ?? null,
        onProgress: ({ done, total }) =>
          update(job.id, (j) => {
            if (done <= j.done) return { done, total };
            const now = Date.now();
            return { done, total, lastStepAt: now, firstStepAt: j.firstStepAt ?? now };
          }),
        onOutput: (output) => {
          const index = get().jobs.find((j) => j.id === job.id)?.outputs.length ?? 0;
          update(job.id, (j) => ({ outputs: [...j.outputs, output] }));
          saveJobOutput(job.id, index, output);
        },
      });
      // result.outputs is in the manifest's (time) order; several job workers streamed them out of order.
      update(job.id, (j) => ({
        status: 'finished',
        finishedAt: Date.now(),
        manifest: result.manifest,
        skipped: result.skipped,
        decoder: result.decoder,
        outputs: result.outputs.length === j.outputs.length ? result.outputs : j.outputs,
      }));
    } catch (raw) {
      const error = toSnapframeError(raw);
      const status = error.code === 'Cancelled' ? 'cancelled' : 'failed';
      update(job.id, { status, finishedAt: Date.now(), error: status === 'failed' ? error.toJSON() : null });
    } finally {
      controllers.delete(job.id);
    }
    void swapInSavedOutputs(job.id);
    void runNext();
  };

  /**
   * Once an ended job is saved, replaces its in-memory output Blobs by the ones read back from the browser's storage
   * (disk-backed in Chromium), so that ended jobs do not keep their images in the page's memory.
   */
  const swapInSavedOutputs = async (id: string) => {
    const expected = get().jobs.find((j) => j.id === id)?.outputs.length ?? 0;
    const saved = await saveEndedJob(id, expected);
    if (saved) update(id, (j) => (j.outputs.length === saved.length ? { outputs: inOrderOf(j.outputs, saved) } : {}));
  };

  return {
    jobs: [],
    runJobIds: [],
    shownJobId: null,
    showJob: (id) => set({ shownJobId: id }),
    createJob: () => {
      const { source, specInput, setSpecProblems } = get();
      if (!source?.info) return null;
      const { spec, problems, plannedTimesMs } = checkJobSpec(specInput, source.info);
      setSpecProblems(problems);
      if (!spec) return null;
      const job = newJob(source.file, source.info, spec, plannedTimesMs.length);
      enqueue([job]);
      return job.id;
    },
    createJobsForAll: () => {
      const { sources, source: current, specInput, setSpecProblems } = get();
      const fresh: Job[] = [];
      const skipped: BatchSkip[] = [];
      for (const source of sources) {
        if (source.status !== 'ready' || !source.info) continue;
        const { spec, problems, plannedTimesMs } = checkJobSpec(specInput, source.info);
        if (source.id === current?.id) setSpecProblems(problems);
        if (spec) fresh.push(newJob(source.file, source.info, spec, plannedTimesMs.length));
        else skipped.push({ sourceId: source.id, name: source.file.name, problems });
      }
      enqueue(fresh);
      return { queued: fresh.map((j) => j.id), skipped };
    },
    retryJob: (id, chosen) => {
      const old = get().jobs.find((j) => j.id === id);
      if (!old || (old.status !== 'failed' && old.status !== 'cancelled' && old.status !== 'interrupted')) return null;
      const file = chosen ?? old.file;
      if (!file) return null;
      const total = requestedTimes(old.spec).length;
      const job = newJob(file, old.source, old.spec, total);
      if (old.status === 'interrupted') set((state) => ({ jobs: state.jobs.filter((j) => j.id !== id) }));
      enqueue([job]);
      // After the new job's first writes: it may save the same File, read from the old job's saved copy.
      if (old.status === 'interrupted') forgetJob(id, job.id);
      return job.id;
    },
    cancelJob: (id) => {
      const job = get().jobs.find((j) => j.id === id);
      if (!job) return;
      if (job.status === 'queued') update(id, { status: 'cancelled', finishedAt: Date.now() });
      controllers.get(id)?.abort();
    },
    restoreJobs: async () => {
      const loaded = await loadJobs();
      if (loaded.length === 0) return;
      const present = new Set(get().jobs.map((j) => j.id));
      const jobs = newestFirst(loaded.filter((l) => !present.has(l.record.id)).map(loadedJob));
      nextSeq = Math.max(nextSeq, ...jobs.map((j) => j.seq + 1));
      set((state) => ({ jobs: [...state.jobs, ...jobs] }));
    },
    clearJobs: async () => {
      for (const job of get().jobs) if (isActive(job)) controllers.get(job.id)?.abort();
      set({ jobs: [], runJobIds: [], shownJobId: null });
      await clearAllSaved();
    },
  };
};
