/// <reference lib="webworker" />
/**
 * The engine worker: one ffmpeg.wasm instance and the browser's decoders (WebCodecs through mediabunny), one
 * operation at a time, exposed with Comlink.
 * Errors leave as plain SerializedError objects (core/errors.ts) so their codes survive the boundary.
 */
import { expose, transfer } from 'comlink';
import type { DecoderPreference } from '../../core/decoderChoice';
import { InternalError, toSnapframeError } from '../../core/errors';
import { fitRect } from '../../core/geometry';
import type { DecoderName, SourceInfo } from '../../core/types';
import type { CellImage, CellRequest, EngineFault, FrameRequest, FrameResult, WorkerApi } from '../protocol';
import { armCanvasFault, canvas2d, drawPicture, encodeCanvas, encodeImage, type Picture } from './encode';
import { FfmpegHost } from './ffmpegHost';
import { FfmpegRuns } from './ffmpegRuns';
import { grabFrame } from './grab';
import { keyframeIndex } from './keyframeIndex';
import { probeFile } from './probe';
import { fileKey } from './fileKey';
import { armDecoderFault, drawSample, WebCodecsSource } from './webcodecs/source';

const host = new FfmpegHost();
/** Decode runs of the ffmpeg.wasm path: the times of the job's plan, decoded a run per exec. */
const runs = new FfmpegRuns();
let queue: Promise<unknown> = Promise.resolve();
/** The sprite sheets open in this worker (the pool's lane 0 holds them), by sheet index. */
const sheets = new Map<number, { canvas: OffscreenCanvas; context: OffscreenCanvasRenderingContext2D }>();
/** Name of the User Timing mark made for every frame or cell this worker makes (the e2e tests count them). */
const FRAME_MARK = 'snapframe:frame';

/** Runs a sheet operation at once (no decoding: it does not wait behind the serial queue) and serialises its errors. */
async function plain<T>(operation: () => T | Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    throw toSnapframeError(error).toJSON();
  }
}

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
async function decode(file: File, source: SourceInfo, request: FrameRequest): Promise<Decoded> {
  const box = { width: request.width, height: request.height };
  const picture = request.fit === 'stretch' ? box : fitRect(source, box);
  const preference = request.decoder ?? 'auto';
  const browser = await webCodecsFor(file, source, preference);
  if (browser) {
    try {
      const found = await withTimeout(browser.frameAt(request.timeMs, request.frameType), WEBCODECS_TIMEOUT_MS, 'WebCodecs decoding');
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
  const frame = (await runs.frameAt(host, file, source, wanted)) ?? (await grabFrame(host, file, source, wanted));
  return { ...frame, decoder: 'ffmpeg.wasm' };
}

const api = {
  probe: (file: File) => serial(() => probeFile(host, file)),

  frame: (file: File, source: SourceInfo, request: FrameRequest) =>
    serial(async (): Promise<FrameResult> => {
      const frame = await decode(file, source, request);
      const box = { width: request.width, height: request.height };
      const blob = await encodeImage(frame, box, request.fit, request.format, request.quality);
      performance.mark(FRAME_MARK);
      return { blob, actualMs: frame.actualMs, ...box, decoder: frame.decoder };
    }),

  plan: (file: File, source: SourceInfo, timesMs: number[], frameType: 'accurate' | 'keyframe', decoder: DecoderPreference, keyframesMs?: Array<number | null>) =>
    serial(async () => {
      runs.setPlan(file, timesMs, frameType, keyframesMs);
      if (frameType !== 'accurate') return;
      try {
        (await webCodecsFor(file, source, decoder))?.setPlan(timesMs);
      } catch {
        // frame() reports it
      }
    }),

  keyframes: (file: File, source: SourceInfo, timesMs: number[], decoder: DecoderPreference) =>
    serial(async () => {
      let browser: WebCodecsSource | null = null;
      try {
        browser = await webCodecsFor(file, source, decoder);
      } catch {
        // decoder `webcodecs` on a file it cannot decode: frame() reports it; ffprobe reads the index meanwhile
      }
      return keyframeIndex(host, browser, file, source, timesMs);
    }),

  cellImage: (file: File, source: SourceInfo, request: CellRequest) =>
    serial(async (): Promise<CellImage> => {
      const frame = await decode(file, source, request);
      const box = { width: request.width, height: request.height };
      const { canvas, context } = canvas2d(box.width, box.height);
      drawPicture(context, frame, { x: 0, y: 0, ...box }, request.fit);
      const blob = request.keepCell ? await encodeCanvas(canvas, request.format, request.quality) : null;
      const bitmap = canvas.transferToImageBitmap();
      performance.mark(FRAME_MARK);
      return transfer({ bitmap, actualMs: frame.actualMs, blob, decoder: frame.decoder }, [bitmap]);
    }),

  beginSheet: (index: number, width: number, height: number, color: string) =>
    plain(() => {
      sheets.delete(index);
      const opened = canvas2d(width, height);
      opened.context.fillStyle = color;
      opened.context.fillRect(0, 0, width, height);
      sheets.set(index, opened);
    }),

  drawCell: (index: number, bitmap: ImageBitmap, x: number, y: number) =>
    plain(() => {
      const sheet = sheets.get(index);
      try {
        if (!sheet) throw new InternalError(`Sprite sheet ${index} is not open.`);
        sheet.context.drawImage(bitmap, x, y);
      } finally {
        bitmap.close();
      }
    }),

  endSheet: (index: number, format, quality) =>
    plain(async () => {
      const sheet = sheets.get(index);
      if (!sheet) throw new InternalError(`Sprite sheet ${index} is not open.`);
      sheets.delete(index);
      return encodeCanvas(sheet.canvas, format, quality);
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
