/**
 * The engine of one worker as an object (issue 12): the decoders it chains, the file it has open (its FrameChain) and
 * the job's state (the sprite sheet being filled, the notes for the manifest) live here, not in module variables, so
 * that a worker, a test or a headless runner can build one with other decoders. `api()` is what the worker exposes
 * through Comlink (protocol.ts WorkerApi).
 */
import type { DecoderPreference } from '../../core/decoderChoice';
import { InternalError, toSnapframeError } from '../../core/errors';
import { fitRect } from '../../core/geometry';
import type { ProbePreference } from '../../core/probeChoice';
import type { FrameType, SourceInfo } from '../../core/types';
import { transfer } from 'comlink';
import type { CellResult, EngineFault, FrameRequest, FrameResult, SheetHeaderRequest, WorkerApi } from '../protocol';
import { encodeAnimation } from './animation/encodeAnimation';
import { animationFrame } from './animation/frame';
import { canvas2d, drawPicture, encodeCanvas, encodeImage } from './encode';
import { drawHeader } from './sheet/header';
import { drawTimestamp } from './sheet/timestamps';
import { fileKey } from './fileKey';
import { FrameChain } from './frameChain';
import type { DecodedFrame, FrameSourceFactory } from './sources/frameSource';
import type { FrameQualityNote } from '../../core/frameQuality';
import { timeOfFrame } from '../../core/shots';
import { chooseGoodFrame } from './quality/avoid';
import { shotFrames } from './shots/shotFrames';

/** What an engine is made of. */
export interface EngineParts {
  /** The decoders, in fallback order (the last is the decoder of last resort). */
  factories: readonly FrameSourceFactory[];
  /** Probes a file (SourceInfo), the way `how` says. */
  probe: (file: File, how: ProbePreference) => Promise<SourceInfo>;
  /** Arms a test fault (protocol.ts `armFault`). */
  armFault: (kind: EngineFault) => void;
}

/** State of the job being run: one sprite sheet in memory at a time, and sentences for its manifest. */
interface JobState {
  sheet: { canvas: OffscreenCanvas; context: OffscreenCanvasRenderingContext2D } | null;
  notes: string[];
}

/** Adds the animated preview's frame to a result when the request asks for it (issue 15), transferred, not copied. */
function withAnimationFrame<T extends object>(result: T, frame: DecodedFrame, request: FrameRequest): T & { animationFrame?: Uint8Array } {
  if (!request.animation) return result;
  const rgba = animationFrame(frame, request.animation, request.fit);
  return transfer({ ...result, animationFrame: rgba }, [rgba.buffer]);
}

export class WorkerEngine {
  private queue: Promise<unknown> = Promise.resolve();
  /** The open file's decoders; replaced when a call names another file. */
  private chain: FrameChain | null = null;
  private readonly job: JobState = { sheet: null, notes: [] };

  constructor(private readonly parts: EngineParts) {}

  /** Runs operations one after another (one ffmpeg instance, one decoder per file) and serialises their errors. */
  private serial<T>(operation: () => Promise<T>): Promise<T> {
    const run = this.queue.then(operation, operation);
    this.queue = run.catch(() => undefined);
    return run.catch((error: unknown) => {
      throw toSnapframeError(error).toJSON();
    });
  }

  private chainFor(file: File, source: SourceInfo): FrameChain {
    if (this.chain?.key !== fileKey(file)) {
      this.chain?.dispose();
      this.chain = new FrameChain(file, source, this.parts.factories, (sentence) => this.job.notes.push(sentence));
    }
    return this.chain;
  }

  /** The frame for a request at the size it takes in its box (the box itself for `stretch`). */
  private decode(file: File, source: SourceInfo, request: FrameRequest, outsidePlan = false): Promise<DecodedFrame> {
    const box = { width: request.width, height: request.height };
    const picture = request.fit === 'stretch' ? box : fitRect(source, box);
    const wanted = { timeMs: request.timeMs, width: picture.width, height: picture.height, frameType: request.frameType, hdr: request.hdr, outsidePlan };
    return this.chainFor(file, source).frameAt(wanted, request.decoder ?? 'auto');
  }

  /**
   * {@link decode}, then, with `request.avoid` (issue 14), the frame chosen instead of a dark or blurry one
   * (quality/avoid.ts), decoded by the same decoder as the frame at t. A window that cannot be measured keeps the
   * frame (noted for the manifest).
   */
  private async decodeChosen(file: File, source: SourceInfo, request: FrameRequest): Promise<DecodedFrame & { quality?: FrameQualityNote }> {
    const frame = await this.decode(file, source, request);
    const read = request.avoid ? this.chainFor(file, source).opened(frame.decoder)?.readLuma : undefined;
    if (!request.avoid || !read) return frame;
    let choice;
    try {
      const access = { read, canStop: frame.decoder === 'webcodecs' };
      choice = await chooseGoodFrame(access, file, source, request.timeMs, frame.actualMs, request.avoid.untilMs, request.avoid.aheadMs);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      this.job.notes.push(`The frame at ${request.timeMs} ms of ${file.name} could not be checked for darkness or blur (${reason}); it was kept.`);
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
      probe: (file: File, how: ProbePreference = 'auto') => this.serial(() => this.parts.probe(file, how)),

      frame: (file: File, source: SourceInfo, request: FrameRequest) =>
        this.serial(async (): Promise<FrameResult> => {
          const frame = await this.decodeChosen(file, source, request);
          const box = { width: request.width, height: request.height };
          const blob = await encodeImage(frame, box, request.fit, request.format, request.quality);
          return withAnimationFrame(
            { blob, actualMs: frame.actualMs, ...box, decoder: frame.decoder, ...(frame.quality ? { quality: frame.quality } : {}) },
            frame,
            request,
          );
        }),

      plan: (file: File, source: SourceInfo, timesMs: number[], frameType: FrameType, decoder: DecoderPreference) =>
        this.serial(() => this.chainFor(file, source).plan(timesMs, frameType, decoder)),

      shotFrames: (file: File, source: SourceInfo, range: { fromMs: number; toMs: number }, decoder: DecoderPreference) =>
        this.serial(async () => {
          const { result, decoder: used } = await this.chainFor(file, source).withLuma(decoder, (read) => shotFrames(read, source, range));
          return { ...result, decoder: used };
        }),

      beginSheet: (width: number, height: number, color: string, header?: SheetHeaderRequest) =>
        this.serial(async () => {
          this.job.sheet = null;
          const opened = canvas2d(width, height);
          opened.context.fillStyle = color;
          opened.context.fillRect(0, 0, width, height);
          if (header) await drawHeader(opened.context, width, header.lines, color, header.margin);
          this.job.sheet = opened;
        }),

      cell: (file, source, request) =>
        this.serial(async (): Promise<CellResult> => {
          const sheet = this.job.sheet;
          if (!sheet) throw new InternalError('No sprite sheet is open.');
          const frame = await this.decodeChosen(file, source, request);
          const box = { x: request.x, y: request.y, width: request.width, height: request.height };
          drawPicture(sheet.context, frame, box, request.fit);
          if (request.timestamp) await drawTimestamp(sheet.context, box, request.timestamp.label, request.timestamp.position);
          const blob = request.keepCell
            ? await encodeImage(frame, { width: box.width, height: box.height }, request.fit, request.format, request.quality)
            : null;
          return withAnimationFrame(
            { actualMs: frame.actualMs, blob, decoder: frame.decoder, ...(frame.quality ? { quality: frame.quality } : {}) },
            frame,
            request,
          );
        }),

      encodeAnimation: (frames, request) =>
        this.serial(async () => {
          const encoded = await encodeAnimation(frames, request);
          this.job.notes.push(...encoded.notes);
          return encoded;
        }),

      endSheet: (format, quality) =>
        this.serial(async () => {
          const sheet = this.job.sheet;
          if (!sheet) throw new InternalError('No sprite sheet is open.');
          const blob = await encodeCanvas(sheet.canvas, format, quality);
          this.job.sheet = null;
          return blob;
        }),

      armFault: async (kind: EngineFault) => this.parts.armFault(kind),

      takeNotes: async () => this.job.notes.splice(0),
    };
  }
}
