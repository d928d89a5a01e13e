/**
 * Derived values of the store (docs/ARCHITECTURE.md convention 4): the store keeps raw progress (images done, timestamps);
 * fractions, durations, estimates and counts are computed here. Pure: no DOM, no React.
 */
import type { Job } from './job';
import type { Source } from './sourceSlice';

/** Fraction of a job's images done, 0..1. */
export function jobFraction(job: Pick<Job, 'done' | 'total'>): number {
  return job.total === 0 ? 0 : Math.min(1, job.done / job.total);
}

/** Wall time of a job, ms: running time so far, or start to finish. */
export function jobElapsedMs(job: Pick<Job, 'startedAt' | 'finishedAt'>, now: number): number {
  if (job.startedAt === null) return 0;
  return (job.finishedAt ?? now) - job.startedAt;
}

/** True while the job can still be cancelled. */
export function isActive(job: Pick<Job, 'status'>): boolean {
  return job.status === 'queued' || job.status === 'processing';
}

/** True once the job has ended: finished, failed, cancelled or interrupted (by a page reload). */
export function isEnded(job: Pick<Job, 'status'>): boolean {
  return !isActive(job);
}

/** True when Retry (Re-run for an interrupted job) applies: the job failed, was cancelled or was interrupted. */
export function canRetry(job: Pick<Job, 'status'>): boolean {
  return job.status === 'failed' || job.status === 'cancelled' || job.status === 'interrupted';
}

/** Bytes the jobs have saved in the browser (outputs, and inputs when kept), for "Results stored in this browser". */
export function savedBytes(jobs: readonly Pick<Job, 'storage'>[]): number {
  return jobs.reduce((sum, job) => sum + (job.storage.saved ? job.storage.bytes : 0), 0);
}

/**
 * Estimated time left of a running job, ms, or null when there is nothing to base it on yet (no image done) or the
 * job is not running.
 *
 * The rate is the time per image measured so far. From the second image on it is measured from the first image
 * ((lastStepAt − firstStepAt) / (done − 1)), which leaves out the engine's start-up (loading ffmpeg.wasm, opening
 * the file) that only the first image pays; with one image done it is elapsed / done. The estimate is
 * rate × (total − done), minus the time already spent on the image in progress (now − lastStepAt), never below 0.
 *
 * @param now epoch ms.
 */
export function jobRemainingMs(
  job: Pick<Job, 'status' | 'done' | 'total' | 'startedAt' | 'firstStepAt' | 'lastStepAt'>,
  now: number,
): number | null {
  if (job.status !== 'processing' || job.startedAt === null || job.lastStepAt === null || job.done <= 0) return null;
  const remaining = Math.max(0, job.total - job.done);
  if (remaining === 0) return 0;
  const perImage =
    job.done >= 2 && job.firstStepAt !== null
      ? (job.lastStepAt - job.firstStepAt) / (job.done - 1)
      : (job.lastStepAt - job.startedAt) / job.done;
  return Math.max(0, Math.round(perImage * remaining - Math.max(0, now - job.lastStepAt)));
}

/** Progress of the current run (the jobs queued since the queue was last idle): jobs ended of jobs, and whether any is still active. */
export interface RunProgress {
  ended: number;
  total: number;
  active: boolean;
}

/**
 * @param jobs every job; @param runJobIds the ids of the current run's jobs (store `runJobIds`).
 * Ids no longer in `jobs` are ignored.
 */
export function runProgress(jobs: readonly Pick<Job, 'id' | 'status'>[], runJobIds: readonly string[]): RunProgress {
  const ids = new Set(runJobIds);
  const run = jobs.filter((j) => ids.has(j.id));
  const ended = run.filter(isEnded).length;
  return { ended, total: run.length, active: ended < run.length };
}

/**
 * The jobs that ended between two states of the list (for notifications): in `next`, ended, and active in `prev`.
 * In `next`'s order. Jobs absent from `prev` are not counted: a job is queued before it runs, so those are jobs
 * loaded after a reload, which ended before it.
 */
export function newlyEnded<J extends Pick<Job, 'id' | 'status'>>(prev: readonly J[], next: readonly J[]): J[] {
  if (prev === next) return [];
  const before = new Map(prev.map((j) => [j.id, j.status]));
  return next.filter((j) => {
    const was = before.get(j.id);
    return isEnded(j) && (was === 'queued' || was === 'processing');
  });
}

/** The videos whose probe succeeded, in list order. */
export function readySources<S extends Pick<Source, 'status'>>(sources: readonly S[]): S[] {
  return sources.filter((s) => s.status === 'ready');
}

/** Finished jobs, oldest first (the order "Download all" packs them). */
export function finishedJobsOldestFirst<J extends Pick<Job, 'status' | 'seq'>>(jobs: readonly J[]): J[] {
  return jobs.filter((j) => j.status === 'finished').sort((a, b) => a.seq - b.seq);
}

/** How the jobs of a run ended so far: counts by outcome, and the names of the videos whose job failed. */
export interface RunCounts {
  done: number;
  failed: number;
  cancelled: number;
  active: number;
  failedNames: string[];
}

/** @param jobs every job; @param runJobIds the ids of the current run's jobs (store `runJobIds`). */
export function runCounts(jobs: readonly Pick<Job, 'id' | 'status' | 'source'>[], runJobIds: readonly string[]): RunCounts {
  const ids = new Set(runJobIds);
  const run = jobs.filter((j) => ids.has(j.id));
  const failed = run.filter((j) => j.status === 'failed');
  return {
    done: run.filter((j) => j.status === 'finished').length,
    failed: failed.length,
    cancelled: run.filter((j) => j.status === 'cancelled' || j.status === 'interrupted').length,
    active: run.filter(isActive).length,
    failedNames: failed.map((j) => j.source.name),
  };
}

/** "2 failed, 6 done, 1 cancelled, 3 to go": failures first, zero counts left out. */
export function runCountsText(c: RunCounts): string {
  const parts = [
    c.failed > 0 ? `${c.failed} failed` : '',
    c.done > 0 ? `${c.done} done` : '',
    c.cancelled > 0 ? `${c.cancelled} cancelled` : '',
    c.active > 0 ? `${c.active} to go` : '',
  ];
  return parts.filter((p) => p !== '').join(', ');
}
