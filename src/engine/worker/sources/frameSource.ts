/**
 * The one interface every decoder of the engine worker implements: the
 * browser's decoders (sources/webcodecs/) and ffmpeg.wasm (sources/ffmpeg/), side by side. The worker decodes a frame
 * through a chain of sources (worker/frameChain.ts): the first that gives the frame wins.
 */
import type { VideoInput } from '../../videoInput';
import type { DecoderName, FrameType, HdrMode, SourceInfo } from '../../../core/job/types';
import type { DeinterlacePlan } from '../../../core/deinterlace/decision';
import type { LumaReader } from '../shots/lumaFrames';

/**
 * A decoded frame, the one name for a decoded picture in the engine: its pixels at the size it takes in its box (px),
 * as raw RGBA (ffmpeg.wasm) or a canvas (WebCodecs), the time it is shown and which decoder made it.
 */
export type DecodedFrame = {
  width: number;
  height: number;
  /** Presentation time, ms from the container start_time (SPEC "Times"), microsecond precision. */
  actualMs: number;
  decoder: DecoderName;
  /**
   * The same frame at {@link PictureRequest.alsoAt}'s size, drawn from the decoded frame itself (not rescaled from
   * the picture), where the source can; absent otherwise.
   */
  also?: { width: number; height: number; image: OffscreenCanvas };
} & ({ rgba: Uint8Array } | { image: OffscreenCanvas });

/** What to decode: the frame for `timeMs` (ms) of `frameType`, scaled to `width` x `height` px (the picture size). */
export interface PictureRequest {
  timeMs: number;
  width: number;
  height: number;
  frameType: FrameType;
  /**
   * HDR sources (core/color/hdr/colorInfo.ts hdrSource): the operator or `off`; sources give full-depth planes to
   * worker/hdr/hdrPicture.ts, the one HDR → SDR step. Absent: `hable`. Ignored for SDR sources.
   */
  hdr?: HdrMode;
  /**
   * Deinterlace the frame (core/deinterlace/decision.ts): with bwdif, one frame per frame, from the frame and its
   * neighbours in the stream (the previous and next decoded frames); null or absent: the frame as decoded.
   */
  deinterlace?: DeinterlacePlan | null;
  /** Decode it on its own, leaving the plan's frames alone (a frame chosen instead of a dark one). */
  outsidePlan?: boolean;
  /**
   * A second picture size, px (the animated preview's frame): a picture scaled twice (to the image, then to
   * the preview) is not the frame native ffmpeg scales once, so sources that can draw it from the decoded frame do.
   */
  alsoAt?: { width: number; height: number };
}

/** A source's answer when it cannot give a frame, and why (one sentence, for logs and notes). */
export interface Refusal {
  refused: string;
}

/** True when an answer is a {@link Refusal}. */
export function isRefusal(value: unknown): value is Refusal {
  return typeof value === 'object' && value !== null && 'refused' in value;
}

/** One open file in one decoder. */
export interface FrameSource {
  readonly decoder: DecoderName;
  /**
   * The ceiling of the wall-clock limit for one frameAt() call, ms, past which the chain gives up on this source for
   * the file (WebCodecs: a stuck VideoDecoder); the chain sizes the limit by the frame's work under it
   * (core/damage/budget.ts). Null when the source has its own watchdogs (ffmpeg.wasm).
   */
  readonly watchdogMs: number | null;
  /**
   * Announces the times (ms, ascending) the next frameAt() calls will ask for, so that they are decoded together
   * (one forward pass, decode runs). A hint only: calls that leave the plan are served one by one. `neighbours`: the
   * frames will be deinterlaced, so a source that can also decodes each frame's neighbours in the same pass.
   */
  plan(
    timesMs: readonly number[],
    frameType: FrameType,
    keyframesMs?: ReadonlyArray<number | null>,
    lanes?: number,
    neighbours?: boolean,
  ): Promise<void>;
  /**
   * The keyframe at or before each time, from the container's index (nothing decoded), for sharding a job over the
   * pool's workers; per time ms, or null where none is known. Times: ms, ascending (none: only opens the file).
   */
  keyframesAt(timesMs: readonly number[]): Promise<Array<number | null>>;
  /**
   * The frame displayed at `timeMs` (accurate: the last frame with pts <= t; keyframe: the last keyframe at or
   * before t; before the first frame: the first frame).
   * @returns the frame, or a Refusal when this source cannot tell (e.g. the data around t looks damaged: the next
   *   source decides)
   * @throws UnsupportedMediaError when no frame can be decoded at t (the job skips the time); other errors when the
   *   decoder failed (the chain falls back to the next source for the rest of the file, or fails the job)
   */
  frameAt(request: PictureRequest): Promise<DecodedFrame | Refusal>;
  /** Consecutive frames of a range as small luma planes (quality window, cut pass), where the source can. */
  readonly readLuma?: LumaReader;
  /** Releases what the source holds for the file (demuxer, decoder, planned frames). */
  dispose(): void;
}

/** A decoder: opens files as frame sources. */
export interface FrameSourceFactory {
  readonly decoder: DecoderName;
  /**
   * Opens `file` (probed as `source`).
   * @returns the source, or a Refusal when this decoder cannot decode the file (container, codec, browser support)
   */
  open(file: VideoInput, source: SourceInfo): Promise<FrameSource | Refusal>;
}
