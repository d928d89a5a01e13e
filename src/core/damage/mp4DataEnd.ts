/**
 * Where the media data of an ISO base media file (MP4, MOV) really ends, read from the sample tables of `moov`
 * against the file's size: a download that stopped keeps its index (a faststart file's `moov` comes first) while the
 * `mdat` it indexes is cut. Only the boxes of `moov` are read, never the media data.
 *
 * Rules, from ISO/IEC 14496-12: a sample's bytes are at its chunk's offset (`stco`, `co64`) plus the sizes of the
 * samples before it in that chunk (`stsz`); chunks take their sample counts from `stsc` runs; decode times are the
 * `stts` deltas summed, presentation times add the `ctts` offsets; the first non-empty edit (`elst`) moves the
 * track's presentation start to its media time (as mediabunny and FFmpeg's mov.c do).
 */
import { parseBoxHeader, type ByteReader } from '../mp4/mp4Boxes';
import { parseEdits, parseHeaderTimes } from '../mp4/mp4Timing';

/** What the sample tables say against the file's size. */
export interface Mp4DataEnd {
  /** Bytes the tables index: the end of the last sample of any track. */
  indexedBytes: number;
  /** Video samples in the tables, and how many of them lie wholly inside the file. */
  videoSamples: number;
  presentSamples: number;
  /**
   * Presentation time (ms from the video's first frame) of the first missing video frame after the last present one:
   * from there on no frame can be decoded. Null when every video sample is in the file.
   */
  dataEndMs: number | null;
  /** Presentation time (ms) of the end of the last frame the tables index (its time plus its duration). */
  indexedEndMs: number;
}

const CONTAINERS = new Set(['moov', 'trak', 'mdia', 'minf', 'stbl', 'edts']);
const READ = new Set(['mdhd', 'hdlr', 'elst', 'stts', 'ctts', 'stsz', 'stz2', 'stsc', 'stco', 'co64']);
/** Limits against hostile files: boxes visited, bytes of one table, samples of one track. */
const MAX_BOXES = 10_000;
const MAX_TABLE_BYTES = 64 << 20;
const MAX_SAMPLES = 5_000_000;

interface Tables {
  handler: string;
  timescale: number;
  edits: Array<[number, number]>;
  stts: Uint8Array | null;
  ctts: Uint8Array | null;
  stsz: Uint8Array | null;
  stsc: Uint8Array | null;
  chunkOffsets: number[] | null;
}

const view = (b: Uint8Array) => new DataView(b.buffer, b.byteOffset, b.byteLength);

/** stsz body: each sample's size, bytes (a constant size repeats it). */
export function sampleSizes(body: Uint8Array): number[] {
  if (body.length < 12) return [];
  const v = view(body);
  const constant = v.getUint32(4);
  const count = Math.min(v.getUint32(8), MAX_SAMPLES);
  if (constant !== 0) return new Array<number>(count).fill(constant);
  const out: number[] = [];
  for (let i = 0, at = 12; i < count && at + 4 <= body.length; i += 1, at += 4) out.push(v.getUint32(at));
  return out;
}

/** stco (32-bit) or co64 (64-bit) body: each chunk's file offset, bytes. */
export function chunkOffsets(body: Uint8Array, wide: boolean): number[] {
  if (body.length < 8) return [];
  const v = view(body);
  const count = Math.min(v.getUint32(4), MAX_SAMPLES);
  const size = wide ? 8 : 4;
  const out: number[] = [];
  for (let i = 0, at = 8; i < count && at + size <= body.length; i += 1, at += size) {
    out.push(wide ? v.getUint32(at) * 2 ** 32 + v.getUint32(at + 4) : v.getUint32(at));
  }
  return out;
}

/** Each sample's file offset, from the chunk offsets, the stsc runs (first chunk, samples per chunk) and the sizes. */
export function sampleOffsets(offsets: readonly number[], stsc: Uint8Array, sizes: readonly number[]): number[] {
  const v = view(stsc);
  const runs: Array<[number, number]> = [];
  const entries = stsc.length >= 8 ? v.getUint32(4) : 0;
  for (let i = 0, at = 8; i < entries && at + 12 <= stsc.length; i += 1, at += 12) runs.push([v.getUint32(at), v.getUint32(at + 4)]);
  const out: number[] = [];
  let sample = 0;
  for (let chunk = 0; chunk < offsets.length && sample < sizes.length; chunk += 1) {
    let perChunk = 0;
    for (const [first, count] of runs) if (first <= chunk + 1) perChunk = count;
    let at = offsets[chunk] as number;
    for (let k = 0; k < perChunk && sample < sizes.length; k += 1, sample += 1) {
      out.push(at);
      at += sizes[sample] as number;
    }
  }
  return out;
}

/** stts then ctts: each sample's presentation time in the media timescale, and each sample's duration. */
function presentationTimes(stts: Uint8Array, ctts: Uint8Array | null, count: number): { pts: number[]; durations: number[] } {
  const pts: number[] = [];
  const durations: number[] = [];
  const v = view(stts);
  let dts = 0;
  const entries = stts.length >= 8 ? v.getUint32(4) : 0;
  for (let i = 0, at = 8; i < entries && at + 8 <= stts.length && pts.length < count; i += 1, at += 8) {
    const samples = v.getUint32(at);
    const delta = Math.max(0, v.getInt32(at + 4));
    for (let k = 0; k < samples && pts.length < count; k += 1) {
      pts.push(dts);
      durations.push(delta);
      dts += delta;
    }
  }
  if (ctts && ctts.length >= 8) {
    const c = view(ctts);
    const version = ctts[0];
    let sample = 0;
    const runs = c.getUint32(4);
    for (let i = 0, at = 8; i < runs && at + 8 <= ctts.length && sample < pts.length; i += 1, at += 8) {
      const samples = c.getUint32(at);
      const offset = version === 1 ? c.getInt32(at + 4) : c.getUint32(at + 4);
      for (let k = 0; k < samples && sample < pts.length; k += 1, sample += 1) pts[sample] = (pts[sample] as number) + offset;
    }
  }
  return { pts, durations };
}

/**
 * Where a track's data ends against the file size.
 * @returns the end of its indexed bytes, and for its samples whether each is wholly in the file
 */
function trackBytes(t: Tables, fileSize: number): { indexedBytes: number; present: boolean[] } {
  const sizes = t.stsz ? sampleSizes(t.stsz) : [];
  const offsets = t.chunkOffsets && t.stsc ? sampleOffsets(t.chunkOffsets, t.stsc, sizes) : [];
  let indexedBytes = 0;
  const present = offsets.map((at, i) => {
    const end = at + (sizes[i] as number);
    indexedBytes = Math.max(indexedBytes, end);
    return end <= fileSize;
  });
  return { indexedBytes, present };
}

/**
 * The video track's data against the file size (see the module comment).
 * @param read reads bytes of the file; @param fileSize bytes
 * @returns the figures, or null when the file has no `moov` with a video track and its sample tables (not ISO BMFF,
 *   a fragmented file whose samples live in `moof` boxes, or tables too damaged to read)
 */
export async function readMp4DataEnd(read: ByteReader, fileSize: number): Promise<Mp4DataEnd | null> {
  const tracks: Tables[] = [];
  let track: Tables | null = null;
  let visited = 0;
  const walk = async (from: number, to: number): Promise<void> => {
    let at = from;
    while (at + 8 <= to && visited++ < MAX_BOXES) {
      const box = parseBoxHeader(await read(at, 16), 0, at, to);
      if (!box) return;
      if (box.type === 'trak') {
        track = { handler: '', timescale: 0, edits: [], stts: null, ctts: null, stsz: null, stsc: null, chunkOffsets: null };
        tracks.push(track);
      }
      if (CONTAINERS.has(box.type)) await walk(box.start + box.headerSize, box.start + box.size);
      else if (READ.has(box.type) && box.size <= MAX_TABLE_BYTES && track) {
        const body = (await read(box.start + box.headerSize, box.size - box.headerSize)).subarray(0, box.size - box.headerSize);
        const t = track as Tables;
        if (box.type === 'mdhd') t.timescale = parseHeaderTimes(body)?.timescale ?? 0;
        else if (box.type === 'hdlr' && t.handler === '' && body.length >= 12) t.handler = String.fromCharCode(...body.subarray(8, 12));
        else if (box.type === 'elst') t.edits = parseEdits(body);
        else if (box.type === 'stts') t.stts = body;
        else if (box.type === 'ctts') t.ctts = body;
        else if (box.type === 'stsz') t.stsz = body;
        else if (box.type === 'stsc') t.stsc = body;
        else if (box.type === 'stco' || box.type === 'co64') t.chunkOffsets = chunkOffsets(body, box.type === 'co64');
      }
      at = box.start + box.size;
    }
  };
  await walk(0, fileSize);
  const video = tracks.find((t) => t.handler === 'vide' && t.stts && t.stsz && t.stsc && t.chunkOffsets && t.timescale > 0);
  if (!video) return null;
  let indexedBytes = 0;
  for (const t of tracks) indexedBytes = Math.max(indexedBytes, trackBytes(t, fileSize).indexedBytes);
  const { present } = trackBytes(video, fileSize);
  if (present.length === 0) return null;
  const { pts, durations } = presentationTimes(video.stts as Uint8Array, video.ctts, present.length);
  const shift = video.edits.find(([, mediaTime]) => mediaTime >= 0)?.[1] ?? Math.min(...pts);
  const ms = (units: number) => ((units - shift) * 1000) / video.timescale;
  let lastPresent = -Infinity;
  let indexedEnd = 0;
  for (let i = 0; i < pts.length; i += 1) {
    indexedEnd = Math.max(indexedEnd, (pts[i] as number) + (durations[i] as number));
    if (present[i]) lastPresent = Math.max(lastPresent, pts[i] as number);
  }
  let dataEnd: number | null = null;
  for (let i = 0; i < pts.length; i += 1) {
    const p = pts[i] as number;
    if (!present[i] && p > lastPresent && (dataEnd === null || p < dataEnd)) dataEnd = p;
  }
  return {
    indexedBytes,
    videoSamples: pts.length,
    presentSamples: present.filter(Boolean).length,
    dataEndMs: dataEnd === null ? null : Math.max(0, ms(dataEnd)),
    indexedEndMs: Math.max(0, ms(indexedEnd)),
  };
}
