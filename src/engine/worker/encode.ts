import { ResourceLimitError } from '../../core/job/errors';
import { fitRect } from '../../core/output/geometry';
import type { Fit, ImageFormat } from '../../core/job/types';
import type { DecodedFrame } from './sources/frameSource';

const MIME: Record<ImageFormat, string> = { jpg: 'image/jpeg', png: 'image/png', webp: 'image/webp' };
/** Blur of the `gauss` background, as a fraction of the box's longer side. */
const GAUSS_BLUR = 0.04;

/** Sizes the caller asked for, by canvas: a failed allocation is reported with the size asked for. */
const requestedSize = new WeakMap<OffscreenCanvas, { width: number; height: number }>();
/** Test fault (`?engineFault=canvas`): the next canvas allocation fails for real. */
let canvasFaultArmed = false;
/** Far over Chromium's canvas limits (32767 px a side, 268 M pixels): the browser cannot allocate it. */
const UNALLOCATABLE = 65_535;

/**
 * Makes the next {@link canvas2d} call ask the browser for a canvas it cannot allocate (65535 px square), so that
 * the real failure path runs (Chromium gives a context for a canvas that holds no pixels). Tests only
 * (`?engineFault=canvas`, README "Testing hooks").
 */
export function armCanvasFault(): void {
  canvasFaultArmed = true;
}

/** The sentence for a picture the browser could not hold (SPEC "Errors": ResourceLimit). */
function tooLarge(width: number, height: number, detail: string): ResourceLimitError {
  return new ResourceLimitError(
    `The ${width}x${height} px picture is too large for this browser's memory (${detail}). ` +
      'Choose a smaller width and height (or smaller sprite cells) and try again.',
  );
}

/**
 * True when the canvas really has pixels. Chromium hands out a context for a canvas it could not allocate (over its
 * size limits or out of memory): drawing then does nothing and `convertToBlob` rejects ("The size of the
 * OffscreenCanvas is zero"). One opaque pixel is written and read back (then cleared): it reads back transparent
 * on such a canvas. Measured in Chromium 156: 65535 px square fails this way, 16384 px square works.
 */
function holdsPixels(context: OffscreenCanvasRenderingContext2D): boolean {
  context.save();
  context.fillStyle = '#fff';
  context.fillRect(0, 0, 1, 1);
  const alpha = context.getImageData(0, 0, 1, 1).data[3];
  context.clearRect(0, 0, 1, 1);
  context.restore();
  return alpha === 255;
}

/**
 * A 2D canvas of the given size, px.
 * @throws ResourceLimitError when the browser cannot allocate it: the constructor throws, `getContext` returns null,
 *   or the canvas holds no pixels (SPEC "Errors": ResourceLimit)
 */
export function canvas2d(width: number, height: number): { canvas: OffscreenCanvas; context: OffscreenCanvasRenderingContext2D } {
  const faulted = canvasFaultArmed;
  canvasFaultArmed = false;
  let failure = 'the canvas has no 2D context';
  try {
    const canvas = faulted ? new OffscreenCanvas(UNALLOCATABLE, UNALLOCATABLE) : new OffscreenCanvas(width, height);
    const context = canvas.getContext('2d');
    if (context && holdsPixels(context)) {
      requestedSize.set(canvas, { width, height });
      return { canvas, context };
    }
    if (context) failure = 'the canvas holds no pixels';
  } catch (error) {
    failure = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  }
  throw tooLarge(width, height, `the browser could not allocate a canvas for it: ${failure}`);
}

function pictureCanvas(picture: DecodedFrame): OffscreenCanvas {
  if ('image' in picture) return picture.image;
  const { canvas, context } = canvas2d(picture.width, picture.height);
  const pixels = new Uint8ClampedArray(picture.rgba.buffer as ArrayBuffer, picture.rgba.byteOffset, picture.rgba.byteLength);
  context.putImageData(new ImageData(pixels, picture.width, picture.height), 0, 0);
  return canvas;
}

/**
 * Draws a decoded picture into the rectangle (x, y, width, height) of `context`, filled according to `fit`
 * (SPEC "Output geometry", Tencent FillType): `stretch` and same-aspect pictures fill it; `black`/`white` letterbox;
 * `gauss` letterboxes on a blurred, cropped copy of the frame.
 * @param picture the decoded frame, already scaled (by ffmpeg, or drawn by the browser) to the fitted size (or to the
 *   box for `stretch`)
 */
export function drawPicture(
  context: OffscreenCanvasRenderingContext2D,
  picture: DecodedFrame,
  box: { x: number; y: number; width: number; height: number },
  fit: Fit,
): void {
  const source = pictureCanvas(picture);
  const inner = fitRect(picture, box);
  if (picture.width !== box.width || picture.height !== box.height) {
    context.save();
    context.beginPath();
    context.rect(box.x, box.y, box.width, box.height);
    context.clip();
    if (fit === 'gauss') {
      const scale = Math.max(box.width / picture.width, box.height / picture.height);
      const w = picture.width * scale;
      const h = picture.height * scale;
      context.filter = `blur(${Math.max(2, Math.round(Math.max(box.width, box.height) * GAUSS_BLUR))}px)`;
      context.drawImage(source, box.x + (box.width - w) / 2, box.y + (box.height - h) / 2, w, h);
      context.filter = 'none';
    } else {
      context.fillStyle = fit === 'white' ? '#fff' : '#000';
      context.fillRect(box.x, box.y, box.width, box.height);
    }
    context.restore();
  }
  context.drawImage(source, box.x + inner.x, box.y + inner.y, inner.width, inner.height);
}

/**
 * Encodes a canvas with the browser's encoders (OffscreenCanvas.convertToBlob). We never ask ffmpeg.wasm's mjpeg
 * encoder for full-size JPEGs: it crashes the single-thread core (docs/ENGINE.md "Measured facts").
 * @param quality 1..100 (ignored for PNG)
 * @throws ResourceLimitError when the browser cannot encode it (a canvas it could not allocate, out of memory)
 */
export async function encodeCanvas(canvas: OffscreenCanvas, format: ImageFormat, quality: number): Promise<Blob> {
  try {
    return await canvas.convertToBlob({ type: MIME[format], quality: quality / 100 });
  } catch (error) {
    const size = requestedSize.get(canvas) ?? { width: canvas.width, height: canvas.height };
    const failure = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    throw tooLarge(size.width, size.height, `the browser could not encode it: ${failure}`);
  }
}

/** Encodes one picture as an image of the box size, filled according to `fit`. */
export async function encodeImage(
  picture: DecodedFrame,
  box: { width: number; height: number },
  fit: Fit,
  format: ImageFormat,
  quality: number,
): Promise<Blob> {
  const { canvas, context } = canvas2d(box.width, box.height);
  drawPicture(context, picture, { x: 0, y: 0, ...box }, fit);
  return encodeCanvas(canvas, format, quality);
}
