/**
 * A WebCodecs frame deinterlaced in the worker: its planes and its neighbours' (framePlanes.ts) through
 * core/deinterlace/planes.ts (bwdif, one frame per frame), returned as a new in-memory sample of the same format,
 * time, colour space, rotation and display size, so that it is drawn like any decoded frame (drawSample.ts,
 * hdr/hdrPicture.ts).
 */
import { VideoSample, type VideoSamplePixelFormat } from 'mediabunny';
import type { DeinterlacePlan } from '../../../core/deinterlace/decision';
import { deinterlacePlanes } from '../../../core/deinterlace/planes';
import type { YuvPlanes } from '../../../core/color/yuv/planes';
import { samplePlanes } from './framePlanes';

/** The format of the deinterlaced sample: the decoder's, without alpha (framePlanes.ts reads Y, Cb and Cr only). */
const WITHOUT_ALPHA: Partial<Record<VideoSamplePixelFormat, VideoSamplePixelFormat>> = { I420A: 'I420', I420AP10: 'I420P10' };

/**
 * `cur` deinterlaced from `prev` and `next` (the frames shown before and after it; null at the stream's ends).
 * @returns a new sample the caller closes; the three given stay open
 * @throws Error when a frame's planes cannot be read (not planar YUV in memory: framePlanes.ts), RangeError when the
 *   frames differ in size or format: the caller lets ffmpeg.wasm decode the file
 */
export async function deinterlaceSample(
  prev: VideoSample | null,
  cur: VideoSample,
  next: VideoSample | null,
  plan: DeinterlacePlan,
): Promise<VideoSample> {
  const [p, c, n] = await Promise.all([prev && samplePlanes(prev), samplePlanes(cur), next && samplePlanes(next)]);
  const out = deinterlacePlanes(p, c, n, plan);
  const { buffer, layout } = packPlanes(out);
  const format = cur.format ?? 'I420';
  return new VideoSample(buffer, {
    format: WITHOUT_ALPHA[format] ?? format,
    codedWidth: out.width,
    codedHeight: out.height,
    layout,
    timestamp: cur.timestamp,
    duration: cur.duration,
    colorSpace: cur.colorSpace.toJSON(),
    rotation: cur.rotation,
    flip: cur.flip,
    displayWidth: cur.displayWidth,
    displayHeight: cur.displayHeight,
  });
}

/** Y, Cb and Cr one after the other in one buffer, with the byte layout VideoFrame takes (offsets, strides in bytes). */
function packPlanes(planes: YuvPlanes): { buffer: Uint8Array; layout: PlaneLayout[] } {
  const sampleBytes = planes.bitDepth > 8 ? 2 : 1;
  const parts = [planes.y, planes.u, planes.v];
  const strides = [planes.yStride, planes.cStride, planes.cStride];
  const buffer = new Uint8Array(parts.reduce((sum, part) => sum + part.byteLength, 0));
  const layout: PlaneLayout[] = [];
  let offset = 0;
  for (const [i, part] of parts.entries()) {
    buffer.set(new Uint8Array(part.buffer, part.byteOffset, part.byteLength), offset);
    layout.push({ offset, stride: (strides[i] as number) * sampleBytes });
    offset += part.byteLength;
  }
  return { buffer, layout };
}
