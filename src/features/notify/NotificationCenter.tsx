import { useCallback, useEffect, useRef, useState } from 'react';
import { useStore } from '../../store';
import type { Job } from '../../store/job';
import { runCounts, runCountsText, runProgress } from '../../store/selectors';
import { showBrowserNotification } from './browserNotification';
import { jobEndText, runEndText } from './messages';
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

/**
 * What happens when a job ends: an in-app toast, the tab title ("(3/10) Snapframe", "✓ Snapframe"), and, if the user
 * allowed it, a browser notification for each job that finished or failed (not for those the user cancelled).
 */
export function NotificationCenter() {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const nextId = useRef(1);
  const timers = useRef(new Map<number, ReturnType<typeof setTimeout>>());
  useTabTitle();

  const dismiss = useCallback((id: number) => {
    clearTimeout(timers.current.get(id));
    timers.current.delete(id);
    setToasts((list) => list.filter((t) => t.id !== id));
  }, []);

  const push = useCallback(
    (text: string, tone: Toast['tone'], actions?: Toast['actions']) => {
      const id = nextId.current++;
      setToasts((list) => [...list, { id, text, tone, actions }].slice(-MAX_TOASTS));
      timers.current.set(
        id,
        setTimeout(() => dismiss(id), TOAST_MS),
      );
    },
    [dismiss],
  );

  useJobEnds((job) => {
    const text = jobEndText(job);
    const actions = job.outputs.length > 0 ? <JobToastActions jobId={job.id} name={job.source.name} /> : undefined;
    push(text, TONE[job.status], actions);
    if (job.status !== 'cancelled') showBrowserNotification(text);
    const { jobs, runJobIds } = useStore.getState();
    const end = runJobIds.includes(job.id) ? runEndText(runProgress(jobs, runJobIds), runCountsText(runCounts(jobs, runJobIds))) : null;
    if (end) push(end, 'info');
  });

  useEffect(() => {
    const pending = timers.current;
    return () => pending.forEach((timer) => clearTimeout(timer));
  }, []);

  return <Toasts toasts={toasts} onDismiss={dismiss} />;
}
