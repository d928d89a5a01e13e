import { useEffect, useState } from 'react';
import { formatTime } from '../../core/time';
import { formatSeconds } from '../../lib/format';
import { useStore } from '../../store';
import type { Job } from '../../store/jobsSlice';
import { isActive, jobElapsedMs } from '../../store/selectors';

const STATUS_TEXT: Record<Job['status'], string> = {
  queued: 'Queued',
  processing: 'Processing',
  finished: 'Finished',
  failed: 'Failed',
  cancelled: 'Cancelled',
};

const MODE_TEXT: Record<Job['spec']['mode'], string> = { offsets: 'time offsets', sample: 'interval', sprite: 'sprite sheet' };

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** "10 snapshots", or "2 sprite sheets (150 cells)". */
function outcome(job: Job): string {
  if (job.spec.mode !== 'sprite') return plural(job.outputs.filter((o) => o.kind === 'snapshot').length, 'snapshot');
  const sheets = job.outputs.filter((o) => o.kind === 'sheet').length;
  return `${plural(sheets, 'sprite sheet')} (${plural(job.total - job.skipped.length, 'cell')})`;
}

function useNow(active: boolean): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => setNow(Date.now()), 500);
    return () => clearInterval(timer);
  }, [active]);
  return now;
}

/** One job: status, progress (images done / total), elapsed time, Cancel, and its outcome. */
export function JobCard({ job }: { job: Job }) {
  const cancelJob = useStore((s) => s.cancelJob);
  const active = isActive(job);
  const now = useNow(active);
  const elapsed = formatSeconds(jobElapsedMs(job, now));
  const label = `${job.source.name}: ${job.total} ${job.spec.mode === 'sprite' ? 'cell' : 'snapshot'}${job.total === 1 ? '' : 's'}`;

  return (
    <li className={`job job--${job.status}`} aria-label={label}>
      <div className="job__head">
        <strong className="job__name">{job.source.name}</strong>
        <span className={`badge badge--${job.status}`}>{STATUS_TEXT[job.status]}</span>
        {active && (
          <button type="button" className="button button--small" onClick={() => cancelJob(job.id)}>
            Cancel
          </button>
        )}
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
        {job.done} / {job.total} images · {elapsed} · {job.spec.width}×{job.spec.height} {job.spec.format.toUpperCase()} ·{' '}
        {MODE_TEXT[job.spec.mode]} · decoder: ffmpeg.wasm
      </p>
      {job.status === 'finished' && (
        <p role="status" className="success">
          Finished: {outcome(job)} of {job.source.name} in {elapsed}.
        </p>
      )}
      {job.skipped.length > 0 && (
        <p role="alert" className="warning">
          {job.skipped.length} time{job.skipped.length === 1 ? '' : 's'} could not be decoded (
          {job.skipped.map((s) => formatTime(s.requestedMs)).join(', ')}): {job.skipped[0]?.error.message}
        </p>
      )}
      {job.status === 'failed' && job.error && (
        <div role="alert" className="error">
          <p>{job.error.message}</p>
          {job.error.logTail && job.error.logTail.length > 0 && (
            <details>
              <summary>Engine log</summary>
              <pre className="log">{job.error.logTail.join('\n')}</pre>
            </details>
          )}
        </div>
      )}
    </li>
  );
}
