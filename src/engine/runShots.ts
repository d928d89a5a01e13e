/**
 * Mode "Shots" (issue 14, part 3): the cut pass over the whole video, range by range (each range one engine
 * operation, `shotFrames`, so that a pool of job workers can run ranges side by side), then one image per shot or a
 * contact sheet of the shots, made by the offsets and sprite runners.
 */
import type { DecoderPreference } from '../core/decoderChoice';
import { CancelledError } from '../core/errors';
import type { ManifestShots } from '../core/manifest';
import { cutRanges, findCuts, joinShotFrames, planShots, type ShotFrames } from '../core/shots';
import type { DecoderName, OffsetsSpec, ShotsSpec, SourceInfo, SpriteSpec } from '../core/types';
import type { EngineClient } from './client';
import { engine } from './engineClient';
import { runFrames } from './runFrames';
import { throwIfCancelled, type RunContext } from './runContext';
import { runSprite } from './runSprite';

/** Longest range of one cut-pass operation: 60 s, or 1800 frames at high frame rates (bounds its memory). */
function rangeMs(source: SourceInfo): number {
  const frameMs = source.frameRate ? 1000 / source.frameRate : 40;
  return Math.max(10_000, Math.min(60_000, 1800 * frameMs));
}

/** Cut passes already made in this page, per file (name, size, modified time) and decoder preference. */
const passes = new Map<string, Promise<ShotFrames & { decoders: DecoderName[] }>>();

/**
 * The per-frame numbers of the whole video's cut pass (core/shots.ts ShotFrames), made once per file in this page
 * (the threshold and the pick apply afterwards, without decoding again).
 * @param client the engine worker to run on (the job engine, or the preview engine for the form's "Find cuts")
 * @param onRange called after each range with ranges done and total
 * @throws SnapframeError Cancelled when aborted; what the engine throws
 */
export function shotFramesOf(
  client: EngineClient,
  file: File,
  source: SourceInfo,
  decoder: DecoderPreference,
  signal?: AbortSignal,
  onRange?: (done: number, total: number) => void,
): Promise<ShotFrames & { decoders: DecoderName[] }> {
  const key = `${file.name}\u0000${file.size}\u0000${file.lastModified}\u0000${decoder}`;
  const cached = passes.get(key);
  if (cached) return cached;
  const ranges = cutRanges(source.durationMs, rangeMs(source));
  const work = (async () => {
    const parts: ShotFrames[] = [];
    const decoders: DecoderName[] = [];
    for (const [fromMs, toMs] of ranges) {
      if (signal?.aborted) throw new CancelledError();
      const part = await client.call((api) => api.shotFrames(file, source, { fromMs, toMs }, decoder), signal);
      parts.push(part);
      decoders.push(part.decoder);
      onRange?.(parts.length, ranges.length);
    }
    return { ...joinShotFrames(parts), decoders };
  })();
  passes.set(key, work);
  work.catch(() => passes.delete(key));
  return work;
}

/** `work`, or a CancelledError as soon as `signal` aborts. */
function untilAborted<T>(work: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return work;
  if (signal.aborted) return Promise.reject(new CancelledError());
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new CancelledError());
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/**
 * Runs a shots job: finds the cuts, plans one time per shot, and makes the images (or the contact sheet).
 * @param setTotal called with the number of shots once they are known (the job's image count)
 * @returns the cuts and shots for the manifest
 */
export async function runShots(file: File, source: SourceInfo, spec: ShotsSpec, ctx: RunContext, setTotal: (total: number) => void): Promise<ManifestShots> {
  // The pass may be shared with the form's "Find cuts": Cancel must not wait for it.
  const frames = await untilAborted(shotFramesOf(engine, file, source, ctx.decoder, ctx.signal), ctx.signal);
  throwIfCancelled(ctx);
  frames.decoders.forEach((d) => ctx.decodedBy(d));
  const cutsMs = findCuts(frames, spec.shots.threshold);
  const shots = planShots(cutsMs, frames, source.durationMs, spec.shots.pick, spec.shots.offsetMs);
  const timesMs = [...new Set(shots.map((s) => s.timeMs))].sort((a, b) => a - b);
  setTotal(timesMs.length);
  const { shots: _params, sprite, mode: _mode, ...output } = spec;
  if (sprite) {
    const sheet: SpriteSpec = { ...output, mode: 'sprite', sampling: { startMs: 0, intervalSec: 0, count: timesMs.length, percent: null }, timesMs, sprite };
    await runSprite(file, source, sheet, ctx);
  } else {
    const offsets: OffsetsSpec = { ...output, mode: 'offsets', offsetsMs: timesMs };
    await runFrames(file, source, offsets, timesMs, ctx);
  }
  return { cutsMs, shots };
}
