/// <reference lib="webworker" />
/**
 * One frame of the animated preview: the decoded picture of a planned time drawn at the animation's size (filled
 * as the job's `fit` says), as raw RGBA. The runner collects these in time order and has them encoded at the end
 * (encodeAnimation.ts), so frames may come from any engine worker.
 */
import type { Fit } from '../../../core/job/types';
import { canvas2d, drawPicture } from '../encode';
import type { DecodedFrame } from '../sources/frameSource';

/**
 * @param picture the decoded frame at the size it takes in the animation's box (DecodedFrame.also), or at its size in
 *   the job's image box, then scaled here.
 * @param size the animation's frame size, px.
 * @returns width × height × 4 bytes of RGBA, opaque.
 * @throws ResourceLimitError when the browser cannot allocate the canvas
 */
export function animationFrame(picture: DecodedFrame, size: { width: number; height: number }, fit: Fit): Uint8Array {
  const { context } = canvas2d(size.width, size.height);
  context.fillStyle = '#000';
  context.fillRect(0, 0, size.width, size.height);
  context.imageSmoothingQuality = 'high';
  drawPicture(context, picture, { x: 0, y: 0, ...size }, fit);
  const data = context.getImageData(0, 0, size.width, size.height).data;
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}
