/**
 * "Avoid dark or blurry frames" in the engine worker (issue 14, part 2): measures the frame displayed at t among its
 * neighbours and, when it is dark or blurry, the frames after it up to the end of its search window, and says which
 * frame to use (core/frameQuality.ts decides; this file only decodes).
 *
 * Cost, by design: a good frame costs one short forward pass over [t - 1 s, t + 0.5 s] measured at 320 px luma
 * (decoding from the keyframe before t - 1 s); only a dark or blurry frame makes the pass go on to the end of the
 * window (t + 2 s, before the next requested time), and only a moved frame is decoded a second time at the output
 * size.
 */
import {
  chooseFrame,
  measureFrame,
  NEIGHBOURS_AFTER_MS,
  NEIGHBOURS_BEFORE_MS,
  QUALITY_ANALYSIS_WIDTH,
  referenceSharpness,
  frameProblem,
  type MeasuredFrame,
  type QualityChoice,
} from '../../../core/frameQuality';
import type { SourceInfo } from '../../../core/types';
import { forEachLumaFrame, type LumaSource } from '../shots/lumaFrames';

/** Two frame times closer than this are the same frame, ms (times carry microseconds). */
const SAME_FRAME_MS = 0.002;

/**
 * Which frame to use for a requested time.
 * @param actualMs presentation time of the frame displayed at t (already decoded), ms
 * @param untilMs last time of the search window, ms (inclusive; core/frameQuality.ts `searchWindowEnd`)
 * @returns the choice; `{ ms: actualMs, reason: null }` when the frame is good or the window could not be read
 */
export async function chooseGoodFrame(
  from: LumaSource,
  file: File,
  source: SourceInfo,
  timeMs: number,
  actualMs: number,
  untilMs: number,
): Promise<QualityChoice> {
  const frames: MeasuredFrame[] = [];
  const collect = (ms: number, plane: Parameters<typeof measureFrame>[0]) => {
    const last = frames[frames.length - 1];
    if (!last || ms > last.ms + SAME_FRAME_MS) frames.push({ ms, measure: measureFrame(plane) });
  };
  const width = Math.min(QUALITY_ANALYSIS_WIDTH, source.width);
  const nearEnd = Math.max(actualMs, Math.min(untilMs, timeMs + NEIGHBOURS_AFTER_MS));
  let at = -1;
  let good: boolean | null = null;
  const judge = () => {
    at = frames.findIndex((f) => Math.abs(f.ms - actualMs) <= SAME_FRAME_MS);
    const current = frames[at];
    good = !current || frameProblem(current.measure, referenceSharpness(frames.map((f) => f.measure))) === null;
  };
  // WebCodecs decodes forward and can stop: one pass to the window's end that stops once the neighbours are in and
  // the frame is good. An ffmpeg.wasm exec cannot stop early: the neighbours first, the rest only when needed.
  const end = from.browser ? untilMs : nearEnd;
  const fromMs = Math.max(0, actualMs - NEIGHBOURS_BEFORE_MS);
  await forEachLumaFrame(from, file, source, { fromMs, toMs: end + SAME_FRAME_MS }, width, (ms, plane) => {
    collect(ms, plane);
    if (good === null && ms > nearEnd + SAME_FRAME_MS) judge();
    return good === true;
  });
  if (good === null) judge();
  if (good || at < 0) return { ms: actualMs, reason: null, moved: false };
  if (!from.browser && untilMs > nearEnd) {
    await forEachLumaFrame(from, file, source, { fromMs: nearEnd + SAME_FRAME_MS, toMs: untilMs + SAME_FRAME_MS }, width, collect);
  }
  return chooseFrame(frames, at, referenceSharpness(frames.map((f) => f.measure)));
}
