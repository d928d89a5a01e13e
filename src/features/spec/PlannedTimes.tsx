import { formatTime } from '../../core/timeline/time';
import { useJobPlan } from './useJobPlan';

const SHOWN = 8;

/** The times the job will take, listed before it runs ("42 snapshots: 0:00.000, 0:10.000, …"). */
export function PlannedTimes() {
  const plan = useJobPlan();
  if (!plan || plan.plannedTimesMs.length === 0) return null;
  const times = plan.plannedTimesMs;
  const noun = plan.spec?.mode === 'sprite' ? 'cell' : 'snapshot';
  const list = times.slice(0, SHOWN).map(formatTime).join(', ') + (times.length > SHOWN ? ', …' : '');
  return (
    <p className="planned" aria-live="polite" aria-label="Planned times">
      <strong>
        {times.length} {noun}
        {times.length === 1 ? '' : 's'}:
      </strong>{' '}
      {list}
    </p>
  );
}
