import { NEIGHBOURS_AFTER_MS, searchWindowEnd } from '../../core/analysis/frameQuality';
import type { OutputSpec } from '../../core/job/types';

/** Times closer than this to the one before are "nearby": their neighbourhoods are measured in one pass (ms). */
const NEARBY_MS = 2000;
/** A run of nearby times measured in one pass spans at most this, ms. */
const AHEAD_SPAN_MS = 10_000;

/**
 * The `avoid` part of a frame request: when the spec turns it on, the
 * search window of the time at `index` in the job's ascending times (2 s, before the next time, within the video), and
 * where the run of nearby times that follows it ends (each under 2 s after the one before, over at most 10 s), plus
 * their neighbourhood after.
 * @returns `{ avoid: { untilMs, aheadMs } }`, or `{}` when the option is off
 */
export function avoidFor(
  spec: OutputSpec,
  timesMs: readonly number[],
  index: number,
  durationMs: number,
): { avoid?: { untilMs: number; aheadMs: number } } {
  if (!spec.avoidBadFrames) return {};
  const t = timesMs[index] as number;
  let last = index;
  while (
    last + 1 < timesMs.length &&
    (timesMs[last + 1] as number) - (timesMs[last] as number) <= NEARBY_MS &&
    (timesMs[last + 1] as number) - t <= AHEAD_SPAN_MS
  ) {
    last += 1;
  }
  const aheadMs = Math.min(durationMs, (timesMs[last] as number) + NEIGHBOURS_AFTER_MS);
  return { avoid: { untilMs: searchWindowEnd(timesMs, index, durationMs), aheadMs } };
}
