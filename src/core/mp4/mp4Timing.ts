/**
 * The timing of an ISO base media file (MP4, MOV) as ffprobe reports it, read from the boxes: the movie's duration,
 * each track's duration, frame count and average frame rate. mediabunny gives packet-exact figures; ffprobe gives the
 * container's declared ones, and the app's SourceInfo is defined by ffprobe's, so the mediabunny probe reads them here.
 *
 * Rules, from ISO/IEC 14496-12 (`mvhd`, `tkhd`, `mdhd`, `hdlr`, `elst`, `stts`) and FFmpeg 5.1 libavformat/mov.c:
 * - the track kind is the first `hdlr` of the track (mdia's; QuickTime puts a data handler `dhlr` in minf too);
 * - format duration = mvhd duration / mvhd timescale (mov_read_mvhd);
 * - a track's duration = min(mdhd duration, sum of stts deltas) (mov_read_mdhd, mov_read_stts), and with an edit
 *   list at most the span of its non-empty edits, rescaled from the movie timescale (mov_fix_index);
 * - nb_frames = sum of stts sample counts; avg_frame_rate = mdhd timescale × that count / sum of stts deltas
 *   (mov_read_trak), where a last stts entry of one sample with an outsized delta counts as an average one
 *   (mov_read_stts).
 */
import { parseBoxHeader, type ByteReader } from './mp4Boxes';

/** One track's timing. Durations in seconds. */
export interface Mp4TrackTiming {
  /** `hdlr` handler type: "vide", "soun", … ("pict" for an AVIF image sequence's picture track) */
  handler: string;
  /** Absolute file offset of that handler type's four bytes, or null when the track has no `hdlr`. */
  handlerAt: number | null;
  /** ffprobe `streams[].duration`, s, or null when the boxes give none. */
  durationSec: number | null;
  /** ffprobe `nb_frames`: samples in `stts`. */
  frameCount: number;
  /** ffprobe `avg_frame_rate` as a number (frames per second), or null when the samples have no duration. */
  frameRate: number | null;
}

/** What the boxes say about the file's timing. */
export interface Mp4Timing {
  /** ffprobe `format.duration`, s, or null when mvhd gives none. */
  durationSec: number | null;
  tracks: Mp4TrackTiming[];
}

/** Boxes whose children lead from moov to the boxes read here. */
const CONTAINERS = new Set(['moov', 'trak', 'mdia', 'minf', 'stbl', 'edts']);
const READ = new Set(['mvhd', 'mdhd', 'hdlr', 'elst', 'stts']);
/** Limits against hostile files: boxes visited, bytes of one box read. */
const MAX_BOXES = 10_000;
const MAX_BOX_BYTES = 8 << 20;

function view(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function uint64(v: DataView, at: number): number {
  return v.getUint32(at) * 2 ** 32 + v.getUint32(at + 4);
}

/** mvhd or mdhd body (after the box header): timescale and duration (version 0: 32-bit, 1: 64-bit fields). */
export function parseHeaderTimes(body: Uint8Array): { timescale: number; duration: number } | null {
  const v = view(body);
  if (body.length < 20) return null;
  const version = body[0];
  if (version === 1) return body.length < 32 ? null : { timescale: v.getUint32(20), duration: uint64(v, 24) };
  return { timescale: v.getUint32(12), duration: v.getUint32(16) };
}

/** elst body: the edits as [segment duration (movie timescale), media time (-1: an empty edit)]. */
export function parseEdits(body: Uint8Array): Array<[number, number]> {
  const v = view(body);
  const version = body[0];
  const count = body.length >= 8 ? v.getUint32(4) : 0;
  // Each entry: segment_duration, media_time, then media_rate (16.16): 12 bytes, 20 in version 1.
  const size = version === 1 ? 20 : 12;
  const edits: Array<[number, number]> = [];
  for (let i = 0, at = 8; i < count && at + size <= body.length; i += 1, at += size) {
    edits.push(version === 1 ? [uint64(v, at), Number(v.getBigInt64(at + 8))] : [v.getUint32(at), v.getInt32(at + 4)]);
  }
  return edits;
}

/** stts body: sample count and summed duration (media timescale), with mov_read_stts's rule for the last entry. */
export function parseSampleTimes(body: Uint8Array): { count: number; duration: number } {
  const v = view(body);
  const entries = body.length >= 8 ? v.getUint32(4) : 0;
  let count = 0;
  let duration = 0;
  for (let i = 0, at = 8; i < entries && at + 8 <= body.length; i += 1, at += 8) {
    const samples = v.getUint32(at);
    let delta = v.getInt32(at + 4);
    if (delta < 0) delta = 1;
    if (i + 1 === entries && i > 0 && samples === 1 && count > 100 && delta / 10 > duration / count) {
      delta = Math.floor(duration / count);
    }
    duration += delta * samples;
    count += samples;
  }
  return { count, duration };
}

interface RawTrack {
  handler: string;
  handlerAt: number | null;
  media: { timescale: number; duration: number } | null;
  edits: Array<[number, number]> | null;
  samples: { count: number; duration: number } | null;
}

/** A track's timing from its boxes, given the movie timescale (for the edit list). */
export function trackTiming(raw: RawTrack, movieTimescale: number | null): Mp4TrackTiming {
  const timescale = raw.media?.timescale ?? 0;
  const samples = raw.samples ?? { count: 0, duration: 0 };
  let units: number | null = raw.media && raw.media.duration > 0 ? raw.media.duration : null;
  if (samples.duration > 0) units = units === null ? samples.duration : Math.min(units, samples.duration);
  const edits = (raw.edits ?? []).filter(([, mediaTime]) => mediaTime !== -1);
  if (units !== null && edits.length > 0 && movieTimescale) {
    const span = edits.reduce((sum, [segment]) => sum + segment, 0);
    if (span > 0) units = Math.min(units, Math.round((span * timescale) / movieTimescale));
  }
  return {
    handler: raw.handler,
    handlerAt: raw.handlerAt,
    durationSec: units !== null && timescale > 0 ? units / timescale : null,
    frameCount: samples.count,
    frameRate: samples.duration > 0 && timescale > 0 ? (timescale * samples.count) / samples.duration : null,
  };
}

/**
 * Reads the timing boxes of an ISO base media file (only moov's header, track headers and sample-time tables; never
 * the media data).
 * @param read reads bytes of the file (e.g. `File.slice(...).arrayBuffer()`)
 * @param fileSize bytes
 * @returns the timing, or null when the file has no `moov` (not an ISO base media file, or fragmented without one)
 */
export async function readMp4Timing(read: ByteReader, fileSize: number): Promise<Mp4Timing | null> {
  let movie: { timescale: number; duration: number } | null = null;
  const tracks: RawTrack[] = [];
  let track: RawTrack | null = null;
  let visited = 0;
  let sawMoov = false;

  const walk = async (from: number, to: number): Promise<void> => {
    let at = from;
    while (at + 8 <= to && visited++ < MAX_BOXES) {
      const box = parseBoxHeader(await read(at, 16), 0, at, to);
      if (!box) return;
      if (box.type === 'moov') sawMoov = true;
      if (box.type === 'trak') {
        track = { handler: '', handlerAt: null, media: null, edits: null, samples: null };
        tracks.push(track);
      }
      if (CONTAINERS.has(box.type)) {
        await walk(box.start + box.headerSize, box.start + box.size);
      } else if (READ.has(box.type) && box.size <= MAX_BOX_BYTES) {
        const body = (await read(box.start + box.headerSize, box.size - box.headerSize)).subarray(0, box.size - box.headerSize);
        const current = track as RawTrack | null;
        if (box.type === 'mvhd') movie = parseHeaderTimes(body);
        else if (current && box.type === 'mdhd') current.media = parseHeaderTimes(body);
        else if (current && box.type === 'hdlr' && current.handler === '' && body.length >= 12) {
          current.handler = String.fromCharCode(...body.subarray(8, 12));
          current.handlerAt = box.start + box.headerSize + 8;
        } else if (current && box.type === 'elst') current.edits = parseEdits(body);
        else if (current && box.type === 'stts') current.samples = parseSampleTimes(body);
      }
      at = box.start + box.size;
    }
  };

  await walk(0, fileSize);
  if (!sawMoov) return null;
  const header = movie as { timescale: number; duration: number } | null;
  const movieTimescale = header && header.timescale > 0 ? header.timescale : null;
  return {
    durationSec: header && movieTimescale && header.duration > 0 ? header.duration / movieTimescale : null,
    tracks: tracks.map((t) => trackTiming(t, movieTimescale)),
  };
}

/**
 * Whether a track holds video: handler `vide`, or `pict`, the handler of an AVIF image sequence's picture track
 * (AV1 Image File Format 1.1, section 7: an `avis` file's track is a 'pict' track with av01 samples; ffmpeg's mov
 * demuxer reads it as video).
 */
export function isVideoHandler(handler: string): boolean {
  return handler === 'vide' || handler === 'pict';
}

/**
 * Where an AVIF image sequence's picture tracks say `pict` (absolute offsets of the four handler bytes): the bytes a
 * demuxer that knows only `vide` tracks (mediabunny) must read as `vide` to see the sequence as the video it is.
 * @returns offsets, empty when no track is a `pict` track
 */
export function pictureHandlerOffsets(timing: Mp4Timing | null): number[] {
  return (timing?.tracks ?? []).filter((t) => t.handler === 'pict' && t.handlerAt !== null).map((t) => t.handlerAt as number);
}

/**
 * A copy of `bytes` (read at file offset `start`) with every handler type at `offsets` that it covers, wholly or in
 * part, replaced by `vide` (see {@link pictureHandlerOffsets}); `bytes` itself when it covers none.
 */
export function pictAsVide(bytes: Uint8Array, start: number, offsets: readonly number[]): Uint8Array {
  const end = start + bytes.length;
  const hits = offsets.filter((o) => o < end && o + 4 > start);
  if (hits.length === 0) return bytes;
  const out = new Uint8Array(bytes);
  for (const o of hits) {
    for (let i = 0; i < 4; i += 1) {
      const at = o + i - start;
      if (at >= 0 && at < out.length) out[at] = 'vide'.charCodeAt(i);
    }
  }
  return out;
}
