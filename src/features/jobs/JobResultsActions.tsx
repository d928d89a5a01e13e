import { useState } from 'react';
import { useStore } from '../../store';
import type { Job } from '../../store/job';
import { revealResults } from '../results/reveal';
import { canZip, downloadJobZip } from './jobZip';

/**
 * A job card's own "Show results" (brings its images back into the results, and them into view) and "Download zip"
 * (its files, a failed or cancelled job's too), for every job that has made something.
 */
export function JobResultsActions({ job }: { job: Job }) {
  const showJob = useStore((s) => s.showJob);
  const [zipping, setZipping] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (job.outputs.length === 0) return null;

  const onZip = async () => {
    setZipping(true);
    setError(null);
    try {
      await downloadJobZip(job);
    } catch (raw) {
      setError(`The zip could not be made (${String(raw)}). Show the results and download the files one by one, or try again.`);
    } finally {
      setZipping(false);
    }
  };

  return (
    <div className="job__actions">
      <button
        type="button"
        className="button button--small"
        aria-label={`Show results of ${job.source.name}`}
        onClick={() => {
          showJob(job.id);
          revealResults();
        }}
      >
        Show results
      </button>
      <button
        type="button"
        className="button button--small"
        aria-label={`Download zip of ${job.source.name}`}
        disabled={!canZip(job) || zipping}
        onClick={() => void onZip()}
      >
        Download zip
      </button>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
    </div>
  );
}
