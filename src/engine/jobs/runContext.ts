import type { DecoderPreference } from '../../core/decode/decoderChoice';
import { CancelledError, skipsTime, type SnapframeError } from '../../core/job/errors';
import type { DecoderName } from '../../core/job/types';
import type { OutputFile, SkippedTime } from '../outputs';

/** What a job runner reports to, and how it is stopped. */
export interface RunContext {
  signal: AbortSignal | undefined;
  /**
   * Called with every output file as soon as it is made (with a pool, in the order the workers make them).
   * @param rank the file's place in the job's outputs (the manifest's order: time order, each sheet after its cells)
   */
  emit: (output: OutputFile, rank: number) => void;
  /** Called once per requested time, when it is done or skipped (not when the job fails on it). */
  step: () => void;
  skip: (skipped: SkippedTime) => void;
  /** Which decoder the worker should use (FrameRequest.decoder). */
  decoder: DecoderPreference;
  /** Called with the decoder that made each frame. */
  decodedBy: (decoder: DecoderName) => void;
  /** A sentence for the manifest's `notes` (what the job did differently from what was asked, and why). */
  note: (sentence: string) => void;
}

/** @throws CancelledError when the job was cancelled. */
export function throwIfCancelled(ctx: RunContext): void {
  if (ctx.signal?.aborted) throw new CancelledError();
}

/**
 * Runs the work for one requested time. A time in missing or damaged data (UnsupportedMedia, DamagedMedia) is recorded as
 * skipped and the job goes on; any other error ends the job.
 * @returns the work's result, or null when the time was skipped
 */
export async function perTime<T>(ctx: RunContext, requestedMs: number, work: () => Promise<T>): Promise<T | null> {
  throwIfCancelled(ctx);
  let result: T | null;
  try {
    result = await work();
  } catch (error) {
    if (!skipsTime(error)) throw error;
    ctx.skip({ requestedMs, error: (error as SnapframeError).toJSON() });
    result = null;
  }
  ctx.step();
  return result;
}
