import { useRef, useState } from 'react';
import { inputMismatch } from '../../core/job/storedJobs';
import { useStore } from '../../store';
import type { Job } from '../../store/job';

/**
 * "Retry" (a failed or cancelled job) or "Re-run" (a job interrupted by a page reload): queues the same spec again.
 * When the job's video was not saved with it (store/persistJobs.ts), the button opens a file picker asking for that
 * file by name; a file whose name or size differs is refused with a sentence naming both (core `inputMismatch`).
 */
export function RetryButton({ job }: { job: Job }) {
  const retryJob = useStore((s) => s.retryJob);
  const picker = useRef<HTMLInputElement>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const word = job.status === 'interrupted' ? 'Re-run' : 'Retry';

  const onChosen = (file: File | undefined) => {
    if (picker.current) picker.current.value = '';
    if (!file) return;
    const mismatch = inputMismatch(job.source, file);
    setProblem(mismatch);
    if (!mismatch) retryJob(job.id, file);
  };

  return (
    <>
      <button
        type="button"
        className="button button--small"
        aria-label={job.file ? undefined : `${word}: choose ${job.source.name}`}
        onClick={() => (job.file ? retryJob(job.id) : picker.current?.click())}
      >
        {word}
      </button>
      {!job.file && (
        <input
          ref={picker}
          type="file"
          hidden
          aria-label={`Video file to ${word.toLowerCase()} ${job.source.name}`}
          onChange={(e) => onChosen(e.currentTarget.files?.[0])}
        />
      )}
      {problem && (
        <p role="alert" className="error job__problem">
          {problem}
        </p>
      )}
    </>
  );
}
