/// <reference lib="webworker" />
/**
 * The engine worker: one ffmpeg.wasm instance, one operation at a time, exposed with Comlink.
 * Errors leave as plain SerializedError objects (core/errors.ts) so their codes survive the boundary.
 */
import { expose } from 'comlink';
import { InternalError, toSnapframeError } from '../../core/errors';
import { fitRect } from '../../core/geometry';
import type { SourceInfo } from '../../core/types';
import type { CellRequest, CellResult, FrameRequest, FrameResult, WorkerApi } from '../protocol';
import { canvas2d, drawPicture, encodeCanvas, encodeImage } from './encode';
import { FfmpegHost } from './ffmpegHost';
import { grabFrame, type GrabbedFrame } from './grab';
import { probeFile } from './probe';

const host = new FfmpegHost();
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

/** Decodes the frame for a request, scaled by ffmpeg to the size it takes in the box (the box for `stretch`). */
function decode(file: File, source: SourceInfo, request: FrameRequest): Promise<GrabbedFrame> {
  const box = { width: request.width, height: request.height };
  const picture = request.fit === 'stretch' ? box : fitRect(source, box);
  return grabFrame(host, file, source, {
    timeMs: request.timeMs,
    width: picture.width,
    height: picture.height,
    frameType: request.frameType,
  });
}

const api = {
  probe: (file: File) => serial(() => probeFile(host, file)),

  frame: (file: File, source: SourceInfo, request: FrameRequest) =>
    serial(async (): Promise<FrameResult> => {
      const frame = await decode(file, source, request);
      const box = { width: request.width, height: request.height };
      const blob = await encodeImage(frame, box, request.fit, request.format, request.quality);
      return { blob, actualMs: frame.actualMs, ...box };
    }),

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
      const frame = await decode(file, source, request);
      const box = { x: request.x, y: request.y, width: request.width, height: request.height };
      drawPicture(sheet.context, frame, box, request.fit);
      const blob = request.keepCell
        ? await encodeImage(frame, { width: box.width, height: box.height }, request.fit, request.format, request.quality)
        : null;
      return { actualMs: frame.actualMs, blob };
    }),

  endSheet: (format, quality) =>
    serial(async () => {
      if (!sheet) throw new InternalError('No sprite sheet is open.');
      const blob = await encodeCanvas(sheet.canvas, format, quality);
      sheet = null;
      return blob;
    }),

  armCrash: async () => host.armCrash(),
} satisfies WorkerApi;

expose(api);
