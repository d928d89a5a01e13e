/**
 * The engine worker's API, as the page sees it through Comlink. The worker's implementation `satisfies` this
 * interface, so both sides are checked against one definition without the page's program including worker code.
 * Errors are thrown as plain {@link SerializedError} objects (Comlink keeps plain values, not Error subclasses).
 */
import type { RemoteVideo } from '../core/remote/remoteVideo';
import type { VideoInput } from './videoInput';
import type { DecoderPreference } from '../core/decode/decoderChoice';
import type { FrameQualityNote } from '../core/analysis/frameQuality';
import type { ProbePreference } from '../core/probe/probeChoice';
import type { ShotFrames } from '../core/analysis/shots';
import type { DecoderName, DeinterlaceMode, Fit, FrameType, HdrMode, ImageFormat, SourceInfo, TimestampPosition } from '../core/job/types';

/** The test faults the engine worker can inject (the test build's `?engineFault=...`; docs/TESTING.md). */
export type EngineFault = 'crash' | 'hang' | 'webcodecs' | 'canvas';

/** One frame to make. Sizes in px, times in ms. */
export interface FrameRequest {
  /** Requested time, ms from the start of the presentation. */
  timeMs: number;
  /** Output image size, px (the box; the picture fills it according to `fit`). */
  width: number;
  height: number;
  fit: Fit;
  format: ImageFormat;
  /** 1..100. */
  quality: number;
  frameType: FrameType;
  /**
   * `auto` (default): WebCodecs when the browser decodes this file (mediabunny reads the container and
   * `VideoDecoder.isConfigSupported` accepts the stream), falling back to ffmpeg.wasm on any WebCodecs error;
   * `ffmpeg`: ffmpeg.wasm only; `webcodecs`: WebCodecs, and an error instead of a fallback (tests).
   */
  decoder?: DecoderPreference;
  /**
   * Also return the frame at this size (px) as raw RGBA for the job's animated preview; the runner
   * collects them in time order and calls `encodeAnimation`.
   */
  animation?: { width: number; height: number };
  /**
   * HDR sources (PQ or HLG, core/color/hdr/colorInfo.ts): the tone-mapping operator, or `off`; default `hable`
   * (core/color/hdr/convert.ts DEFAULT_HDR_MODE). Ignored for SDR sources.
   */
  hdr?: HdrMode;
  /**
   * The "Deinterlace" setting (core/deinterlace/decision.ts): `auto` (default) deinterlaces sources the probe read as
   * interlaced, `on` every source, `off` none.
   */
  deinterlace?: DeinterlaceMode;
  /**
   * "Avoid dark or blurry frames": when the frame displayed at t is dark or blurry, use the first good
   * frame after it up to `untilMs` (inclusive, ms), or the best of that window. `aheadMs`: where the job's next nearby
   * times end (ms), measured in the same pass so that their neighbourhoods are not decoded again.
   */
  avoid?: { untilMs: number; aheadMs?: number };
}

/** A frame the worker made. */
export interface FrameResult {
  blob: Blob;
  /** Presentation time of the frame used, ms, microsecond precision. */
  actualMs: number;
  width: number;
  height: number;
  /** Which decoder made this frame. */
  decoder: DecoderName;
  /** With `avoid`: why the frame displayed at t was not used (or was kept although dark or blurry). */
  quality?: FrameQualityNote;
  /** The frame at the requested animation size, RGBA (transferred), when the request asked for it. */
  animationFrame?: Uint8Array;
}

/** A contact sheet's metadata header: its lines (core/sheet/sheetText.ts `headerLines`) and the sheet margin, px. */
export interface SheetHeaderRequest {
  lines: string[];
  margin: number;
}

/** The animated preview to encode: frame size px (even), frames per second. */
export interface AnimationRequest {
  width: number;
  height: number;
  frameRate: number;
}

/** One encoded animated preview: the GIF, or the WebM clip and its codec; how long the encoding took, ms. */
export interface AnimationEncoded {
  format: 'gif' | 'webm';
  codec: string;
  blob: Blob;
  encodeMs: number;
}

/** A sprite cell to make: the frame request sized to the cell, px. */
export interface CellRequest extends FrameRequest {
  /** Also encode the cell as an image of its own (Alibaba KeepCellPic). */
  keepCell: boolean;
  /** Write this time on the cell; the kept cell stays a clean frame. */
  timestamp?: { label: string; position: TimestampPosition };
}

/**
 * A sprite cell, made by any job worker: the cell's picture as the sheet shows it (the frame fitted into the cell
 * box, bars or blur included), to be drawn into its sheet by the worker that holds the sheet (drawCell).
 */
export interface CellImage {
  /** cell width x height px; transferred, never copied. */
  bitmap: ImageBitmap;
  actualMs: number;
  /** The cell as its own image when `keepCell`, else null. */
  blob: Blob | null;
  /** Which decoder made this frame. */
  decoder: DecoderName;
  /** As FrameResult.animationFrame. */
  animationFrame?: Uint8Array;
  quality?: FrameQualityNote;
}

export interface WorkerApi {
  /**
   * Opens a video at a URL (remote/openUrl.ts): the size and range support from one byte, an HLS playlist checked
   * for being finished. @param variant HLS masters: 0 = highest bandwidth
   * @throws SerializedError InvalidParameter | FileUnreadable | UnsupportedMedia, each a sentence naming the URL
   */
  openUrl(url: string, variant?: number): Promise<RemoteVideo>;
  /** Bytes this worker received from URLs since the last call (the job's `bytesRead` is the sum over its workers). */
  takeBytesRead(): Promise<number>;
  /**
   * Probes a file: with mediabunny where it can, else with ffprobe in ffmpeg.wasm (`how`: `auto`, the default, or one
   * forced for tests, `?probe=`; worker/sourceProbe.ts). @throws SerializedError UnsupportedMedia | FileUnreadable | InternalError
   */
  probe(file: VideoInput, how?: ProbePreference): Promise<SourceInfo>;
  /** Makes one image. @throws SerializedError UnsupportedMedia (no frame decodable at t) | InternalError */
  frame(file: VideoInput, source: SourceInfo, request: FrameRequest): Promise<FrameResult>;
  /**
   * Announces the times (ms, ascending) that the next frame()/cell() calls for this file will ask for, so the
   * WebCodecs path decodes them in one forward pass (each GOP once). A hint only: calls that leave the plan are
   * served one by one. Never throws for a file WebCodecs cannot decode.
   */
  plan(
    file: VideoInput,
    source: SourceInfo,
    timesMs: number[],
    frameType: FrameType,
    decoder: DecoderPreference,
    /** Per time, its keyframe (from `keyframes`, read once per job): the ffmpeg.wasm path then reads no index. */
    keyframesMs?: Array<number | null>,
    /** How many lanes decode this job at once (its shards; default 1): the WebCodecs decoder's threads follow. */
    lanes?: number,
    /** The job's "Deinterlace" setting: when it applies, the WebCodecs pass also decodes each frame's neighbours. */
    deinterlace?: DeinterlaceMode,
  ): Promise<void>;
  /**
   * The cut pass over the frames with presentation time in [fromMs, toMs): per frame its time,
   * its scdet MAFD to the previous frame, sharpness and darkness, decoded at a small size. One range per call, so
   * that ranges can run in parallel workers. @throws SerializedError UnsupportedMedia | InternalError
   */
  shotFrames(
    file: VideoInput,
    source: SourceInfo,
    range: { fromMs: number; toMs: number },
    decoder: DecoderPreference,
  ): Promise<ShotFrames & { decoder: DecoderName }>;
  /**
   * The keyframe at or before each time, from the container's index (nothing decoded): mediabunny's key packets
   * where WebCodecs decodes the file, else ffprobe's packet flags (one exec). For cutting a job into shards.
   * @param timesMs ms, ascending
   * @returns per time, the keyframe's presentation time, ms, or null where the index has none at or before it
   * @throws SerializedError FileUnreadable | InternalError (ffmpeg.wasm crashed or hung)
   */
  keyframes(file: VideoInput, source: SourceInfo, timesMs: number[], decoder: DecoderPreference): Promise<Array<number | null>>;
  /** Makes one sprite cell. @throws SerializedError UnsupportedMedia | InternalError | ResourceLimit */
  cellImage(file: VideoInput, source: SourceInfo, request: CellRequest): Promise<CellImage>;
  /**
   * Opens sprite sheet `sheet` (its index): a canvas of width x height px filled with `color`, with the metadata
   * `header` drawn at its top when given. Sheets are held by one
   * worker; several may be open while the pool's workers fill them. @throws SerializedError ResourceLimit when the
   * browser cannot allocate it
   */
  beginSheet(sheet: number, width: number, height: number, color: string, header?: SheetHeaderRequest): Promise<void>;
  /**
   * Draws a cell (CellImage.bitmap, transferred; closed here) into open sheet `sheet` at (x, y), px.
   * @returns false when the sheet is not open in this worker (a new worker after a stall: the page opens its sheets
   *   again, jobs/sheetHolder.ts)
   */
  drawCell(sheet: number, bitmap: ImageBitmap, x: number, y: number): Promise<boolean>;
  /**
   * Encodes and closes sheet `sheet`.
   * @returns the encoded sheet, or null when it is not open in this worker (as drawCell)
   * @throws SerializedError ResourceLimit
   */
  endSheet(sheet: number, format: ImageFormat, quality: number): Promise<Blob | null>;
  /**
   * Encodes a job's animated preview from its frames (FrameResult.animationFrame, in time order; transferred):
   * an animated GIF (gifenc) and a WebM clip (mediabunny + VideoEncoder) when the browser encodes VP9/VP8/AV1.
   * @returns the encoded files and sentences for the manifest (a missing clip)
   * @throws SerializedError InternalError when a frame has the wrong size
   */
  encodeAnimation(frames: Uint8Array[], request: AnimationRequest): Promise<{ outputs: AnimationEncoded[]; notes: string[] }>;
  /**
   * What the worker noted since the last call, as sentences for the manifest (e.g. a WebCodecs failure after which
   * ffmpeg.wasm made the rest of the frames); clears them.
   */
  takeNotes(): Promise<string[]>;
}

/** The engine worker of the test build (`vite build --mode e2e`): the production build's has no `armFault`. */
export interface TestWorkerApi extends WorkerApi {
  /**
   * Fault injection, in the test build only (`?engineFault=<kind>` in the page URL; docs/TESTING.md): `crash`: the next
   * ffmpeg execution aborts the ffmpeg.wasm instance for real, with a runtime error inside the wasm module; `hang`:
   * the next execution never ends and its watchdog (3 s instead of the usual) terminates the instance;
   * `webcodecs`: the next WebCodecs frame fails as a VideoDecoder error does; `canvas`: the next canvas allocation
   * fails for real (a canvas over the browser's limits).
   */
  armFault(kind: EngineFault): Promise<void>;
}
