/// <reference lib="webworker" />
/**
 * The engine worker: one {@link WorkerEngine} with the browser's decoders (WebCodecs through mediabunny) first and
 * one ffmpeg.wasm instance as the decoder of last resort, exposed with Comlink. Errors leave as plain SerializedError
 * objects (core/job/errors.ts) so their codes survive the boundary.
 */
import { expose } from 'comlink';
import type { WorkerApi } from '../protocol';
import { armCanvasFault } from './encode';
import { WorkerEngine } from './engine';
import { probeFile } from './sourceProbe';
import { ffmpegFrames } from './sources/ffmpeg/ffmpegFrames';
import { FfmpegHost } from './sources/ffmpeg/host';
import { armDecoderFault } from './sources/webcodecs/source';
import { webCodecsFrames } from './sources/webcodecs/webCodecsFrames';

const host = new FfmpegHost();

const engine = new WorkerEngine({
  factories: [webCodecsFrames, ffmpegFrames(host)],
  probe: (file, how) => probeFile(host, file, how),
  armFault: (kind) => {
    if (kind === 'crash') host.armCrash();
    else if (kind === 'hang') host.armHang();
    else if (kind === 'webcodecs') armDecoderFault();
    else armCanvasFault();
  },
});

expose(engine.api() satisfies WorkerApi);
