import { searchWindowEnd } from '../core/frameQuality';
import type { OutputSpec } from '../core/types';

/**
 * The `avoid` part of a frame request (issue 14, "Avoid dark or blurry frames"): when the spec turns it on, the
 * search window of the time at `index` in the job's ascending times (2 s, before the next time, within the video).
 * @returns `{ avoid: { untilMs } }`, or `{}` when the option is off
 */
export function avoidFor(spec: OutputSpec, timesMs: readonly number[], index: number, durationMs: number): { avoid?: { untilMs: number } } {
  return spec.avoidBadFrames ? { avoid: { untilMs: searchWindowEnd(timesMs, index, durationMs) } } : {};
}
