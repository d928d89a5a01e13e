/**
 * WebCodecs luma frames: mediabunny decodes forward from the keyframe before the range, the Y plane of each
 * frame is copied and averaged down in JavaScript, full range. The frame is never drawn.
 */
import type { VideoSample } from 'mediabunny';
import { presentationMs } from '../../../../core/decode/decoderChoice';
import { InternalError } from '../../../../core/job/errors';
import { downscaleLuma, expandLimitedRange, type LumaPlane } from '../../../../core/analysis/frameQuality';
import type { SourceInfo } from '../../../../core/job/types';
import type { OnLumaFrame } from '../../shots/lumaFrames';
import type { WebCodecsSource } from './source';

/** Every frame in [fromMs, toMs) of an open WebCodecs source as luma, `width` px wide; `onFrame` returning true stops. */
export async function webCodecsLuma(
  browser: WebCodecsSource,
  source: SourceInfo,
  range: { fromMs: number; toMs: number },
  width: number,
  onFrame: OnLumaFrame,
): Promise<void> {
  for await (const sample of browser.framesBetween(range.fromMs, range.toMs)) {
    let stop: boolean | void;
    try {
      stop = onFrame(presentationMs(sample.timestamp, source.startTimeMs), await sampleLuma(sample, width));
    } finally {
      sample.close();
    }
    if (stop) break;
  }
}

/** One buffer reused for every frame's copy (a 1080p I420 frame is 3 MB). */
let scratch = new Uint8Array(0);

const YUV: ReadonlySet<string> = new Set(['I420', 'I420A', 'I422', 'I444', 'NV12', 'I420P10', 'I422P10', 'I444P10']);

/** The luma of a decoded sample, `width` px wide: its Y plane averaged down (coded orientation), full range. */
async function sampleLuma(sample: VideoSample, width: number): Promise<LumaPlane> {
  const format = String(sample.format ?? '');
  const size = sample.allocationSize();
  if (scratch.byteLength < size) scratch = new Uint8Array(size);
  const layout = await sample.copyTo(scratch.subarray(0, size));
  // copyTo copies the visible rectangle.
  const { width: w, height: h } = sample.visibleRect;
  const first = layout[0];
  if (!first) throw new InternalError(`A decoded ${format} frame had no planes.`);
  if (YUV.has(format) && !format.includes('P10')) {
    const plane = downscaleLuma(scratch.subarray(first.offset), w, h, first.stride, width);
    if (!sample.colorSpace.fullRange) expandLimitedRange(plane.data as Uint8Array);
    return plane;
  }
  if (YUV.has(format)) {
    // 10-bit planes: 16-bit little-endian samples, taken to 8 bits.
    const luma = new Uint8Array(w * h);
    for (let y = 0; y < h; y += 1) {
      const row = first.offset + y * first.stride;
      for (let x = 0; x < w; x += 1)
        luma[y * w + x] = (((scratch[row + 2 * x + 1] as number) << 8) | (scratch[row + 2 * x] as number)) >> 2;
    }
    const plane = downscaleLuma(luma, w, h, w, width);
    if (!sample.colorSpace.fullRange) expandLimitedRange(plane.data as Uint8Array);
    return plane;
  }
  if (format.startsWith('RGB') || format.startsWith('BGR')) {
    // BT.709 luma of 8-bit RGB (packed, 4 bytes a pixel).
    const [r, b] = format.startsWith('RGB') ? [0, 2] : [2, 0];
    const luma = new Uint8Array(w * h);
    for (let y = 0; y < h; y += 1) {
      for (let x = 0; x < w; x += 1) {
        const i = first.offset + y * first.stride + x * 4;
        luma[y * w + x] = Math.round(
          0.2126 * (scratch[i + r] as number) + 0.7152 * (scratch[i + 1] as number) + 0.0722 * (scratch[i + b] as number),
        );
      }
    }
    return downscaleLuma(luma, w, h, w, width);
  }
  throw new InternalError(`Frames in ${format || 'this pixel format'} cannot be measured.`);
}
