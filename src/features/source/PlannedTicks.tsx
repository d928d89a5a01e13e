import { formatTime } from '../../core/time';
import { useStore } from '../../store';
import { useJobPlan } from '../spec/useJobPlan';

/** The preview's time bar: ticks at the planned times and a marker at the previewed time. */
export function PlannedTicks({ durationMs }: { durationMs: number }) {
  const plan = useJobPlan();
  const previewTimeMs = useStore((s) => s.previewTimeMs);
  const times = plan?.plannedTimesMs ?? [];
  const at = (ms: number) => `${Math.min(100, (ms / Math.max(1, durationMs)) * 100)}%`;
  return (
    <div className="ticks" role="img" aria-label={`Time bar with ${times.length} marks`}>
      {times.map((ms, i) => (
        <span key={`${i}-${ms}`} className="ticks__tick" style={{ left: at(ms) }} title={formatTime(ms)} />
      ))}
      <span className="ticks__now" style={{ left: at(previewTimeMs) }} />
    </div>
  );
}
