import { useEffect, useRef, useState } from 'react';
import { formatBytes } from '../../lib/format';
import { useStore } from '../../store';
import { isActive, savedBytes } from '../../store/selectors';

/**
 * "Results stored in this browser: 12.3 MB" and "Clear results", confirmed in the page: a second button
 * "Clear N jobs" (focused when it appears) or "Keep them". Clearing cancels the running and queued jobs first (the
 * confirmation says so), empties the list and deletes every saved job, output and kept video.
 */
export function ClearResults() {
  const count = useStore((s) => s.jobs.length);
  const active = useStore((s) => s.jobs.filter(isActive).length);
  const bytes = useStore((s) => savedBytes(s.jobs));
  const clearJobs = useStore((s) => s.clearJobs);
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const confirmButton = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (confirming) confirmButton.current?.focus();
  }, [confirming]);

  const onClear = async () => {
    setConfirming(false);
    setError(null);
    try {
      await clearJobs();
    } catch (raw) {
      setError(`The saved results could not be deleted (${String(raw)}). Reload the page and try again.`);
    }
  };

  const jobs = `${count} job${count === 1 ? '' : 's'}`;
  return (
    <div className="jobs__storage">
      <p className="hint">Results stored in this browser: {formatBytes(bytes)}</p>
      {!confirming ? (
        <button type="button" className="button button--small" onClick={() => setConfirming(true)}>
          Clear results
        </button>
      ) : (
        <div role="group" aria-label="Confirm clearing results" className="jobs__confirm">
          <p>
            Delete all {jobs} and their results from this browser?
            {active > 0 && ` The ${active === 1 ? 'running or queued job is' : `${active} running or queued jobs are`} cancelled first.`}
          </p>
          <button ref={confirmButton} type="button" className="button button--small button--danger" onClick={() => void onClear()}>
            Clear {jobs}
          </button>
          <button type="button" className="button button--small" onClick={() => setConfirming(false)}>
            Keep them
          </button>
        </div>
      )}
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
    </div>
  );
}
