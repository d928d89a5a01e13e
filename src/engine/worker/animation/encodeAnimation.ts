/// <reference lib="webworker" />
/**
 * Encodes the animated preview of a job: the GIF, then the WebM clip, from the frames the runner
 * collected in time order.
 */
import type { AnimationEncoded, AnimationRequest } from '../../protocol';
import { clipCodec, encodeClip } from './clip';
import { encodeGif } from './gif';

/**
 * @param frames RGBA frames, `request.width` × `request.height` × 4 bytes each, in time order (at least one).
 * @returns the GIF, and the WebM when the browser encodes VP9, VP8 or AV1; `notes` says why a clip is missing.
 *   Each result carries the time its encoding took, ms.
 */
export async function encodeAnimation(
  frames: readonly Uint8Array[],
  request: AnimationRequest,
): Promise<{ outputs: AnimationEncoded[]; notes: string[] }> {
  const { width, height, frameRate } = request;
  const expected = width * height * 4;
  const bad = frames.findIndex((f) => f.byteLength !== expected);
  if (bad >= 0) throw new Error(`Animation frame ${bad} has ${frames[bad]?.byteLength} bytes where ${expected} were expected.`);
  const outputs: AnimationEncoded[] = [];
  const notes: string[] = [];
  let t0 = performance.now();
  const gif = encodeGif(frames, width, height, frameRate);
  outputs.push({ format: 'gif', codec: 'gif', blob: gif, encodeMs: performance.now() - t0 });
  t0 = performance.now();
  const codec = await clipCodec(width, height, frameRate);
  if (!codec) {
    notes.push(`This browser encodes none of VP9, VP8 or AV1 at ${width}x${height}: the animated preview has a GIF and no WebM clip.`);
  } else {
    try {
      const clip = await encodeClip(frames, width, height, frameRate, codec);
      outputs.push({ format: 'webm', codec, blob: clip, encodeMs: performance.now() - t0 });
    } catch (error) {
      notes.push(`The WebM preview could not be encoded (${error instanceof Error ? error.message : String(error)}); the GIF was made.`);
    }
  }
  return { outputs, notes };
}
