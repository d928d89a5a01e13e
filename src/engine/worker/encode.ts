import { ResourceLimitError } from '../../core/errors';
import type { ImageFormat } from '../../core/types';

const MIME: Record<ImageFormat, string> = { jpg: 'image/jpeg', png: 'image/png', webp: 'image/webp' };

/**
 * Encodes a raw RGBA picture into an image file with the browser's encoders (OffscreenCanvas.convertToBlob),
 * letterboxed on black into the output box when the sizes differ (SPEC `fit=black`). We never ask ffmpeg.wasm's
 * mjpeg encoder for full-size JPEGs: it crashes the single-thread core (ENGINE-FACTS.md).
 * @param picture raw RGBA, `width` x `height` px
 * @param box output image size, px (>= picture size)
 * @param quality 1..100 (ignored for PNG)
 * @throws ResourceLimitError when the browser cannot allocate the canvas
 */
export async function encodeImage(
  picture: { rgba: Uint8Array; width: number; height: number },
  box: { width: number; height: number },
  format: ImageFormat,
  quality: number,
): Promise<Blob> {
  let canvas: OffscreenCanvas | null = null;
  let context: OffscreenCanvasRenderingContext2D | null = null;
  try {
    canvas = new OffscreenCanvas(box.width, box.height);
    context = canvas.getContext('2d');
  } catch {
    context = null;
  }
  if (!canvas || !context) {
    throw new ResourceLimitError(
      `The browser could not allocate a ${box.width}x${box.height} px canvas. Choose a smaller width or height.`,
    );
  }
  if (box.width !== picture.width || box.height !== picture.height) {
    context.fillStyle = '#000';
    context.fillRect(0, 0, box.width, box.height);
  }
  const pixels = new Uint8ClampedArray(picture.rgba.buffer as ArrayBuffer, picture.rgba.byteOffset, picture.rgba.byteLength);
  const x = Math.floor((box.width - picture.width) / 2);
  const y = Math.floor((box.height - picture.height) / 2);
  context.putImageData(new ImageData(pixels, picture.width, picture.height), x, y);
  return canvas.convertToBlob({ type: MIME[format], quality: quality / 100 });
}
