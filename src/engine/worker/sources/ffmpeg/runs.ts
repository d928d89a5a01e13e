/**
 * Decode runs on the ffmpeg.wasm path (core/decode/decodeRuns.ts, docs/ENGINE.md "Decode only what is needed"): a job
 * announces its times with plan(); the first frame request of a run decodes all of the run's times in one exec
 * and the following requests are served from the frames it kept (bounded by RUN_BYTES). Requests outside the plan,
 * runs of one time, and times a run found no frame for are left to the one-time path (grab.ts), which returns
 * null here.
 */
import type { VideoInput } from '../../../videoInput';
import {
  indexSpans,
  keepWindows,
  keyframeAtOrBefore,
  keyframeGroups,
  pickFrames,
  planDecodeRuns,
} from '../../../../core/decode/decodeRuns';
import { trustedFromSec } from '../../../../core/decode/decoderGarbage';
import {
  bytesPerPixel,
  CUT_TOLERANCE_MS,
  parseShowinfoFrames,
  parseShowinfoTimes,
  elementaryInputRate,
  isFirstDecoded,
  runFramesArgs,
  type FrameTarget,
} from '../../../../core/decode/frameWindow';
import type { FrameType, SourceInfo } from '../../../../core/job/types';
import type { DecodedFrame } from '../frameSource';
import { fileKey } from '../../fileKey';
import { OUT_DIR, type FfmpegHost } from './host';
import { grabFrame, type FfmpegFrameRequest } from './grab';
import { readKeyframeTimes } from './packets';

/** Bytes of decoded frames one run may hold (its output file, then the frames waiting to be served). */
const RUN_BYTES = 64 * 1024 * 1024;
/** Most distinct times in one run, whatever the frame size. */
const MAX_TIMES_PER_RUN = 32;
/**
 * Fixed cost of one exec in the single-thread core, ms: start, seek, filter graph, output, plus the amortised
 * recycle (0.5 s every 40 execs). docs/ENGINE.md "Measured facts": a keyframe grab (one exec, one 1080p intra frame) ~41 ms.
 */
const EXEC_COST_MS = 40;
/** Decoding one 1080p H.264 frame in the single-thread core, ms (docs/ENGINE.md "Measured facts": ~727 ms for ~75 frames). */
const DECODE_1080P_MS = 10;
/** Watchdog of a run: the one-frame watchdog plus this per extra time. */
const RUN_TIMEOUT_MS = 120_000;
const RUN_TIMEOUT_PER_TIME_MS = 10_000;
const RUN_OUT = `${OUT_DIR}/run.rgba`;

type Held = { rgba: Uint8Array; actualMs: number } | null;

/** What a run's frames are: size px, raw pixel format, and deinterlaced or not (a run serves one kind). */
interface RunOutput {
  width: number;
  height: number;
  pixelFormat: FrameTarget['pixelFormat'];
  deinterlace: FrameTarget['deinterlace'];
}

const sameOutput = (a: RunOutput, b: RunOutput): boolean =>
  a.width === b.width &&
  a.height === b.height &&
  a.pixelFormat === b.pixelFormat &&
  (a.deinterlace?.topFieldFirst ?? null) === (b.deinterlace?.topFieldFirst ?? null);

interface Plan {
  key: string;
  timesMs: number[];
  planned: Set<number>;
  frameType: FrameType;
  /** Per planned time, its run (accurate) or keyframe group; made at the first request (needs the packet index). */
  groups: Map<number, number[]> | null;
  /** Keyframes of the planned times given with the plan (the pool read them once for the job), ascending, or null. */
  knownKeyframesMs: number[] | null;
}

/** The run planner and the frames of the current run, for one engine worker. */
export class FfmpegRuns {
  private plan: Plan | null = null;
  /** Frames kept by the last run, per requested time, for one picture size. */
  private held: { output: RunOutput; frames: Map<number, Held> } | null = null;
  /** The last packet index read: keyframe times per file and spans. */
  private index: { key: string; keyframesMs: number[] } | null = null;

  /** Announces the times (ms) the next requests for `file` will ask for; drops the frames of any earlier plan. */
  setPlan(file: VideoInput, timesMs: readonly number[], frameType: FrameType, keyframesMs?: ReadonlyArray<number | null>): void {
    const sorted = [...new Set(timesMs)].sort((a, b) => a - b);
    // The times' own keyframes are all the planner looks up (keyframeAtOrBefore of each time): no index to read.
    const known = keyframesMs ? [...new Set(keyframesMs.filter((k): k is number => k !== null))].sort((a, b) => a - b) : null;
    this.plan = { key: fileKey(file), timesMs: sorted, planned: new Set(sorted), frameType, groups: null, knownKeyframesMs: known };
    this.held = null;
  }

  /**
   * The frame for a request, from the current run (decoding the run when the request opens it), or null when
   * the one-time path must decode it.
   * @param request time ms, picture size px (what ffmpeg scales to), frame type, raw pixel format, deinterlacing
   * @throws what the engine throws (InternalError, FileUnreadableError; UnsupportedMediaError in keyframe mode)
   */
  async frameAt(host: FfmpegHost, file: VideoInput, source: SourceInfo, request: FfmpegFrameRequest): Promise<DecodedFrame | null> {
    const plan = this.plan;
    if (!plan || plan.key !== fileKey(file) || plan.frameType !== request.frameType) return null;
    const { timeMs, width, height, pixelFormat } = request;
    const output: RunOutput = { width, height, pixelFormat, deinterlace: request.deinterlace ?? null };
    const held = this.held;
    if (held && sameOutput(held.output, output) && held.frames.has(timeMs)) {
      const frame = held.frames.get(timeMs) ?? null;
      for (const t of held.frames.keys()) if (t < timeMs) held.frames.delete(t);
      return frame ? { ...frame, width, height, decoder: 'ffmpeg.wasm' } : null;
    }
    if (!plan.planned.has(timeMs)) return null;
    if (plan.groups === null) {
      const groups = await this.makeGroups(host, file, source, plan, width * height * bytesPerPixel({ pixelFormat }));
      plan.groups = new Map(groups.flatMap((g) => g.map((t) => [t, g] as const)));
    }
    const group = plan.groups.get(timeMs);
    if (!group || group.length < 2) return null;
    const from = group.slice(group.indexOf(timeMs));
    if (from.length < 2) return null;
    const frames =
      plan.frameType === 'keyframe'
        ? await this.keyframeGroup(host, file, source, from, output)
        : await this.run(host, file, source, from, output);
    this.held = { output, frames };
    return this.frameAt(host, file, source, request);
  }

  private async makeGroups(host: FfmpegHost, file: VideoInput, source: SourceInfo, plan: Plan, frameBytes: number): Promise<number[][]> {
    const spans = indexSpans(plan.timesMs);
    if (spans.length === 0) return plan.timesMs.map((t) => [t]);
    const key = `${plan.key}\u0000${JSON.stringify(spans)}`;
    if (plan.knownKeyframesMs && plan.knownKeyframesMs.length > 0) this.index = { key, keyframesMs: plan.knownKeyframesMs };
    // A raw stream is always decoded from its start (frameWindow.ts inputOptions): that is its one seek point.
    if (source.elementary) this.index = { key, keyframesMs: [0] };
    if (this.index?.key !== key) {
      const input = await host.mount(file);
      this.index = { key, keyframesMs: await readKeyframeTimes(host, input, source.startTimeMs, spans) };
    }
    // No index (ffprobe read nothing): treat every time as a keyframe, so runs only form where going on is cheap.
    const keyframesMs = this.index.keyframesMs.length > 0 ? this.index.keyframesMs : plan.timesMs;
    if (plan.frameType === 'keyframe') return keyframeGroups(plan.timesMs, keyframesMs);
    const frameMs = frameDuration(source);
    const pixels = source.width * source.height;
    const decodeMs = Math.max(0.5, (DECODE_1080P_MS * pixels) / (1920 * 1080));
    return planDecodeRuns({
      timesMs: plan.timesMs,
      keyframesMs,
      frameMs,
      execCostFrames: EXEC_COST_MS / decodeMs,
      maxTimesPerRun: Math.max(1, Math.min(MAX_TIMES_PER_RUN, Math.floor(RUN_BYTES / (2 * frameBytes)))),
    });
  }

  /** One exec for the run's times; frames per time (null where the run's windows held none). */
  private async run(
    host: FfmpegHost,
    file: VideoInput,
    source: SourceInfo,
    timesMs: number[],
    output: RunOutput,
  ): Promise<Map<number, Held>> {
    const { width, height } = output;
    const frameMs = frameDuration(source);
    const target: FrameTarget = {
      input: await host.mount(file),
      output: RUN_OUT,
      width,
      height,
      originMs: source.startTimeMs,
      frameMs: source.frameRate ? 1000 / source.frameRate : null,
      pixelFormat: output.pixelFormat,
      inputRate: elementaryInputRate(source),
      deinterlace: output.deinterlace,
    };
    const windows = keepWindows(timesMs, frameMs);
    const args = runFramesArgs(target, (windows[0] as [number, number])[0], windows);
    const { lines } = await host.run('ffmpeg', args, RUN_TIMEOUT_MS + RUN_TIMEOUT_PER_TIME_MS * (timesMs.length - 1));
    const bytes = await host.take(RUN_OUT);
    const framesMs = parseShowinfoTimes(lines).map((s) => Math.round((s * 1000 - target.originMs) * 1000) / 1000);
    const size = width * height * bytesPerPixel(target);
    const frames = new Map<number, Held>();
    // A count that disagrees with the log (never seen) leaves every time to the one-time path.
    const usable = bytes !== null && bytes.byteLength === framesMs.length * size;
    const picks = usable ? pickFrames(timesMs, framesMs, frameMs) : timesMs.map(() => null);
    // Decoder garbage is never a frame (core/decode/decoderGarbage.ts): a time whose frame was presented before the first
    // keyframe of a run whose log says references were missing goes to the one-time path, which seeks further back.
    const trustedFromMs = trustedFromSec(parseShowinfoFrames(lines, 'decoded'), lines) * 1000 - target.originMs;
    // A deinterlaced frame that was the run's first decoded one had no previous frame: the one-time path widens its window.
    const seeked = (windows[0] as [number, number])[0] > 0 && !target.inputRate;
    const noPrevious = (ms: number) => target.deinterlace != null && seeked && isFirstDecoded(lines, target.originMs, ms);
    for (const [i, t] of timesMs.entries()) {
      const raw = picks[i];
      const kept = raw != null && (framesMs[raw] as number) >= trustedFromMs - CUT_TOLERANCE_MS;
      const pick = kept && !noPrevious(framesMs[raw] as number) ? raw : null;
      frames.set(
        t,
        bytes && pick != null ? { rgba: bytes.subarray(pick * size, (pick + 1) * size), actualMs: framesMs[pick] as number } : null,
      );
    }
    return frames;
  }

  /** Keyframe mode: one keyframe decoded for a group of times that share it. */
  private async keyframeGroup(
    host: FfmpegHost,
    file: VideoInput,
    source: SourceInfo,
    timesMs: number[],
    output: RunOutput,
  ): Promise<Map<number, Held>> {
    const first = timesMs[0] as number;
    // The times of a group share the keyframe the index holds before its last one (core/decode/decodeRuns.ts keyframeGroups).
    const keyframeMs = this.index ? keyframeAtOrBefore(this.index.keyframesMs, timesMs[timesMs.length - 1] as number) : null;
    const known = keyframeMs !== null ? { keyframeMs } : {};
    const frame = await grabFrame(host, file, source, { ...output, timeMs: first, frameType: 'keyframe', ...known });
    return new Map(timesMs.map((t) => [t, { rgba: frame.rgba, actualMs: frame.actualMs }]));
  }
}

function frameDuration(source: SourceInfo): number {
  return source.frameRate && source.frameRate > 0 ? 1000 / source.frameRate : 40;
}
