import { EngineClient } from './client';

/**
 * The page's engine workers: `engine` runs jobs; `previewEngine` probes files and renders previews and
 * thumbnails, so that scrubbing never waits behind a running job (each holds its own ffmpeg.wasm instance).
 */
export const engine = new EngineClient();
export const previewEngine = new EngineClient();
