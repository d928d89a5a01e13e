/// <reference lib="webworker" />
/**
 * The engine worker: one ffmpeg.wasm instance, one operation at a time, exposed with Comlink.
 * Errors leave as plain SerializedError objects (core/errors.ts) so their codes survive the boundary.
 */
import { expose } from 'comlink';
import { fitRect } from '../../core/geometry';
import { toSnapframeError } from '../../core/errors';
import type { FrameRequest, FrameResult, WorkerApi } from '../protocol';
import type { SourceInfo } from '../../core/types';
import { FfmpegHost } from './ffmpegHost';
import { probeFile } from './probe';
import { grabFrame } from './grab';
import { encodeImage } from './encode';

const host = new FfmpegHost();
let queue: Promise<unknown> = Promise.resolve();

/** Runs operations one after another (one ffmpeg instance) and serialises their errors. */
function serial<T>(operation: () => Promise<T>): Promise<T> {
  const run = queue.then(operation, operation);
  queue = run.catch(() => undefined);
  return run.catch((error: unknown) => {
    throw toSnapframeError(error).toJSON();
  });
}

const api = {
  probe: (file: File) => serial(() => probeFile(host, file)),

  frame: (file: File, source: SourceInfo, request: FrameRequest) =>
    serial(async (): Promise<FrameResult> => {
      const box = { width: request.width, height: request.height };
      const picture = fitRect(source, box);
      const frame = await grabFrame(host, file, source, {
        timeMs: request.timeMs,
        width: picture.width,
        height: picture.height,
        frameType: request.frameType,
      });
      const blob = await encodeImage(frame, box, request.format, request.quality);
      return { blob, actualMs: frame.actualMs, width: box.width, height: box.height };
    }),

  armCrash: async () => host.armCrash(),
} satisfies WorkerApi;

expose(api);
