import type { StateCreator } from 'zustand';
import { toSnapframeError, type SerializedError } from '../core/errors';
import type { Manifest } from '../core/manifest';
import { checkJobSpec } from '../core/spec';
import type { JobSpec, SourceInfo } from '../core/types';
import { createSnapshotJob, type OutputFile, type SkippedTime } from '../engine/api';
import type { StoreState } from './index';

export type JobStatus = 'queued' | 'processing' | 'finished' | 'failed' | 'cancelled';

/** An output file of a job, with an object URL for display and download. */
export type ResultFile = OutputFile & { url: string };

/** A job (SPEC "Jobs"): one video plus one spec. Progress is raw counts; fractions are selectors. */
export interface Job {
  id: string;
  file: File;
  source: SourceInfo;
  spec: JobSpec;
  status: JobStatus;
  done: number;
  total: number;
  outputs: ResultFile[];
  skipped: SkippedTime[];
  error: SerializedError | null;
  manifest: Manifest | null;
  /** Epoch ms. */
  createdAt: number;
  startedAt: number | null;
  finishedAt: number | null;
}

export interface JobsSlice {
  jobs: Job[];
  /** Validates the form against the current source; queues a job, or records the problems. @returns the job id */
  createJob: () => string | null;
  cancelJob: (id: string) => void;
}

const controllers = new Map<string, AbortController>();

export const createJobsSlice: StateCreator<StoreState, [], [], JobsSlice> = (set, get) => {
  const update = (id: string, patch: Partial<Job> | ((job: Job) => Partial<Job>)) =>
    set((state) => ({
      jobs: state.jobs.map((job) => (job.id === id ? { ...job, ...(typeof patch === 'function' ? patch(job) : patch) } : job)),
    }));

  /** Runs queued jobs one after another (one engine worker). */
  const runNext = async (): Promise<void> => {
    const { jobs } = get();
    if (jobs.some((j) => j.status === 'processing')) return;
    const job = jobs.find((j) => j.status === 'queued');
    if (!job) return;
    const controller = new AbortController();
    controllers.set(job.id, controller);
    update(job.id, { status: 'processing', startedAt: Date.now() });
    try {
      const result = await createSnapshotJob(job.file, job.source, job.spec, {
        jobId: job.id,
        signal: controller.signal,
        onProgress: ({ done, total }) => update(job.id, { done, total }),
        onOutput: (output) =>
          update(job.id, (j) => ({ outputs: [...j.outputs, { ...output, url: URL.createObjectURL(output.blob) }] })),
      });
      update(job.id, { status: 'finished', finishedAt: Date.now(), manifest: result.manifest, skipped: result.skipped });
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
    createJob: () => {
      const { source, specInput, setSpecProblems } = get();
      if (!source?.info) return null;
      const { spec, problems, plannedTimesMs } = checkJobSpec(specInput, source.info);
      setSpecProblems(problems);
      if (!spec) return null;
      const job: Job = {
        id: crypto.randomUUID(),
        file: source.file,
        source: source.info,
        spec,
        status: 'queued',
        done: 0,
        total: plannedTimesMs.length,
        outputs: [],
        skipped: [],
        error: null,
        manifest: null,
        createdAt: Date.now(),
        startedAt: null,
        finishedAt: null,
      };
      set((state) => ({ jobs: [job, ...state.jobs] }));
      void runNext();
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
