/**
 * Mode "Shots": finding the cuts of a video from per-frame content differences, and choosing one
 * time per shot. The engine decodes every frame at a small size and reports, per frame, its mean absolute
 * difference to the previous frame; everything here is arithmetic on those numbers.
 *
 * The score is ffmpeg's `scdet` (libavfilter/vf_scdet.c): MAFD = mean absolute difference of two consecutive
 * frames, scaled 0-100 (100 = every pixel changed from black to white), and score = min(MAFD, |MAFD - previous
 * MAFD|), so that steady motion (high MAFD frame after frame) is not a cut but a jump is. A frame whose score is at
 * least the threshold (scdet's default 10) is the first frame of a new shot. Snapframe takes it on the luma of a
 * copy {@link SHOT_ANALYSIS_WIDTH} px wide (scdet: every plane at full size), see README "Shots".
 */
import type { LumaPlane } from './frameQuality';

/** Width of the luma copy cuts are found on, px (height follows the aspect). */
export const SHOT_ANALYSIS_WIDTH = 160;
/** Default cut threshold, scdet score 0-100 (ffmpeg `scdet` threshold default 10). */
export const DEFAULT_CUT_THRESHOLD = 10;
/** Default offset after a shot's first frame for the `start` pick, ms. */
export const DEFAULT_SHOT_OFFSET_MS = 500;

/** Which frame of a shot becomes its snapshot. */
export type ShotPick = 'start' | 'middle' | 'sharpest';

/** The per-frame numbers of the cut pass, in presentation order. */
export interface ShotFrames {
  /** Presentation times, ms. */
  framesMs: number[];
  /** MAFD to the previous frame, 0-100; null for the video's first frame (nothing before it). */
  mafd: Array<number | null>;
  /** Sharpness (variance of the Laplacian, core/analysis/frameQuality.ts) of each frame. */
  sharpness: number[];
  /** Whether each frame is dark or blank (core/analysis/frameQuality.ts `isDark`). */
  dark: boolean[];
}

/**
 * MAFD of two luma planes of one size, scaled 0-100 as scdet does (sum of |a - b| · 100 / pixels / 256).
 * @throws RangeError when the sizes differ
 */
export function meanAbsDiff(a: LumaPlane, b: LumaPlane): number {
  if (a.width !== b.width || a.height !== b.height) throw new RangeError('meanAbsDiff: planes of different sizes');
  const n = a.width * a.height;
  let sad = 0;
  for (let i = 0; i < n; i += 1) sad += Math.abs((a.data[i] as number) - (b.data[i] as number));
  return n > 0 ? (sad * 100) / n / 256 : 0;
}

/**
 * scdet's score per frame: min(MAFD, |MAFD - previous MAFD|), clipped to [0, 100]; 0 for a frame with no
 * predecessor. The previous MAFD of the first pair is 0 (as in scdet).
 */
export function sceneScores(mafd: ReadonlyArray<number | null>): number[] {
  let prev = 0;
  return mafd.map((m) => {
    if (m === null) {
      prev = 0;
      return 0;
    }
    const score = Math.min(100, Math.max(0, Math.min(m, Math.abs(m - prev))));
    prev = m;
    return score;
  });
}

/**
 * The cuts: the presentation time of every frame whose score reaches `threshold` (the first frame of a new shot,
 * by pts).
 * @param threshold 0-100 (scdet's scale)
 * @returns ms, ascending
 */
export function findCuts(frames: Pick<ShotFrames, 'framesMs' | 'mafd'>, threshold: number): number[] {
  const scores = sceneScores(frames.mafd);
  const cuts: number[] = [];
  scores.forEach((s, i) => {
    if (i > 0 && s >= threshold) cuts.push(frames.framesMs[i] as number);
  });
  return cuts;
}

/** One shot: from its first frame to the next shot's first frame, and the time of its snapshot, ms. */
export interface Shot {
  startMs: number;
  /** The next shot's first frame, or the video's duration for the last shot (exclusive). */
  endMs: number;
  /** Requested time of the shot's snapshot, whole ms, in [startMs, endMs). */
  timeMs: number;
}

/**
 * An integer requested time whose displayed frame is the frame presented at `ptsMs` (SPEC "Times": the last frame
 * with pts <= t), given that the next frame comes more than 1 ms later.
 */
export function timeOfFrame(ptsMs: number): number {
  return Math.ceil(ptsMs - 0.001);
}

/**
 * One snapshot time per shot: the shot's first frame plus `offsetMs` (at most half the shot), the
 * middle of the shot, or its sharpest frame that is not dark (the sharpest of all when every frame is dark).
 * @param cutsMs from {@link findCuts}; the first shot starts at the video's first frame
 * @param frames the cut pass's frames (for `sharpest`, and the first frame's time)
 * @param durationMs the video's duration, ms
 */
export function planShots(
  cutsMs: readonly number[],
  frames: ShotFrames,
  durationMs: number,
  pick: ShotPick,
  offsetMs = DEFAULT_SHOT_OFFSET_MS,
): Shot[] {
  const first = frames.framesMs[0] ?? 0;
  const starts = [first, ...cutsMs.filter((c) => c > first)];
  return starts.map((startMs, i) => {
    const endMs = starts[i + 1] ?? Math.max(durationMs, startMs + 1);
    let at: number;
    if (pick === 'start') at = startMs + Math.min(Math.max(0, offsetMs), (endMs - startMs) / 2);
    else if (pick === 'middle') at = startMs + (endMs - startMs) / 2;
    else at = sharpestFrame(frames, startMs, endMs) ?? startMs;
    const lo = timeOfFrame(startMs);
    const hi = Math.max(lo, Math.min(timeOfFrame(endMs) - 1, Math.floor(durationMs)));
    return { startMs, endMs, timeMs: Math.min(hi, Math.max(lo, timeOfFrame(at))) };
  });
}

function sharpestFrame(frames: ShotFrames, startMs: number, endMs: number): number | null {
  let best: number | null = null;
  let bestScore = -1;
  let bestDark = true;
  frames.framesMs.forEach((ms, i) => {
    if (ms < startMs - 0.001 || ms >= endMs - 0.001) return;
    const dark = frames.dark[i] ?? false;
    const score = frames.sharpness[i] ?? 0;
    if ((bestDark && !dark) || (dark === bestDark && score > bestScore)) {
      best = ms;
      bestScore = score;
      bestDark = dark;
    }
  });
  return best;
}

/**
 * Splits [0, durationMs] into ranges for the cut pass (one engine operation each, so that a pool of workers can run
 * them side by side).
 * @returns [fromMs, toMs) pairs covering [0, durationMs], the last one ending past the duration
 */
export function cutRanges(durationMs: number, rangeMs = 60_000): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  for (let from = 0; from < durationMs || ranges.length === 0; from += rangeMs) {
    const to = from + rangeMs >= durationMs ? durationMs + 1000 : from + rangeMs;
    ranges.push([from, to]);
  }
  return ranges;
}

/** Joins the ranges' frames in order (dropping any frame a later range repeats). */
export function joinShotFrames(parts: readonly ShotFrames[]): ShotFrames {
  const out: ShotFrames = { framesMs: [], mafd: [], sharpness: [], dark: [] };
  for (const part of parts) {
    part.framesMs.forEach((ms, i) => {
      const last = out.framesMs[out.framesMs.length - 1];
      if (last !== undefined && ms <= last + 0.0005) return;
      out.framesMs.push(ms);
      out.mafd.push(part.mafd[i] ?? null);
      out.sharpness.push(part.sharpness[i] ?? 0);
      out.dark.push(part.dark[i] ?? false);
    });
  }
  return out;
}
