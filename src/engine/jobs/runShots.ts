/**
 * Mode "Shots": the cut pass over the whole video, range by range (each range one engine
 * operation, `shotFrames`, so that a pool of job workers can run ranges side by side), then one image per shot or a
 * contact sheet of the shots, made by the offsets and sprite runners.
 */
import type { VideoInput } from '../videoInput';
import type { DecoderPreference } from '../../core/decode/decoderChoice';
import { CancelledError } from '../../core/job/errors';
import type { ManifestShots } from '../../core/output/manifest';
import { cutRanges, findCuts, joinShotFrames, planShots, type ShotFrames } from '../../core/analysis/shots';
import type { DecoderName, OffsetsSpec, ShotsSpec, SourceInfo, SpriteSpec } from '../../core/job/types';
import type { EngineLane, JobEngine } from '../jobEngine';
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
 * The per-frame numbers of the whole video's cut pass (core/analysis/shots.ts ShotFrames), made once per file in this page
 * (the threshold and the pick apply afterwards, without decoding again).
 * The video is cut into ranges (core/analysis/shots.ts cutRanges), each decoded from a little before its start so that its
 * first frame has its predecessor: the ranges are independent, and run side by side, one per lane, each lane
 * taking the next range as it finishes one.
 * @param lanes the engine workers to run on (the job's lanes, or the preview engine for the form's "Find cuts")
 * @param onRange called after each range with ranges done and total
 * @throws SnapframeError Cancelled when aborted; what the engine throws
 */
export function shotFramesOf(
  lanes: readonly EngineLane[],
  file: VideoInput,
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
    const parts: Array<ShotFrames & { decoder: DecoderName }> = [];
    let next = 0;
    let done = 0;
    await Promise.all(
      lanes.map(async (lane) => {
        for (let i = next++; i < ranges.length; i = next++) {
          if (signal?.aborted) throw new CancelledError();
          const [fromMs, toMs] = ranges[i] as [number, number];
          parts[i] = await lane.call((api) => api.shotFrames(file, source, { fromMs, toMs }, decoder), signal);
          onRange?.(++done, ranges.length);
        }
      }),
    );
    return { ...joinShotFrames(parts), decoders: parts.map((p) => p.decoder) };
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
export async function runShots(
  engine: JobEngine,
  file: VideoInput,
  source: SourceInfo,
  spec: ShotsSpec,
  ctx: RunContext,
  setTotal: (total: number) => void,
): Promise<ManifestShots> {
  // The pass may be shared with the form's "Find cuts": Cancel must not wait for it.
  const frames = await untilAborted(
    shotFramesOf(
      Array.from({ length: engine.lanes }, (_, i) => engine.lane(i)),
      file,
      source,
      ctx.decoder,
      ctx.signal,
    ),
    ctx.signal,
  );
  throwIfCancelled(ctx);
  frames.decoders.forEach((d) => ctx.decodedBy(d));
  const cutsMs = findCuts(frames, spec.shots.threshold);
  const shots = planShots(cutsMs, frames, source.durationMs, spec.shots.pick, spec.shots.offsetMs);
  const timesMs = [...new Set(shots.map((s) => s.timeMs))].sort((a, b) => a - b);
  setTotal(timesMs.length);
  const { shots: _params, sprite, mode: _mode, ...output } = spec;
  if (sprite) {
    const sheet: SpriteSpec = {
      ...output,
      mode: 'sprite',
      sampling: { startMs: 0, intervalSec: 0, count: timesMs.length, percent: null },
      timesMs,
      sprite,
    };
    await runSprite(engine, file, source, sheet, ctx);
  } else {
    const offsets: OffsetsSpec = { ...output, mode: 'offsets', offsetsMs: timesMs };
    await runFrames(engine, file, source, offsets, timesMs, ctx);
  }
  return { cutsMs, shots };
}
