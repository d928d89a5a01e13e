import { useEffect, useRef } from 'react';
import { useStore } from '../../store';
import type { Job } from '../../store/job';
import { newlyEnded } from '../../store/selectors';

/**
 * Calls `onEnd` with each job as it ends (finished, failed or cancelled): the completion event of SPEC "Jobs", as
 * the UI sees it. Subscribes to the store outside React's render (no re-render per progress step).
 */
export function useJobEnds(onEnd: (job: Job) => void): void {
  const latest = useRef(onEnd);
  useEffect(() => {
    latest.current = onEnd;
  });
  useEffect(
    () =>
      useStore.subscribe((state, prev) => {
        if (state.jobs === prev.jobs) return;
        for (const job of newlyEnded(prev.jobs, state.jobs)) latest.current(job);
      }),
    [],
  );
}
