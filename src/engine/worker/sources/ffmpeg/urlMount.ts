/**
 * The two names the engine worker (host.ts) and ffmpeg.wasm's worker (ffmpegWorker.ts) agree on for a video at a
 * URL. In a module of their own: importing ffmpegWorker.ts itself would install ffmpeg's message handler in the
 * engine worker, where it would answer the engine's own messages.
 */

/** The `fsType` of a URL mount (options `{ url, name, size }`). */
export const URL_FS = 'SNAPFRAME_URL';
/** The pseudo-path whose READ_FILE answers the bytes received from URLs since the last such read (decimal text). */
export const URL_BYTES_PATH = '/snapframe-url-bytes';
