/**
 * Where a file's video packets really end, read cheaply for the probe's header check (core/damage/headerCheck.ts):
 * - MP4/MOV from the sample tables of `moov` against the file size (core/damage/mp4DataEnd.ts: no media data read);
 * - AVI from its `idx1` index, or its `movi` chunks walked when the index is gone (core/damage/aviFrames.ts);
 * - MXF from its KLV packets walked, essence skipped (core/damage/mxfFrames.ts);
 * - MPEG-TS from the PTS of the video packets in the first and last MiB (core/damage/tsTimes.ts);
 * - the other containers mediabunny reads (fragmented MP4, Matroska, WebM) from the last packet of the video track
 *   (`getPacket(Infinity)`: the index, or the last fragment or cluster) and the spacing of the first packets.
 * Each read is given a time limit sized by the file; past it the check is not made. A video at a URL is checked where
 * that costs a few range requests (MP4 boxes, an AVI's header and index, the two ends of an MPEG-TS), not where the
 * file would have to be walked (MXF, an AVI without its index, the demuxer's last packet).
 */
import { EncodedPacketSink, Input, ALL_FORMATS } from 'mediabunny';
import { readAviFrames } from '../../../core/damage/aviFrames';
import type { PacketEnd } from '../../../core/damage/headerCheck';
import { readMp4DataEnd } from '../../../core/damage/mp4DataEnd';
import { readMxfFrames } from '../../../core/damage/mxfFrames';
import { regularRate } from '../../../core/damage/packetRate';
import { readTsTimes } from '../../../core/damage/tsTimes';
import type { SourceInfo } from '../../../core/job/types';
import { isRemote } from '../../../core/remote/remoteVideo';
import type { VideoInput } from '../../videoInput';
import { mediabunnySource, readInputBytes } from '../remote/inputSource';

/** Packets whose spacing gives the frame rate (core/damage/packetRate.ts). */
const RATE_PACKETS = 64;

/**
 * How long reading the packets may take, ms: 2 s plus 1 s per 50 MB (reading an index, a last cluster or a walk of
 * packet headers touches little; a read that takes longer is given up on rather than waited for: the check is then
 * not made).
 */
export function lastPacketLimitMs(bytes: number): number {
  return 2000 + (bytes / 50e6) * 1000;
}

async function withinLimit<T>(work: Promise<T>, ms: number): Promise<T | null> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), ms)));
  try {
    return await Promise.race([work.catch(() => null), late]);
  } finally {
    clearTimeout(timer);
  }
}

/** The last video packet's end and the first packets' rate, ms on the SPEC clock, by mediabunny. */
async function lastPacketEnd(file: VideoInput, info: SourceInfo): Promise<PacketEnd | null> {
  const input = new Input({ source: mediabunnySource(file), formats: ALL_FORMATS });
  try {
    const track = await input.getPrimaryVideoTrack();
    if (!track) return null;
    const sink = new EncodedPacketSink(track);
    const last = await sink.getPacket(Infinity, { metadataOnly: true });
    if (!last) return null;
    const times: number[] = [];
    for await (const packet of sink.packets(undefined, undefined, { metadataOnly: true })) {
      times.push(packet.timestamp * 1000);
      if (times.length >= RATE_PACKETS) break;
    }
    const endMs = (last.timestamp + last.duration) * 1000 - info.startTimeMs;
    // Matroska and WebM have no edit lists, and the MP4s that reach here are fragmented (their moov indexes no
    // samples): the packets are the whole presentation, so a header far shorter than they are is wrong too.
    return { endMs, dataEndMs: null, presentShare: null, frameCount: null, frameRate: regularRate(times), wholePresentation: true };
  } finally {
    input.dispose();
  }
}

/** The figures of an AVI's chunks, with the probe's frame rate (else the header's) turning frames into time. */
async function aviEnd(file: VideoInput, info: SourceInfo, read: Reader): Promise<PacketEnd | null> {
  const avi = await readAviFrames(read, file.size, !isRemote(file));
  const rate = info.frameRate ?? avi?.headerRate ?? null;
  if (!avi || avi.frames === null || !rate) return null;
  const endMs = (avi.frames * 1000) / rate;
  return {
    endMs,
    dataEndMs: avi.cut ? endMs : null,
    presentShare: avi.cut ? avi.presentShare : null,
    frameCount: avi.frames,
    headerDurationMs: avi.headerFrames !== null ? (avi.headerFrames * 1000) / rate : null,
    headerFrameCount: avi.headerFrames,
    wholePresentation: true,
  };
}

/** The figures of an MXF's packets, with the probe's frame rate (its edit rate) turning frames into time. */
async function mxfEnd(file: VideoInput, info: SourceInfo, read: Reader): Promise<PacketEnd | null> {
  if (isRemote(file) || !info.frameRate) return null;
  const mxf = await readMxfFrames(read, file.size);
  if (!mxf) return null;
  const endMs = (mxf.frames * 1000) / info.frameRate;
  return {
    endMs,
    dataEndMs: mxf.cut ? endMs : null,
    presentShare: mxf.cut ? mxf.presentShare : null,
    frameCount: mxf.frames,
    wholePresentation: true,
  };
}

/** The figures of an MPEG-TS's two ends. */
async function tsEnd(file: VideoInput, read: Reader): Promise<PacketEnd | null> {
  const ts = await readTsTimes(read, file.size);
  if (!ts) return null;
  return { endMs: ts.endMs, dataEndMs: null, presentShare: null, frameCount: null, frameRate: ts.frameRate, wholePresentation: true };
}

type Reader = (offset: number, length: number) => Promise<Uint8Array>;

/** The figures of an MP4's sample tables against the file's size. */
async function mp4End(file: VideoInput, read: Reader): Promise<PacketEnd | null> {
  const tables = await readMp4DataEnd(read, file.size).catch(() => null);
  if (!tables) return null;
  return {
    endMs: tables.indexedEndMs,
    dataEndMs: tables.dataEndMs,
    presentShare: tables.indexedBytes > 0 ? Math.min(1, file.size / tables.indexedBytes) : null,
    frameCount: tables.presentSamples < tables.videoSamples ? tables.presentSamples : null,
  };
}

/**
 * What the packets say about the video's end (see the module comment).
 * @param file the probed File or URL
 * @param info the probe's figures (container, frame rate, start time)
 * @returns the figures, or null when no cheap read tells (the header is then kept as it is)
 */
export async function packetEnd(file: VideoInput, info: SourceInfo): Promise<PacketEnd | null> {
  if (isRemote(file) && file.layout === 'hls') return null;
  const read: Reader = (offset, length) => readInputBytes(file, offset, length);
  const limitMs = lastPacketLimitMs(file.size);
  const format = info.container.split(',');
  if (format.includes('mov')) {
    const tables = await withinLimit(mp4End(file, read), limitMs);
    if (tables) return tables;
  }
  if (format.includes('avi')) return withinLimit(aviEnd(file, info, read), limitMs);
  if (format.includes('mxf')) return withinLimit(mxfEnd(file, info, read), limitMs);
  if (format.includes('mpegts')) return withinLimit(tsEnd(file, read), limitMs);
  return isRemote(file) ? null : withinLimit(lastPacketEnd(file, info), limitMs);
}
