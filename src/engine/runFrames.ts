import { snapshotFileName } from '../core/naming';
import type { OffsetsSpec, SampleSpec, SourceInfo } from '../core/types';
import { AnimationFrames } from './animationFrames';
import { avoidFor } from './avoidWindow';
import { engine } from './engineClient';
import { perTime, type RunContext } from './runContext';

/**
 * Offsets and sample jobs: one image per time, in ascending time order, named `<video>_<ms>ms.<ext>`.
 * @param timesMs the requested times, ms (spec.offsetsMs or the sample plan)
 * With `spec.animation` (sample mode), also the animated preview of these frames (animationFrames.ts).
 */
export async function runFrames(
  file: File,
  source: SourceInfo,
  spec: OffsetsSpec | SampleSpec,
  timesMs: readonly number[],
  ctx: RunContext,
): Promise<void> {
  await engine.call((api) => api.plan(file, source, [...timesMs], spec.frameType, ctx.decoder), ctx.signal);
  const animation = spec.mode === 'sample' && spec.animation ? new AnimationFrames(spec.animation) : null;
  for (const [index, timeMs] of timesMs.entries()) {
    const frame = await perTime(ctx, timeMs, () =>
      engine.call(
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
            decoder: ctx.decoder,
            animation: animation?.request,
            ...avoidFor(spec, timesMs, index, source.durationMs),
          }),
        ctx.signal,
      ),
    );
    if (!frame) continue;
    ctx.decodedBy(frame.decoder);
    animation?.add(index, timeMs, frame.actualMs, frame.animationFrame);
    ctx.emit({
      kind: 'snapshot',
      name: snapshotFileName(source.name, timeMs, spec.format),
      blob: frame.blob,
      requestedMs: timeMs,
      actualMs: frame.actualMs,
      width: frame.width,
      height: frame.height,
      ...(frame.quality ? { quality: frame.quality } : {}),
    });
  }
  await animation?.finish(ctx);
}
