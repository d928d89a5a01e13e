/**
 * Exact frames from fewer decoded packets (docs/ENGINE.md "Skipping
 * non-reference frames"). Same contract as mediabunny's `VideoSampleSink.samplesAtTimestamps` (for each time in
 * seconds, the last frame in presentation order whose timestamp is <= it, or null before the first key packet), but
 * the packets are fed to `VideoDecoder` here, and a packet that is neither displayed at one of the times nor
 * referenced by any other picture ({@link isDisposable}: H.264 nal_ref_idc 0, HEVC sub-layer non-reference) is not
 * decoded at all. In H.264, a reference picture that no needed picture references (core/h264/avcGop.ts) is replaced by a
 * stand-in that keeps the decoder's picture buffer as it was and costs almost nothing to decode (core/h264/avcStandIn.ts).
 * Codecs without such a rule (VP8, VP9, AV1) go through mediabunny's sink unchanged.
 */
import type { EncodedPacket, EncodedPacketSink, InputVideoTrack, VideoSampleSink } from 'mediabunny';
import { VideoSample } from 'mediabunny';
import { AvcParameterTracker, planAvcGop } from '../../../../core/h264/avcGop';
import {
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
 * packet at or before it (SPEC frameType keyframe: one packet decoded a time).
 */
export type PassTarget = 'display' | 'key';

/** The time (seconds) and the packet displayed at it, for one requested time of a pass. */
interface Target {
  index: number;
  packet: EncodedPacket;
}

const VERIFY = { verifyKeyPackets: true } as const;

/**
 * The most of one GOP held in memory to plan its stand-ins, bytes: a 2 s GOP of 1080p at 10 Mbit/s is 2.5 MB; a GOP
 * this large (minutes of video between keyframes) is decoded as its packets are read, without stand-ins.
 */
const MAX_PLANNED_BYTES = 48 * 1024 * 1024;

export class PacketDecoder {
  /** Totals since the file was opened. */
  readonly counts: PacketCounts = { sent: 0, skipped: 0, standIns: 0 };
  /** False once this file's decoder output did not match its packets (see {@link decodeGroup}): mediabunny decodes. */
  private trusted = true;

  private constructor(
    private readonly packets: EncodedPacketSink,
    private readonly fallback: VideoSampleSink,
    private readonly config: VideoDecoderConfig,
    private readonly stream: NalStream | null,
    private readonly orientation: { rotation: 0 | 90 | 180 | 270; flip: boolean; resolution: number },
    private readonly avc: AvcParameterTracker | null,
  ) {}

  /**
   * @param track - the video track (its decoder config, rotation and time resolution)
   * @param packets - its packet sink; `fallback` its sample sink, used for codecs without a skip rule and after a failure
   */
  static async create(track: InputVideoTrack, packets: EncodedPacketSink, fallback: VideoSampleSink): Promise<PacketDecoder> {
    const codec = await track.getCodec();
    const config = await track.getDecoderConfig();
    const description = config?.description ? toBytes(config.description) : null;
    const stream = config && (codec === 'avc' || codec === 'hevc') ? nalStream(codec, description) : null;
    const orientation = { rotation: await track.getRotation(), flip: await track.getFlip(), resolution: await track.getTimeResolution() };
    const avc = stream?.codec === 'avc' ? new AvcParameterTracker() : null;
    if (avc && description) avc.noteDescription(description);
    return new PacketDecoder(packets, fallback, chromiumDecoderConfig(config ?? { codec: '' }), stream, orientation, avc);
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
   * @throws whatever mediabunny's sink throws when it decodes after a failure here (the caller falls back to ffmpeg.wasm)
   */
  async *samplesAtTimestamps(
    seconds: readonly number[],
    target: PassTarget = 'display',
    oneThread = false,
  ): AsyncGenerator<VideoSample | null, void, unknown> {
    if (!this.stream || !this.trusted) {
      yield* target === 'key' ? this.keySamples(seconds) : this.fallback.samplesAtTimestamps(seconds);
      return;
    }
    const config = oneThread ? { ...this.config, optimizeForLatency: true } : this.config;
    const pass = new Pass(this.packets, config, this.stream, this.avc, this.orientation, this.counts, target, {
      distrust: (why) => this.distrust(why),
      trusted: () => this.trusted,
    });
    let next = 0;
    try {
      for await (const sample of pass.run(seconds)) {
        next += 1;
        yield sample;
      }
    } catch (error) {
      // Anything this loop did not foresee (a chunk Chromium rejects, a decoder error): mediabunny's own pipeline
      // decodes the rest, and if it fails too the caller hands the times to ffmpeg.wasm.
      this.distrust(error instanceof Error ? error.message : String(error));
      pass.stop();
      const rest = seconds.slice(next);
      yield* target === 'key' ? this.keySamples(rest) : this.fallback.samplesAtTimestamps(rest);
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

  private distrust(why: string): void {
    if (this.trusted) {
      console.warn(`Packet decoder: ${why}; mediabunny decodes the rest of this file, every packet.`);
      performance.mark(FALLBACK_MARK, { detail: why });
    }
    this.trusted = false;
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

  constructor(
    private readonly packets: EncodedPacketSink,
    private readonly config: VideoDecoderConfig,
    private readonly stream: NalStream,
    private readonly avc: AvcParameterTracker | null,
    private readonly orientation: { rotation: 0 | 90 | 180 | 270; flip: boolean; resolution: number },
    private readonly totals: PacketCounts,
    private readonly target: PassTarget,
    private readonly trust: { distrust: (why: string) => void; trusted: () => boolean },
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
        return { target: key, key };
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
   * chunk's timestamp, WebCodecs), so a frame is never attributed by position. Output out of presentation order, or a target the decoder did not output, means the container's
   * timestamps are not what the decoder displays: the file is handed to mediabunny (which renumbers frames by
   * position), and the missing targets are decoded there.
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
      if (frame.timestamp <= lastOutput)
        this.trust.distrust(`frames came out of presentation order (${frame.timestamp} µs after ${lastOutput} µs)`);
      lastOutput = frame.timestamp;
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
    let dropRasl = this.stream.codec === 'hevc';
    for await (const { packet, standIn } of this.gopPackets(key, lastSeq, targetSeqs)) {
      // At most 8 frames decoded and waiting for the consumer (40 chunks while none wait), as mediabunny does. (Targets
      // held back in `results` wait for an earlier one the decoder has yet to output: waiting for them could deadlock.)
      while (!this.stopped && !this.failure && this.queue.length + decoder.decodeQueueSize > (this.queue.length === 0 ? 40 : 8)) {
        await new Promise<void>((resolve) => (this.progress = resolve));
      }
      if (this.stopped || this.failure) break;
      noteParameterSets(this.stream, splitNalUnits(packet.data, this.stream.framing) ?? []);
      // Decoding starts at a CRA: its RASL pictures reference pictures before it and cannot be decoded (mediabunny drops them too).
      if (dropRasl && packet !== key && hasRaslPicture(packet.data, this.stream)) {
        // not decodable here, nor by mediabunny: not a skip of ours
      } else if (!targetSeqs.has(packet.sequenceNumber) && isDisposable(packet.data, this.stream)) {
        counts.skipped += 1;
        if (packet !== key) dropRasl = false;
      } else {
        if (packet !== key) dropRasl = false;
        const data =
          counts.sent === 0
            ? firstChunkBytes(packet.data, this.stream)
            : standIn
              ? joinNalUnits(standIn, this.stream.framing)
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
    await decoder.flush();
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
    if (!this.avc) return null;
    const units = packets.map((p) => splitNalUnits(p.data, this.stream.framing));
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
