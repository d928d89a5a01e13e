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

/**
 * True when the file may be decoded by WebCodecs: a codec browsers can decode in a container mediabunny reads, or AV1
 * in IVF (which nothing else here decodes: the WebCodecs source remuxes it to MP4 in memory, webcodecs/ivfRemux.ts).
 */
export function webCodecsCandidate(source: Pick<SourceInfo, 'codec' | 'container'>): boolean {
  const formats = source.container.toLowerCase().split(',');
  const codec = source.codec.toLowerCase();
  if (isAv1Ivf(source)) return true;
  return WEBCODECS_CODECS.has(codec) && formats.some((f) => MEDIABUNNY_CONTAINERS.includes(f));
}

/** AV1 in an IVF file (ffprobe's format `ivf`): read by the WebCodecs source through an MP4 made in memory. */
export function isAv1Ivf(source: Pick<SourceInfo, 'codec' | 'container'>): boolean {
  return source.codec.toLowerCase() === 'av1' && source.container.toLowerCase().split(',').includes('ivf');
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

/**
 * Video codecs the ffmpeg.wasm core (@ffmpeg/core 0.12.10, an ffmpeg 5.1 build without libdav1d or libaom) has no
 * decoder for, by ffprobe `codec_name`, with the name a person knows them by. Given such a stream ffmpeg.wasm does not
 * fail cleanly: it crashed with "RuntimeError: table index is out of bounds" on an AVIF sequence.
 */
const NO_FFMPEG_WASM_DECODER: Readonly<Record<string, string>> = { av1: 'AV1' };

/**
 * The codec's name when ffmpeg.wasm cannot decode it (only the browser's decoder can), else null.
 * @param codec ffprobe `codec_name` (SourceInfo.codec), e.g. `av1`
 */
export function ffmpegWasmLacks(codec: string): string | null {
  return NO_FFMPEG_WASM_DECODER[codec.toLowerCase()] ?? null;
}

/**
 * The sentence for a video that no decoder here takes: ffmpeg.wasm has none for its codec, and the browser's
 * VideoDecoder refused it (or was not to be used). Names the codec and the file, says why each decoder cannot,
 * and what to do.
 * @param codecName the codec as people name it (from {@link ffmpegWasmLacks}), e.g. "AV1"
 * @param fileName the user's file name
 * @param browserWhy why the browser's decoder did not take it, e.g. "VideoDecoder does not support av01.0.04M.08"
 * @param remedy what to do, a sentence; by default: another browser, or convert the video
 */
export function undecodableCodecSentence(codecName: string, fileName: string, browserWhy: string, remedy?: string): string {
  return (
    `${codecName} in ${fileName} cannot be decoded here: ffmpeg.wasm has no ${codecName} decoder, and the browser's ` +
    `decoder cannot take it (${browserWhy}). ` +
    (remedy ??
      `Open it in a browser whose video decoder takes ${codecName} (a recent Chrome, Edge or Firefox), or convert it to H.264 or VP9 and try again.`)
  );
}

/** The decoder a job reports: `webcodecs` only when every frame it made came from WebCodecs. */
export function jobDecoder(frameDecoders: readonly ('ffmpeg.wasm' | 'webcodecs')[]): 'ffmpeg.wasm' | 'webcodecs' {
  return frameDecoders.length > 0 && frameDecoders.every((d) => d === 'webcodecs') ? 'webcodecs' : 'ffmpeg.wasm';
}
