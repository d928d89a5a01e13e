import { keyframeAtOrBefore, keyframeSpans } from '../../core/decodeRuns';
import type { SourceInfo } from '../../core/types';
import type { FfmpegHost } from './ffmpegHost';
import { readKeyframeTimes } from './packets';
import type { WebCodecsSource } from './webcodecs/source';

/**
 * The keyframe at or before each of a job's times, from the container's index, for cutting the job into shards
 * (core/shards.ts). Nothing is decoded: mediabunny's key packets (metadata only) when WebCodecs decodes the file,
 * else one ffprobe exec reading packet flags over the spans of the times (core/decodeRuns.keyframeSpans).
 * @param browser the file's WebCodecs source, or null when ffmpeg.wasm decodes it
 * @param timesMs ms, ascending
 * @returns per time, the keyframe's presentation time, ms, or null where none is known at or before it
 * @throws what FfmpegHost.run throws (InternalError on a crash or hang, FileUnreadableError)
 */
export async function keyframeIndex(
  host: FfmpegHost,
  browser: WebCodecsSource | null,
  file: File,
  source: SourceInfo,
  timesMs: readonly number[],
): Promise<Array<number | null>> {
  if (browser) {
    try {
      return await browser.keyframesAt(timesMs);
    } catch {
      // mediabunny could not read its index here: ffprobe's answer is as good
    }
  }
  const input = await host.mount(file);
  const keyframesMs = await readKeyframeTimes(host, input, source.startTimeMs, keyframeSpans(timesMs));
  return timesMs.map((t) => keyframeAtOrBefore(keyframesMs, t));
}
