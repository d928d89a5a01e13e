/**
 * Frame numbers and frame steps on the timeline, from the stream's average frame rate.
 * Frame k is taken to start at k / fps seconds from the start of the presentation (docs/SPEC.md "Times": 0 is the
 * first frame). Times are integer ms, so a frame's start is rounded UP to the next ms: the frame displayed at that
 * ms is frame k, never frame k − 1 (e.g. at 29.97 fps frame 3 starts at 100.1 ms, shown from 101 ms).
 */

/** Frame duration assumed when the container gives no frame rate, ms (25 fps). */
export const UNKNOWN_FRAME_MS = 40;

/** Slack for floating-point products such as 7 · 1000 / 35 = 200.00000000000003, in frames or ms. */
const EPSILON = 1e-6;

/**
 * Frames per second to count with.
 * @param frameRate the stream's average frame rate, fps, or null when unknown.
 * @returns `frameRate` when positive and finite, else 25 (one frame per {@link UNKNOWN_FRAME_MS}).
 */
export function effectiveFps(frameRate: number | null): number {
  return frameRate !== null && Number.isFinite(frameRate) && frameRate > 0 ? frameRate : 1000 / UNKNOWN_FRAME_MS;
}

/** Duration of one frame, ms (not rounded), e.g. 33.3667 at 29.97 fps; 40 when the rate is unknown. */
export function frameDurationMs(frameRate: number | null): number {
  return 1000 / effectiveFps(frameRate);
}

/**
 * The number of the frame displayed at a time, counted from 0.
 * @param ms time, ms, ≥ 0.
 * @param frameRate fps, or null (25 fps).
 * @returns ⌊ms · fps / 1000⌋, e.g. 175 for 5000 ms at 35 fps.
 */
export function frameIndexAt(ms: number, frameRate: number | null): number {
  return Math.max(0, Math.floor((ms * effectiveFps(frameRate)) / 1000 + EPSILON));
}

/**
 * The first whole ms at which frame `index` is displayed: ⌈index · 1000 / fps⌉.
 * @param index frame number, from 0 (negative numbers give 0).
 * @param frameRate fps, or null (25 fps).
 */
export function frameStartMs(index: number, frameRate: number | null): number {
  if (index <= 0) return 0;
  return Math.ceil((index * 1000) / effectiveFps(frameRate) - EPSILON);
}

/**
 * The time `frames` frames away from the frame displayed at `ms`: the start of that frame, within [0, durationMs].
 * Stepping back from the middle of frame k goes to the start of frame k − 1 (the previous picture), as players do.
 * @param ms current time, ms.
 * @param frames how many frames to step; negative goes back.
 * @param frameRate fps, or null (25 fps, 40 ms a frame).
 * @param durationMs the video's duration, ms: the upper bound.
 */
export function stepFrames(ms: number, frames: number, frameRate: number | null, durationMs: number): number {
  const target = frameStartMs(frameIndexAt(ms, frameRate) + frames, frameRate);
  return Math.min(Math.max(0, target), Math.max(0, Math.round(durationMs)));
}

/**
 * Snaps a time to the start of the frame displayed at it, so that a marker or the playhead put there by the pointer
 * names that frame with a clean time. Unknown frame rates are not snapped (40 ms is only a guess).
 * @param ms time, ms.
 * @param frameRate fps, or null.
 * @returns an integer ms ≤ `ms` (rounded first) when the rate is known, else `ms` rounded.
 */
export function snapToFrame(ms: number, frameRate: number | null): number {
  const rounded = Math.max(0, Math.round(ms));
  if (frameRate === null || !(frameRate > 0)) return rounded;
  return Math.min(rounded, frameStartMs(frameIndexAt(rounded, frameRate), frameRate));
}

/**
 * The frame number to show for a time: {@link frameIndexAt}, but never past the last frame when the container
 * says how many there are (past the last frame, the last frame is what is displayed: docs/SPEC.md "Times").
 * @param frameCount the stream's number of frames, or null when unknown.
 */
export function displayedFrame(ms: number, frameRate: number | null, frameCount: number | null): number {
  const index = frameIndexAt(ms, frameRate);
  return frameCount !== null && frameCount > 0 ? Math.min(index, frameCount - 1) : index;
}
