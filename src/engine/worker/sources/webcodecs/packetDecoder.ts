/**
 * Exact frames from fewer decoded packets (docs/ENGINE.md "Skipping
 * non-reference frames"). Same contract as mediabunny's `VideoSampleSink.samplesAtTimestamps` (for each time in
 * seconds, the last frame in presentation order whose timestamp is <= it, or null before the first key packet), but
 * the packets are fed to `VideoDecoder` here, and a packet that is neither displayed at one of the times nor
 * referenced by any other picture ({@link isDisposable}: H.264 nal_ref_idc 0, HEVC sub-layer non-reference) is not
 * decoded at all. In H.264, a reference picture that no needed picture references (core/h264/avcGop.ts) is replaced by a
 * stand-in that keeps the decoder's picture buffer as it was and costs almost nothing to decode (core/h264/avcStandIn.ts).
 * Codecs without such a rule (VP8, VP9, AV1) are decoded here too, every packet sent.
 *
 * A decoded frame is matched to its time by the timestamp it carries (WebCodecs: a VideoFrame keeps the timestamp of
 * the chunk it came from), never by its position among the outputs. mediabunny's sink renumbers its outputs by
 * position (the n-th frame out gets the n-th smallest timestamp sent in), which is right only when the decoder outputs
 * every picture once and in presentation order: a decoder that drops a picture, or outputs one early while it grows
 * its reorder buffer (an H.264 SPS without bitstream_restriction), makes every later frame of that decode carry its
 * predecessor's time, the wrong picture with the right label. So the sink decodes only files whose container gives
 * no presentation times of its own ({@link Mode} `sink`) and frames with an alpha channel (which it decodes with a
 * second decoder).
 */
import { FileUnreadableError } from '../../../../core/job/errors';
import { decoderStallMs, withinBudget } from '../../damage/stall';
import type { EncodedPacket, EncodedPacketSink, InputVideoTrack, VideoSampleSink } from 'mediabunny';
import { VideoSample } from 'mediabunny';
import { AvcParameterTracker, planAvcGop } from '../../../../core/h264/avcGop';
import { avcAsIdrPicture, isAvcKeyPicture } from '../../../../core/h264/avcRecoveryPoint';
import {
  avcNalType,
  hasRaslPicture,
  isDisposable,
  joinNalUnits,
  nalStream,
  noteParameterSets,
  splitNalUnits,
  type NalStream,
} from '../../../../core/h264/nal';
import { chromiumDecoderConfig, firstChunkBytes } from './chromiumQuirks';

/** User Timing mark left in the worker after each GOP decoded here; `detail` = {@link PacketCounts} of that GOP. */
export const PACKETS_MARK = 'snapframe:webcodecs-packets';

/** User Timing mark left when a file is handed back to mediabunny's sink (`detail`: why); tests expect none. */
export const FALLBACK_MARK = 'snapframe:packet-decoder-fallback';

/**
 * Packets of one GOP pass: sent to the decoder as they are, left out by the skip rule, and replaced by stand-ins
 * (sent, but almost free to decode).
 */
export interface PacketCounts {
  sent: number;
  skipped: number;
  standIns: number;
}

/**
 * What a pass decodes for each time: `display`, the frame displayed at it (SPEC "Times", exact); `key`, the key
 * picture at or before it (SPEC frameType keyframe: one packet decoded a time). In H.264 a key picture is an IDR
 * picture or one with a recovery point SEI, as native ffmpeg marks key frames ({@link KeyPictures}).
 */
export type PassTarget = 'display' | 'key';

/**
 * How a file's frames are decoded: `skip`, here, leaving out packets nothing needs (H.264, HEVC); `plain`, here, every
 * packet sent (other codecs, and H.264/HEVC once the skipping decode failed on the file); `sink`, by mediabunny's sink
 * (alpha channels, and a container whose packets' times follow decoding order while the decoder reorders: times that
 * are not presentation times, which only the position of a frame among the outputs can correct).
 */
type Mode = 'skip' | 'plain' | 'sink';

/** The time (seconds) and the packet displayed at it, for one requested time of a pass. */
interface Target {
  index: number;
  packet: EncodedPacket;
}

const VERIFY = { verifyKeyPackets: true } as const;

/** How far back (key packets of the container) a time's H.264 key picture is looked for past ones that are not. */
const MAX_KEY_STEPS = 16;

/**
 * H.264 key pictures that are not IDR pictures: recovery points (core/h264/avcRecoveryPoint.ts). mediabunny verifies
 * key packets as Chromium's VideoDecoder takes them, IDR pictures only (w3c/webcodecs#650); the container's own key
 * flags (MP4 sync samples, Matroska key blocks, MPEG-TS random access indicators) also mark recovery points, as native
 * ffmpeg does. Such a picture is decoded alone with its slices rewritten as IDR slices, or, where the rewrite does not
 * apply (field pictures…), from the IDR picture before it.
 */
class KeyPictures {
  /** The parameter sets: the decoder description's, then each recovery point's own. */
  private readonly tracker = new AvcParameterTracker();

  constructor(
    private readonly packets: EncodedPacketSink,
    private readonly stream: NalStream,
    description: Uint8Array | null,
  ) {
    if (description) this.tracker.noteDescription(description);
  }

  /**
   * The recovery point that is the key picture at or before `seconds`, when it comes after `idr` (the IDR picture at
   * or before it; null when there is none); null when `idr` is the key picture, or none is found.
   */
  async recoveryPointAt(seconds: number, idr: EncodedPacket | null): Promise<EncodedPacket | null> {
    let candidate = await this.packets.getKeyPacket(seconds);
    for (let step = 0; candidate && step < MAX_KEY_STEPS; step += 1) {
      if (idr && candidate.sequenceNumber <= idr.sequenceNumber) return null;
      const units = splitNalUnits(candidate.data, this.stream.framing);
      // An IDR picture the verified look-up did not find is left to it.
      if (units?.some((unit) => avcNalType(unit) === 5)) return null;
      if (units && isAvcKeyPicture(units)) return candidate;
      candidate = await this.packets.getKeyPacket(candidate.timestamp - 1e-6);
    }
    return null;
  }

  /** The packet's bytes with its slices rewritten as an IDR picture's, or null where the rewrite does not apply. */
  asIdr(packet: EncodedPacket): Uint8Array | null {
    const units = splitNalUnits(packet.data, this.stream.framing);
    if (!units) return null;
    this.tracker.note(units);
    const idr = avcAsIdrPicture(units, this.tracker.sets);
    return idr && joinNalUnits(idr, this.stream.framing);
  }
}

/**
 * The most of one GOP held in memory to plan its stand-ins, bytes: a 2 s GOP of 1080p at 10 Mbit/s is 2.5 MB; a GOP
 * this large (minutes of video between keyframes) is decoded as its packets are read, without stand-ins.
 */
const MAX_PLANNED_BYTES = 48 * 1024 * 1024;

export class PacketDecoder {
  /** Totals since the file was opened. */
  readonly counts: PacketCounts = { sent: 0, skipped: 0, standIns: 0 };
  /** How this file is decoded now; it only moves from `skip` towards `sink` (see {@link distrust}). */
  private mode: Mode;
  /**
   * True once a packet's timestamp was found lower than the one sent before it: the container gives presentation
   * times (an MP4 ctts, Matroska block times, MPEG-TS PTS), so the timestamp a frame carries is its presentation time.
   */
  private containerReorders = false;

  private constructor(
    private readonly packets: EncodedPacketSink,
    private readonly fallback: VideoSampleSink,
    private readonly config: VideoDecoderConfig,
    private readonly stream: NalStream | null,
    private readonly orientation: { rotation: 0 | 90 | 180 | 270; flip: boolean; resolution: number },
    private readonly avc: AvcParameterTracker | null,
    private readonly keyPictures: KeyPictures | null,
    alpha: boolean,
  ) {
    this.mode = alpha ? 'sink' : stream ? 'skip' : 'plain';
  }

  /**
   * @param track - the video track (its decoder config, rotation and time resolution)
   * @param packets - its packet sink; `fallback` its sample sink (see {@link Mode} `sink`)
   * @param options - `hardwareAcceleration`: the VideoDecoder hint (`prefer-software` for HDR frames, read as planes in
   *   memory); `colorSpace`: the colour space to configure the decoder with (source.ts ffmpegColorSpace: swscale's
   *   assumptions for what the stream leaves out). Frames the worker cannot relabel (10-bit and 12-bit) are converted
   *   to RGB by the browser with the colour space they carry, which is the config's: left to Chromium's defaults
   *   (BT.709) an untagged 10-bit VP9 came out with a mean abs diff of 9.5 from native ffmpeg's frame, 2.5 with BT.601.
   */
  static async create(
    track: InputVideoTrack,
    packets: EncodedPacketSink,
    fallback: VideoSampleSink,
    options: { hardwareAcceleration?: HardwareAcceleration; colorSpace?: VideoColorSpaceInit } = {},
  ): Promise<PacketDecoder> {
    const codec = await track.getCodec();
    const config = await track.getDecoderConfig();
    const description = config?.description ? toBytes(config.description) : null;
    const stream = config && (codec === 'avc' || codec === 'hevc') ? nalStream(codec, description) : null;
    const orientation = { rotation: await track.getRotation(), flip: await track.getFlip(), resolution: await track.getTimeResolution() };
    const avc = stream?.codec === 'avc' ? new AvcParameterTracker() : null;
    if (avc && description) avc.noteDescription(description);
    const alpha = await track.canBeTransparent();
    const base = chromiumDecoderConfig(config ?? { codec: '' });
    const decoderConfig = {
      ...base,
      ...(options.colorSpace ? { colorSpace: options.colorSpace } : {}),
      ...(options.hardwareAcceleration ? { hardwareAcceleration: options.hardwareAcceleration } : {}),
    };
    const keyPictures = stream?.codec === 'avc' ? new KeyPictures(packets, stream, description) : null;
    return new PacketDecoder(packets, fallback, decoderConfig, stream, orientation, avc, keyPictures, alpha);
  }

  /**
   * The frame displayed at `seconds` (track time), or with `target` 'key' the key packet's frame at or before it;
   * null before the first key packet.
   */
  async getSample(seconds: number, target: PassTarget = 'display'): Promise<VideoSample | null> {
    for await (const sample of this.samplesAtTimestamps([seconds], target)) return sample;
    return null;
  }

  /**
   * One sample (or null) per time, in the order given; times ascending decode each GOP once, all of them with one
   * VideoDecoder (flushed between GOPs). The caller closes the samples; ending the iteration early stops decoding.
   * @param target - `display` (exact frames) or `key` (the key packet at or before each time)
   * @param oneThread - configure the decoder with `optimizeForLatency`, which in Chromium decodes on one thread (no
   *   FFmpeg frame threading: less CPU, for lanes that fill the cores; core/decode/workerCount.ts `oneDecoderThread`)
   * @throws Error when a target's frame does not come out of a decode that sends every packet, and whatever
   *   mediabunny's sink throws (the caller falls back to ffmpeg.wasm)
   */
  async *samplesAtTimestamps(
    seconds: readonly number[],
    target: PassTarget = 'display',
    oneThread = false,
  ): AsyncGenerator<VideoSample | null, void, unknown> {
    const mode = this.mode;
    if (mode === 'sink') {
      yield* target === 'key' ? this.keySamples(seconds) : this.fallback.samplesAtTimestamps(seconds);
      return;
    }
    const config = oneThread ? { ...this.config, optimizeForLatency: true } : this.config;
    const pass = new Pass(
      this.packets,
      config,
      this.stream,
      mode === 'skip' ? this.avc : null,
      mode === 'skip',
      this.orientation,
      this.counts,
      target,
      this.keyPictures,
      {
        distrust: (why) => this.distrust(why),
        trusted: () => this.mode === mode,
        noteReorder: () => (this.containerReorders = true),
        containerReorders: () => this.containerReorders,
      },
    );
    let next = 0;
    try {
      for await (const sample of pass.run(seconds)) {
        next += 1;
        yield sample;
      }
    } catch (error) {
      pass.stop();
      // The video could not be read (a URL whose connection was lost): no other way of decoding reads it better.
      if (error instanceof FileUnreadableError) throw error;
      // A decode that sent every packet and still missed a frame, or failed: the caller hands the times to ffmpeg.wasm.
      if (mode === 'plain' && this.mode === 'plain') throw error;
      // Anything the skipping decode did not foresee (a chunk Chromium rejects, a decoder error, a target not output):
      // the rest is decoded again sending every packet (or by the sink, see Mode), and if that fails too the caller
      // hands the times to ffmpeg.wasm.
      this.distrust(error instanceof Error ? error.message : String(error));
      yield* this.samplesAtTimestamps(seconds.slice(next), target, oneThread);
    } finally {
      pass.stop();
    }
  }

  /** Keyframe targets through mediabunny's sink: the key packet at or before each time, decoded on its own. */
  private async *keySamples(seconds: readonly number[]): AsyncGenerator<VideoSample | null, void, unknown> {
    for (const t of seconds) {
      const key = await this.packets.getKeyPacket(t, VERIFY);
      yield key ? await this.fallback.getSample(key.timestamp) : null;
    }
  }

  /**
   * Leaves the current mode for the rest of the file: from `skip` to `plain` where the container gives presentation
   * times, else (and from `plain`) to `sink`.
   */
  private distrust(why: string): void {
    const next: Mode = this.mode === 'skip' && this.containerReorders ? 'plain' : 'sink';
    if (this.mode === next || this.mode === 'sink') return;
    console.warn(`Packet decoder: ${why}; ${next === 'plain' ? 'every packet is sent for' : 'mediabunny decodes'} the rest of this file.`);
    performance.mark(FALLBACK_MARK, { detail: why });
    this.mode = next;
  }
}

function toBytes(source: AllowSharedBufferSource): Uint8Array {
  // (no `instanceof SharedArrayBuffer`: without cross-origin isolation that global does not exist)
  return ArrayBuffer.isView(source) ? new Uint8Array(source.buffer, source.byteOffset, source.byteLength) : new Uint8Array(source);
}

/** One decoding pass over a job's times: groups them by key packet and decodes each group with one VideoDecoder. */
class Pass {
  private readonly queue: Array<VideoSample | null> = [];
  private wake: (() => void) | null = null;
  private stopped = false;
  private failure: { error: unknown } | null = null;
  private finished = false;
  /** One decoder for the whole pass (configured once, flushed after each GOP); its output goes to {@link onFrame}. */
  private decoder: VideoDecoder | null = null;
  private onFrame: (frame: VideoFrame) => void = (frame) => frame.close();
  /** Called whenever the consumer takes a sample or the decoder makes progress. */
  private progress: (() => void) | null = null;
  /** Recovery points to decode alone, by sequence number: their bytes rewritten as an IDR picture's. */
  private readonly asIdr = new Map<number, Uint8Array>();

  constructor(
    private readonly packets: EncodedPacketSink,
    private readonly config: VideoDecoderConfig,
    private readonly stream: NalStream | null,
    /** The H.264 parameter sets when stand-ins are planned, else null. */
    private readonly avc: AvcParameterTracker | null,
    /** Leave out the packets nothing needs (core/nal.ts isDisposable). */
    private readonly skipping: boolean,
    private readonly orientation: { rotation: 0 | 90 | 180 | 270; flip: boolean; resolution: number },
    private readonly totals: PacketCounts,
    private readonly target: PassTarget,
    private readonly keyPictures: KeyPictures | null,
    private readonly trust: {
      distrust: (why: string) => void;
      trusted: () => boolean;
      noteReorder: () => void;
      containerReorders: () => boolean;
    },
  ) {}

  async *run(seconds: readonly number[]): AsyncGenerator<VideoSample | null, void, unknown> {
    void this.pump(seconds)
      .then(
        () => (this.finished = true),
        (error: unknown) => (this.failure = { error }),
      )
      .finally(() => this.signal());
    while (true) {
      if (this.queue.length > 0) {
        const sample = this.queue.shift()!;
        this.nudge();
        yield sample;
      } else if (this.failure) throw this.failure.error;
      else if (this.finished) return;
      else await new Promise<void>((resolve) => (this.wake = resolve));
    }
  }

  stop(): void {
    this.stopped = true;
    for (const sample of this.queue.splice(0)) sample?.close();
    this.nudge();
    this.closeDecoder();
  }

  private signal(): void {
    const wake = this.wake;
    this.wake = null;
    wake?.();
  }

  private nudge(): void {
    const progress = this.progress;
    this.progress = null;
    progress?.();
  }

  private push(sample: VideoSample | null): void {
    if (this.stopped) sample?.close();
    else this.queue.push(sample);
    this.signal();
  }

  private async pump(seconds: readonly number[]): Promise<void> {
    let ahead: { target: EncodedPacket | null; key: EncodedPacket | null } | null = null;
    const lookUp = async (t: number) => {
      if (this.target === 'key') {
        const key = await this.packets.getKeyPacket(t, VERIFY);
        const point = this.keyPictures && (await this.keyPictures.recoveryPointAt(t, key));
        if (!point) return { target: key, key };
        const idr = this.keyPictures!.asIdr(point);
        if (idr) {
          this.asIdr.set(point.sequenceNumber, idr);
          return { target: point, key: point };
        }
        if (key) return { target: point, key };
        throw new Error(`the key picture at ${point.timestamp} s is a recovery point with no IDR picture before it`);
      }
      const target = await this.packets.getPacket(t, VERIFY);
      return { target, key: target && (await this.packets.getKeyPacket(t, VERIFY)) };
    };
    for (let i = 0; i < seconds.length && !this.stopped;) {
      if (!this.trust.trusted()) throw new Error('the decoder output did not match the packets');
      const first = ahead ?? (await lookUp(seconds[i]!));
      ahead = null;
      if (!first.target || !first.key) {
        this.push(null);
        i += 1;
        continue;
      }
      // The times that share this key packet, with targets in presentation order (mediabunny's batching rule).
      const group: Target[] = [{ index: i, packet: first.target }];
      for (i += 1; i < seconds.length; i += 1) {
        ahead = await lookUp(seconds[i]!);
        if (!ahead.key || ahead.key.sequenceNumber !== first.key.sequenceNumber || ahead.target!.timestamp < group.at(-1)!.packet.timestamp)
          break;
        group.push({ index: i, packet: ahead.target! });
        ahead = null;
      }
      await this.decodeGroup(first.key, group);
    }
    this.closeDecoder();
  }

  /**
   * Decodes the packets from `key` up to the last target in decode order, leaving out every disposable packet that
   * is not a target and sending stand-ins for the H.264 reference pictures no target needs, then flushes; pushes one
   * sample per target, in order. A target's picture is recognised by its own timestamp (a VideoFrame carries its
   * chunk's timestamp, WebCodecs), so a frame is never attributed by position. Output out of presentation order
   * where the container's packet times never go back in decoding order means they are not presentation times: the
   * file is handed to mediabunny (which renumbers frames by position). Where they do go back, the frame's timestamp is
   * its presentation time whatever the order the decoder outputs in (a decoder growing its reorder buffer outputs a
   * picture early). A target the decoder did not output is an error ({@link PacketDecoder.samplesAtTimestamps}).
   */
  private async decodeGroup(key: EncodedPacket, group: Target[]): Promise<void> {
    const wanted = new Map<number, Target[]>();
    for (const t of group) wanted.set(t.packet.microsecondTimestamp, [...(wanted.get(t.packet.microsecondTimestamp) ?? []), t]);
    const targetSeqs = new Set(group.map((t) => t.packet.sequenceNumber));
    const lastSeq = Math.max(...targetSeqs);
    const results = new Map<number, VideoSample>();
    let emitted = group[0]!.index;
    const end = group.at(-1)!.index + 1;
    let lastOutput = -Infinity;
    const emitReady = () => {
      while (emitted < end && results.has(emitted)) {
        this.push(results.get(emitted)!);
        results.delete(emitted);
        emitted += 1;
      }
    };
    const decoder = this.decoderFor((frame) => {
      this.nudge();
      if (frame.timestamp <= lastOutput && !this.trust.containerReorders())
        this.trust.distrust(`frames came out of presentation order (${frame.timestamp} µs after ${lastOutput} µs)`);
      lastOutput = Math.max(lastOutput, frame.timestamp);
      const targets = wanted.get(frame.timestamp);
      if (!targets || this.stopped) return frame.close();
      wanted.delete(frame.timestamp);
      const sample = new VideoSample(frame, {
        timestamp: Math.round(targets[0]!.packet.timestamp * this.orientation.resolution) / this.orientation.resolution,
        duration: Math.round(targets[0]!.packet.duration * this.orientation.resolution) / this.orientation.resolution,
        rotation: this.orientation.rotation,
        flip: this.orientation.flip,
      });
      targets.forEach((t, n) => results.set(t.index, n < targets.length - 1 ? sample.clone() : sample));
      emitReady();
    });

    const counts: PacketCounts = { sent: 0, skipped: 0, standIns: 0 };
    let dropRasl = this.stream?.codec === 'hevc';
    let lastSent = -Infinity;
    for await (const { packet, standIn } of this.gopPackets(key, lastSeq, targetSeqs)) {
      // At most 8 frames decoded and waiting for the consumer (40 chunks while none wait), as mediabunny does. (Targets
      // held back in `results` wait for an earlier one the decoder has yet to output: waiting for them could deadlock.)
      while (!this.stopped && !this.failure && this.queue.length + decoder.decodeQueueSize > (this.queue.length === 0 ? 40 : 8)) {
        const wait = new Promise<void>((resolve) => (this.progress = resolve));
        // Nothing waits for the consumer: the decoder holds the work, and must make progress within what it warrants.
        const queued = decoder.decodeQueueSize;
        if (this.queue.length === 0) {
          const ms = decoderStallMs(queued, this.config);
          await withinBudget(wait, ms, () => `the decoder output nothing for ${Math.round(ms / 1000)} s with ${queued} packets queued`);
        } else await wait;
      }
      if (this.stopped || this.failure) break;
      const stream = this.stream;
      if (stream) noteParameterSets(stream, splitNalUnits(packet.data, stream.framing) ?? []);
      if (packet.timestamp < lastSent) this.trust.noteReorder();
      lastSent = packet.timestamp;
      // Decoding starts at a CRA: its RASL pictures reference pictures before it and cannot be decoded (mediabunny drops them too).
      if (stream && dropRasl && packet !== key && hasRaslPicture(packet.data, stream)) {
        // not decodable here, nor by mediabunny: not a skip of ours
      } else if (stream && this.skipping && !targetSeqs.has(packet.sequenceNumber) && isDisposable(packet.data, stream)) {
        counts.skipped += 1;
        if (packet !== key) dropRasl = false;
      } else {
        if (packet !== key) dropRasl = false;
        const data =
          stream && counts.sent === 0
            ? firstChunkBytes(this.asIdr.get(packet.sequenceNumber) ?? packet.data, stream)
            : stream && standIn
              ? joinNalUnits(standIn, stream.framing)
              : packet.data;
        decoder.decode(
          new EncodedVideoChunk({
            type: counts.sent === 0 ? 'key' : packet.type,
            data,
            timestamp: packet.microsecondTimestamp,
            duration: packet.microsecondDuration,
          }),
        );
        counts.sent += 1;
        if (standIn) counts.standIns += 1;
      }
    }
    // Counted once the packets are read (the consumer may take its last frame and stop before the flush ends).
    this.totals.sent += counts.sent;
    this.totals.skipped += counts.skipped;
    this.totals.standIns += counts.standIns;
    if (counts.sent + counts.skipped > 0) performance.mark(PACKETS_MARK, { detail: counts });
    if (this.stopped || this.failure) return;
    const queued = decoder.decodeQueueSize;
    const flushMs = decoderStallMs(queued + group.length, this.config);
    await withinBudget(
      decoder.flush(),
      flushMs,
      () => `the decoder did not finish ${queued} packets within ${Math.round(flushMs / 1000)} s`,
    );
    if (emitted < end) {
      for (const sample of results.values()) sample.close();
      results.clear();
      const missing = group.filter((t) => t.index >= emitted).map((t) => t.packet.timestamp);
      throw new Error(`the decoder output no frame for ${missing.length} target packet(s) (first at ${missing[0]} s)`);
    }
  }

  /**
   * The packets from `key` to the one numbered `lastSeq`, in decoding order, each with its stand-in or null. An H.264
   * GOP is read whole before any packet is yielded (which reference pictures are needed depends on the later packets),
   * up to {@link MAX_PLANNED_BYTES}; past that, and in other codecs, packets are read as they are decoded and none has
   * a stand-in.
   */
  private async *gopPackets(
    key: EncodedPacket,
    lastSeq: number,
    targetSeqs: ReadonlySet<number>,
  ): AsyncGenerator<{ packet: EncodedPacket; standIn: Uint8Array[] | null }, void, unknown> {
    const next = async (p: EncodedPacket) => (p.sequenceNumber >= lastSeq ? null : this.packets.getNextPacket(p, VERIFY));
    const buffered: EncodedPacket[] = [];
    let bytes = 0;
    let packet: EncodedPacket | null = key;
    while (this.avc && packet && !this.stopped && bytes < MAX_PLANNED_BYTES) {
      buffered.push(packet);
      bytes += packet.data.byteLength;
      packet = await next(packet);
    }
    const standIns = packet === null ? this.planStandIns(buffered, targetSeqs) : null;
    for (const [i, p] of buffered.entries()) yield { packet: p, standIn: standIns?.[i] ?? null };
    for (; packet && !this.stopped; packet = await next(packet)) yield { packet, standIn: null };
  }

  /**
   * H.264: the stand-in of each packet whose reference picture no target needs (core/h264/avcGop.ts), or null to send it
   * as it is; null for the whole GOP where the model does not cover it (other codecs, a GOP not opened by an IDR
   * picture, long-term references…).
   */
  private planStandIns(packets: readonly EncodedPacket[], targetSeqs: ReadonlySet<number>): Array<Uint8Array[] | null> | null {
    const stream = this.stream;
    if (!this.avc || !stream) return null;
    const units = packets.map((p) => splitNalUnits(p.data, stream.framing));
    if (units.some((u) => !u)) return null;
    const targets = packets.flatMap((p, i) => (targetSeqs.has(p.sequenceNumber) ? [i] : []));
    return planAvcGop(units as Uint8Array[][], targets, this.avc).standIns;
  }

  /**
   * The pass's decoder, its output now going to `output`. It is configured once: after a flush a VideoDecoder wants a
   * key chunk next (WebCodecs "[[key chunk required]]"), which each GOP starts with, so the GOPs after the first save
   * the configure (a new decoder and its threads).
   */
  private decoderFor(output: (frame: VideoFrame) => void): VideoDecoder {
    this.onFrame = output;
    if (this.decoder && this.decoder.state === 'configured') return this.decoder;
    this.closeDecoder();
    const decoder = new VideoDecoder({
      output: (frame) => this.onFrame(frame),
      error: (error) => {
        this.failure ??= { error };
        this.signal();
        this.nudge();
      },
    });
    decoder.addEventListener('dequeue', () => this.nudge());
    decoder.configure(this.config);
    this.decoder = decoder;
    return decoder;
  }

  private closeDecoder(): void {
    if (this.decoder && this.decoder.state !== 'closed') this.decoder.close();
    this.decoder = null;
  }
}
