/**
 * Running one job's shards on the lanes of its engine: where to cut (the
 * keyframe index, read by lane 0, and core/decode/shards.ts), and all shards at once, the first failure stopping the rest.
 */
import type { VideoInput } from '../videoInput';
import { CancelledError } from '../../core/job/errors';
import { planShards } from '../../core/decode/shards';
import type { SourceInfo } from '../../core/job/types';
import type { EngineLane, JobEngine } from '../jobEngine';
import type { RunContext } from './runContext';
import { ignoreStall, indexWatchdog } from './watchdogs';

/**
 * What one time costs besides its decoding, in decoded frames: drawing a 1080p frame from its planes, encoding it
 * and the messages, ~15-20 ms (docs/ENGINE.md "Drawing a frame"), against ~5-10 ms a P-frame; in keyframe mode the
 * one frame decoded is an I-frame, several times a P-frame. About three frames.
 */
const PER_TIME_FRAMES = 3;
/**
 * A shard with less work than this is not worth another worker, ms: starting a worker and opening the file in it
 * (mediabunny, or loading the ffmpeg.wasm core) takes a few hundred ms.
 */
const MIN_SHARD_MS = 300;
/** Jobs of fewer times do not start the other lanes' workers before the shards are known (they may need none). */
const MIN_TIMES_TO_PREPARE = 4;
/** Software decoding of one 1080p H.264 frame, ms (worker/ffmpegRuns.ts uses the same figure); scaled by pixels. */
const DECODE_1080P_MS = 10;

/** A contiguous range [from, to) of the job's times, ascending. */
export interface ShardRange {
  from: number;
  to: number;
}

/**
 * Cuts a job's times into shards, one per lane at most, at keyframe boundaries and balanced by decoding
 * (core/decode/shards.ts `planShards`). One lane, or one time, needs no index: a single shard.
 * @param timesMs ms, ascending
 * @returns the shards in time order, covering every time once, and the keyframe of each time when it was read
 *   (null: not read; passed on with each shard's plan so that no worker reads the index again)
 * @throws what the keyframe index read throws (InternalError when ffmpeg.wasm crashes or hangs, FileUnreadable)
 */
export async function shardTimes(
  engine: JobEngine,
  file: VideoInput,
  source: SourceInfo,
  timesMs: readonly number[],
  frameType: 'accurate' | 'keyframe',
  ctx: RunContext,
): Promise<{ shards: ShardRange[]; keyframesMs: Array<number | null> | null }> {
  if (timesMs.length === 0) return { shards: [], keyframesMs: null };
  if (engine.lanes < 2 || timesMs.length < 2) return { shards: [{ from: 0, to: timesMs.length }], keyframesMs: null };
  // The other lanes start their workers and open the file meanwhile (an index read of no times: mediabunny opens the
  // file, or ffmpeg.wasm loads and mounts it; nothing is executed). A failure there is the shard's to report later.
  if (timesMs.length >= MIN_TIMES_TO_PREPARE) {
    for (let i = 1; i < engine.lanes; i += 1) {
      engine
        .lane(i)
        .call((api) => api.keyframes(file, source, [], ctx.decoder), ctx.signal)
        .catch(() => undefined);
    }
  }
  const keyframesMs = await engine
    .lane(0)
    .call((api) => api.keyframes(file, source, [...timesMs], ctx.decoder), ctx.signal, indexWatchdog(source, 'reading the keyframe index'))
    .catch((error: unknown) => {
      // An index read that stalled: the worker was restarted, and the job runs as one shard.
      ignoreStall(error);
      return null;
    });
  if (!keyframesMs) return { shards: [{ from: 0, to: timesMs.length }], keyframesMs: null };
  const frameMs = source.frameRate && source.frameRate > 0 ? 1000 / source.frameRate : 40;
  const decodeMs = Math.max(0.5, (DECODE_1080P_MS * source.width * source.height) / (1920 * 1080));
  const shards = planShards({
    timesMs,
    keyframesMs,
    frameMs,
    frameType,
    shards: engine.lanes,
    perTimeFrames: PER_TIME_FRAMES,
    // An unknown keyframe: half of a 2 s GOP, the usual web encode.
    unknownGopFrames: 1000 / frameMs,
    minShardFrames: MIN_SHARD_MS / decodeMs,
  }).map(({ from, to }) => ({ from, to }));
  return { shards, keyframesMs };
}

/**
 * Runs `work` for every shard at once, shard i on lane i. The first failure (anything but a skipped time, which
 * `work` handles) aborts the other shards at once (their workers are terminated) and is thrown; a cancel of the
 * job is thrown as CancelledError.
 * @param work gets its shard, its lane and a context whose signal also fires when another shard failed
 */
export async function runOnLanes<S>(
  engine: JobEngine,
  shards: readonly S[],
  ctx: RunContext,
  work: (shard: S, lane: EngineLane, ctx: RunContext) => Promise<void>,
): Promise<void> {
  const stop = new AbortController();
  const onAbort = () => stop.abort();
  ctx.signal?.addEventListener('abort', onAbort, { once: true });
  if (ctx.signal?.aborted) stop.abort();
  const shardCtx: RunContext = { ...ctx, signal: stop.signal };
  let failure: { error: unknown } | null = null;
  try {
    await Promise.all(
      shards.map((shard, i) =>
        work(shard, engine.lane(i), shardCtx).catch((error: unknown) => {
          // The first failure is the job's; the others are the cancels it caused.
          if (!failure && !stop.signal.aborted) failure = { error };
          stop.abort();
        }),
      ),
    );
  } finally {
    ctx.signal?.removeEventListener('abort', onAbort);
  }
  if (ctx.signal?.aborted) throw new CancelledError();
  if (failure) throw (failure as { error: unknown }).error;
}
