/**
 * The engine of one worker as an object: the decoders it chains, the file it has open (its FrameChain) and
 * the job's state (the sprite sheet being filled, the notes for the manifest) live here, not in module variables, so
 * that a worker, a test or a headless runner can build one with other decoders. `api()` is what the worker exposes
 * through Comlink (protocol.ts WorkerApi).
 */
import type { VideoInput } from '../videoInput';
import type { DecoderPreference } from '../../core/decode/decoderChoice';
import { pastDataEnd } from '../../core/damage/headerCheck';
import { toSnapframeError } from '../../core/job/errors';
import { fitRect } from '../../core/output/geometry';
import type { ProbePreference } from '../../core/probe/probeChoice';
import type { DeinterlaceMode, FrameType, SourceInfo } from '../../core/job/types';
import { deinterlacePlan } from '../../core/deinterlace/decision';
import { transfer } from 'comlink';
import type { CellImage, CellRequest, EngineFault, FrameRequest, FrameResult, SheetHeaderRequest, WorkerApi } from '../protocol';
import { encodeAnimation } from './animation/encodeAnimation';
import { animationFrame } from './animation/frame';
import { canvas2d, drawPicture, encodeCanvas, encodeImage } from './encode';
import { drawHeader } from './sheet/header';
import { drawTimestamp } from './sheet/timestamps';
import { fileKey } from './fileKey';
import { FrameChain } from './frameChain';
import type { DecodedFrame, FrameSourceFactory } from './sources/frameSource';
import type { FrameQualityNote } from '../../core/analysis/frameQuality';
import { timeOfFrame } from '../../core/analysis/shots';
import { chooseGoodFrame } from './quality/avoid';
import { shotFrames } from './shots/shotFrames';
import { armFault } from './faults';
import { takeBytesRead, takeRemoteNotes } from './remote/bytesTally';
import { openUrl } from './remote/openUrl';

/** What an engine is made of. */
export interface EngineParts {
  /** The decoders, in fallback order (the last is the decoder of last resort). */
  factories: readonly FrameSourceFactory[];
  /** Probes a file (SourceInfo), the way `how` says. */
  probe: (file: VideoInput, how: ProbePreference) => Promise<SourceInfo>;
}

/** Name of the User Timing mark made for every frame or cell this worker makes (the e2e tests count them). */
const FRAME_MARK = 'snapframe:frame';

/**
 * State of the job being run: the sprite sheets open in this worker (the pool's lane 0 holds them, by sheet index),
 * and sentences for its manifest.
 */
interface JobState {
  sheets: Map<number, { canvas: OffscreenCanvas; context: OffscreenCanvasRenderingContext2D }>;
  notes: string[];
}

/** The animated preview's frame of a request, when it asks for one: RGBA at the preview's size, px. */
function animationFrameOf(frame: DecodedFrame, request: FrameRequest): Uint8Array | undefined {
  if (!request.animation) return undefined;
  // Drawn from the decoded frame at the preview's size where the source did (DecodedFrame.also), else rescaled.
  const picture: DecodedFrame = frame.also
    ? { ...frame, image: frame.also.image, width: frame.also.width, height: frame.also.height }
    : frame;
  return animationFrame(picture, request.animation, request.fit);
}

/** Adds the animated preview's frame to a result when the request asks for it, transferred, not copied. */
function withAnimationFrame<T extends object>(result: T, frame: DecodedFrame, request: FrameRequest): T & { animationFrame?: Uint8Array } {
  const rgba = animationFrameOf(frame, request);
  if (!rgba) return result;
  return transfer({ ...result, animationFrame: rgba }, [rgba.buffer]);
}

/** Runs a sheet operation at once (no decoding: it does not wait behind the serial queue) and serialises its errors. */
async function plain<T>(operation: () => T | Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    throw toSnapframeError(error).toJSON();
  }
}

export class WorkerEngine {
  private queue: Promise<unknown> = Promise.resolve();
  /** The open file's decoders; replaced when a call names another file. */
  private chain: FrameChain | null = null;
  private readonly job: JobState = { sheets: new Map(), notes: [] };

  constructor(private readonly parts: EngineParts) {}

  /** Runs operations one after another (one ffmpeg instance, one decoder per file) and serialises their errors. */
  private serial<T>(operation: () => Promise<T>): Promise<T> {
    const run = this.queue.then(operation, operation);
    this.queue = run.catch(() => undefined);
    return run.catch((error: unknown) => {
      throw toSnapframeError(error).toJSON();
    });
  }

  private chainFor(file: VideoInput, source: SourceInfo): FrameChain {
    if (this.chain?.key !== fileKey(file)) {
      this.chain?.dispose();
      this.chain = new FrameChain(file, source, this.parts.factories, (sentence) => this.job.notes.push(sentence));
    }
    return this.chain;
  }

  /**
   * The frame for a request at the size it takes in its box (the box itself for `stretch`).
   * @throws DamagedMediaError at once for an exact frame past a cut file's data (core/damage/headerCheck.ts): no
   *   decoder is asked for what the file does not hold
   */
  private decode(file: VideoInput, source: SourceInfo, request: FrameRequest, outsidePlan = false): Promise<DecodedFrame> {
    const lost = request.frameType === 'accurate' ? pastDataEnd(source, request.timeMs) : null;
    if (lost) return Promise.reject(lost);
    // The size a picture takes in its box: the box itself for `stretch`, else the source's aspect fitted into it.
    const fitted = (box: { width: number; height: number }) => (request.fit === 'stretch' ? box : fitRect(source, box));
    const picture = fitted({ width: request.width, height: request.height });
    const alsoAt = request.animation ? fitted(request.animation) : undefined;
    const wanted = {
      timeMs: request.timeMs,
      width: picture.width,
      height: picture.height,
      frameType: request.frameType,
      hdr: request.hdr,
      deinterlace: deinterlacePlan(source, request.deinterlace),
      outsidePlan,
      ...(alsoAt ? { alsoAt } : {}),
    };
    return this.chainFor(file, source).frameAt(wanted, request.decoder ?? 'auto');
  }

  /**
   * {@link decode}, then, with `request.avoid`, the frame chosen instead of a dark or blurry one
   * (quality/avoid.ts), decoded by the same decoder as the frame at t. A window that cannot be measured keeps the
   * frame (noted for the manifest).
   */
  private async decodeChosen(
    file: VideoInput,
    source: SourceInfo,
    request: FrameRequest,
  ): Promise<DecodedFrame & { quality?: FrameQualityNote }> {
    const frame = await this.decode(file, source, request);
    const read = request.avoid ? this.chainFor(file, source).opened(frame.decoder)?.readLuma : undefined;
    if (!request.avoid || !read) return frame;
    let choice;
    try {
      const access = { read, canStop: frame.decoder === 'webcodecs' };
      choice = await chooseGoodFrame(access, file, source, request.timeMs, frame.actualMs, request.avoid.untilMs, request.avoid.aheadMs);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      this.job.notes.push(
        `The frame at ${request.timeMs} ms of ${file.name} could not be checked for darkness or blur (${reason}); it was kept.`,
      );
      return frame;
    }
    if (choice.reason === null) return frame;
    if (!choice.moved) return { ...frame, quality: { reason: choice.reason, moved: false } };
    const moved = await this.decode(file, source, { ...request, timeMs: timeOfFrame(choice.ms), frameType: 'accurate' }, true);
    return { ...moved, quality: { reason: choice.reason, moved: true } };
  }

  /** The worker's API (protocol.ts): every call is serialised, errors leave as SerializedError. */
  api(): WorkerApi {
    return {
      probe: (file: VideoInput, how: ProbePreference = 'auto') => this.serial(() => this.parts.probe(file, how)),

      frame: (file: VideoInput, source: SourceInfo, request: FrameRequest) =>
        this.serial(async (): Promise<FrameResult> => {
          const frame = await this.decodeChosen(file, source, request);
          const box = { width: request.width, height: request.height };
          const blob = await encodeImage(frame, box, request.fit, request.format, request.quality);
          performance.mark(FRAME_MARK);
          return withAnimationFrame(
            { blob, actualMs: frame.actualMs, ...box, decoder: frame.decoder, ...(frame.quality ? { quality: frame.quality } : {}) },
            frame,
            request,
          );
        }),

      plan: (
        file: VideoInput,
        source: SourceInfo,
        timesMs: number[],
        frameType: FrameType,
        decoder: DecoderPreference,
        keyframesMs?: Array<number | null>,
        lanes?: number,
        deinterlace?: DeinterlaceMode,
      ) =>
        this.serial(() => {
          // Times past a cut file's data are refused by decode(): the decoders do not plan them.
          const kept = timesMs.map((t, i) => i).filter((i) => frameType !== 'accurate' || !pastDataEnd(source, timesMs[i] as number));
          const times = kept.map((i) => timesMs[i] as number);
          const keyframes = keyframesMs && kept.map((i) => keyframesMs[i] ?? null);
          const neighbours = deinterlacePlan(source, deinterlace) !== null;
          return this.chainFor(file, source).plan(times, frameType, decoder, keyframes, lanes, neighbours);
        }),

      keyframes: (file: VideoInput, source: SourceInfo, timesMs: number[], decoder: DecoderPreference) =>
        this.serial(() => this.chainFor(file, source).keyframes(timesMs, decoder)),

      shotFrames: (file: VideoInput, source: SourceInfo, range: { fromMs: number; toMs: number }, decoder: DecoderPreference) =>
        this.serial(async () => {
          const { result, decoder: used } = await this.chainFor(file, source).withLuma(decoder, (read) => shotFrames(read, source, range));
          return { ...result, decoder: used };
        }),

      cellImage: (file: VideoInput, source: SourceInfo, request: CellRequest) =>
        this.serial(async (): Promise<CellImage> => {
          const frame = await this.decodeChosen(file, source, request);
          const box = { width: request.width, height: request.height };
          const { canvas, context } = canvas2d(box.width, box.height);
          drawPicture(context, frame, { x: 0, y: 0, ...box }, request.fit);
          // The kept cell is the clean frame; the time is written on the sheet's copy only.
          const blob = request.keepCell ? await encodeCanvas(canvas, request.format, request.quality) : null;
          if (request.timestamp) await drawTimestamp(context, { x: 0, y: 0, ...box }, request.timestamp.label, request.timestamp.position);
          const bitmap = canvas.transferToImageBitmap();
          const rgba = animationFrameOf(frame, request);
          performance.mark(FRAME_MARK);
          const result: CellImage = {
            bitmap,
            actualMs: frame.actualMs,
            blob,
            decoder: frame.decoder,
            ...(frame.quality ? { quality: frame.quality } : {}),
            ...(rgba ? { animationFrame: rgba } : {}),
          };
          return transfer(result, rgba ? [bitmap, rgba.buffer] : [bitmap]);
        }),

      beginSheet: (index: number, width: number, height: number, color: string, header?: SheetHeaderRequest) =>
        plain(async () => {
          this.job.sheets.delete(index);
          const opened = canvas2d(width, height);
          opened.context.fillStyle = color;
          opened.context.fillRect(0, 0, width, height);
          if (header) await drawHeader(opened.context, width, header.lines, color, header.margin);
          this.job.sheets.set(index, opened);
        }),

      drawCell: (index: number, bitmap: ImageBitmap, x: number, y: number) =>
        plain(() => {
          const sheet = this.job.sheets.get(index);
          try {
            if (!sheet) return false;
            sheet.context.drawImage(bitmap, x, y);
            return true;
          } finally {
            bitmap.close();
          }
        }),

      endSheet: (index: number, format, quality) =>
        plain(async () => {
          const sheet = this.job.sheets.get(index);
          if (!sheet) return null;
          this.job.sheets.delete(index);
          return encodeCanvas(sheet.canvas, format, quality);
        }),

      encodeAnimation: (frames, request) =>
        this.serial(async () => {
          const encoded = await encodeAnimation(frames, request);
          this.job.notes.push(...encoded.notes);
          return encoded;
        }),

      // Test build only (docs/TESTING.md): absent from the production bundle.
      ...(import.meta.env.MODE === 'e2e' ? { armFault: async (kind: EngineFault) => armFault(kind) } : {}),

      takeNotes: async () => [...this.job.notes.splice(0), ...takeRemoteNotes()],

      openUrl: (url: string, variant?: number) => this.serial(() => openUrl(url, variant)),

      takeBytesRead: async () => takeBytesRead(),
    };
  }
}
