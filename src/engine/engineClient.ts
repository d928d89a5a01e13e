import { EngineClient } from './client';
import { WorkerPool } from './pool';

/**
 * The page's engine workers: `jobPool` runs jobs, on up to 8 workers (pool.ts); `previewEngine` probes files and
 * renders previews and thumbnails, so that scrubbing never waits behind a running job (each worker holds its own
 * ffmpeg.wasm instance when it needs one).
 */
export const jobPool = new WorkerPool();
export const previewEngine = new EngineClient('snapframe-preview');
