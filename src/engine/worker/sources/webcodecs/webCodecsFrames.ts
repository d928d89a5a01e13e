/**
 * The browser's decoders (WebCodecs through mediabunny: source.ts) as a {@link FrameSource}: each frame found is drawn
 * at the picture size (drawSample) and closed, so no VideoSample leaves this folder.
 */
import type { VideoInput } from '../../../videoInput';
import { hdrSource, type HdrSource } from '../../../../core/color/hdr/colorInfo';
import { DEFAULT_HDR_MODE } from '../../../../core/color/hdr/convert';
import { oneDecoderThread } from '../../../../core/decode/workerCount';
import type { FrameType, SourceInfo } from '../../../../core/job/types';
import { hdrSampleCanvas } from '../../hdr/hdrPicture';
import type { VideoSample } from 'mediabunny';
import type { DeinterlacePlan } from '../../../../core/deinterlace/decision';
import { deinterlaceSample } from '../../planes/deinterlaceSample';
import type { DecodedFrame, FrameSource, FrameSourceFactory, PictureRequest, Refusal } from '../frameSource';
import type { LumaReader } from '../../shots/lumaFrames';
import { webCodecsLuma } from './lumaFrames';
import { drawSample } from './drawSample';
import { WebCodecsSource, type DecodedSample } from './source';

/**
 * Ceiling of the watchdog for one WebCodecs frame, ms: frameChain.ts sizes it by the frame's work under this (a stuck
 * decoder falls back to ffmpeg.wasm instead of hanging the job).
 */
const WEBCODECS_TIMEOUT_MS = 300_000;

class WebCodecsFrames implements FrameSource {
  readonly decoder = 'webcodecs' as const;
  readonly watchdogMs = WEBCODECS_TIMEOUT_MS;

  constructor(
    private readonly source: WebCodecsSource,
    private readonly info: SourceInfo,
    /** HDR sources: frames read as full-depth planes and converted by hdr/hdrPicture.ts. */
    private readonly hdr: HdrSource | null,
  ) {}

  readonly readLuma: LumaReader = (range, width, onFrame) => webCodecsLuma(this.source, this.info, range, width, onFrame);

  async plan(timesMs: readonly number[], frameType: FrameType, _keyframesMs?: unknown, lanes = 1, neighbours = false): Promise<void> {
    // Keyframe mode decodes one key packet a time, but the pass's one VideoDecoder is shared.
    await this.source.setPlan(timesMs, frameType, oneDecoderThread(lanes, navigator.hardwareConcurrency), neighbours);
  }

  keyframesAt(timesMs: readonly number[]): Promise<Array<number | null>> {
    return this.source.keyframesAt(timesMs);
  }

  async frameAt(request: PictureRequest): Promise<DecodedFrame | Refusal> {
    const found = await this.source.frameAt(request.timeMs, request.frameType, request.outsidePlan ?? false);
    // null: the data around t looks damaged or missing, or a cut file holds no IDR picture to start from; ffmpeg.wasm decides.
    if (!found) return { refused: `the data around ${request.timeMs} ms looks damaged or missing, or has no IDR picture to start from` };
    let sample = found.sample;
    try {
      if (request.deinterlace) sample = await this.deinterlaced(sample, request.deinterlace, found.neighbours);
      const draw = (width: number, height: number, levels: 'swscale' | 'matrix') =>
        this.hdr
          ? hdrSampleCanvas(sample, this.hdr, request.hdr ?? DEFAULT_HDR_MODE, width, height)
          : drawSample(sample, this.source.colorSpace, width, height, levels);
      const image = await draw(request.width, request.height, 'swscale');
      // The animated preview's frame at the matrix's levels: its WebM goes back to YCbCr (core/color/yuv/sdrToRgba.ts).
      const also = request.alsoAt
        ? { ...request.alsoAt, image: await draw(request.alsoAt.width, request.alsoAt.height, 'matrix') }
        : undefined;
      return {
        image,
        width: request.width,
        height: request.height,
        actualMs: found.actualMs,
        decoder: this.decoder,
        ...(also ? { also } : {}),
      };
    } finally {
      found.sample.close();
      found.neighbours?.prev?.close();
      found.neighbours?.next?.close();
      if (sample !== found.sample) sample.close();
    }
  }

  /**
   * The frame deinterlaced from its neighbours in the stream (planes/deinterlaceSample.ts); a new sample. The
   * neighbours the plan's pass decoded, else decoded now ({@link WebCodecsSource.neighbours}).
   */
  private async deinterlaced(sample: VideoSample, plan: DeinterlacePlan, planned?: DecodedSample['neighbours']): Promise<VideoSample> {
    if (planned) return deinterlaceSample(planned.prev, sample, planned.next, plan);
    const { prev, next } = await this.source.neighbours(sample);
    try {
      return await deinterlaceSample(prev, sample, next, plan);
    } finally {
      prev?.close();
      next?.close();
    }
  }

  dispose(): void {
    this.source.dispose();
  }
}

/** Opens files for WebCodecs: a Refusal when the container, the codec or this browser's decoders do not fit. */
export const webCodecsFrames: FrameSourceFactory = {
  decoder: 'webcodecs',
  async open(file: VideoInput, source: SourceInfo): Promise<FrameSource | Refusal> {
    const opened = await WebCodecsSource.open(file, source);
    return opened instanceof WebCodecsSource ? new WebCodecsFrames(opened, source, hdrSource(source.color)) : { refused: opened.reason };
  },
};
