/**
 * Stall detection inside the engine worker: a decoder that stops producing output while packets remain, or a read
 * that stops advancing, fails with a sentence after the time its work warrants (core/damage/budget.ts) instead of
 * being waited for. The caller's fallback (frameChain.ts: ffmpeg.wasm after WebCodecs) or the job's skip takes over.
 */
import { stageBudgetMs } from '../../../core/damage/budget';

/** A wait that passed its budget (the message is the sentence's tail: "the decoder stopped …"). */
export class StallError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StallError';
  }
}

/**
 * `work`, or a StallError once `ms` have passed without it settling.
 * @param what the stalled step, for the message ("the decoder output nothing for 7 s with 41 packets queued")
 */
export async function withinBudget<T>(work: Promise<T>, ms: number, what: () => string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new StallError(what())), ms);
  });
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** How long a decoder with `queued` chunks may go without output, ms: the time those frames warrant at this size. */
export function decoderStallMs(queued: number, config: { codedWidth?: number; codedHeight?: number }): number {
  const pixels = (config.codedWidth ?? 1920) * (config.codedHeight ?? 1080);
  return stageBudgetMs({ frames: Math.max(1, queued), pixels, bytes: 0 });
}
