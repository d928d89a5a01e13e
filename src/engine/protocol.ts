/**
 * The engine worker's API, as the page sees it through Comlink. The worker's implementation `satisfies` this
 * interface, so both sides are checked against one definition without the page's program including worker code.
 * Errors are thrown as plain {@link SerializedError} objects (Comlink keeps plain values, not Error subclasses).
 */
import type { ImageFormat, SourceInfo } from '../core/types';

/** One frame to make. Sizes in px, times in ms. */
export interface FrameRequest {
  /** Requested time, ms from the start of the presentation. */
  timeMs: number;
  /** Output image size, px (the box; the picture is letterboxed into it when aspect ratios differ). */
  width: number;
  height: number;
  format: ImageFormat;
  /** 1..100. */
  quality: number;
  frameType: 'accurate' | 'keyframe';
}

/** A frame the worker made. */
export interface FrameResult {
  blob: Blob;
  /** Presentation time of the frame used, ms, microsecond precision. */
  actualMs: number;
  width: number;
  height: number;
}

export interface WorkerApi {
  /** Probes a file with ffprobe. @throws SerializedError UnsupportedMedia | FileUnreadable | InternalError */
  probe(file: File): Promise<SourceInfo>;
  /** Makes one image. @throws SerializedError UnsupportedMedia (no frame decodable at t) | InternalError */
  frame(file: File, source: SourceInfo, request: FrameRequest): Promise<FrameResult>;
  /**
   * Fault injection for tests (`?engineFault=crash` in the page URL): the next ffmpeg execution aborts the
   * ffmpeg.wasm instance for real, with a runtime error inside the wasm module.
   */
  armCrash(): Promise<void>;
}
