import type { Job } from './jobsSlice';

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
