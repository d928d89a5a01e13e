/**
 * Reads whether a video is interlaced, and how (core/probe/interlacing.ts), from the first coded pictures: H.264 with
 * mediabunny's packets (any container it reads; nothing decoded), else, when the probe already loaded ffmpeg.wasm,
 * H.264 and MPEG-2 from the first packets ffmpeg copies out (`-c copy` into an elementary stream: no decoding).
 */
import { ALL_FORMATS, EncodedPacketSink, Input } from 'mediabunny';
import { avcCodedFrames } from '../../core/h264/avcFields';
import { descriptionSps, nalFraming, splitNalUnits } from '../../core/h264/nal';
import { mpeg2CodedFrames } from '../../core/mpeg2/mpeg2Fields';
import { summarizeInterlacing, type CodedFrame, type Interlacing } from '../../core/probe/interlacing';
import { isRemote } from '../../core/remote/remoteVideo';
import type { SourceInfo } from '../../core/job/types';
import { mediabunnySource } from './remote/inputSource';
import { OUT_DIR, type FfmpegHost } from './sources/ffmpeg/host';
import type { VideoInput } from '../videoInput';

/** Frames read from the start of the stream (a GOP and more of a broadcast stream: PAFF and MBAFF mixes show there). */
const FRAMES_READ = 30;
const HEAD_OUT = `${OUT_DIR}/interlace-head`;
const HEAD_TIMEOUT_MS = 20_000;

/** The first access units of an H.264 track as NAL units, and the avcC's parameter sets; null when unreadable. */
async function avcHeadByMediabunny(file: VideoInput): Promise<CodedFrame[] | null> {
  const input = new Input({ source: mediabunnySource(file), formats: ALL_FORMATS });
  try {
    const track = await input.getPrimaryVideoTrack();
    if (!track || (await track.getCodec()) !== 'avc') return null;
    const config = await track.getDecoderConfig();
    const d = config?.description;
    const description = !d ? null : ArrayBuffer.isView(d) ? new Uint8Array(d.buffer, d.byteOffset, d.byteLength) : new Uint8Array(d);
    const framing = nalFraming('avc', description);
    const initial = description ? [...descriptionSps('avc', description), ...descriptionPps(description)] : [];
    const sink = new EncodedPacketSink(track);
    const units: Uint8Array[][] = [];
    // Field pictures may come one per packet (MPEG-TS): read twice as many packets as frames.
    for (let packet = await sink.getFirstPacket(); packet && units.length < FRAMES_READ * 2; packet = await sink.getNextPacket(packet)) {
      const split = splitNalUnits(packet.data, framing);
      if (split) units.push(split);
    }
    return avcCodedFrames(units, initial).slice(0, FRAMES_READ);
  } finally {
    input.dispose();
  }
}

/** The PPS NAL units of an avcC record (ISO/IEC 14496-15 5.3.3.1: after the SPS list). */
function descriptionPps(description: Uint8Array): Uint8Array[] {
  const u16 = (at: number) => description[at]! * 256 + description[at + 1]!;
  let at = 6;
  for (let i = 0; i < (description[5]! & 0x1f) && at + 2 <= description.length; i += 1) at += 2 + u16(at);
  const out: Uint8Array[] = [];
  const count = description[at] ?? 0;
  at += 1;
  for (let i = 0; i < count && at + 2 <= description.length; i += 1) {
    out.push(description.subarray(at + 2, at + 2 + u16(at)));
    at += 2 + u16(at);
  }
  return out;
}

/** The first packets of the video as an elementary stream, copied out by ffmpeg (no decoding). */
async function headByFfmpeg(host: FfmpegHost, file: VideoInput, codec: 'h264' | 'mpeg2video'): Promise<CodedFrame[] | null> {
  const input = await host.mount(file);
  const format = codec === 'h264' ? 'h264' : 'mpeg2video';
  await host.run(
    'ffmpeg',
    [
      '-v',
      'error',
      '-nostdin',
      '-i',
      input,
      '-map',
      '0:v:0',
      '-c',
      'copy',
      '-frames:v',
      String(FRAMES_READ * 2),
      '-f',
      format,
      '-y',
      HEAD_OUT,
    ],
    HEAD_TIMEOUT_MS,
  );
  const bytes = await host.take(HEAD_OUT);
  if (!bytes) return null;
  const frames = codec === 'h264' ? avcCodedFrames([splitNalUnits(bytes, { kind: 'annexb' }) ?? []]) : mpeg2CodedFrames(bytes);
  return frames.slice(0, FRAMES_READ);
}

/**
 * How the video is interlaced.
 * @param viaFfprobe the probe used ffprobe (ffmpeg.wasm is loaded): MPEG-2, and H.264 mediabunny cannot read, are
 *   read by ffmpeg; otherwise ffmpeg.wasm is not loaded for this
 * @returns null for other codecs, a URL, or when nothing could be read (the details then say nothing of it)
 */
export async function readInterlacing(
  host: FfmpegHost,
  file: VideoInput,
  info: SourceInfo,
  viaFfprobe: boolean,
): Promise<Interlacing | null> {
  if (isRemote(file)) return null;
  const codec = info.codec === 'h264' ? 'h264' : info.codec === 'mpeg2video' ? 'mpeg2video' : null;
  if (!codec) return null;
  let frames = codec === 'h264' ? await avcHeadByMediabunny(file).catch(() => null) : null;
  if ((!frames || frames.length === 0) && viaFfprobe) frames = await headByFfmpeg(host, file, codec).catch(() => null);
  return frames ? summarizeInterlacing(frames, codec) : null;
}
