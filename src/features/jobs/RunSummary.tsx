import { useShallow } from 'zustand/react/shallow';
import { useStore } from '../../store';
import { runCounts, runCountsText } from '../../store/selectors';

/**
 * One line for a run of several jobs (a batch, or jobs queued while others ran): "8 jobs: 2 failed, 6 done", the
 * failures first and named, so that they are not lost in a long list.
 */
export function RunSummary() {
  // Primitives only, so that the shallow comparison holds between progress steps.
  const counts = useStore(
    useShallow((s) => {
      const c = runCounts(s.jobs, s.runJobIds);
      return { ...c, failedNames: c.failedNames.join(', ') };
    }),
  );
  const total = counts.done + counts.failed + counts.cancelled + counts.active;
  const text = runCountsText({ ...counts, failedNames: [] });
  if (total < 2) return null;
  return (
    <p role="status" className={`run-summary${counts.failed > 0 ? ' warning' : ''}`} aria-label="Run summary">
      <strong>
        {total} jobs: {text}
      </strong>
      {counts.failedNames !== '' && <span className="run-summary__failed"> · failed: {counts.failedNames}</span>}
    </p>
  );
}
