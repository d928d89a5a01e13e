import { interruptedMessage } from '../../core/job/storedJobs';
import { formatTime } from '../../core/timeline/time';
import { formatSeconds } from '../../lib/format';
import type { Job } from '../../store/job';
import { jobElapsedMs } from '../../store/selectors';
import { ErrorAlert } from '../../lib/ErrorAlert';

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** "10 snapshots", or "2 sprite sheets (150 cells)". */
export function jobOutcome(job: Job): string {
  if (job.spec.mode !== 'sprite') return plural(job.outputs.filter((o) => o.kind === 'snapshot').length, 'snapshot');
  const sheets = job.outputs.filter((o) => o.kind === 'sheet').length;
  return `${plural(sheets, 'sprite sheet')} (${plural(job.total - job.skipped.length, 'cell')})`;
}

/**
 * What a job ended with: "Finished: …" (role=status), times it could not decode, or its error (role=alert); why it
 * was interrupted (a page reload); what the engine noted (e.g. a WebCodecs error and the fallback to ffmpeg.wasm,
 * also in manifest.json `notes`); and why its results will not survive a reload, when saving them failed.
 */
export function JobMessages({ job }: { job: Job }) {
  return (
    <>
      {job.status === 'finished' && (
        <p role="status" className="success">
          Finished: {jobOutcome(job)} of {job.source.name} in {formatSeconds(jobElapsedMs(job, Date.now()))}.
        </p>
      )}
      {job.skipped.length > 0 && (
        <p role="alert" className="warning">
          {job.skipped.length} time{job.skipped.length === 1 ? '' : 's'} could not be decoded (
          {job.skipped.map((s) => formatTime(s.requestedMs)).join(', ')}): {job.skipped[0]?.error.message}
        </p>
      )}
      {job.status === 'failed' && job.error && <ErrorAlert error={job.error} />}
      {job.status === 'interrupted' && (
        <p role="status" className="warning">
          {interruptedMessage({ ...job, inputKept: job.file !== null }, job.outputs.length)}
        </p>
      )}
      {job.manifest?.notes?.map((note) => (
        <p key={note} role="note" className="hint">
          {note}
        </p>
      ))}
      {job.storage.note && (
        <p role="note" className="warning">
          {job.storage.note}
        </p>
      )}
    </>
  );
}
