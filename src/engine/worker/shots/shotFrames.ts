/**
 * The cut pass over one time range, as one engine operation so that a pool of workers can shard
 * a video into ranges and run them side by side: every frame of the range is decoded, its luma averaged down to
 * {@link SHOT_ANALYSIS_WIDTH} px, and compared with the frame before it (core/analysis/shots.ts `meanAbsDiff`, scdet's MAFD).
 */
import { isDark, measureFrame, type LumaPlane } from '../../../core/analysis/frameQuality';
import { meanAbsDiff, SHOT_ANALYSIS_WIDTH, type ShotFrames } from '../../../core/analysis/shots';
import type { SourceInfo } from '../../../core/job/types';
import type { LumaReader } from './lumaFrames';

/** How far before the range decoding starts, so that its first frame has its predecessor: ms, at least 3 frames. */
function predecessorMarginMs(source: SourceInfo): number {
  return Math.max(200, 3 * (source.frameRate ? 1000 / source.frameRate : 40));
}

/**
 * Per-frame numbers of the cut pass for the frames with presentation time in [fromMs, toMs).
 * @returns times (ms), MAFD to the previous frame (0-100; null only for the video's first frame, or after a gap
 *   longer than the margin), sharpness and darkness (core/analysis/frameQuality.ts) of each frame
 * @throws what the decoders throw
 */
export async function shotFrames(read: LumaReader, source: SourceInfo, range: { fromMs: number; toMs: number }): Promise<ShotFrames> {
  const out: ShotFrames = { framesMs: [], mafd: [], sharpness: [], dark: [] };
  const width = Math.min(SHOT_ANALYSIS_WIDTH, source.width);
  let prev: LumaPlane | null = null;
  const startMs = range.fromMs > 0 ? Math.max(0, range.fromMs - predecessorMarginMs(source)) : 0;
  await read({ fromMs: startMs, toMs: range.toMs }, width, (ms, plane) => {
    const mafd = prev && prev.width === plane.width && prev.height === plane.height ? meanAbsDiff(prev, plane) : null;
    prev = plane;
    if (ms < range.fromMs - 0.0005) return;
    const measure = measureFrame(plane);
    out.framesMs.push(ms);
    out.mafd.push(mafd);
    out.sharpness.push(measure.sharpness);
    out.dark.push(isDark(measure));
  });
  return out;
}
