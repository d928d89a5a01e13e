import { useMemo } from 'react';
import { MAX_SIDE_PX, MIN_SIDE_PX, resolveOutputSize } from '../../core/output/geometry';
import { checkJobSpec } from '../../core/job/spec';
import { useStore } from '../../store';

/**
 * The job the form describes for the current video: the validated spec (or null), its problems, and the planned
 * times (ms) — recomputed only when the form or the video changes. Null without a probed video.
 */
export function useJobPlan() {
  const specInput = useStore((s) => s.specInput);
  const info = useStore((s) => s.source?.info ?? null);
  return useMemo(() => (info ? checkJobSpec(specInput, info) : null), [specInput, info]);
}

/** A typed side in [8, 4096] px, else null. */
function side(text: string): number | null {
  const value = Number(text.trim().replace(/px$/i, ''));
  return Number.isInteger(value) && value >= MIN_SIDE_PX && value <= MAX_SIDE_PX ? value : null;
}

/** The output size the form would give now, shown in the empty Width/Height fields. */
export function usePlaceholderSize(): { width: string; height: string } {
  const info = useStore((s) => s.source?.info ?? null);
  const width = useStore((s) => s.specInput.width);
  const height = useStore((s) => s.specInput.height);
  const adaptive = useStore((s) => s.specInput.resolutionAdaptive);
  if (!info) return { width: 'source', height: 'source' };
  const size = resolveOutputSize(info, side(width), side(height), adaptive);
  return { width: String(size.width), height: String(size.height) };
}
