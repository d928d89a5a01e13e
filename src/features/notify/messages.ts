/** The sentences that tell the user a job has ended (toasts and browser notifications). */
import type { Job } from '../../store/job';
import type { RunProgress } from '../../store/selectors';
import { jobOutcome } from '../jobs/JobMessages';

/** "flower.mp4: 3 snapshots ready.", "flower.mp4 failed: <why>", "flower.mp4 was cancelled." */
export function jobEndText(job: Job): string {
  switch (job.status) {
    case 'finished':
      return `${job.source.name}: ${jobOutcome(job)} ready.`;
    case 'failed':
      return `${job.source.name} failed: ${job.error?.message ?? 'the engine stopped.'}`;
    case 'cancelled':
      return `${job.source.name} was cancelled.`;
    default:
      return `${job.source.name} is ${job.status}.`;
  }
}

/** "All 3 jobs have ended." ("All 8 jobs have ended: 2 failed, 6 done." with `counts`) once a run of several jobs is over, else null. */
export function runEndText(run: RunProgress, counts?: string): string | null {
  if (run.active || run.total <= 1) return null;
  return counts ? `All ${run.total} jobs have ended: ${counts}.` : `All ${run.total} jobs have ended.`;
}

/**
 * The tab title: `(3/10) Snapframe` while a run is active (jobs ended / jobs in the run), `✓ Snapframe` once it is
 * over and not yet acknowledged, else the base title.
 */
export function tabTitle(base: string, run: RunProgress, acknowledged: boolean): string {
  if (run.active) return `(${run.ended}/${run.total}) ${base}`;
  if (run.total > 0 && !acknowledged) return `✓ ${base}`;
  return base;
}
