/// <reference lib="webworker" />
/**
 * The engine worker: one ffmpeg.wasm instance and the browser's decoders (WebCodecs through mediabunny), one
 * operation at a time, exposed with Comlink.
 * Errors leave as plain SerializedError objects (core/errors.ts) so their codes survive the boundary.
 */
import { expose } from 'comlink';
import type { DecoderPreference } from '../../core/decoderChoice';
import { InternalError, toSnapframeError } from '../../core/errors';
import { fitRect } from '../../core/geometry';
import type { DecoderName, SourceInfo } from '../../core/types';
import type { CellRequest, CellResult, EngineFault, FrameRequest, FrameResult, WorkerApi } from '../protocol';
import { armCanvasFault, canvas2d, drawPicture, encodeCanvas, encodeImage, type Picture } from './encode';
import { FfmpegHost } from './ffmpegHost';
import { FfmpegRuns } from './ffmpegRuns';
import { grabFrame } from './grab';
import { probeFile } from './probe';
import { fileKey } from './fileKey';
import { armDecoderFault, drawSample, WebCodecsSource } from './webcodecs/source';
import type { FrameQualityNote } from '../../core/frameQuality';
import { timeOfFrame } from '../../core/shots';
import { chooseGoodFrame } from './quality/avoid';
import { shotFrames } from './shots/shotFrames';

const host = new FfmpegHost();
/** Decode runs of the ffmpeg.wasm path: the times of the job's plan, decoded a run per exec. */
const runs = new FfmpegRuns();
let queue: Promise<unknown> = Promise.resolve();
/** The sprite sheet being filled, if any. */
let sheet: { canvas: OffscreenCanvas; context: OffscreenCanvasRenderingContext2D } | null = null;

/** Runs operations one after another (one ffmpeg instance) and serialises their errors. */
function serial<T>(operation: () => Promise<T>): Promise<T> {
  const run = queue.then(operation, operation);
  queue = run.catch(() => undefined);
  return run.catch((error: unknown) => {
    throw toSnapframeError(error).toJSON();
  });
}

/** Watchdog for one WebCodecs frame: a stuck decoder falls back to ffmpeg.wasm instead of hanging the job. */
const WEBCODECS_TIMEOUT_MS = 60_000;

/** The file WebCodecs last opened in this worker: its source, or why WebCodecs cannot (or no longer) decode it. */
let webCodecs: { key: string; source: WebCodecsSource | null; reason: string } | null = null;

/**
 * The WebCodecs source for a file, opened once per file (and worker), or null when ffmpeg.wasm must decode it.
 * @throws InternalError when `preference` is `webcodecs` and WebCodecs cannot decode the file (tests)
 */
async function webCodecsFor(file: File, source: SourceInfo, preference: DecoderPreference): Promise<WebCodecsSource | null> {
  if (preference === 'ffmpeg') return null;
  const key = fileKey(file);
  if (webCodecs?.key !== key) {
    webCodecs?.source?.dispose();
    webCodecs = null;
    const opened = await WebCodecsSource.open(file, source);
    webCodecs = opened instanceof WebCodecsSource ? { key, source: opened, reason: '' } : { key, source: null, reason: opened.reason };
  }
  if (!webCodecs.source && preference === 'webcodecs') {
    throw new InternalError(`WebCodecs cannot decode ${file.name}: ${webCodecs.reason}`);
  }
  return webCodecs.source;
}

/** Sentences for the job's manifest (a WebCodecs fallback), handed out by takeNotes(). */
const notes: string[] = [];

/** Stops using WebCodecs for the open file after an error: the rest of its frames come from ffmpeg.wasm. */
function dropWebCodecs(reason: string): void {
  if (!webCodecs) return;
  webCodecs.source?.dispose();
  webCodecs = { key: webCodecs.key, source: null, reason };
}

function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took over ${ms / 1000} s`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

type Decoded = Picture & { actualMs: number; decoder: DecoderName };

/**
 * Decodes the frame for a request at the size it takes in the box (the box for `stretch`): with WebCodecs when it
 * can (see FrameRequest.decoder), else, or after any WebCodecs error (logged; the job goes on), with ffmpeg.wasm.
 */
async function decode(file: File, source: SourceInfo, request: FrameRequest, outsidePlan = false): Promise<Decoded> {
  const box = { width: request.width, height: request.height };
  const picture = request.fit === 'stretch' ? box : fitRect(source, box);
  const preference = request.decoder ?? 'auto';
  const browser = await webCodecsFor(file, source, preference);
  if (browser) {
    try {
      const found = await withTimeout(browser.frameAt(request.timeMs, request.frameType, outsidePlan), WEBCODECS_TIMEOUT_MS, 'WebCodecs decoding');
      if (found) {
        try {
          const image = await drawSample(found.sample, picture.width, picture.height);
          return { image, width: picture.width, height: picture.height, actualMs: found.actualMs, decoder: 'webcodecs' };
        } finally {
          found.sample.close();
        }
      }
      // null: the data around t looks damaged or missing; ffmpeg.wasm's analysis decides (and reports it).
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      if (preference === 'webcodecs') throw new InternalError(`WebCodecs failed on ${file.name}: ${reason}`);
      console.warn(`Snapframe: WebCodecs failed on ${file.name} at ${request.timeMs} ms (${reason}); using ffmpeg.wasm.`);
      notes.push(`WebCodecs failed on ${file.name} at ${request.timeMs} ms (${reason}); ffmpeg.wasm decoded the rest of its frames.`);
      dropWebCodecs(reason);
    }
  }
  const wanted = { timeMs: request.timeMs, width: picture.width, height: picture.height, frameType: request.frameType };
  const frame = (outsidePlan ? null : await runs.frameAt(host, file, source, wanted)) ?? (await grabFrame(host, file, source, wanted));
  return { ...frame, decoder: 'ffmpeg.wasm' };
}

/**
 * {@link decode}, then, with `request.avoid`, the frame chosen instead of a dark or blurry one (quality/avoid.ts),
 * decoded by the same decoder as the frame at t. A window that cannot be measured keeps the frame (noted).
 */
async function decodeChosen(file: File, source: SourceInfo, request: FrameRequest): Promise<Decoded & { quality?: FrameQualityNote }> {
  const frame = await decode(file, source, request);
  if (!request.avoid) return frame;
  let choice;
  try {
    const browser = frame.decoder === 'webcodecs' ? await webCodecsFor(file, source, request.decoder ?? 'auto') : null;
    choice = await chooseGoodFrame({ host, browser }, file, source, request.timeMs, frame.actualMs, request.avoid.untilMs, request.avoid.aheadMs);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    notes.push(`The frame at ${request.timeMs} ms of ${file.name} could not be checked for darkness or blur (${reason}); it was kept.`);
    return frame;
  }
  if (choice.reason === null) return frame;
  if (!choice.moved) return { ...frame, quality: { reason: choice.reason, moved: false } };
  const moved = await decode(file, source, { ...request, timeMs: timeOfFrame(choice.ms), frameType: 'accurate' }, true);
  return { ...moved, quality: { reason: choice.reason, moved: true } };
}

/** The decoders for a cut pass: WebCodecs when it decodes the file, else (or after a WebCodecs error) ffmpeg.wasm. */
async function cutPass(file: File, source: SourceInfo, range: { fromMs: number; toMs: number }, preference: DecoderPreference) {
  const browser = await webCodecsFor(file, source, preference);
  if (browser) {
    try {
      return { ...(await shotFrames({ host, browser }, file, source, range)), decoder: 'webcodecs' as const };
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      if (preference === 'webcodecs') throw new InternalError(`WebCodecs failed on ${file.name}: ${reason}`);
      notes.push(`WebCodecs failed on ${file.name} while finding cuts (${reason}); ffmpeg.wasm decoded the rest.`);
      dropWebCodecs(reason);
    }
  }
  return { ...(await shotFrames({ host, browser: null }, file, source, range)), decoder: 'ffmpeg.wasm' as const };
}

const api = {
  probe: (file: File) => serial(() => probeFile(host, file)),

  frame: (file: File, source: SourceInfo, request: FrameRequest) =>
    serial(async (): Promise<FrameResult> => {
      const frame = await decodeChosen(file, source, request);
      const box = { width: request.width, height: request.height };
      const blob = await encodeImage(frame, box, request.fit, request.format, request.quality);
      return { blob, actualMs: frame.actualMs, ...box, decoder: frame.decoder, ...(frame.quality ? { quality: frame.quality } : {}) };
    }),

  plan: (file: File, source: SourceInfo, timesMs: number[], frameType: 'accurate' | 'keyframe', decoder: DecoderPreference) =>
    serial(async () => {
      runs.setPlan(file, timesMs, frameType);
      if (frameType !== 'accurate') return;
      try {
        (await webCodecsFor(file, source, decoder))?.setPlan(timesMs);
      } catch {
        // frame() reports it
      }
    }),

  shotFrames: (file: File, source: SourceInfo, range: { fromMs: number; toMs: number }, decoder: DecoderPreference) =>
    serial(() => cutPass(file, source, range, decoder)),

  beginSheet: (width: number, height: number, color: string) =>
    serial(async () => {
      sheet = null;
      const opened = canvas2d(width, height);
      opened.context.fillStyle = color;
      opened.context.fillRect(0, 0, width, height);
      sheet = opened;
    }),

  cell: (file: File, source: SourceInfo, request: CellRequest) =>
    serial(async (): Promise<CellResult> => {
      if (!sheet) throw new InternalError('No sprite sheet is open.');
      const frame = await decodeChosen(file, source, request);
      const box = { x: request.x, y: request.y, width: request.width, height: request.height };
      drawPicture(sheet.context, frame, box, request.fit);
      const blob = request.keepCell
        ? await encodeImage(frame, { width: box.width, height: box.height }, request.fit, request.format, request.quality)
        : null;
      return { actualMs: frame.actualMs, blob, decoder: frame.decoder, ...(frame.quality ? { quality: frame.quality } : {}) };
    }),

  endSheet: (format, quality) =>
    serial(async () => {
      if (!sheet) throw new InternalError('No sprite sheet is open.');
      const blob = await encodeCanvas(sheet.canvas, format, quality);
      sheet = null;
      return blob;
    }),

  armFault: async (kind: EngineFault) => {
    if (kind === 'crash') host.armCrash();
    else if (kind === 'hang') host.armHang();
    else if (kind === 'webcodecs') armDecoderFault();
    else armCanvasFault();
  },

  takeNotes: async () => notes.splice(0),
} satisfies WorkerApi;

expose(api);
