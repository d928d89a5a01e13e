import { presentationDurationSec } from './duration';
import { elementaryKind, elementaryRate, parseRateFraction, type ElementaryCount } from './elementaryStream';
import { UnsupportedMediaError } from '../job/errors';
import { displaySize } from '../output/geometry';
import { refuseDolbyVision, sourceColorFromProbe, type ColorProbeStream } from '../color/hdr/colorInfo';
import type { SourceInfo } from '../job/types';

/** The parts of `ffprobe -show_format -show_streams -of json` output that Snapframe reads. */
export interface FfprobeJson {
  streams?: FfprobeStream[];
  format?: { format_name?: string; duration?: string; start_time?: string };
}

export interface FfprobeStream extends ColorProbeStream {
  codec_type?: string;
  codec_name?: string;
  codec_long_name?: string;
  width?: number;
  height?: number;
  sample_aspect_ratio?: string;
  avg_frame_rate?: string;
  r_frame_rate?: string;
  nb_frames?: string;
  duration?: string;
  disposition?: { attached_pic?: number };
  tags?: { rotate?: string };
  side_data_list?: {
    side_data_type?: string;
    rotation?: number;
    dv_profile?: number;
    dv_bl_signal_compatibility_id?: number;
    max_luminance?: string;
    max_content?: number;
  }[];
}

/** "30000/1001" -> 29.97; "0/0", "", undefined -> null. */
export function parseRate(text: string | undefined): number | null {
  if (!text) return null;
  const [num, den] = text.split('/').map(Number);
  if (num === undefined || !Number.isFinite(num) || num <= 0) return null;
  const value = den === undefined ? num : num / den;
  return Number.isFinite(value) && value > 0 && value < 1000 ? value : null;
}

/** "16:11" -> [16, 11]; missing, "0:1" or "N/A" -> [1, 1]. */
export function parseSampleAspect(text: string | undefined): [number, number] {
  const [num, den] = (text ?? '').split(':').map(Number);
  if (!num || !den || !Number.isFinite(num) || !Number.isFinite(den) || num <= 0 || den <= 0) return [1, 1];
  return [num, den];
}

/**
 * Clockwise display rotation, degrees, from ffprobe's display matrix side data (whose `rotation` is
 * counter-clockwise, as ffmpeg's autorotate reads it) or the legacy `rotate` tag (clockwise).
 */
export function streamRotation(stream: FfprobeStream): 0 | 90 | 180 | 270 {
  const matrix = stream.side_data_list?.find((d) => d.side_data_type === 'Display Matrix' && d.rotation !== undefined);
  const clockwise = matrix?.rotation !== undefined ? -matrix.rotation : Number(stream.tags?.rotate ?? 0);
  const quarter = Math.round((((clockwise % 360) + 360) % 360) / 90) % 4;
  return ([0, 90, 180, 270] as const)[quarter] ?? 0;
}

/** ffprobe `duration` of the video and audio streams, s (null where absent). */
function streamDurations(probe: FfprobeJson): (number | null)[] {
  return (probe.streams ?? []).filter((s) => s.codec_type === 'video' || s.codec_type === 'audio').map((s) => seconds(s.duration));
}

/**
 * Whether the container or its streams say how long the file is (ffprobe `format.duration` or a stream's
 * `duration`). When not (a Matroska file written as a live stream), the duration comes from the packets
 * (core/probe/duration.ts durationFromPacketsSec).
 */
export function declaresDuration(probe: FfprobeJson): boolean {
  return presentationDurationSec(seconds(probe.format?.duration), streamDurations(probe)) !== null;
}

/** ffprobe's `format.start_time`, s (0 when absent). */
export function formatStartSec(probe: FfprobeJson): number {
  return seconds(probe.format?.start_time) ?? 0;
}

function seconds(text: string | undefined): number | null {
  const value = Number(text);
  return text !== undefined && text !== '' && Number.isFinite(value) ? value : null;
}

/**
 * Builds {@link SourceInfo} from ffprobe's JSON.
 * @param probe parsed `ffprobe -show_format -show_streams -of json` output
 * @param file the user's file name and size (bytes)
 * @param packetsDurationSec the duration found from the streams' packets (core/probe/duration.ts durationFromPacketsSec), for a
 *   file whose container and streams declare none (see {@link declaresDuration}); null when not read
 * @param elementary for a raw elementary stream (format `h264`, `hevc`, `mpegvideo`): its frames as counted
 *   (core/probe/elementaryStream.ts ElementaryScanner); null otherwise
 * @returns durationMs is the container's duration unless it declares more than its streams hold (then the longest
 *   stream's: {@link presentationDurationSec}); where neither says, the packets' (a live MKV); for a raw stream, the
 *   frames counted times the frame duration (ffprobe's r_frame_rate: the stream's timing, or ffmpeg's default 25 fps),
 *   with {@link SourceInfo.elementary} set
 * @throws UnsupportedMediaError when there is no video stream (audio only, or only a cover picture), when it is Dolby
 *   Vision with no compatible base layer (profile 5: hdr/colorInfo.ts refuseDolbyVision), when the file is
 *   a still image (an image demuxer: `png_pipe`, `image2`…), or when
 *   neither the container nor the stream gives a duration
 */
export function sourceInfoFromProbe(
  probe: FfprobeJson,
  file: { name: string; size: number },
  packetsDurationSec: number | null = null,
  elementary: ElementaryCount | null = null,
): SourceInfo {
  const streams = probe.streams ?? [];
  const video = streams.find((s) => s.codec_type === 'video' && s.disposition?.attached_pic !== 1);
  const hasAudio = streams.some((s) => s.codec_type === 'audio');
  if (!video || !video.width || !video.height) {
    const what = hasAudio ? 'it holds audio only' : 'it holds no picture';
    throw new UnsupportedMediaError(`${file.name} has no video stream (${what}). Choose a file with video in it.`);
  }
  // ffmpeg's image demuxers (`png_pipe`, `jpeg_pipe`, `image2`…) read a still picture as a one-frame video.
  const format = probe.format?.format_name ?? '';
  if (/_pipe$|^image2$/.test(format)) {
    throw new UnsupportedMediaError(
      `${file.name} is a still image (${video.codec_name ?? format}), not a video. Choose a video file (MP4, MOV, WebM, MKV, AVI, MPEG-TS…).`,
    );
  }
  if (elementary && elementaryKind(format)) return elementaryInfo(probe, video, file, hasAudio, elementary);
  const frameRate = parseRate(video.avg_frame_rate) ?? parseRate(video.r_frame_rate);
  const frameCount = seconds(video.nb_frames);
  // The container's duration unless it runs far past the streams' (core/probe/duration.ts says why).
  const durationSec =
    presentationDurationSec(seconds(probe.format?.duration), streamDurations(probe)) ??
    packetsDurationSec ??
    (frameCount && frameRate ? frameCount / frameRate : null);
  if (durationSec === null || durationSec <= 0) {
    throw new UnsupportedMediaError(
      `${file.name} does not say how long it is, so times cannot be placed in it. Remux it (e.g. to MP4) and try again.`,
    );
  }
  const color = sourceColorFromProbe(video);
  refuseDolbyVision(file.name, color);
  const sampleAspectRatio = parseSampleAspect(video.sample_aspect_ratio);
  const rotation = streamRotation(video);
  const display = displaySize(video.width, video.height, sampleAspectRatio, rotation);
  return {
    name: file.name,
    size: file.size,
    container: probe.format?.format_name ?? 'unknown',
    durationMs: Math.round(durationSec * 1000),
    videoDurationMs: seconds(video.duration) !== null ? Math.round((seconds(video.duration) as number) * 1000) : null,
    startTimeMs: Math.round(formatStartSec(probe) * 1000 * 1000) / 1000,
    codec: video.codec_name ?? 'unknown',
    codecLongName: video.codec_long_name ?? video.codec_name ?? 'unknown',
    codedWidth: video.width,
    codedHeight: video.height,
    width: display.width,
    height: display.height,
    rotation,
    sampleAspectRatio,
    frameRate,
    frameCount: frameCount !== null && frameCount > 0 ? frameCount : null,
    hasAudio,
    color,
  };
}

/**
 * The SourceInfo of a raw elementary stream: frame n at n / rate (rate: ffprobe's r_frame_rate, which is the stream's
 * declared timing or ffmpeg's default 25 fps), so the duration is frames / rate and the start is 0.
 * @throws UnsupportedMediaError when no frame was counted (not a stream of pictures after all)
 */
function elementaryInfo(
  probe: FfprobeJson,
  video: FfprobeStream,
  file: { name: string; size: number },
  hasAudio: boolean,
  count: ElementaryCount,
): SourceInfo {
  if (count.frames <= 0) {
    throw new UnsupportedMediaError(
      `${file.name} holds no complete picture of ${video.codec_name ?? 'video'}. If it is a video, it may be incomplete or damaged.`,
    );
  }
  const { rate, from } = elementaryRate(parseRateFraction(video.r_frame_rate), count.declaredRate);
  const durationMs = Math.round(((count.frames * rate.den) / rate.num) * 1000);
  const sampleAspectRatio = parseSampleAspect(video.sample_aspect_ratio);
  const display = displaySize(video.width as number, video.height as number, sampleAspectRatio, 0);
  const color = sourceColorFromProbe(video);
  refuseDolbyVision(file.name, color);
  return {
    name: file.name,
    size: file.size,
    container: probe.format?.format_name ?? 'unknown',
    durationMs,
    videoDurationMs: durationMs,
    startTimeMs: 0,
    codec: video.codec_name ?? 'unknown',
    codecLongName: video.codec_long_name ?? video.codec_name ?? 'unknown',
    codedWidth: video.width as number,
    codedHeight: video.height as number,
    width: display.width,
    height: display.height,
    rotation: 0,
    sampleAspectRatio,
    frameRate: rate.num / rate.den,
    frameCount: count.frames,
    hasAudio,
    color,
    elementary: { frameRate: [rate.num, rate.den], rateFrom: from },
  };
}
