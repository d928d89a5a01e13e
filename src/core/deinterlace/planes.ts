/**
 * A whole picture deinterlaced: each of its YCbCr planes through {@link bwdifPlane}, as ffmpeg's bwdif filters every
 * plane of the frame on its own (chroma planes at their own height: in 4:2:0 the chroma lines alternate fields too).
 */
import type { YuvPlanes } from '../color/yuv/planes';
import type { DeinterlacePlan } from './decision';
import { bwdifPlane, type Plane } from './bwdif';

const luma = (p: YuvPlanes): Plane => ({ data: p.y, width: p.width, height: p.height, stride: p.yStride });
const chroma = (p: YuvPlanes, which: 'u' | 'v'): Plane => ({
  data: p[which],
  width: Math.ceil(p.width / 2 ** p.chromaShiftX),
  height: Math.ceil(p.height / 2 ** p.chromaShiftY),
  stride: p.cStride,
});

/**
 * Deinterlaces `cur` (bwdif, `mode=send_frame`): one picture out per picture in.
 * @param prev the frame decoded before `cur` in the stream; null when `cur` is the first (bwdif then builds the other
 *   field from the kept one alone)
 * @param next the frame decoded after it; null when `cur` is the last
 * @param plan the field kept (core/deinterlace/decision.ts)
 * @returns new planes of `cur`'s size, format and depth, strides = plane widths (tightly packed)
 * @throws RangeError when the three pictures differ in size, depth or chroma subsampling, or the depth is not 8-16 bits
 *   (bwdifPlane)
 */
export function deinterlacePlanes(prev: YuvPlanes | null, cur: YuvPlanes, next: YuvPlanes | null, plan: DeinterlacePlan): YuvPlanes {
  for (const p of [prev, next]) {
    if (
      p &&
      (p.width !== cur.width ||
        p.height !== cur.height ||
        p.bitDepth !== cur.bitDepth ||
        p.chromaShiftX !== cur.chromaShiftX ||
        p.chromaShiftY !== cur.chromaShiftY)
    ) {
      throw new RangeError(`frames of ${p.width}x${p.height} ${p.bitDepth}-bit and ${cur.width}x${cur.height} ${cur.bitDepth}-bit`);
    }
  }
  const tff = plan.topFieldFirst;
  const depth = cur.bitDepth;
  const y = bwdifPlane(prev && luma(prev), luma(cur), next && luma(next), tff, depth);
  const u = bwdifPlane(prev && chroma(prev, 'u'), chroma(cur, 'u'), next && chroma(next, 'u'), tff, depth);
  const v = bwdifPlane(prev && chroma(prev, 'v'), chroma(cur, 'v'), next && chroma(next, 'v'), tff, depth);
  return { ...cur, y: y.data, u: u.data, v: v.data, yStride: y.stride, cStride: u.stride };
}
