import { useMemo } from 'react';
import { findCuts, planShots, type Shot } from '../../core/analysis/shots';
import { useStore } from '../../store';
import { useJobPlan } from './useJobPlan';

/**
 * The cuts and shots of the current video under the form's threshold and pick, once its cut
 * pass has been made ("Find cuts"); null before that, or when the shots fields have problems.
 */
export function useShotPlan(): { cutsMs: number[]; shots: Shot[] } | null {
  const pass = useStore((s) => s.cutPass);
  const sourceId = useStore((s) => s.source?.id ?? null);
  const durationMs = useStore((s) => s.source?.info?.durationMs ?? 0);
  const plan = useJobPlan();
  const params = plan?.spec?.mode === 'shots' ? plan.spec.shots : null;
  return useMemo(() => {
    if (!pass || pass.status !== 'ready' || pass.sourceId !== sourceId || !params) return null;
    const cutsMs = findCuts(pass.frames, params.threshold);
    return { cutsMs, shots: planShots(cutsMs, pass.frames, durationMs, params.pick, params.offsetMs) };
  }, [pass, sourceId, params, durationMs]);
}
