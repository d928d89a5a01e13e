/**
 * A WebCodecs frame drawn from its YCbCr planes (framePlanes.ts) rather than by the browser: the planes are scaled to
 * the picture size in coded orientation (core/color/yuv/resample.ts), converted to RGBA by the caller's conversion (HDR →
 * SDR, or the SDR matrix), and turned as the track says. Used where ffmpeg's order (scale in YCbCr, then convert)
 * matters or pays: HDR frames, and SDR downscales of 2x and more (docs/ENGINE.md "Drawing a frame").
 */
import type { VideoSample } from 'mediabunny';
import type { YuvPlanes } from '../../../core/color/yuv/planes';
import { resamplePlanes, type ChromaShift } from '../../../core/color/yuv/resample';
import { drawOriented } from '../orientation';
import { samplePlanes } from './framePlanes';
import { scaleKernel } from './scaleKernel';

/** Converts planes at the picture size to RGBA (width x height x 4 bytes). */
export type PlanesToRgba = (planes: YuvPlanes) => Uint8ClampedArray;

/**
 * The frame as a canvas of `width` x `height` px (display orientation: rotation and flip applied).
 * @param chroma the chroma subsampling to scale to (core/color/yuv/resample.ts): SDR as swscale's RGB output, HDR 4:4:4
 * @throws Error when the frame's planes cannot be read (see samplePlanes)
 */
export async function planesCanvas(
  sample: VideoSample,
  width: number,
  height: number,
  chroma: ChromaShift,
  toRgba: PlanesToRgba,
): Promise<OffscreenCanvas> {
  const planes = await samplePlanes(sample);
  const quarter = sample.rotation % 180 !== 0;
  const [w, h] = quarter ? [height, width] : [width, height];
  const rgba = toRgba(resamplePlanes(planes, w, h, chroma, scaleKernel()));
  const coded = new OffscreenCanvas(w, h);
  const codedContext = coded.getContext('2d');
  if (!codedContext) throw new Error('no 2D context');
  codedContext.putImageData(new ImageData(rgba as Uint8ClampedArray<ArrayBuffer>, w, h), 0, 0);
  if (sample.rotation === 0 && !sample.flip) return coded;
  const out = new OffscreenCanvas(width, height);
  const context = out.getContext('2d');
  if (!context) throw new Error('no 2D context');
  drawOriented(context, coded, sample.rotation, sample.flip);
  return out;
}
