import { readInputBytes } from '../../remote/inputSource';
import type { VideoInput } from '../../../videoInput';
import { namingFile, SnapframeError, toSnapframeError, UnsupportedMediaError } from '../../../../core/job/errors';
import { inspectMp4, undecodableVideoCodec, type Mp4Facts } from '../../../../core/mp4/mp4Boxes';
import { durationFromPacketsSec, parsePacketTimes } from '../../../../core/probe/duration';
import { elementaryKind, ElementaryScanner, type ElementaryCount, type ElementaryKind } from '../../../../core/probe/elementaryStream';
import { declaresDuration, formatStartSec, sourceInfoFromProbe, type FfprobeJson } from '../../../../core/probe/probeInfo';
import type { SourceInfo } from '../../../../core/job/types';
import { OUT_DIR, type FfmpegHost } from './host';

const PROBE_TIMEOUT_MS = 30_000;
const PROBE_OUT = `${OUT_DIR}/probe.json`;
const PACKETS_OUT = `${OUT_DIR}/probe-packets.csv`;
/** Reading every packet of a long recording without Cues goes through the whole file. */
const PACKETS_TIMEOUT_MS = 120_000;

/** The most telling line of ffprobe's error output, without the "/in/name: " prefix. */
function ffprobeReason(lines: string[], input: string): string | null {
  const line = [...lines].reverse().find((l) => l.trim() !== '' && !l.startsWith('Aborted'));
  return line ? line.replace(`${input}: `, '').trim() : null;
}

function notAVideo(name: string, reason: string | null, logTail?: string[]): UnsupportedMediaError {
  const said = reason ? ` (ffmpeg says: "${reason}")` : '';
  return new UnsupportedMediaError(
    `${name} could not be read as a video${said}. If it is a video, it may be incomplete or damaged; ` +
      'otherwise choose a video file (MP4, MOV, WebM, MKV, AVI, MPEG-TS…).',
    logTail,
  );
}

/**
 * Walks the boxes of an MP4/MOV (core/mp4/mp4Boxes.ts), reading only box headers and the sample descriptions through
 * `File.slice` (the moov may be at the end of the file).
 * @returns the sample entries and protection, or null when the file is not an ISO base media file or cannot be read
 *   this way (ffprobe then has the last word)
 */
export async function mp4Facts(file: VideoInput): Promise<Mp4Facts | null> {
  try {
    return await inspectMp4((offset, length) => readInputBytes(file, offset, length), file.size);
  } catch {
    return null;
  }
}

/** Refuses protected video and codecs nobody here decodes, from the MP4 boxes. */
export function refuseFromBoxes(name: string, facts: Mp4Facts | null): void {
  if (facts?.protection) {
    const { schemes, systems } = facts.protection;
    const how = [...schemes.map((s) => (s === 'fairplay' ? 'FairPlay' : `scheme ${s}`)), ...systems].join(', ');
    throw new UnsupportedMediaError(
      `${name} is protected (encrypted, DRM${how ? `: ${how}` : ''}) video; Snapframe cannot read protected video. ` +
        'Use an unprotected copy of the video.',
    );
  }
  const codec = undecodableVideoCodec(facts?.sampleEntries ?? []);
  if (codec) {
    throw new UnsupportedMediaError(
      `${name} holds video in ${codec}, which Snapframe cannot decode (neither ffmpeg.wasm nor this browser has a ` +
        'decoder for it). Convert the video to H.264, HEVC, VP9 or AV1 and try again.',
    );
  }
}

/**
 * Reads a file's streams with ffprobe (`-show_format -show_streams -of json`) on the mounted file. MP4/MOV files are
 * first checked from their boxes: protected (CENC/cbcs `encv`/`enca`, `pssh`, FairPlay) video, which ffprobe would
 * report as plain H.264 that then decodes to noise, and codecs with no decoder here (VVC), are refused by name.
 * @returns display geometry, duration (ms; the streams' when the container declares far more, the packets' when
 *   neither declares any: core/probe/duration.ts),
 *   codec, frame rate… (see SourceInfo)
 * @throws UnsupportedMediaError for empty files, protected video, undecodable codecs, non-video data (including
 *   data that crashes the engine, as an HTML page does: docs/ENGINE.md "Measured facts"), audio-only files; FileUnreadableError when
 *   the file is gone; InternalError when the engine cannot start. Every message names the file.
 */
export async function ffprobeFile(host: FfmpegHost, file: VideoInput): Promise<SourceInfo> {
  try {
    return await probeNamed(host, file);
  } catch (error) {
    throw namingFile(toSnapframeError(error), file.name);
  }
}

async function probeNamed(host: FfmpegHost, file: VideoInput): Promise<SourceInfo> {
  if (file.size === 0) {
    throw new UnsupportedMediaError(`${file.name} is empty (0 bytes). Choose the complete video file.`);
  }
  refuseFromBoxes(file.name, await mp4Facts(file));
  const input = await host.mount(file);
  let result;
  try {
    result = await host.run(
      'ffprobe',
      ['-v', 'error', '-show_format', '-show_streams', '-of', 'json', input, '-o', PROBE_OUT],
      PROBE_TIMEOUT_MS,
    );
  } catch (error) {
    if (error instanceof SnapframeError && error.code === 'InternalError') {
      throw notAVideo(file.name, 'the data made the decoder fail', error.logTail);
    }
    throw error;
  }
  // ffprobe in @ffmpeg/core 0.12.10 exits with -1 even when it succeeds, so the output decides, not the code.
  const bytes = await host.take(PROBE_OUT);
  let json: FfprobeJson | null;
  try {
    json = bytes ? (JSON.parse(new TextDecoder().decode(bytes)) as FfprobeJson) : null;
  } catch {
    json = null;
  }
  if (!json?.format || !json.streams?.length) {
    throw notAVideo(file.name, ffprobeReason(result.lines, input), host.logTail());
  }
  const kind = elementaryKind(json.format.format_name ?? '');
  if (kind) return sourceInfoFromProbe(json, file, null, await countFrames(file, kind));
  return sourceInfoFromProbe(json, file, declaresDuration(json) ? null : await packetsDuration(host, input, formatStartSec(json)));
}

/** Bytes read at a time when counting a raw stream's frames. */
const SCAN_CHUNK_BYTES = 8 << 20;

/**
 * The frames of a raw elementary stream (`.264`, `.hevc`, `.m2v`), counted from its start codes without decoding
 * (core/probe/elementaryStream.ts): the whole file is read, a chunk at a time (the scan: 0.76-0.96 s per 100 MB of
 * H.264 in Node on the shared 2-core machine at load 18).
 */
async function countFrames(file: VideoInput, kind: ElementaryKind): Promise<ElementaryCount> {
  const scanner = new ElementaryScanner(kind);
  for (let at = 0; at < file.size; at += SCAN_CHUNK_BYTES) {
    scanner.push(await readInputBytes(file, at, Math.min(SCAN_CHUNK_BYTES, file.size - at)));
  }
  return scanner.result();
}

/**
 * The duration of a file whose container declares none (a live MKV), from where its streams' packets end
 * (core/probe/duration.ts durationFromPacketsSec): one ffprobe over the packet index of every stream, nothing decoded.
 * @returns seconds, or null when ffprobe lists no timed packet
 */
async function packetsDuration(host: FfmpegHost, input: string, startTimeSec: number): Promise<number | null> {
  await host.run(
    'ffprobe',
    ['-v', 'error', '-show_entries', 'packet=pts_time,duration_time', '-of', 'csv=p=0', input, '-o', PACKETS_OUT],
    PACKETS_TIMEOUT_MS,
  );
  const bytes = await host.take(PACKETS_OUT);
  return bytes ? durationFromPacketsSec(parsePacketTimes(new TextDecoder().decode(bytes)), startTimeSec) : null;
}
