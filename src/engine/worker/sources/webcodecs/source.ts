/**
 * The browser's own decoders as a frame source: mediabunny demuxes the File lazily
 * (BlobSource: no copy) and drives WebCodecs `VideoDecoder`. Used inside the engine worker, where VideoDecoder and
 * OffscreenCanvas exist. Frames are the same as the ffmpeg.wasm path's (SPEC "Times": the last frame whose pts minus
 * the container start_time is <= t); times that need ffmpeg's damaged/truncated analysis are handed back (null).
 */
import type { VideoInput } from '../../../videoInput';
import { ALL_FORMATS, BufferSource, EncodedPacketSink, Input, VideoSampleSink, type InputVideoTrack, type VideoSample } from 'mediabunny';
import { isRemote } from '../../../../core/remote/remoteVideo';
import { isAv1Ivf, presentationMs, trackSeconds, webCodecsCandidate } from '../../../../core/decode/decoderChoice';
import { classifyGap, needsGapCheck } from '../../../../core/decode/frameGap';
import { hdrSource } from '../../../../core/color/hdr/colorInfo';
import { CUT_TOLERANCE_MS } from '../../../../core/decode/frameWindow';
import type { FrameType, SourceInfo } from '../../../../core/job/types';
import { takeFault } from '../../faults';
import { fileKey } from '../../fileKey';
import { ffmpegColorSpace } from './colorSpace';
import { mediabunnySource, videoTrackOf } from '../../remote/inputSource';
import { FileUnreadableError } from '../../../../core/job/errors';
import { PacketDecoder } from './packetDecoder';
import { ivfAsMp4 } from './ivfRemux';

/** AV1 in IVF as a source mediabunny reads: its MP4 made in memory (ivfRemux.ts); the reason when it cannot be made. */
async function ivfMedia(file: VideoInput): Promise<BufferSource | { reason: string }> {
  if (isRemote(file)) return { reason: 'AV1 in IVF is read from a file on this machine only' };
  try {
    return new BufferSource(await ivfAsMp4(file));
  } catch (error) {
    return { reason: `the IVF file cannot be read for the browser's decoder: ${error instanceof Error ? error.message : String(error)}` };
  }
}

/** A decoded frame, as the decoder gave it: the caller draws it (drawSample.ts) and must close it. */
export interface DecodedSample {
  sample: VideoSample;
  /** Presentation time, ms from the container start_time, microsecond precision. */
  actualMs: number;
  /**
   * A plan made with neighbours ({@link WebCodecsSource.setPlan}): the frames shown just before and after `sample`,
   * decoded in the same pass (null at the stream's ends); the caller closes them. Absent when the plan did not give them.
   */
  neighbours?: { prev: VideoSample | null; next: VideoSample | null };
}

/**
 * For one planned time, the pass's targets (indices into {@link Plan.passSeconds}) of its frame and, in a plan with
 * neighbours, of the frames shown before and after it (null where the packet index has none).
 */
interface PlannedTime {
  prev: number | null;
  cur: number;
  next: number | null;
  /** The packet index placed this time's frame and its neighbours: the samples at prev and next are its neighbours. */
  neighbours: boolean;
}

/**
 * The job's times, ms ascending, decoded in one forward pass ({@link PacketDecoder.samplesAtTimestamps}): the pass
 * decodes `passSeconds` (track seconds, ascending), one sample each, in order; `held` keeps the samples pulled from it
 * that a planned time still needs, by index.
 */
interface Plan {
  timesMs: number[];
  frameType: FrameType;
  next: number;
  targets: PlannedTime[];
  passSeconds: number[];
  pulled: number;
  held: Map<number, VideoSample | null>;
  samples: AsyncGenerator<VideoSample | null, void, unknown>;
}

/**
 * The File is read range by range (`Blob.slice().arrayBuffer()`), not through mediabunny's default stream reader,
 * which keeps a stream open at each position and reads ahead of it: for a job's scattered GOPs that reading ahead is
 * waste. Measured on P2 (30 keyframes, 2 workers, two runs each): browser process CPU 0.09 s against 0.20 s, job
 * 0.87-0.91 s against 0.94-1.00 s; P1's browser process 0.37 s against 0.45 s.
 */
const READS = { useStreamReader: false } as const;

export class WebCodecsSource {
  private plan: Plan | null = null;

  private constructor(
    readonly key: string,
    private readonly file: VideoInput,
    private readonly input: Input,
    private readonly track: InputVideoTrack,
    private readonly sink: VideoSampleSink,
    private readonly packets: EncodedPacketSink,
    /** Exact frames, leaving out the packets nothing needs; the sink above serves keyframes. */
    private readonly decoder: PacketDecoder,
    private readonly source: SourceInfo,
    /** The YUV->RGB conversion ffmpeg's scaler would use for this stream (see {@link ffmpegColorSpace}). */
    readonly colorSpace: VideoColorSpaceInit,
  ) {}

  /**
   * Opens a file for WebCodecs decoding.
   * @returns the source, or the reason it cannot be used (container not readable, codec not decodable here…)
   */
  static async open(file: VideoInput, source: SourceInfo): Promise<WebCodecsSource | { reason: string }> {
    if (typeof VideoDecoder === 'undefined') return { reason: 'this browser has no WebCodecs VideoDecoder' };
    if (!webCodecsCandidate(source)) return { reason: `${source.codec} in ${source.container} is not for WebCodecs` };
    const media = isAv1Ivf(source) ? await ivfMedia(file) : mediabunnySource(file, READS);
    if ('reason' in media) return media;
    const input = new Input({ source: media, formats: ALL_FORMATS });
    try {
      const track = await videoTrackOf(input, file);
      if (!track) throw new Error('mediabunny finds no video track');
      if (!(await track.canDecode())) throw new Error(`VideoDecoder does not support ${track.codec ?? 'this codec'}`);
      const rotated = track.rotation % 180 !== 0;
      if ((track.rotation === 0) !== (source.rotation === 0) || rotated !== (source.rotation % 180 !== 0)) {
        throw new Error(`rotation ${track.rotation} disagrees with ffprobe's ${source.rotation}`);
      }
      const colorSpace = ffmpegColorSpace(await track.getColorSpace());
      // HDR frames are read as planes (worker/planes/framePlanes.ts): a software decoder gives them in memory (I420P10),
      // where a hardware one may give opaque GPU frames that only the browser's own RGB conversion can read.
      const decoderOptions = hdrSource(source.color) ? ({ hardwareAcceleration: 'prefer-software' } as const) : undefined;
      const [sink, packets] = [new VideoSampleSink(track, decoderOptions), new EncodedPacketSink(track)];
      // SDR frames: the decoder is told the colour space swscale would use (HDR frames are converted from their planes).
      const decoder = await PacketDecoder.create(track, packets, sink, decoderOptions ?? { colorSpace });
      return new WebCodecsSource(fileKey(file), file, input, track, sink, packets, decoder, source, colorSpace);
    } catch (error) {
      input.dispose();
      // A URL that cannot be read is the job's failure, not a reason to try the other decoder on it.
      if (error instanceof FileUnreadableError) throw error;
      return { reason: error instanceof Error ? error.message : String(error) };
    }
  }

  /**
   * Announces the times (ms, ascending) the next frame() calls will ask for, so they are decoded in one forward pass
   * with one VideoDecoder: packets of one GOP are decoded once for all the times in it, non-reference packets not at
   * all ({@link PacketDecoder}); in keyframe mode, one key packet a time.
   * @param oneThread decode on one thread (core/decode/workerCount.ts `oneDecoderThread`: the job's lanes fill the cores)
   * @param neighbours exact frames only: also decode, in the same pass, the frames shown just before and after each
   *   time's frame (for deinterlacing: {@link DecodedSample.neighbours}), found in the packet index (metadata only)
   */
  async setPlan(timesMs: readonly number[], frameType: FrameType, oneThread = false, neighbours = false): Promise<void> {
    this.dropPlan();
    if (timesMs.length === 0) return;
    const times = [...timesMs];
    const seconds = times.map((t) => trackSeconds(t, this.source.startTimeMs, CUT_TOLERANCE_MS));
    const target = frameType === 'keyframe' ? 'key' : 'display';
    const plan = neighbours && frameType === 'accurate' ? await this.neighbourTargets(seconds) : null;
    const targets = plan?.targets ?? seconds.map((_, i) => ({ prev: null, cur: i, next: null, neighbours: false }));
    const passSeconds = plan?.passSeconds ?? seconds;
    this.plan = {
      timesMs: times,
      frameType,
      next: 0,
      targets,
      passSeconds,
      pulled: 0,
      held: new Map(),
      samples: this.decoder.samplesAtTimestamps(passSeconds, target, oneThread),
    };
  }

  /**
   * The pass's targets for times with neighbours: per time, the presentation times (track seconds) of the packet shown
   * at it and of the packets shown just before and after that one (mediabunny `getPacket`, metadata only); a time
   * before the first packet keeps its own time and no neighbours (the first-frame rule decides it).
   */
  private async neighbourTargets(seconds: readonly number[]): Promise<{ targets: PlannedTime[]; passSeconds: number[] }> {
    const frameSec = this.source.frameRate && this.source.frameRate > 0 ? 1 / this.source.frameRate : 0.04;
    const wanted: Array<{ prev: number | null; cur: number; next: number | null; neighbours: boolean }> = [];
    for (const at of seconds) {
      const cur = await this.packets.getPacket(at, { metadataOnly: true });
      if (!cur) {
        wanted.push({ prev: null, cur: at, next: null, neighbours: false });
        continue;
      }
      const prev = await this.packets.getPacket(cur.timestamp - 1e-6, { metadataOnly: true });
      const next = await this.packets.getPacket(cur.timestamp + 1.5 * frameSec, { metadataOnly: true });
      wanted.push({
        prev: prev && prev.timestamp < cur.timestamp ? prev.timestamp : null,
        cur: cur.timestamp,
        next: next && next.timestamp > cur.timestamp ? next.timestamp : null,
        neighbours: true,
      });
    }
    const passSeconds = [...new Set(wanted.flatMap((w) => [w.prev, w.cur, w.next]).filter((x): x is number => x !== null))].sort(
      (a, b) => a - b,
    );
    const index = (x: number | null) => (x === null ? null : passSeconds.indexOf(x));
    const targets = wanted.map((w) => ({
      prev: index(w.prev),
      cur: index(w.cur) as number,
      next: index(w.next),
      neighbours: w.neighbours,
    }));
    return { targets, passSeconds };
  }

  private dropPlan(): void {
    const plan = this.plan;
    this.plan = null;
    if (!plan) return;
    for (const sample of plan.held.values()) sample?.close();
    void plan.samples.return(undefined).catch(() => undefined);
  }

  /**
   * The samples the plan decoded for `timeMs` (its frame, and its neighbours when the plan has them), or undefined
   * when `timeMs` is not the plan's next time.
   */
  private async fromPlan(
    timeMs: number,
    frameType: FrameType,
  ): Promise<{ sample: VideoSample | null; neighbours?: DecodedSample['neighbours'] } | undefined> {
    const plan = this.plan;
    if (!plan || plan.frameType !== frameType || plan.timesMs[plan.next] !== timeMs) {
      this.dropPlan();
      return undefined;
    }
    const target = plan.targets[plan.next] as PlannedTime;
    plan.next += 1;
    try {
      const last = Math.max(target.cur, target.next ?? -1);
      while (plan.pulled <= last) {
        const result = await plan.samples.next();
        if (result.done) throw new Error('the decoding pass ended early');
        plan.held.set(plan.pulled, result.value);
        plan.pulled += 1;
      }
      // What later times still need is cloned (a sample closes once); what no later time needs is let go.
      const later = plan.targets.slice(plan.next);
      const neededLater = (i: number) => later.some((t) => t.prev === i || t.cur === i || t.next === i);
      const take = (i: number | null): VideoSample | null => {
        if (i === null) return null;
        const sample = plan.held.get(i) ?? null;
        if (neededLater(i)) return sample?.clone() ?? null;
        plan.held.delete(i);
        return sample;
      };
      const sample = take(target.cur);
      const neighbours = target.neighbours ? { prev: take(target.prev), next: take(target.next) } : undefined;
      const keepFrom = Math.min(...later.map((t) => t.prev ?? t.cur), Infinity);
      for (const [i, held] of plan.held) {
        if (i < keepFrom) {
          held?.close();
          plan.held.delete(i);
        }
      }
      if (plan.next >= plan.timesMs.length) this.dropPlan();
      return { sample, ...(neighbours ? { neighbours } : {}) };
    } catch (error) {
      this.dropPlan();
      throw error;
    }
  }

  /**
   * Decodes the frame displayed at `timeMs` (accurate) or the last keyframe at or before it (keyframe); a time
   * before the first frame gives the first frame (SPEC). `outsidePlan`: decode it on its own, leaving the plan's
   * pass running for the planned times (a frame chosen instead of a dark or blurry one).
   * @returns the frame, or null when the frame found is far older than t and the packet index says the data
   *   between is damaged or missing, or when the file starts in the middle of a GOP and holds no IDR picture to start
   *   decoding from: the ffmpeg.wasm path then decides (and reports the time as skipped where it must)
   * @throws whatever mediabunny or the VideoDecoder throws (the caller falls back to ffmpeg.wasm)
   */
  async frameAt(timeMs: number, frameType: FrameType, outsidePlan = false): Promise<DecodedSample | null> {
    // Test build only (worker/faults.ts, the `webcodecs` fault): fail as a failing VideoDecoder reports it
    // (an EncodingError DOMException), so that the caller's fallback to ffmpeg.wasm runs.
    if (import.meta.env.MODE === 'e2e' && takeFault('webcodecs')) {
      throw new DOMException('Decoding error (test fault ?engineFault=webcodecs).', 'EncodingError');
    }
    const at = trackSeconds(timeMs, this.source.startTimeMs, CUT_TOLERANCE_MS);
    const target = frameType === 'keyframe' ? 'key' : 'display';
    const planned = outsidePlan ? undefined : await this.fromPlan(timeMs, frameType);
    let sample = planned === undefined ? await this.decoder.getSample(at, target) : planned.sample;
    // Neighbours belong to the planned frame; a frame found any other way has its neighbours decoded by the caller.
    let neighbours = sample ? planned?.neighbours : undefined;
    const closeNeighbours = () => {
      planned?.neighbours?.prev?.close();
      planned?.neighbours?.next?.close();
      neighbours = undefined;
    };
    if (!sample) closeNeighbours();
    if (!sample) {
      // t precedes the first frame: SPEC takes the first frame.
      sample = await this.decoder.getSample(await this.track.getFirstTimestamp());
    }
    if (!sample) {
      // The first packets cannot be decoded (a file cut in the middle of a GOP: no key packet before them), so the
      // first frame is the first key packet's, as native ffmpeg's H.264 decoder gives it.
      const first = await this.packets.getFirstPacket({ metadataOnly: true });
      const key = first && first.type !== 'key' ? await this.packets.getNextKeyPacket(first, { verifyKeyPackets: true }) : null;
      // No IDR picture at all after the cut (a capture whose GOPs open at recovery points): Chromium's VideoDecoder
      // takes only IDR pictures as key chunks (w3c/webcodecs#650), so it cannot start; ffmpeg.wasm, which starts at a
      // recovery point, decides this time.
      if (first && first.type !== 'key' && !key) return null;
      sample = key ? await this.decoder.getSample(key.timestamp) : null;
    }
    if (!sample) throw new Error(`no frame decoded at ${timeMs} ms`);
    const actualMs = presentationMs(sample.timestamp, this.source.startTimeMs);
    const frameMs = this.source.frameRate ? 1000 / this.source.frameRate : null;
    if (frameType === 'accurate' && needsGapCheck(timeMs, actualMs, frameMs)) {
      const verdict = classifyGap({
        packetTimesMs: await this.packetTimes(sample.timestamp, at + 1),
        actualMs,
        timeMs,
        frameMs,
        videoEndMs: this.source.videoDurationMs ?? this.source.durationMs,
      });
      if (verdict === 'damaged' || verdict === 'missing') {
        sample.close();
        closeNeighbours();
        return null;
      }
    }
    return { sample, actualMs, ...(neighbours ? { neighbours } : {}) };
  }

  /**
   * The keyframe at or before each time, from the container's index (mediabunny key packets, metadata only: nothing
   * is decoded or verified), for sharding a job. Matroska is read through a second mediabunny Input, opened for this
   * read and disposed after it: in mediabunny 1.61, once key packets of a Matroska file without Cues have been looked
   * up, `getPacket(t)` in the first cluster returns its last block in decode order (a B-frame shown before t) and
   * `getKeyPacket(t)` null, so the decoding pass that follows would get the wrong frame (seen on the clip matrix's
   * live MKV: t = 1020 ms gave the frame at 21 ms, and the gap check handed the time to ffmpeg.wasm).
   * @param timesMs ms (SPEC clock), any order
   * @returns per time, the keyframe's presentation time, ms, or null before the first keyframe
   */
  async keyframesAt(timesMs: readonly number[]): Promise<Array<number | null>> {
    const separate =
      timesMs.length > 0 && /matroska|webm/.test(this.source.container)
        ? new Input({ source: mediabunnySource(this.file, READS), formats: ALL_FORMATS })
        : null;
    try {
      const track = separate ? await videoTrackOf(separate, this.file) : null;
      const packets = track ? new EncodedPacketSink(track) : this.packets;
      const out: Array<number | null> = [];
      for (const t of timesMs) {
        const key = await packets.getKeyPacket(trackSeconds(t, this.source.startTimeMs, CUT_TOLERANCE_MS), { metadataOnly: true });
        out.push(key ? presentationMs(key.timestamp, this.source.startTimeMs) : null);
      }
      return out;
    } finally {
      separate?.dispose();
    }
  }

  /**
   * Every frame with presentation time in [fromMs, toMs), in presentation order, decoded from the keyframe at or
   * before fromMs (mediabunny `samples`); the caller closes each sample. Leaves the plan alone.
   */
  framesBetween(fromMs: number, toMs: number): AsyncGenerator<VideoSample, void, unknown> {
    return this.sink.samples(trackSeconds(fromMs, this.source.startTimeMs, 0), trackSeconds(toMs, this.source.startTimeMs, 0));
  }

  /**
   * The frames shown just before and just after `sample` (a frame this source decoded), for deinterlacing it from
   * its neighbours in the stream (core/deinterlace): decoded afresh, from the keyframe at or before the previous
   * frame (mediabunny `samples`), every picture (none skipped). Leaves the plan alone; the caller closes both.
   * @returns `prev` null when no frame precedes `sample` within 2.5 frame durations (it is the stream's first
   *   decodable frame); `next` null when none follows (the last)
   */
  async neighbours(sample: VideoSample): Promise<{ prev: VideoSample | null; next: VideoSample | null }> {
    const frameSec = this.source.frameRate && this.source.frameRate > 0 ? 1 / this.source.frameRate : 0.04;
    const at = sample.timestamp;
    const epsilon = 1e-6;
    let prev: VideoSample | null = null;
    let next: VideoSample | null = null;
    const samples = this.sink.samples(at - 2.5 * frameSec, at + 2.5 * frameSec);
    try {
      for await (const s of samples) {
        if (s.timestamp < at - epsilon) {
          prev?.close();
          prev = s;
        } else if (s.timestamp > at + epsilon) {
          next = s;
          break;
        } else {
          s.close();
        }
      }
    } catch (error) {
      prev?.close();
      next?.close();
      throw error;
    } finally {
      await samples.return(undefined);
    }
    return { prev, next };
  }

  /** Presentation times (ms, SPEC clock) of the packets from the one at `fromSec` up to `toSec`, in file order. */
  private async packetTimes(fromSec: number, toSec: number): Promise<number[]> {
    const times: number[] = [];
    let packet = await this.packets.getPacket(fromSec, { metadataOnly: true });
    while (packet && packet.timestamp <= toSec + 1 && times.length < 10_000) {
      times.push(presentationMs(packet.timestamp, this.source.startTimeMs));
      packet = await this.packets.getNextPacket(packet, { metadataOnly: true });
    }
    return times;
  }

  dispose(): void {
    this.dropPlan();
    this.input.dispose();
  }
}
