import { ResourceLimitError } from '../../core/errors';
import { fitRect } from '../../core/geometry';
import type { Fit, ImageFormat } from '../../core/types';

const MIME: Record<ImageFormat, string> = { jpg: 'image/jpeg', png: 'image/png', webp: 'image/webp' };
/** Blur of the `gauss` background, as a fraction of the box's longer side. */
const GAUSS_BLUR = 0.04;

/**
 * A decoded picture at the size it takes in its box, px: raw RGBA (ffmpeg.wasm) or a canvas the frame was drawn
 * into (WebCodecs).
 */
export type Picture = { width: number; height: number } & ({ rgba: Uint8Array } | { image: OffscreenCanvas });

/**
 * A 2D canvas of the given size, px.
 * @throws ResourceLimitError when the browser cannot allocate it (SPEC "Errors": ResourceLimit)
 */
export function canvas2d(width: number, height: number): { canvas: OffscreenCanvas; context: OffscreenCanvasRenderingContext2D } {
  try {
    const canvas = new OffscreenCanvas(width, height);
    const context = canvas.getContext('2d');
    if (context) return { canvas, context };
  } catch {
    // fall through
  }
  throw new ResourceLimitError(`The browser could not allocate a ${width}x${height} px canvas. Choose a smaller size.`);
}

function pictureCanvas(picture: Picture): OffscreenCanvas {
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
  picture: Picture,
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
 * encoder for full-size JPEGs: it crashes the single-thread core (ENGINE-FACTS.md).
 * @param quality 1..100 (ignored for PNG)
 */
export function encodeCanvas(canvas: OffscreenCanvas, format: ImageFormat, quality: number): Promise<Blob> {
  return canvas.convertToBlob({ type: MIME[format], quality: quality / 100 });
}

/** Encodes one picture as an image of the box size, filled according to `fit`. */
export async function encodeImage(
  picture: Picture,
  box: { width: number; height: number },
  fit: Fit,
  format: ImageFormat,
  quality: number,
): Promise<Blob> {
  const { canvas, context } = canvas2d(box.width, box.height);
  drawPicture(context, picture, { x: 0, y: 0, ...box }, fit);
  return encodeCanvas(canvas, format, quality);
}
