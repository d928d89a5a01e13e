import type { VideoInput } from '../videoInput';
import { snapshotFileName } from '../../core/output/naming';
import type { OffsetsSpec, SampleSpec, SourceInfo } from '../../core/job/types';
import { AnimationFrames } from './animationFrames';
import { avoidFor } from './avoidWindow';
import type { JobEngine } from '../jobEngine';
import { perTime, type RunContext } from './runContext';
import { runOnLanes, shardTimes } from './shardRun';
import { TrickplayFiles } from './trickplayFiles';
import { frameWatchdog, ignoreStall, indexWatchdog } from './watchdogs';

/**
 * Offsets and sample jobs: one image per time, named `<video>_<ms>ms.<ext>`. The times are cut into shards at
 * keyframes (shardRun.ts), one per lane of `engine`; each lane handles its shard in ascending time order, and the
 * images stream out as the lanes make them (`ctx.emit` with the time's index as rank).
 * @param timesMs the requested times, ms, ascending (spec.offsetsMs or the sample plan)
 * With `spec.animation` (sample mode), also the animated preview of these frames (animationFrames.ts), encoded on
 * lane 0 once every lane is done; with `spec.trickplay` (sample mode: a BIF), the trickplay files last (trickplayFiles.ts).
 * @throws SnapframeError Cancelled; whatever a lane throws for a time other than UnsupportedMedia (which skips it)
 */
export async function runFrames(
  engine: JobEngine,
  file: VideoInput,
  source: SourceInfo,
  spec: OffsetsSpec | SampleSpec,
  timesMs: readonly number[],
  ctx: RunContext,
): Promise<void> {
  const { shards, keyframesMs } = await shardTimes(engine, file, source, timesMs, spec.frameType, ctx);
  const animation = spec.mode === 'sample' && spec.animation ? new AnimationFrames(spec.animation) : null;
  const trickplay = spec.mode === 'sample' ? new TrickplayFiles(file, source, spec) : null;
  await runOnLanes(engine, shards, ctx, async ({ from, to }, lane, shardCtx) => {
    const times = timesMs.slice(from, to);
    await lane
      .call(
        (api) => api.plan(file, source, times, spec.frameType, ctx.decoder, keyframesMs?.slice(from, to), shards.length, spec.deinterlace),
        shardCtx.signal,
        indexWatchdog(source, 'planning the decoding'),
      )
      // A plan that stalled: the worker was restarted, and the frames are decoded one by one.
      .catch(ignoreStall);
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
              hdr: spec.hdr,
              deinterlace: spec.deinterlace,
              decoder: ctx.decoder,
              animation: animation?.request,
              ...avoidFor(spec, timesMs, from + offset, source.durationMs),
            }),
          shardCtx.signal,
          frameWatchdog(source, timeMs),
        ),
      );
      if (!frame) continue;
      ctx.decodedBy(frame.decoder);
      animation?.add(from + offset, timeMs, frame.actualMs, frame.animationFrame);
      trickplay?.addImage(from + offset, timeMs, frame.blob);
      ctx.emit(
        {
          kind: 'snapshot',
          name: snapshotFileName(source.name, timeMs, spec.format),
          blob: frame.blob,
          requestedMs: timeMs,
          actualMs: frame.actualMs,
          width: frame.width,
          height: frame.height,
          ...(frame.quality ? { quality: frame.quality } : {}),
        },
        from + offset,
      );
    }
  });
  await animation?.finish(engine.lane(0), ctx);
  await trickplay?.finish(ctx);
}
