/**
 * How many job workers a job runs on (README "Job workers").
 *
 * - The default follows the cores the browser reports (`navigator.hardwareConcurrency`): N on 1–2 cores, N - 1 on
 *   more, at most {@link MAX_JOB_WORKERS} (see {@link defaultJobWorkers}).
 * - The page's "Job workers" setting, or `?workers=N` in the URL (which wins), overrides it.
 * - A memory cap lowers it for big frames: each worker holds its own decoder and frames, so the workers together may
 *   hold at most {@link memoryBudgetBytes} of the device's memory, and one worker is estimated at
 *   {@link workerBytes} for the source's frame size (figures measured in README "Job workers").
 */

/** The most job workers, whatever the machine. */
export const MAX_JOB_WORKERS = 8;
/**
 * The default number of job workers for a machine with `cores` logical cores: one per core on 1–2 cores, one core
 * left free on more (N - 1), at most {@link MAX_JOB_WORKERS}. A job worker keeps about one core busy (P1 on a quiet
 * machine: 25.1 s wall, 25.5 s CPU), and sharding adds no CPU (P6: the same CPU time with 1 and 2 workers), so the
 * k-th worker shortens a job by at most 1/(k-1) of the time of k-1 workers: on 2 cores the second worker can halve
 * it (N - 1 would be no pool at all), on 8 cores the eighth gains at most 1/7 (14 %), less than the page, the
 * preview worker (scrubbing during a job) and the browser's own processes (GPU, storage, compositing) lose when
 * every core is taken. README "Job workers".
 * @param cores navigator.hardwareConcurrency (undefined or <= 0: taken as 1)
 * @returns 1 … {@link MAX_JOB_WORKERS}
 */
export function defaultJobWorkers(cores: number | undefined): number {
  const n = cores && Number.isFinite(cores) && cores > 0 ? Math.floor(cores) : 1;
  return clampWorkers(n <= 2 ? n : n - 1);
}

/**
 * Whether each job worker's decoder should decode on one thread (WebCodecs `optimizeForLatency`, which in Chromium
 * turns off FFmpeg's frame threading) rather than on several: when the job's lanes decoding at once already keep the
 * cores busy. Frame threading lets one decoder use idle cores, but costs CPU: P1 on this 2-core machine, one
 * worker, took 5.0 s wall and 7.8 s CPU frame-threaded against 6.8 s and 7.2 s on one thread; two workers on one
 * thread each took 3.9 s and 7.2 s against 4.3 s and 8.0 s frame-threaded (README "Benchmark").
 * @param lanes how many lanes decode the job at once (its shards)
 * @param cores navigator.hardwareConcurrency (undefined or <= 0: taken as 1)
 * @returns true: one thread per decoder (every core has a lane; the lanes leave at most the one core free that the
 *   default worker count leaves); false: let the decoder spread over the idle cores
 */
export function oneDecoderThread(lanes: number, cores: number | undefined): boolean {
  const n = cores && Number.isFinite(cores) && cores > 0 ? Math.floor(cores) : 1;
  return n <= 1 || lanes >= Math.max(2, n - 1);
}

/** `n` within 1 … {@link MAX_JOB_WORKERS}. */
export function clampWorkers(n: number): number {
  return Math.max(1, Math.min(MAX_JOB_WORKERS, Math.floor(n)));
}

/**
 * Reads `?workers=N` (tests, bench; README "Testing hooks").
 * @returns 1 … {@link MAX_JOB_WORKERS} (larger values are clamped), or null when absent or not a positive integer
 */
export function parseWorkersParam(value: string | null): number | null {
  if (value === null || !/^\d+$/.test(value.trim())) return null;
  const n = Number(value);
  return n >= 1 ? clampWorkers(n) : null;
}

/**
 * Fixed memory of one job worker, bytes: its JS heap, mediabunny's index of the file, and the ffmpeg.wasm core when
 * loaded. With the per-pixel part, 1080p comes to ~165 MB: the second worker added 164 MB (WebCodecs, P6) and
 * 84–108 MB (ffmpeg.wasm, HEVC 1080p, D1) to the renderer's PSS here (README "Job workers").
 */
export const WORKER_BASE_BYTES = 80 * 1024 * 1024;
/**
 * Memory per source pixel of one job worker while it decodes, bytes: the decoder's reference frames (YUV 4:2:0,
 * 1.5 B/px, up to 16 for H.264/HEVC), the RGBA copy of the frame (4 B/px) and the halving canvases (~1.3x that), or
 * on ffmpeg.wasm its decoder's frames and the RGBA frames a decode run holds.
 */
export const WORKER_BYTES_PER_PIXEL = 40;

/**
 * Estimated peak memory of one job worker decoding frames of `pixels` (width x height of the source).
 * @returns bytes
 */
export function workerBytes(pixels: number): number {
  return WORKER_BASE_BYTES + WORKER_BYTES_PER_PIXEL * Math.max(0, pixels);
}

/**
 * Memory the job workers may hold together: a quarter of the device's memory (`navigator.deviceMemory`, GB; Chromium
 * reports at most 8), and 2 GB when the browser does not say.
 * @returns bytes
 */
export function memoryBudgetBytes(deviceMemoryGb: number | undefined): number {
  const gb = deviceMemoryGb && deviceMemoryGb > 0 ? deviceMemoryGb : 8;
  return (gb / 4) * 1024 ** 3;
}

/**
 * The job workers for a source of `width` x `height` px: `wanted`, lowered so that the workers' estimated memory,
 * and in sprite jobs the open sheets (at most 2n - 1 with n workers: one per worker, plus one where two workers'
 * shards meet), stay within the budget: n x workerBytes + (2n - 1) x sheetBytes <= budget (never below 1).
 * @param wanted the setting, the URL override, or the default
 * @param sheetBytes one sprite sheet's RGBA bytes (width x height x 4), 0 for other jobs
 * @returns 1 … wanted
 */
export function cappedJobWorkers(
  wanted: number,
  width: number,
  height: number,
  deviceMemoryGb: number | undefined,
  sheetBytes = 0,
): number {
  const sheet = Math.max(0, sheetBytes);
  const fit = Math.floor((memoryBudgetBytes(deviceMemoryGb) + sheet) / (workerBytes(width * height) + 2 * sheet));
  return Math.max(1, Math.min(clampWorkers(wanted), fit));
}
