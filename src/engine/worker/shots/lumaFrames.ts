/**
 * Consecutive frames of a time range as small luma planes (the quality window and the cut pass). Each frame
 * source that can read them implements {@link LumaReader} (sources/webcodecs/lumaFrames.ts,
 * sources/ffmpeg/lumaFrames.ts).
 */
import type { LumaPlane } from '../../../core/analysis/frameQuality';

/**
 * Called with each frame in presentation order: its time (ms, SPEC clock) and its luma (full range). Returning true
 * asks to stop (honoured where decoding can stop: WebCodecs).
 */
export type OnLumaFrame = (ms: number, plane: LumaPlane) => boolean | void;

/**
 * Decodes every frame with presentation time in [fromMs, toMs) and hands its luma, `width` px wide (height from the
 * aspect), to `onFrame`, in order.
 * @throws what the decoder throws
 */
export type LumaReader = (range: { fromMs: number; toMs: number }, width: number, onFrame: OnLumaFrame) => Promise<void>;
