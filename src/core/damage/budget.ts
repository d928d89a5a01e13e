/**
 * Watchdogs sized by the work a stage asked for (frames to decode, bytes to read), not one fixed timeout: a decoder
 * that stops producing output, or a demuxer that stops advancing, is stopped with a sentence once the work it was
 * given should long have been done, while a long GOP of a 4K file still gets the time it needs.
 *
 * The figures are ten times what was measured on the shared 2-core machine (Debian Chromium, software decoding):
 * a 1080p H.264 frame decodes in ~10 ms (docs/ENGINE.md, shardRun.ts DECODE_1080P_MS) and ffmpeg.wasm takes ~3x
 * that; a File is read at well over 20 MB/s; a worker with the ffmpeg.wasm core (32 MB of wasm) starts in 2-10 s.
 */
import { formatTime } from '../timeline/time';
import type { SourceInfo } from '../job/types';

/** Decoding one 1080p frame, with the slack above, ms; scaled by pixels, never below {@link MIN_FRAME_MS}. */
export const FRAME_1080P_MS = 100;
export const MIN_FRAME_MS = 20;
/** Reading, with the slack above: 2 MB per second, i.e. bytes per ms. */
export const BYTES_PER_MS = 2000;
/** A worker starting (the ffmpeg.wasm core compiled on a loaded machine), with the slack above, ms. */
export const STARTUP_MS = 30_000;
/** The least any stage is given, ms. */
export const FLOOR_MS = 5_000;
/**
 * The widest decoding window a frame may need, s: ffmpeg.wasm's one-time path widens its seek window up to 20 s
 * before t (core/frameWindow.ts), and a GOP rarely passes 10 s.
 */
export const WIDEST_WINDOW_S = 30;

/** The work of one stage. */
export interface StageWork {
  /** Frames it may have to decode. */
  frames: number;
  /** Pixels of one frame (coded width × height). */
  pixels: number;
  /** Bytes it may have to read. */
  bytes: number;
  /** How many decoders may try in turn (the fallback chain: WebCodecs, then ffmpeg.wasm): each gets the budget. */
  attempts?: number;
  /** Whether a worker (and the ffmpeg.wasm core) may have to start first. */
  startup?: boolean;
}

/**
 * The time a stage may take before it is called stuck, ms.
 * @returns FLOOR_MS + (frames × per-frame cost by pixels + bytes / BYTES_PER_MS) × attempts, plus STARTUP_MS when a
 *   worker may have to start
 */
export function stageBudgetMs(work: StageWork): number {
  const known = (n: number) => (Number.isFinite(n) && n > 0 ? n : 0);
  const perFrame = Math.max(MIN_FRAME_MS, (FRAME_1080P_MS * known(work.pixels)) / (1920 * 1080));
  const one = known(work.frames) * perFrame + known(work.bytes) / BYTES_PER_MS;
  return Math.round(FLOOR_MS + one * Math.max(1, work.attempts ?? 1) + (work.startup ? STARTUP_MS : 0));
}

/**
 * The work of decoding the frame at `timeMs`: the frames of the widest window before it (or from 0) at the file's
 * frame rate (30 fps when unknown), and their share of the file's bytes.
 */
export function frameWork(source: SourceInfo, timeMs: number): Omit<StageWork, 'attempts' | 'startup'> {
  const fps = source.frameRate && source.frameRate > 0 ? source.frameRate : 30;
  const windowS = Math.min(Math.max(0, timeMs) / 1000, WIDEST_WINDOW_S) + 1;
  const frames = Math.ceil(windowS * fps);
  const durationS = Math.max(0.001, source.durationMs / 1000);
  const bytes = Math.min(source.size, (source.size * windowS) / durationS);
  return { frames, pixels: source.codedWidth * source.codedHeight, bytes };
}

/**
 * The sentence for a frame whose decoding passed its budget: the data there is taken as damaged (the time is
 * skipped, the job goes on).
 */
export function stalledFrameSentence(source: SourceInfo, timeMs: number, budgetMs: number): string {
  return (
    `No picture at ${formatTime(timeMs)} in ${source.name}: the decoder produced nothing for ${Math.round(budgetMs / 1000)} s, ` +
    `far longer than the frames before that time take, so the data there is probably damaged. The other times go on.`
  );
}
