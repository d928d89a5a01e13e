/**
 * Pure decisions of the hybrid engine: which files are worth opening with the browser's own
 * decoders (WebCodecs, demuxed by mediabunny), and how mediabunny's clock maps to Snapframe's (SPEC "Times").
 * Whether the browser really decodes the stream is asked at run time (`VideoDecoder.isConfigSupported`, through
 * mediabunny's `track.canDecode()`); this only rules out what can never work, without opening the file.
 */
import type { SourceInfo } from '../job/types';

/** Which decoder a job should use: `auto` (WebCodecs where it can, else ffmpeg.wasm) or one forced (tests). */
export type DecoderPreference = 'auto' | 'ffmpeg' | 'webcodecs';

/** ffprobe codec names that WebCodecs may decode (the browser decides: HEVC only with platform support). */
const WEBCODECS_CODECS = new Set(['h264', 'hevc', 'vp8', 'vp9', 'av1']);
/** ffprobe format names (any of the comma-separated aliases) of the containers mediabunny demuxes. */
const MEDIABUNNY_CONTAINERS = ['mov', 'mp4', 'matroska', 'webm', 'mpegts', 'hls'];

/** True when the file may be decoded by WebCodecs: a codec browsers can decode in a container mediabunny reads. */
export function webCodecsCandidate(source: Pick<SourceInfo, 'codec' | 'container'>): boolean {
  const formats = source.container.toLowerCase().split(',');
  return WEBCODECS_CODECS.has(source.codec.toLowerCase()) && formats.some((f) => MEDIABUNNY_CONTAINERS.includes(f));
}

/**
 * Reads the test switch `?decoder=ffmpeg|webcodecs` of the test build's page URL (docs/TESTING.md); anything else (or nothing) is `auto`.
 * @param value the `decoder` query parameter, or null
 */
export function decoderPreference(value: string | null): DecoderPreference {
  return value === 'ffmpeg' || value === 'webcodecs' ? value : 'auto';
}

/**
 * The mediabunny timestamp (s) to ask for the frame displayed at `timeMs`. mediabunny reports the container's own
 * timestamps (MPEG-TS: raw pts / 90 kHz, MP4: after the edit list), which are ffprobe's pts_time; SPEC times count
 * from the container start_time. `toleranceMs` keeps a frame exactly at t despite float rounding.
 */
export function trackSeconds(timeMs: number, startTimeMs: number, toleranceMs: number): number {
  return (timeMs + startTimeMs + toleranceMs) / 1000;
}

/** A mediabunny timestamp (s) as Snapframe's frame time: ms from the container start_time, to the microsecond. */
export function presentationMs(timestampSec: number, startTimeMs: number): number {
  return Math.round((timestampSec * 1000 - startTimeMs) * 1000) / 1000;
}

/** The decoder a job reports: `webcodecs` only when every frame it made came from WebCodecs. */
export function jobDecoder(frameDecoders: readonly ('ffmpeg.wasm' | 'webcodecs')[]): 'ffmpeg.wasm' | 'webcodecs' {
  return frameDecoders.length > 0 && frameDecoders.every((d) => d === 'webcodecs') ? 'webcodecs' : 'ffmpeg.wasm';
}
