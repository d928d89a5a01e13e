import { snapshotFileName } from '../core/naming';
import type { OffsetsSpec, SampleSpec, SourceInfo } from '../core/types';
import type { JobEngine } from './jobEngine';
import { perTime, type RunContext } from './runContext';
import { runOnLanes, shardTimes } from './shardRun';

/**
 * Offsets and sample jobs: one image per time, named `<video>_<ms>ms.<ext>`. The times are cut into shards at
 * keyframes (shardRun.ts), one per lane of `engine`; each lane handles its shard in ascending time order, and the
 * images stream out as the lanes make them (`ctx.emit` with the time's index as rank).
 * @param timesMs the requested times, ms, ascending (spec.offsetsMs or the sample plan)
 * @throws SnapframeError Cancelled; whatever a lane throws for a time other than UnsupportedMedia (which skips it)
 */
export async function runFrames(
  engine: JobEngine,
  file: File,
  source: SourceInfo,
  spec: OffsetsSpec | SampleSpec,
  timesMs: readonly number[],
  ctx: RunContext,
): Promise<void> {
  const { shards, keyframesMs } = await shardTimes(engine, file, source, timesMs, spec.frameType, ctx);
  await runOnLanes(engine, shards, ctx, async ({ from, to }, lane, shardCtx) => {
    const times = timesMs.slice(from, to);
    await lane.call((api) => api.plan(file, source, times, spec.frameType, ctx.decoder, keyframesMs?.slice(from, to)), shardCtx.signal);
    for (const [offset, timeMs] of times.entries()) {
      const frame = await perTime(shardCtx, timeMs, () =>
        lane.call(
          (api) =>
            api.frame(file, source, {
              timeMs,
              width: spec.width,
              height: spec.height,
              fit: spec.fit,
              format: spec.format,
              quality: spec.quality,
              frameType: spec.frameType,
              decoder: ctx.decoder,
            }),
          shardCtx.signal,
        ),
      );
      if (!frame) continue;
      ctx.decodedBy(frame.decoder);
      ctx.emit(
        {
          kind: 'snapshot',
          name: snapshotFileName(source.name, timeMs, spec.format),
          blob: frame.blob,
          requestedMs: timeMs,
          actualMs: frame.actualMs,
          width: frame.width,
          height: frame.height,
        },
        from + offset,
      );
    }
  });
}
