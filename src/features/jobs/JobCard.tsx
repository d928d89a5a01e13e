import { useEffect, useState } from 'react';
import { formatBytes, formatSeconds } from '../../lib/format';
import { useStore } from '../../store';
import type { Job } from '../../store/job';
import { canRetry, isActive, jobElapsedMs, jobRemainingMs } from '../../store/selectors';
import { formatDuration } from './duration';
import { JobMessages } from './JobMessages';
import { JobResultsActions } from './JobResultsActions';
import { RetryButton } from './RetryButton';

const STATUS_TEXT: Record<Job['status'], string> = {
  queued: 'Queued',
  processing: 'Processing',
  finished: 'Finished',
  failed: 'Failed',
  cancelled: 'Cancelled',
  interrupted: 'Interrupted',
};

const MODE_TEXT: Record<Job['spec']['mode'], string> = {
  offsets: 'time offsets',
  sample: 'interval',
  sprite: 'sprite sheet',
  shots: 'shots',
};

/** Date.now(), refreshed every 500 ms while `active`. */
function useNow(active: boolean): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => setNow(Date.now()), 500);
    return () => clearInterval(timer);
  }, [active]);
  return now;
}

/** "about 12 s left" while running (once an image is done), "waiting" while queued, else nothing. */
function timeLeftText(job: Job, now: number): string | null {
  if (job.status === 'queued') return 'waiting for its turn';
  const left = jobRemainingMs(job, now);
  if (job.status !== 'processing') return null;
  return left === null ? 'estimating time left…' : `about ${formatDuration(left)} left`;
}

/** One job: status, progress (images done / total), elapsed time and time left, Cancel or Retry, and its outcome. */
export function JobCard({ job }: { job: Job }) {
  const cancelJob = useStore((s) => s.cancelJob);
  const active = isActive(job);
  const now = useNow(active);
  const elapsed = formatSeconds(jobElapsedMs(job, now));
  const left = timeLeftText(job, now);
  const label = `${job.source.name}: ${job.total} ${job.spec.mode === 'sprite' ? 'cell' : 'snapshot'}${job.total === 1 ? '' : 's'}`;

  return (
    <li className={`job job--${job.status}`} aria-label={label}>
      <div className="job__head">
        <strong className="job__name" title={job.source.name}>
          {job.source.name}
        </strong>
        <span className={`badge badge--${job.status}`}>{STATUS_TEXT[job.status]}</span>
        {active && (
          <button type="button" className="button button--small" onClick={() => cancelJob(job.id)}>
            Cancel
          </button>
        )}
        {canRetry(job) && <RetryButton job={job} />}
      </div>
      <progress
        className="job__progress"
        max={Math.max(1, job.total)}
        value={job.done}
        aria-label={`Progress of ${job.source.name}`}
        aria-valuemin={0}
        aria-valuemax={job.total}
        aria-valuenow={job.done}
        aria-valuetext={`${job.done} of ${job.total} images`}
      />
      <p className="job__meta">
        {job.done} / {job.total} images · {elapsed}
        {left && <span className="job__left"> · {left}</span>}
      </p>
      <p className="job__meta">
        {job.spec.width}×{job.spec.height} {job.spec.format.toUpperCase()} · {MODE_TEXT[job.spec.mode]}
        {job.decoder && ` · decoder: ${job.decoder === 'webcodecs' ? 'browser (WebCodecs)' : 'ffmpeg.wasm'}`}
      </p>
      {job.manifest?.bytesRead !== undefined && (
        <p className="job__meta">
          Read {formatBytes(job.manifest.bytesRead)}
          {job.manifest.source.size > 0 && ` of ${formatBytes(job.manifest.source.size)}`} from {job.manifest.source.url}
        </p>
      )}
      <JobMessages job={job} />
      <JobResultsActions job={job} />
    </li>
  );
}
