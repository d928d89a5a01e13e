import { useCallback, useEffect, useRef, useState } from 'react';
import { useStore } from '../../store';
import type { Job } from '../../store/job';
import { runCounts, runCountsText, runProgress } from '../../store/selectors';
import { showBrowserNotification } from './browserNotification';
import { jobEndText, runToastText } from './messages';
import { JobToastActions } from './JobToastActions';
import { Toasts, type Toast } from './Toasts';
import { useJobEnds } from './useJobEnds';
import { useTabTitle } from './useTabTitle';
import './notify.css';

/** How long a toast stays, ms. */
const TOAST_MS = 10_000;
/** Toasts shown at most; older ones go first. */
const MAX_TOASTS = 4;

const TONE: Record<Job['status'], Toast['tone']> = {
  finished: 'success',
  failed: 'error',
  cancelled: 'info',
  queued: 'info',
  processing: 'info',
  interrupted: 'info',
};

/** The tone of a run's toast: an error once any of its jobs failed, success once any finished, else info. */
function runTone(failed: number, done: number): Toast['tone'] {
  if (failed > 0) return 'error';
  return done > 0 ? 'success' : 'info';
}

/**
 * What happens when a job ends: an in-app toast, the tab title ("(3/10) Snapframe", "✓ Snapframe"), and, if the user
 * allowed it, a browser notification for each job that finished or failed (not for those the user cancelled).
 * A run of several jobs (a batch, or jobs queued while others ran) has one toast, said again as each job ends
 * (messages.ts `runToastText`); it stays while the run goes on and for {@link TOAST_MS} after its end.
 */
export function NotificationCenter() {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const nextId = useRef(1);
  const timers = useRef(new Map<number, ReturnType<typeof setTimeout>>());
  useTabTitle();

  /** The ids of the toasts not dismissed yet. */
  const shown = useRef(new Set<number>());

  const dismiss = useCallback((id: number) => {
    shown.current.delete(id);
    clearTimeout(timers.current.get(id));
    timers.current.delete(id);
    setToasts((list) => list.filter((t) => t.id !== id));
  }, []);

  const arm = useCallback(
    (id: number) => {
      clearTimeout(timers.current.get(id));
      timers.current.set(
        id,
        setTimeout(() => dismiss(id), TOAST_MS),
      );
    },
    [dismiss],
  );

  const push = useCallback(
    (text: string, tone: Toast['tone'], actions?: Toast['actions']): number => {
      const id = nextId.current++;
      shown.current.add(id);
      setToasts((list) => [...list, { id, text, tone, actions }].slice(-MAX_TOASTS));
      arm(id);
      return id;
    },
    [arm],
  );

  /** The toast of each run of several jobs, by the run's first job id. */
  const runToasts = useRef(new Map<string, number>());

  useJobEnds((job) => {
    const text = jobEndText(job);
    const actions = job.outputs.length > 0 ? <JobToastActions jobId={job.id} name={job.source.name} /> : undefined;
    if (job.status !== 'cancelled') showBrowserNotification(text);
    const { jobs, runJobIds } = useStore.getState();
    const run = runProgress(jobs, runJobIds);
    if (!runJobIds.includes(job.id) || run.total <= 1) {
      push(text, TONE[job.status], actions);
      return;
    }
    const counts = runCounts(jobs, runJobIds);
    const runText = runToastText(run, runCountsText(counts), job);
    const tone = runTone(counts.failed, counts.done);
    const key = runJobIds[0]!;
    let id = runToasts.current.get(key);
    if (id !== undefined && shown.current.has(id)) {
      const same = id;
      // The same toast, said again: its Show/Download stay those of the last job with outputs.
      setToasts((list) => list.map((t) => (t.id === same ? { ...t, text: runText, tone, actions: actions ?? t.actions } : t)));
    } else {
      id = push(runText, tone, actions);
      runToasts.current.set(key, id);
    }
    if (run.active) clearTimeout(timers.current.get(id));
    else arm(id);
  });

  useEffect(() => {
    const pending = timers.current;
    return () => pending.forEach((timer) => clearTimeout(timer));
  }, []);

  return <Toasts toasts={toasts} onDismiss={dismiss} />;
}
