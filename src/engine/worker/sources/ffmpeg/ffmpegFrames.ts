/**
 * ffmpeg.wasm as a {@link FrameSource}: decode runs (runs.ts) for the planned times, the one-time path (grab.ts) for
 * the rest. Opening a file costs nothing: the core is loaded and the file mounted (host.ts) at the first frame asked.
 */
import type { VideoInput } from '../../../videoInput';
import { hdrSource, type HdrSource } from '../../../../core/color/hdr/colorInfo';
import { DEFAULT_HDR_MODE } from '../../../../core/color/hdr/convert';
import type { FrameType, SourceInfo } from '../../../../core/job/types';
import { HDR_PIXEL_FORMAT, hdrRawToRgba } from '../../hdr/hdrPicture';
import type { DecodedFrame, FrameSource, FrameSourceFactory, PictureRequest } from '../frameSource';
import { keyframeAtOrBefore, keyframeSpans } from '../../../../core/decode/decodeRuns';
import { ffmpegWasmLacks } from '../../../../core/decode/decoderChoice';
import { grabFrame } from './grab';
import { readKeyframeTimes } from './packets';
import type { LumaReader } from '../../shots/lumaFrames';
import { ffmpegLuma } from './lumaFrames';
import type { FfmpegHost } from './host';
import { FfmpegRuns } from './runs';

class FfmpegFrames implements FrameSource {
  readonly decoder = 'ffmpeg.wasm' as const;
  /** Every exec has its own watchdog (host.ts). */
  readonly watchdogMs = null;
  /** Decode runs of the ffmpeg.wasm path: the times of the job's plan, decoded a run per exec. */
  private readonly runs = new FfmpegRuns();
  /** HDR sources: decoded to 16-bit 4:4:4 planes and converted by hdr/hdrPicture.ts. */
  private readonly hdr: HdrSource | null;

  constructor(
    private readonly host: FfmpegHost,
    private readonly file: VideoInput,
    private readonly source: SourceInfo,
  ) {
    this.hdr = hdrSource(source.color);
  }

  async plan(timesMs: readonly number[], frameType: FrameType, keyframesMs?: ReadonlyArray<number | null>): Promise<void> {
    this.runs.setPlan(this.file, timesMs, frameType, keyframesMs);
  }

  /** One ffprobe exec reading packet flags over the spans of the times (core/decodeRuns.keyframeSpans); none: mounts. */
  async keyframesAt(timesMs: readonly number[]): Promise<Array<number | null>> {
    const input = await this.host.mount(this.file);
    // A raw stream has no packet times, and is always decoded from its start (frameWindow.ts inputOptions).
    if (this.source.elementary) return timesMs.map(() => 0);
    const keyframesMs = await readKeyframeTimes(this.host, input, this.source.startTimeMs, keyframeSpans(timesMs));
    return timesMs.map((t) => keyframeAtOrBefore(keyframesMs, t));
  }

  readonly readLuma: LumaReader = (range, width, onFrame) => ffmpegLuma(this.host, this.file, this.source, range, width, onFrame);

  async frameAt(request: PictureRequest): Promise<DecodedFrame> {
    if (request.deinterlace && request.frameType === 'keyframe') {
      // Keyframe recipes decode keyframes only (`-skip_frame nokey`), so bwdif would take other keyframes for the
      // neighbours: the keyframe is found as decoded, then deinterlaced from its true neighbours by an exact decode
      // of its own time.
      const key = await this.frameAt({ ...request, deinterlace: null });
      const exact = await this.frameAt({ ...request, timeMs: key.actualMs, frameType: 'accurate', outsidePlan: true });
      return { ...exact, actualMs: key.actualMs };
    }
    const wanted = this.hdr ? { ...request, pixelFormat: HDR_PIXEL_FORMAT } : request;
    const frame =
      (request.outsidePlan ? null : await this.runs.frameAt(this.host, this.file, this.source, wanted)) ??
      (await grabFrame(this.host, this.file, this.source, wanted));
    if (!this.hdr || !('rgba' in frame)) return frame;
    return { ...frame, rgba: hdrRawToRgba(frame.rgba, frame.width, frame.height, this.hdr, request.hdr ?? DEFAULT_HDR_MODE) };
  }

  dispose(): void {
    // The host (one ffmpeg.wasm instance per worker) outlives files; the planned frames go with this object.
  }
}

/**
 * Opens files on the worker's ffmpeg.wasm instance. ffmpeg.wasm is the decoder of last resort (a file it cannot decode
 * fails at its first frame with a sentence); it refuses only codecs it has no decoder for (AV1:
 * core/decode/decoderChoice.ts ffmpegWasmLacks), before anything runs, as such a stream crashes the core.
 */
export function ffmpegFrames(host: FfmpegHost): FrameSourceFactory {
  return {
    decoder: 'ffmpeg.wasm',
    open: async (file: VideoInput, source: SourceInfo) => {
      const lacking = ffmpegWasmLacks(source.codec);
      return lacking ? { refused: `ffmpeg.wasm has no ${lacking} decoder` } : new FfmpegFrames(host, file, source);
    },
  };
}
