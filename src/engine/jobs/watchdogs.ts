/**
 * The page side's watchdogs (jobEngine.ts Watchdog), each sized by the work its call asks for (core/damage/budget.ts):
 * a frame by the frames of the widest window before its time, an index read or a plan by the bytes it may read, a
 * probe by the header bytes. They are the last line: inside the worker the decoders have their own (frameChain.ts,
 * damage/stall.ts, the ffmpeg.wasm host's per-exec watchdog), so these fire only when a worker stopped answering.
 */
import { frameWork, stageBudgetMs, stalledFrameSentence } from '../../core/damage/budget';
import { DamagedMediaError, SnapframeError } from '../../core/job/errors';
import { formatTime } from '../../core/timeline/time';
import type { SourceInfo } from '../../core/job/types';
import type { Watchdog } from '../jobEngine';

/** The two decoders of the chain (WebCodecs, then ffmpeg.wasm) may each try a frame. */
const ATTEMPTS = 2;
/** Bytes a probe may read: headers, ffprobe's analysis (5 MB by default) and the index at either end, bytes. */
const PROBE_BYTES = 64e6;

/**
 * A frame or cell call at `timeMs`: past its budget the time is skipped (DamagedMedia) and the worker restarted.
 */
export function frameWatchdog(source: SourceInfo, timeMs: number): Watchdog {
  const budgetMs = stageBudgetMs({ ...frameWork(source, timeMs), attempts: ATTEMPTS, startup: true });
  return { budgetMs, stage: 'frame', failure: () => new DamagedMediaError(stalledFrameSentence(source, timeMs, budgetMs)) };
}

/**
 * A call that reads the packet index or plans a pass (keyframes, plan): at most the whole file's bytes once and no
 * decoding. Past its budget it fails with a sentence; the caller decides whether the job can do without it.
 */
export function indexWatchdog(source: SourceInfo, what: string): Watchdog {
  const budgetMs = stageBudgetMs({ frames: 0, pixels: 0, bytes: source.size, attempts: ATTEMPTS, startup: true });
  return {
    budgetMs,
    stage: 'index',
    failure: () =>
      new DamagedMediaError(
        `${source.name}: ${what} did not advance for ${Math.round(budgetMs / 1000)} s (its ${formatTime(source.durationMs)} of video should take far less), so its index is probably damaged.`,
      ),
  };
}

/** A probe of `file`: past its budget it fails with a sentence naming the file. */
export function probeWatchdog(file: { name: string; size: number }): Watchdog {
  const budgetMs = stageBudgetMs({ frames: 0, pixels: 0, bytes: Math.min(file.size, PROBE_BYTES), attempts: ATTEMPTS, startup: true });
  return {
    budgetMs,
    stage: 'probe',
    failure: () =>
      new DamagedMediaError(
        `${file.name} could not be read as a video: reading its header did not finish within ${Math.round(budgetMs / 1000)} s, so the file is probably damaged. Choose a complete copy of the file.`,
      ),
  };
}

/**
 * Swallows the failure of an index or plan watchdog (the job can do without it: one shard, frames one by one) and
 * rethrows anything else.
 */
export function ignoreStall(error: unknown): void {
  if (!(error instanceof SnapframeError) || error.code !== 'DamagedMedia') throw error;
}
