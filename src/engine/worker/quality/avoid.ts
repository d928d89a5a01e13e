/**
 * "Avoid dark or blurry frames" in the engine worker: measures the frame displayed at t among its
 * neighbours and, when it is dark or blurry, the frames after it up to the end of its search window, and says which
 * frame to use (core/analysis/frameQuality.ts decides; this file only decodes).
 *
 * Cost, by design: a good frame costs one short forward pass over [t - 1 s, t + 0.5 s] measured at 320 px luma
 * (decoding from the keyframe before t - 1 s); only a dark or blurry frame makes the pass go on to the end of the
 * window (t + 2 s, before the next requested time), and only a moved frame is decoded a second time at the output
 * size.
 */
import type { VideoInput } from '../../videoInput';
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
} from '../../../core/analysis/frameQuality';
import type { SourceInfo } from '../../../core/job/types';
import type { LumaReader } from '../shots/lumaFrames';

/** The decoder's luma frames, and whether it can stop a pass early (WebCodecs decodes forward; an ffmpeg exec cannot). */
export interface LumaAccess {
  read: LumaReader;
  canStop: boolean;
}

/** Two frame times closer than this are the same frame, ms (times carry microseconds). */
const SAME_FRAME_MS = 0.002;

/**
 * Frames measured last, for one file: every frame with presentation time in [fromMs, toMs], in order. Neighbourhoods of
 * nearby times overlap; a dense job (times under 2 s apart) measures its span once instead of once per time.
 */
let measured: { key: string; fromMs: number; toMs: number; frames: MeasuredFrame[] } | null = null;

/** Measures every frame in [fromMs, toMs] into the cache (replacing it, or extending it when contiguous). */
async function measure(
  from: LumaAccess,
  file: VideoInput,
  source: SourceInfo,
  fromMs: number,
  toMs: number,
  stop?: (frames: MeasuredFrame[]) => boolean,
): Promise<void> {
  const key = `${file.name}\u0000${file.size}\u0000${file.lastModified}`;
  const extend = measured && measured.key === key && measured.fromMs <= fromMs && measured.toMs >= fromMs ? measured : null;
  const frames = extend ? extend.frames : [];
  const start = extend ? extend.toMs + SAME_FRAME_MS : fromMs;
  let reached = extend ? extend.toMs : fromMs - SAME_FRAME_MS;
  measured = { key, fromMs: extend ? extend.fromMs : fromMs, toMs: reached, frames };
  const width = Math.min(QUALITY_ANALYSIS_WIDTH, source.width);
  const cache = measured;
  await from.read({ fromMs: start, toMs: toMs + SAME_FRAME_MS }, width, (ms, plane) => {
    const last = frames[frames.length - 1];
    if (!last || ms > last.ms + SAME_FRAME_MS) frames.push({ ms, measure: measureFrame(plane) });
    reached = Math.max(reached, ms);
    cache.toMs = reached;
    return stop?.(frames) ?? false;
  });
  // The pass ran to its end: every frame up to toMs is in (the last one may lie before toMs).
  if (!stop || !stop(frames)) cache.toMs = Math.max(cache.toMs, toMs);
}

/** The cached frames in [fromMs, toMs], or null when the cache does not cover that range. */
function cached(file: VideoInput, fromMs: number, toMs: number): MeasuredFrame[] | null {
  const key = `${file.name}\u0000${file.size}\u0000${file.lastModified}`;
  if (!measured || measured.key !== key || measured.fromMs > fromMs || measured.toMs < toMs) return null;
  return measured.frames.filter((f) => f.ms >= fromMs - SAME_FRAME_MS && f.ms <= toMs + SAME_FRAME_MS);
}

/**
 * Which frame to use for a requested time.
 * @param actualMs presentation time of the frame displayed at t (already decoded), ms
 * @param untilMs last time of the search window, ms (inclusive; core/analysis/frameQuality.ts `searchWindowEnd`)
 * @param aheadMs where the job's next nearby times end (ms, >= t): measured in the same pass, so that they need none
 * @returns the choice; `{ ms: actualMs, reason: null }` when the frame is good or the window could not be read
 */
export async function chooseGoodFrame(
  from: LumaAccess,
  file: VideoInput,
  source: SourceInfo,
  timeMs: number,
  actualMs: number,
  untilMs: number,
  aheadMs = timeMs,
): Promise<QualityChoice> {
  const fromMs = Math.max(0, actualMs - NEIGHBOURS_BEFORE_MS);
  const nearEnd = Math.max(actualMs, Math.min(untilMs, timeMs + NEIGHBOURS_AFTER_MS));
  const judge = (frames: MeasuredFrame[]) => {
    const near = frames.filter((f) => f.ms >= fromMs - SAME_FRAME_MS && f.ms <= nearEnd + SAME_FRAME_MS);
    const at = near.findIndex((f) => Math.abs(f.ms - actualMs) <= SAME_FRAME_MS);
    const current = near[at];
    return !current || frameProblem(current.measure, referenceSharpness(near.map((f) => f.measure))) === null;
  };
  if (!cached(file, fromMs, nearEnd)) {
    // WebCodecs decodes forward and can stop: one pass that stops once the neighbours (and the job's nearby times)
    // are in and the frame is good, or goes on to the window's end. An ffmpeg.wasm exec cannot stop early: the
    // neighbours (and nearby times) first, the rest only when needed.
    const through = Math.max(nearEnd, Math.min(aheadMs, actualMs + 10_000));
    const end = from.canStop ? Math.max(untilMs, through) : through;
    await measure(from, file, source, fromMs, end, (frames) => {
      const last = frames[frames.length - 1];
      return last !== undefined && last.ms > through + SAME_FRAME_MS && judge(frames);
    });
  }
  const near = cached(file, fromMs, nearEnd) ?? [];
  if (near.length === 0 || judge(near)) return { ms: actualMs, reason: null, moved: false };
  if (!cached(file, fromMs, untilMs)) await measure(from, file, source, fromMs, untilMs);
  const frames = cached(file, fromMs, untilMs) ?? near;
  const at = frames.findIndex((f) => Math.abs(f.ms - actualMs) <= SAME_FRAME_MS);
  if (at < 0) return { ms: actualMs, reason: null, moved: false };
  return chooseFrame(frames, at, referenceSharpness(frames.map((f) => f.measure)));
}
