/// <reference lib="webworker" />
/**
 * The engine worker: one {@link WorkerEngine} with the browser's decoders (WebCodecs through mediabunny) first and
 * one ffmpeg.wasm instance as the decoder of last resort, exposed with Comlink. Errors leave as plain SerializedError
 * objects (core/job/errors.ts) so their codes survive the boundary.
 */
import { expose } from 'comlink';
import type { WorkerApi } from '../protocol';
import { WorkerEngine } from './engine';
import { probeFile } from './sourceProbe';
import { ffmpegFrames } from './sources/ffmpeg/ffmpegFrames';
import { FfmpegHost } from './sources/ffmpeg/host';
import { webCodecsFrames } from './sources/webcodecs/webCodecsFrames';

const host = new FfmpegHost();

const engine = new WorkerEngine({
  factories: [webCodecsFrames, ffmpegFrames(host)],
  probe: (file, how) => probeFile(host, file, how),
});

expose(engine.api() satisfies WorkerApi);
