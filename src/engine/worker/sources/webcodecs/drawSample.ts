/**
 * Drawing a decoded WebCodecs frame at the picture size, with ffmpeg's YUV->RGB conversion: planar YUV scaled and
 * converted by our own code (planes/planesCanvas.ts), anything else converted by the browser and scaled in halving
 * steps (docs/ENGINE.md "Drawing a frame").
 */
import type { VideoSample } from 'mediabunny';
import { RGB_OUTPUT_CHROMA } from '../../../../core/color/yuv/resample';
import { sdrMatrix, sdrToRgba } from '../../../../core/color/yuv/sdrToRgba';
import { drawOriented } from '../../orientation';
import { planesCanvas } from '../../planes/planesCanvas';
import { withColorSpace } from './colorSpace';

/** Planar YUV formats without alpha that {@link drawSample} converts itself (framePlanes.ts reads them). */
const OWN_CONVERSION: ReadonlySet<string> = new Set([
  'I420',
  'I422',
  'I444',
  'I420P10',
  'I422P10',
  'I444P10',
  'I420P12',
  'I422P12',
  'I444P12',
]);

/**
 * Draws a sample at `width` x `height` px (display orientation: rotation applied; the size already fitted or the
 * box for `stretch`), converting YUV to RGB as ffmpeg's scaler would (`colorSpace`: colorSpace.ts `ffmpegColorSpace`).
 * - Downscales by 2x and more of planar YUV (the usual snapshot and sprite cell): the planes are scaled to the
 *   picture size with swscale's bicubic and converted there (planes/planesCanvas.ts, core/yuv), in ffmpeg's order
 *   (scale, then convert). P2's 30 keyframes of a 1080p file took 1.0 s of renderer CPU this way against 1.9 s with
 *   the browser's full-size conversion and canvas steps below (docs/ENGINE.md "Drawing a frame").
 * - Otherwise the browser converts the frame ({@link frameCanvas}) and that canvas is drawn, rotated and flipped as
 *   the track says; downscales by more than 2x (formats of the first case that cannot be read as planes) go
 *   through halving steps, so the picture is filtered like ffmpeg's scaler rather than aliased by one bilinear draw.
 * @param levels for the planes path: `swscale` (native ffmpeg's RGB levels) or `matrix` (core/color/yuv/sdrToRgba.ts)
 * The caller closes `sample`.
 */
export async function drawSample(
  sample: VideoSample,
  colorSpace: VideoColorSpaceInit,
  width: number,
  height: number,
  levels: 'swscale' | 'matrix' = 'swscale',
): Promise<OffscreenCanvas> {
  const ratio = Math.min(sample.displayWidth / width, sample.displayHeight / height);
  const matrix = sdrMatrix(colorSpace.matrix);
  if (ratio >= 2 && matrix && OWN_CONVERSION.has(sample.format ?? '')) {
    return planesCanvas(sample, width, height, RGB_OUTPUT_CHROMA, (planes) =>
      sdrToRgba(planes, matrix, colorSpace.fullRange ?? false, levels),
    );
  }
  const relabelled = await withColorSpace(sample, colorSpace);
  try {
    return await drawConverted(relabelled ?? sample, ratio, width, height);
  } finally {
    relabelled?.close();
  }
}

async function drawConverted(sample: VideoSample, ratio: number, width: number, height: number): Promise<OffscreenCanvas> {
  const levels = ratio > 2 ? Math.floor(Math.log2(ratio)) : 0;
  const canvas = new OffscreenCanvas(width * 2 ** levels, height * 2 ** levels);
  const context = canvas.getContext('2d');
  if (!context) throw new Error('no 2D context');
  context.imageSmoothingQuality = 'high';
  const rgb = await frameCanvas(sample);
  if (rgb) drawOriented(context, rgb, sample.rotation, sample.flip);
  // A browser without copyTo's RGB conversion: draw the frame itself (mediabunny applies rotation and flip).
  else sample.drawWithFit(context, { fit: 'fill' });
  if (levels === 0) return canvas;
  context.globalCompositeOperation = 'copy';
  for (let level = levels; level > 1; level -= 1) {
    const w = width * 2 ** level;
    const h = height * 2 ** level;
    context.drawImage(canvas, 0, 0, w, h, 0, 0, w / 2, h / 2);
  }
  const out = new OffscreenCanvas(width, height);
  const outContext = out.getContext('2d');
  if (!outContext) throw new Error('no 2D context');
  outContext.imageSmoothingQuality = 'high';
  outContext.drawImage(canvas, 0, 0, width * 2, height * 2, 0, 0, width, height);
  return out;
}

/** RGBA conversion of a frame by the browser (VideoFrame.copyTo, WebCodecs: the frame's own colour space to sRGB). */
const RGBA_COPY: VideoFrameCopyToOptions = { format: 'RGBA', colorSpace: 'srgb' };

/**
 * The sample's visible rectangle in a canvas of its coded size (coded orientation), converted to RGB by the browser
 * with `VideoFrame.copyTo({ format: 'RGBA', colorSpace: 'srgb' })`; null where the browser cannot (no RGB conversion
 * in copyTo, or an opaque GPU frame). Canvases are drawn from this canvas, never from the VideoFrame: in Chromium's
 * software canvas each VideoFrame drawn (drawImage, or createImageBitmap) leaves a decoded copy in the image decode
 * cache for the page's life (0.92 MB per 640x360 frame, 9 MB per 10-snapshot job; docs/PERFORMANCE.md "Soak: 100 jobs on one page"), a canvas does not.
 */
async function frameCanvas(sample: VideoSample): Promise<OffscreenCanvas | null> {
  const frame = sample.toVideoFrame();
  let rgba: Uint8Array;
  let width: number;
  let height: number;
  try {
    const rect = frame.visibleRect;
    if (!rect) return null;
    ({ width, height } = rect);
    rgba = new Uint8Array(frame.allocationSize(RGBA_COPY));
    await frame.copyTo(rgba, RGBA_COPY);
  } catch {
    return null;
  } finally {
    frame.close();
  }
  const canvas = new OffscreenCanvas(width, height);
  const context = canvas.getContext('2d');
  if (!context) throw new Error('no 2D context');
  context.putImageData(new ImageData(new Uint8ClampedArray(rgba.buffer as ArrayBuffer), width, height), 0, 0);
  return canvas;
}
