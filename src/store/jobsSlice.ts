/**
 * Jobs (SPEC "Jobs"): one video plus one spec each, queued and run one after another on the job engine. Progress is
 * raw state (images done, timestamps); fractions, elapsed time and estimates are selectors (store/selectors.ts).
 */
import type { StateCreator } from 'zustand';
import { toSnapframeError, type SerializedError } from '../core/errors';
import type { Manifest } from '../core/manifest';
import { checkJobSpec, type FieldProblem } from '../core/spec';
import type { DecoderName, JobSpec, SourceInfo } from '../core/types';
import { createSnapshotJob, type OutputFile, type SkippedTime } from '../engine/api';
import type { StoreState } from './index';

export type JobStatus = 'queued' | 'processing' | 'finished' | 'failed' | 'cancelled';

/** An output file of a job, with an object URL for display and download. */
export type ResultFile = OutputFile & { url: string };

/** A job (SPEC "Jobs"): one video plus one spec. Progress is raw counts; fractions are selectors. */
export interface Job {
  id: string;
  /** Creation order, 1, 2, 3…: the queue runs the lowest queued first. */
  seq: number;
  file: File;
  source: SourceInfo;
  spec: JobSpec;
  status: JobStatus;
  /** Images (times) handled so far, and how many the job has. */
  done: number;
  total: number;
  outputs: ResultFile[];
  skipped: SkippedTime[];
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
}

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
  /** Validates the form against the current source; queues a job, or records the problems. @returns the job id */
  createJob: () => string | null;
  /**
   * Applies the form to every ready video (core `checkJobSpec` per video) and queues one job per video whose spec
   * holds, in the order of the file list; the others are returned with their problems. The current video's
   * problems are also shown in the form.
   */
  createJobsForAll: () => BatchResult;
  /** Queues a new run of a failed or cancelled job: same file, same spec. @returns the new job's id, or null. */
  retryJob: (id: string) => string | null;
  /** Cancels a queued job at once, or aborts a running one (its engine is terminated). */
  cancelJob: (id: string) => void;
}

const controllers = new Map<string, AbortController>();
let nextSeq = 1;

/** A queued job, not yet started. */
function newJob(file: File, source: SourceInfo, spec: JobSpec, total: number): Job {
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
  };
}

const isActive = (job: Job) => job.status === 'queued' || job.status === 'processing';

export const createJobsSlice: StateCreator<StoreState, [], [], JobsSlice> = (set, get) => {
  const update = (id: string, patch: Partial<Job> | ((job: Job) => Partial<Job>)) =>
    set((state) => ({
      jobs: state.jobs.map((job) => (job.id === id ? { ...job, ...(typeof patch === 'function' ? patch(job) : patch) } : job)),
    }));

  /**
   * Puts new jobs (given in queue order) into the list, which stays newest first (the last of a batch on top, as
   * features/results relies on), and into the current run; then starts the queue.
   */
  const enqueue = (fresh: Job[]) => {
    if (fresh.length === 0) return;
    set((state) => ({
      jobs: [...[...fresh].reverse(), ...state.jobs],
      runJobIds: [...(state.jobs.some(isActive) ? state.runJobIds : []), ...fresh.map((j) => j.id)],
    }));
    void runNext();
  };

  /** Runs queued jobs one after another (one engine worker), lowest `seq` first. */
  const runNext = async (): Promise<void> => {
    const { jobs } = get();
    if (jobs.some((j) => j.status === 'processing')) return;
    const job = jobs.filter((j) => j.status === 'queued').reduce<Job | null>((a, j) => (a && a.seq < j.seq ? a : j), null);
    if (!job) return;
    const controller = new AbortController();
    controllers.set(job.id, controller);
    update(job.id, { status: 'processing', startedAt: Date.now() });
    try {
      const result = await createSnapshotJob(job.file, job.source, job.spec, {
        jobId: job.id,
        signal: controller.signal,
        onProgress: ({ done, total }) =>
          update(job.id, (j) => {
            if (done <= j.done) return { done, total };
            const now = Date.now();
            return { done, total, lastStepAt: now, firstStepAt: j.firstStepAt ?? now };
          }),
        onOutput: (output) =>
          update(job.id, (j) => ({ outputs: [...j.outputs, { ...output, url: URL.createObjectURL(output.blob) }] })),
      });
      update(job.id, { status: 'finished', finishedAt: Date.now(), manifest: result.manifest, skipped: result.skipped, decoder: result.decoder });
    } catch (raw) {
      const error = toSnapframeError(raw);
      const status = error.code === 'Cancelled' ? 'cancelled' : 'failed';
      update(job.id, { status, finishedAt: Date.now(), error: status === 'failed' ? error.toJSON() : null });
    } finally {
      controllers.delete(job.id);
    }
    void runNext();
  };

  return {
    jobs: [],
    runJobIds: [],
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
    retryJob: (id) => {
      const old = get().jobs.find((j) => j.id === id);
      if (!old || (old.status !== 'failed' && old.status !== 'cancelled')) return null;
      const total = old.spec.mode === 'offsets' ? old.spec.offsetsMs.length : old.spec.timesMs.length;
      const job = newJob(old.file, old.source, old.spec, total);
      enqueue([job]);
      return job.id;
    },
    cancelJob: (id) => {
      const job = get().jobs.find((j) => j.id === id);
      if (!job) return;
      if (job.status === 'queued') update(id, { status: 'cancelled', finishedAt: Date.now() });
      controllers.get(id)?.abort();
    },
  };
};
