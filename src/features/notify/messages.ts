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

/**
 * The one toast of a run of several jobs (a batch, or jobs queued while others ran), said again as each of its jobs
 * ends: the run's counts, failures first, then what the job that just ended did.
 * "1 of 6 jobs ended (1 failed). b.mp4 failed: <why>" while the run goes on; "All 6 jobs have ended: 2 failed, 4 done.
 * Last: f.mp4: 3 snapshots ready." once it is over.
 * @param run the run's progress; @param counts its counts in words (store/selectors.ts `runCountsText`, with
 * nothing left "to go" once it is over); @param last the job that just ended.
 */
export function runToastText(run: RunProgress, counts: string, last: Job): string {
  const lastText = jobEndText(last);
  if (run.active) {
    const ended = counts.replace(/,? ?\d+ to go$/, '');
    return `${run.ended} of ${run.total} jobs ended${ended ? ` (${ended})` : ''}. ${lastText}`;
  }
  return `All ${run.total} jobs have ended: ${counts}. Last: ${lastText}`;
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
