import { useEffect, useRef } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useStore } from '../../store';
import { runProgress } from '../../store/selectors';
import { tabTitle } from './messages';

/** How long "✓ Snapframe" stays once the tab is visible, ms. */
export const DONE_TITLE_MS = 5_000;

/**
 * Keeps the tab title on the queue: "(3/10) Snapframe" while jobs run, "✓ Snapframe" when the run is over, and the
 * plain title again once the tab has been visible for {@link DONE_TITLE_MS} (so a user who comes back to the tab
 * sees the check mark).
 */
export function useTabTitle(): void {
  const base = useRef(document.title);
  const run = useStore(useShallow((s) => runProgress(s.jobs, s.runJobIds)));

  useEffect(() => {
    document.title = tabTitle(base.current, run, false);
    if (run.active || run.total === 0) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const arm = () => {
      clearTimeout(timer);
      if (document.visibilityState === 'visible') {
        timer = setTimeout(() => (document.title = tabTitle(base.current, run, true)), DONE_TITLE_MS);
      }
    };
    arm();
    document.addEventListener('visibilitychange', arm);
    return () => {
      clearTimeout(timer);
      document.removeEventListener('visibilitychange', arm);
    };
  }, [run]);

  useEffect(() => {
    const original = base.current;
    return () => {
      document.title = original;
    };
  }, []);
}
