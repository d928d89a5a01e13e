/**
 * The animated GIF of the preview, with gifenc (mattdesl/gifenc: PnnQuant colour quantizer, LZW encoder): one
 * 256-colour palette per frame (a local colour table), no dithering, looping forever.
 */
import { GIFEncoder, applyPalette, quantize } from 'gifenc';
import { gifDelaysMs } from '../../../core/output/animationSpec';

/**
 * @param frames RGBA frames, each width × height × 4 bytes, in order.
 * @param frameRate fps: each frame lasts 1/fps, in whole centiseconds that keep the rate on average (core
 *   `gifDelaysMs`).
 * @returns the GIF (image/gif).
 * Source: GIF89a (Graphic Control Extension delays in 1/100 s; NETSCAPE2.0 loop extension, repeat 0 = forever).
 */
export function encodeGif(frames: readonly Uint8Array[], width: number, height: number, frameRate: number): Blob {
  const gif = GIFEncoder({ initialCapacity: width * height * frames.length });
  const delays = gifDelaysMs(frameRate, frames.length);
  frames.forEach((rgba, k) => {
    const palette = quantize(rgba, 256);
    gif.writeFrame(applyPalette(rgba, palette), width, height, { palette, delay: delays[k] ?? 0, repeat: 0 });
  });
  gif.finish();
  return new Blob([gif.bytes() as Uint8Array<ArrayBuffer>], { type: 'image/gif' });
}
