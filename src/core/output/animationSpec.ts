/**
 * The "Animated preview" settings of sample and sprite jobs: frame rate and size, read from the form.
 * One frame per planned time, as an animated GIF and a WebM clip (Mux's animated GIF, Cloudflare Stream's and Bunny
 * Stream's animated previews).
 */
import type { Size } from './geometry';
import type { AnimationParams } from '../job/types';

/** Frame rate when the field is empty, fps: a slide show of the planned times, two a second. */
export const DEFAULT_ANIMATION_FPS = 2;
/** Width when the field is empty, px, or the output width when smaller (Mux's animated GIF is 320 px wide by default). */
export const DEFAULT_ANIMATION_WIDTH = 320;
/** Smallest and largest side, px. */
export const MIN_ANIMATION_SIDE = 16;
export const MAX_ANIMATION_SIDE = 1920;
/** Highest frame rate, fps. */
export const MAX_ANIMATION_FPS = 60;

const even = (n: number): number => Math.max(2, 2 * Math.round(n / 2));

/**
 * Reads the animation fields.
 *
 * @param fpsText frames per second, a number in (0, 60] (`2`, `0.5`, `12.5`); empty = {@link DEFAULT_ANIMATION_FPS}.
 * @param widthText width px, whole in [16, 1920] (a trailing `px` allowed); empty = min(320, output width).
 * @param output the size of the job's images (the cell size in sprite mode), px: the animation keeps its aspect.
 * @returns `{ ok: true, value }` with width rounded to even and height = output height × width / output width,
 *   rounded to even (4:2:0 video needs even sides), at least 16; or `{ ok: false, field, message }` naming the
 *   field (`animationFps` or `animationWidth`) and the allowed range.
 */
export function checkAnimation(
  fpsText: string,
  widthText: string,
  output: Size,
): { ok: true; value: AnimationParams } | { ok: false; field: 'animationFps' | 'animationWidth'; message: string } {
  const fpsTrimmed = fpsText.trim().replace(/\s*fps$/i, '');
  const frameRate = fpsTrimmed === '' ? DEFAULT_ANIMATION_FPS : Number(fpsTrimmed);
  if (!/^(\d+(\.\d+)?|\.\d+)?$/.test(fpsTrimmed) || !(frameRate > 0) || frameRate > MAX_ANIMATION_FPS) {
    return {
      ok: false,
      field: 'animationFps',
      message: `Preview frame rate must be a number of frames per second above 0 and at most ${MAX_ANIMATION_FPS} (empty means ${DEFAULT_ANIMATION_FPS}); ${JSON.stringify(fpsText.trim())} is not.`,
    };
  }
  const widthTrimmed = widthText.trim();
  const match = /^(\d+)\s*(?:px)?$/i.exec(widthTrimmed);
  const typed = widthTrimmed === '' ? null : match?.[1] ? Number(match[1]) : NaN;
  if (typed !== null && !(typed >= MIN_ANIMATION_SIDE && typed <= MAX_ANIMATION_SIDE)) {
    return {
      ok: false,
      field: 'animationWidth',
      message: `Preview width must be a whole number of pixels from ${MIN_ANIMATION_SIDE} to ${MAX_ANIMATION_SIDE} (empty means ${DEFAULT_ANIMATION_WIDTH} or the image width); ${JSON.stringify(widthTrimmed)} is not.`,
    };
  }
  const width = even(typed ?? Math.min(DEFAULT_ANIMATION_WIDTH, output.width));
  const height = Math.max(MIN_ANIMATION_SIDE, even((output.height * width) / output.width));
  if (height > MAX_ANIMATION_SIDE) {
    return {
      ok: false,
      field: 'animationWidth',
      message: `With a preview width of ${width} px the height follows the images' aspect ratio and would be ${height} px, above ${MAX_ANIMATION_SIDE}. Use a smaller preview width.`,
    };
  }
  return { ok: true, value: { frameRate, width: Math.max(MIN_ANIMATION_SIDE, width), height } };
}

/** Most raw frame bytes an animated preview may collect before it is encoded (frames × width × height × 4). */
export const MAX_ANIMATION_BYTES = 512 * 1024 * 1024;

/**
 * The sentence for an animated preview too large to hold, or null when it fits: its frames are kept as raw RGBA
 * until the job's last frame, then encoded (WorkerApi.encodeAnimation).
 *
 * @param params the animation; @param frames how many planned times (one frame each).
 * @returns null when frames × width × height × 4 ≤ {@link MAX_ANIMATION_BYTES} (512 MiB: 2330 frames at 320×180).
 */
export function animationTooLarge(params: AnimationParams, frames: number): string | null {
  const bytes = frames * params.width * params.height * 4;
  if (bytes <= MAX_ANIMATION_BYTES) return null;
  return (
    `The animated preview would hold ${frames} frames of ${params.width}x${params.height} px ` +
    `(${(bytes / 2 ** 20).toFixed(1)} MiB before encoding; the limit is ${MAX_ANIMATION_BYTES / 2 ** 20} MiB). ` +
    'Use a smaller preview width or fewer times.'
  );
}

/**
 * How long each GIF frame is shown, ms, so that the frames keep the rate on average: GIF delays are whole
 * centiseconds, so frame k lasts round((k+1)·100/fps) − round(k·100/fps) cs (e.g. 3 fps: 30, 40, 30, 30, 40… ms·10).
 *
 * @param frameRate fps > 0; @param count frames, whole ≥ 0.
 * @returns `count` delays in ms, each a multiple of 10.
 * Source: GIF89a §23 Graphic Control Extension (Delay Time in 1/100 s).
 */
export function gifDelaysMs(frameRate: number, count: number): number[] {
  const at = (k: number): number => Math.round((k * 100) / frameRate);
  return Array.from({ length: count }, (_, k) => (at(k + 1) - at(k)) * 10);
}
