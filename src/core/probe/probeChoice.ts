/**
 * Probing without ffmpeg.wasm where the browser can: what mediabunny read of a file decides whether its
 * SourceInfo comes from mediabunny (no 32 MB core to download) or from ffprobe in ffmpeg.wasm, and how mediabunny's
 * names map to ffprobe's (docs/ENGINE.md "Probing"). The SourceInfo built here is the one ffprobe gives
 * (core/probe/probeInfo.ts) on every file both read: e2e/probe.spec.ts compares them field by field.
 */
import { presentationDurationSec } from './duration';
import { displaySize } from '../output/geometry';
import { isVideoHandler, type Mp4Timing } from '../mp4/mp4Timing';
import type { SourceColor, SourceInfo } from '../job/types';

/** How to probe: `auto` (mediabunny where it can, else ffprobe), or one forced (tests: `?probe=`). */
export type ProbePreference = 'auto' | 'ffprobe' | 'mediabunny';

/**
 * Reads the test switch `?probe=ffprobe|mediabunny` of the test build's page URL (docs/TESTING.md); anything else (or nothing) is `auto`.
 * @param value the `probe` query parameter, or null
 */
export function probePreference(value: string | null): ProbePreference {
  return value === 'ffprobe' || value === 'mediabunny' ? value : 'auto';
}

/** mediabunny's video codec names -> ffprobe's `codec_name` and `codec_long_name` (FFmpeg 5.1 codec descriptors). */
export const FFPROBE_CODECS: Readonly<Record<string, { name: string; longName: string }>> = {
  avc: { name: 'h264', longName: 'H.264 / AVC / MPEG-4 AVC / MPEG-4 part 10' },
  hevc: { name: 'hevc', longName: 'H.265 / HEVC (High Efficiency Video Coding)' },
  vp8: { name: 'vp8', longName: 'On2 VP8' },
  vp9: { name: 'vp9', longName: 'Google VP9' },
  av1: { name: 'av1', longName: 'Alliance for Open Media AV1' },
  prores: { name: 'prores', longName: 'Apple ProRes (iCodec Pro)' },
};

/** The container families mediabunny's figures are matched to ffprobe's for, with ffprobe's `format_name`. */
export const FFPROBE_FORMATS = { isobmff: 'mov,mp4,m4a,3gp,3g2,mj2', matroska: 'matroska,webm', hls: 'hls' } as const;

/**
 * The delay FFmpeg's Matroska demuxer subtracts from an Opus track's timestamps (its `CodecDelay`, written as the Opus
 * pre-skip: RFC 7845 §4.2 and the Matroska Opus mapping), rounded to the ms of Matroska's time base as
 * `av_rescale_q` rounds (half away from zero). mediabunny reports the raw block times; ffprobe's start time is 7 ms
 * earlier for libopus's usual 312-sample pre-skip.
 * @param opusHead the track's codec private data (`OpusHead`: magic, version, channels, then pre-skip, 16-bit LE)
 * @returns seconds (a multiple of 0.001), 0 when the header is not an OpusHead
 */
export function opusCodecDelaySec(opusHead: Uint8Array | null): number {
  if (!opusHead || opusHead.length < 12 || String.fromCharCode(...opusHead.subarray(0, 8)) !== 'OpusHead') return 0;
  const preSkip = (opusHead[10] as number) | ((opusHead[11] as number) << 8);
  return Math.round((preSkip * 1000) / 48_000) / 1000;
}

/** What mediabunny (and, for MP4/MOV, the box reader core/mp4/mp4Timing.ts) read of a file. Sizes px, times s. */
export interface MediabunnyFacts {
  /**
   * The container family, `other` for one mediabunny reads whose figures are not matched here (MPEG-TS, Ogg…); `hls`
   * for an HLS playlist at a URL (only mediabunny reads those here: its figures are the SourceInfo).
   */
  family: 'isobmff' | 'matroska' | 'hls' | 'other';
  /** The first video track's codec as mediabunny names it ("avc", "vp9"…), null when it does not know it. */
  videoCodec: string | null;
  /** False when there is no video track. */
  hasVideo: boolean;
  hasAudio: boolean;
  /** `VideoDecoder.isConfigSupported` for the first video track (mediabunny `canDecode`). */
  browserDecodes: boolean;
  codedWidth: number;
  codedHeight: number;
  /** Clockwise, degrees. */
  rotation: 0 | 90 | 180 | 270;
  /** Pixel aspect ratio [num, den]. */
  pixelAspect: [number, number];
  /** First timestamp of each audio and video track, s (negative for samples an edit list cuts). */
  firstTimestampsSec: number[];
  /** Matroska: the segment's `Duration`; HLS: the sum of #EXTINF; s (mediabunny `getDurationFromMetadata`), null when absent. */
  declaredDurationSec: number | null;
  /** Matroska, HLS: the frame rate from the frame timestamps (mediabunny `computeFrameRateMetrics`), fps. */
  frameRate: number | null;
  /** ISO BMFF: the timing boxes (mvhd, mdhd, elst, stts), null for other families or when unreadable. */
  mp4: Mp4Timing | null;
  /** The video track's colours (core/color/hdr/colorInfo.ts sourceColorFromWebCodecs), when read. */
  color?: SourceColor;
}

/**
 * The decision rule: which probe makes a file's SourceInfo.
 * - ffprobe when mediabunny cannot read the file (`facts` null), finds no video track, does not know the codec, or
 *   reads a container whose figures are not matched to ffprobe's here (MPEG-TS and the rest: their durations are
 *   estimates each tool makes its own way); when the duration is not declared (Matroska without `Duration`: ffprobe
 *   estimates it); when the pixels are not square (mediabunny derives the ratio from the rounded display size:
 *   [427, 320] where ffprobe reads 4:3); and, with `auto`, when the browser cannot decode the video (ffmpeg.wasm decodes it anyway, and
 *   ffprobe's figures are the ones its decoding uses).
 * - mediabunny otherwise: no ffmpeg.wasm needed.
 * @param preference `ffprobe` always answers ffprobe; `mediabunny` ignores whether the browser decodes the video
 * @returns `mediabunny`, or `ffprobe` with the reason
 */
export function probeRoute(
  facts: MediabunnyFacts | null,
  preference: ProbePreference,
): { by: 'mediabunny' } | { by: 'ffprobe'; why: string } {
  if (preference === 'ffprobe') return { by: 'ffprobe', why: 'ffprobe was asked for' };
  if (!facts) return { by: 'ffprobe', why: 'mediabunny cannot read the container' };
  if (!facts.hasVideo) return { by: 'ffprobe', why: 'mediabunny finds no video track' };
  if (!facts.videoCodec || !FFPROBE_CODECS[facts.videoCodec]) return { by: 'ffprobe', why: 'mediabunny does not know the video codec' };
  if (facts.family === 'other') return { by: 'ffprobe', why: 'the container is not one whose figures are matched to ffprobe' };
  if (facts.family === 'isobmff' && !facts.mp4) return { by: 'ffprobe', why: 'the MP4 timing boxes cannot be read' };
  if (durationSec(facts) === null) return { by: 'ffprobe', why: 'the container does not declare its duration' };
  const [num, den] = facts.pixelAspect;
  if (num !== den) return { by: 'ffprobe', why: 'the pixels are not square (mediabunny rounds the ratio to the display size)' };
  if (preference === 'auto' && !facts.browserDecodes) return { by: 'ffprobe', why: 'this browser cannot decode the video' };
  return { by: 'mediabunny' };
}

/** The first track of a kind in the MP4 timing (ffprobe's first stream of that kind; `vide` includes AVIF's `pict`). */
function mp4Track(facts: MediabunnyFacts, handler: 'vide' | 'soun') {
  return facts.mp4?.tracks.find((t) => (handler === 'vide' ? isVideoHandler(t.handler) : t.handler === handler)) ?? null;
}

function durationSec(facts: MediabunnyFacts): number | null {
  if (facts.family === 'matroska' || facts.family === 'hls') return presentationDurationSec(facts.declaredDurationSec, []);
  if (!facts.mp4) return null;
  const streams = facts.mp4.tracks.filter((t) => isVideoHandler(t.handler) || t.handler === 'soun').map((t) => t.durationSec);
  const video = mp4Track(facts, 'vide');
  return (
    presentationDurationSec(facts.mp4.durationSec, streams) ??
    (video?.frameCount && video.frameRate ? video.frameCount / video.frameRate : null)
  );
}

/** ffprobe's frame-rate bounds (core/probe/probeInfo.ts parseRate): a rate outside (0, 1000) fps is not believed. */
function plausibleRate(rate: number | null): number | null {
  return rate !== null && Number.isFinite(rate) && rate > 0 && rate < 1000 ? rate : null;
}

/**
 * The SourceInfo of a file mediabunny can probe (see {@link probeRoute}), field for field what
 * core/probe/probeInfo.ts makes of ffprobe's output: ffprobe's container and codec names, display size after SAR and
 * rotation, durations as ffprobe reads them (MP4: mvhd, and per track mdhd/stts/elst: core/mp4/mp4Timing.ts; Matroska:
 * the segment Duration, no stream durations or frame counts; HLS: the playlist's #EXTINF sum, as ffprobe's hls demuxer), the start time as the earliest presented sample (MP4:
 * samples before an edit list's start are not presented; Matroska: as read, negative for Opus pre-skip).
 * @param file the user's file name and size (bytes)
 * @returns the SourceInfo, or null when the facts do not pass {@link probeRoute} with `mediabunny`
 */
export function sourceInfoFromMediabunny(facts: MediabunnyFacts, file: { name: string; size: number }): SourceInfo | null {
  if (probeRoute(facts, 'mediabunny').by !== 'mediabunny') return null;
  const codec = FFPROBE_CODECS[facts.videoCodec ?? ''];
  const seconds = durationSec(facts);
  if (!codec || seconds === null || seconds <= 0) return null;
  const video = facts.family === 'isobmff' ? mp4Track(facts, 'vide') : null;
  // MP4: samples before an edit list's start have negative timestamps in mediabunny and are not presented (ffprobe
  // starts at 0); Matroska: a negative start (Opus pre-skip) is ffprobe's start too.
  const starts = facts.firstTimestampsSec.filter((t) => Number.isFinite(t)).map((t) => (facts.family === 'isobmff' ? Math.max(0, t) : t));
  const startSec = starts.length > 0 ? Math.min(...starts) : 0;
  // Square pixels only: probeRoute leaves the others to ffprobe.
  const sampleAspectRatio: [number, number] = [1, 1];
  const display = displaySize(facts.codedWidth, facts.codedHeight, sampleAspectRatio, facts.rotation);
  return {
    name: file.name,
    size: file.size,
    container: FFPROBE_FORMATS[facts.family === 'other' ? 'matroska' : facts.family],
    durationMs: Math.round(seconds * 1000),
    videoDurationMs: video?.durationSec != null ? Math.round(video.durationSec * 1000) : null,
    startTimeMs: Math.round(startSec * 1000 * 1000) / 1000,
    codec: codec.name,
    codecLongName: codec.longName,
    codedWidth: facts.codedWidth,
    codedHeight: facts.codedHeight,
    width: display.width,
    height: display.height,
    rotation: facts.rotation,
    sampleAspectRatio,
    frameRate: plausibleRate(facts.family === 'isobmff' ? (video?.frameRate ?? null) : facts.frameRate),
    frameCount: video && video.frameCount > 0 ? video.frameCount : null,
    hasAudio: facts.hasAudio,
    ...(facts.color ? { color: facts.color } : {}),
  };
}
