/**
 * Reads what a DASH MPD needs to play a single-file video in the ISO BMFF on-demand profile (ISO/IEC 23009-1 §8.3:
 * one fragmented MP4 per Representation, addressed by `SegmentBase`): the byte range of the initialization segment
 * (from the file's start to the end of `moov`), the byte range of the segment index (`sidx`, ISO/IEC 14496-12 §8.16.3)
 * and the video's codec string (RFC 6381 `codecs`), size and peak bit rate.
 *
 * Such a file is what `ffmpeg -f mp4 -movflags +frag_keyframe+empty_moov+default_base_moof+global_sidx`,
 * `ffmpeg -f dash -single_file 1` or `MP4Box -dash` write: `ftyp`, `moov` (with `mvex`), `sidx`, then `moof`/`mdat`
 * pairs. A progressive MP4 (one `mdat`, sample tables in `moov`) has no `sidx`; a DASH player cannot find its
 * segments, and the answer says so.
 *
 * Only box headers are read up to the first `moof` or `mdat` at the top level, then `moov` and `sidx` whole (never the
 * media data).
 */
import { parseBoxHeader, type BoxHeader, type ByteReader } from './mp4Boxes';

/** One entry of the `sidx`: the subsegment's bytes and duration (sidx timescale). */
export interface SidxReference {
  /** referenced_size, bytes. */
  bytes: number;
  /** subsegment_duration, in `timescale` units. */
  duration: number;
}

/** A single-file on-demand video, as the MPD's Representation and SegmentBase name it. */
export interface OnDemandVideo {
  /** Initialization segment: bytes [0, initEnd) (ftyp and moov), i.e. `Initialization range="0-<initEnd - 1>"`. */
  initEnd: number;
  /** The `sidx` box: bytes [start, end), i.e. `indexRange="<start>-<end - 1>"`. */
  index: { start: number; end: number };
  /** sidx timescale, units per second. */
  timescale: number;
  /** sidx earliest_presentation_time of the first subsegment, in `timescale` units. */
  earliestPresentationTime: number;
  references: SidxReference[];
  /** RFC 6381 codec string of the video's sample entry, e.g. "avc1.64001f". */
  codecs: string;
  /** Presentation size from `tkhd` (the sample entry's coded size when tkhd gives none), px. */
  width: number;
  height: number;
}

/** Why a file cannot be played as a single-file DASH video. */
export type NotOnDemand =
  | { reason: 'not-mp4' }
  | { reason: 'no-sidx' }
  | { reason: 'not-fragmented' }
  | { reason: 'tracks'; tracks: number }
  | { reason: 'not-video'; handler: string }
  | { reason: 'codec'; sampleEntry: string };

/** Types the first top-level box of an ISO base media file can have. */
const FIRST_BOXES = new Set(['ftyp', 'styp', 'moov', 'free', 'skip', 'wide', 'pdin', 'uuid', 'meta', 'pnot']);
/** Limits against hostile files: top-level boxes visited, bytes of moov and sidx read. */
const MAX_TOP_BOXES = 1000;
const MAX_MOOV_BYTES = 16 << 20;
const MAX_SIDX_BYTES = 4 << 20;

function view(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function fourCC(bytes: Uint8Array, at: number): string {
  return String.fromCharCode(bytes[at] ?? 0, bytes[at + 1] ?? 0, bytes[at + 2] ?? 0, bytes[at + 3] ?? 0);
}

/** Child boxes of the box body bytes[from, to). */
function children(bytes: Uint8Array, from: number, to: number): BoxHeader[] {
  const out: BoxHeader[] = [];
  let at = from;
  while (at + 8 <= to) {
    const box = parseBoxHeader(bytes.subarray(0, to), at, at, to);
    if (!box) break;
    out.push(box);
    at += box.size;
  }
  return out;
}

const body = (box: BoxHeader) => ({ from: box.start + box.headerSize, to: box.start + box.size });
const child = (bytes: Uint8Array, parent: BoxHeader, type: string) =>
  children(bytes, body(parent).from, body(parent).to).find((b) => b.type === type);

/**
 * Parses a `sidx` box (the whole box, header included), ISO/IEC 14496-12 §8.16.3: FullBox, reference_ID, timescale,
 * earliest_presentation_time and first_offset (32-bit in version 0, 64-bit in 1), reserved, reference_count, then
 * per reference (reference_type:1, referenced_size:31), subsegment_duration, SAP fields.
 * @returns timescale, earliest presentation time and the references, or null when the box is too short or its
 *   timescale is 0
 */
export function parseSidx(sidx: Uint8Array): { timescale: number; earliestPresentationTime: number; references: SidxReference[] } | null {
  const header = parseBoxHeader(sidx, 0, 0, sidx.length);
  if (!header || header.type !== 'sidx') return null;
  const v = view(sidx);
  let at = header.headerSize;
  if (sidx.length < at + 12) return null;
  const version = sidx[at];
  const timescale = v.getUint32(at + 8);
  at += 12;
  let earliestPresentationTime: number;
  if (version === 1) {
    if (sidx.length < at + 16) return null;
    earliestPresentationTime = v.getUint32(at) * 2 ** 32 + v.getUint32(at + 4);
    at += 16;
  } else {
    if (sidx.length < at + 8) return null;
    earliestPresentationTime = v.getUint32(at);
    at += 8;
  }
  if (sidx.length < at + 4 || timescale === 0) return null;
  const count = v.getUint16(at + 2);
  at += 4;
  if (sidx.length < at + count * 12) return null;
  const references: SidxReference[] = [];
  for (let k = 0; k < count; k++, at += 12) {
    references.push({ bytes: v.getUint32(at) & 0x7fffffff, duration: v.getUint32(at + 4) });
  }
  return { timescale, earliestPresentationTime, references };
}

const hex2 = (n: number) => n.toString(16).padStart(2, '0');
const dec2 = (n: number) => String(n).padStart(2, '0');

/**
 * The RFC 6381 codec string of a video sample entry.
 * @param entry the whole sample entry box (VisualSampleEntry: 78 bytes of fields after its header, then its boxes)
 * @returns the string, or null for a sample entry type not listed here or without its configuration box:
 *   - `avc1`/`avc3` (avcC): `avc1.PPCCLL`, profile, constraint flags and level in hex (ISO/IEC 14496-15 §5, RFC 6381 §3.3);
 *   - `hvc1`/`hev1` (hvcC): `hvc1.[A-C]<profile>.<compatibility flags, bit-reversed, hex>.<L|H><level>[.<constraint
 *     bytes, hex, trailing zero bytes left out>]` (ISO/IEC 14496-15 Annex E.3);
 *   - `vp09` (vpcC): `vp09.PP.LL.DD`, profile, level, bit depth (VP Codec ISO Media File Format Binding §"Codecs Parameter String");
 *   - `av01` (av1C): `av01.P.LLT.DD`, profile, level, tier M/H, bit depth (AV1 Codec ISO Media File Format Binding §5).
 */
export function codecString(entry: Uint8Array): string | null {
  const header = parseBoxHeader(entry, 0, 0, entry.length);
  if (!header) return null;
  const config = (type: string) => children(entry, header.headerSize + 78, header.size).find((b) => b.type === type);
  const at = (box: BoxHeader) => box.start + box.headerSize;
  const byte = (k: number) => entry[k] ?? 0;
  switch (header.type) {
    case 'avc1':
    case 'avc3': {
      const avcC = config('avcC');
      if (!avcC || avcC.size - avcC.headerSize < 4) return null;
      const p = at(avcC);
      return `${header.type}.${hex2(byte(p + 1))}${hex2(byte(p + 2))}${hex2(byte(p + 3))}`;
    }
    case 'hvc1':
    case 'hev1': {
      const hvcC = config('hvcC');
      if (!hvcC || hvcC.size - hvcC.headerSize < 13) return null;
      const p = at(hvcC);
      const space = byte(p + 1) >> 6;
      const tier = (byte(p + 1) >> 5) & 1;
      const profile = byte(p + 1) & 0x1f;
      let flags = view(entry).getUint32(p + 2);
      let reversed = 0;
      for (let bit = 0; bit < 32; bit++, flags >>>= 1) reversed = (reversed << 1) | (flags & 1);
      const constraints = Array.from({ length: 6 }, (_, k) => byte(p + 6 + k));
      while (constraints.length > 0 && constraints[constraints.length - 1] === 0) constraints.pop();
      const parts = [
        header.type,
        `${['', 'A', 'B', 'C'][space]}${profile}`,
        (reversed >>> 0).toString(16),
        `${tier ? 'H' : 'L'}${byte(p + 12)}`,
      ];
      return [...parts, ...constraints.map((c) => c.toString(16).toUpperCase())].join('.');
    }
    case 'vp09': {
      const vpcC = config('vpcC');
      if (!vpcC || vpcC.size - vpcC.headerSize < 7) return null;
      const p = at(vpcC) + 4; // FullBox version and flags
      return `vp09.${dec2(byte(p))}.${dec2(byte(p + 1))}.${dec2(byte(p + 2) >> 4)}`;
    }
    case 'av01': {
      const av1C = config('av1C');
      if (!av1C || av1C.size - av1C.headerSize < 3) return null;
      const p = at(av1C);
      const profile = byte(p + 1) >> 5;
      const level = byte(p + 1) & 0x1f;
      const tier = byte(p + 2) >> 7 ? 'H' : 'M';
      const depth = (byte(p + 2) >> 6) & 1 ? ((byte(p + 2) >> 5) & 1 ? 12 : 10) : 8;
      return `av01.${profile}.${dec2(level)}${tier}.${dec2(depth)}`;
    }
    default:
      return null;
  }
}

/** tkhd body: the track's presentation width and height (16.16 fixed point at the end of the box), px. */
function tkhdSize(bytes: Uint8Array, tkhd: BoxHeader): { width: number; height: number } {
  const { from, to } = body(tkhd);
  const at = from + (bytes[from] === 1 ? 88 : 76);
  if (at + 8 > to) return { width: 0, height: 0 };
  const v = view(bytes);
  return { width: Math.round(v.getUint32(at) / 65536), height: Math.round(v.getUint32(at + 4) / 65536) };
}

/**
 * Reads a file's on-demand DASH facts.
 * @param read reads bytes of the file (e.g. `File.slice(...).arrayBuffer()`)
 * @param fileSize bytes
 * @returns `{ ok: true, video }`, or `{ ok: false, why }`: not an ISO base media file (`not-mp4`); no `sidx` before
 *   the media data (`no-sidx`: a progressive MP4); a `sidx` but no `mvex` in `moov` (`not-fragmented`); other than
 *   one track (`tracks`: the on-demand profile has one Representation, so one track, per file); a track that is not
 *   video (`not-video`); a codec whose string is not known here (`codec`)
 * Source: ISO/IEC 23009-1 §8.3 (on-demand profile), §5.3.9.2 (SegmentBase indexRange, Initialization range);
 *   ISO/IEC 14496-12 §8.16.3 (sidx).
 */
export async function readOnDemandVideo(
  read: ByteReader,
  fileSize: number,
): Promise<{ ok: true; video: OnDemandVideo } | { ok: false; why: NotOnDemand }> {
  let moov: BoxHeader | null = null;
  let sidx: BoxHeader | null = null;
  let at = 0;
  for (let visited = 0; at + 8 <= fileSize && visited < MAX_TOP_BOXES; visited++) {
    const box = parseBoxHeader(await read(at, 16), 0, at, fileSize);
    if (at === 0 && (!box || !FIRST_BOXES.has(box.type))) return { ok: false, why: { reason: 'not-mp4' } };
    if (!box || box.type === 'moof' || box.type === 'mdat') break;
    if (box.type === 'moov' && !moov) moov = box;
    if (box.type === 'sidx' && !sidx) sidx = box;
    at = box.start + box.size;
  }
  if (!moov || !sidx || sidx.size > MAX_SIDX_BYTES || sidx.start < moov.start) return { ok: false, why: { reason: 'no-sidx' } };
  const index = parseSidx(await read(sidx.start, sidx.size));
  if (!index || index.references.length === 0) return { ok: false, why: { reason: 'no-sidx' } };
  if (moov.size > MAX_MOOV_BYTES) return { ok: false, why: { reason: 'not-fragmented' } };
  const bytes = await read(moov.start, moov.size);
  const top = children(bytes, moov.headerSize, moov.size);
  if (!top.some((b) => b.type === 'mvex')) return { ok: false, why: { reason: 'not-fragmented' } };
  const traks = top.filter((b) => b.type === 'trak');
  const trak = traks[0];
  if (!trak || traks.length !== 1) return { ok: false, why: { reason: 'tracks', tracks: traks.length } };
  const mdia = child(bytes, trak, 'mdia');
  const hdlr = mdia && child(bytes, mdia, 'hdlr');
  // hdlr: FullBox (4 bytes), pre_defined (4), handler_type.
  const handler = hdlr ? fourCC(bytes, body(hdlr).from + 8) : '';
  if (handler !== 'vide') return { ok: false, why: { reason: 'not-video', handler } };
  const minf = mdia && child(bytes, mdia, 'minf');
  const stbl = minf && child(bytes, minf, 'stbl');
  const stsd = stbl && child(bytes, stbl, 'stsd');
  // stsd: FullBox (4 bytes), entry_count (4), then the sample entries.
  const entry = stsd && children(bytes, body(stsd).from + 8, body(stsd).to)[0];
  const entryBytes = entry ? bytes.subarray(entry.start, entry.start + entry.size) : null;
  const codecs = entryBytes ? codecString(entryBytes) : null;
  if (!entry || !entryBytes || !codecs) return { ok: false, why: { reason: 'codec', sampleEntry: entry?.type ?? '' } };
  const tkhd = child(bytes, trak, 'tkhd');
  let size = tkhd ? tkhdSize(bytes, tkhd) : { width: 0, height: 0 };
  if (size.width === 0 || size.height === 0) {
    // VisualSampleEntry: 6 reserved, data_reference_index (2), 16 bytes pre_defined/reserved, then width, height.
    const v = view(entryBytes);
    size = { width: v.getUint16(entry.headerSize + 24), height: v.getUint16(entry.headerSize + 26) };
  }
  return {
    ok: true,
    video: {
      initEnd: moov.start + moov.size,
      index: { start: sidx.start, end: sidx.start + sidx.size },
      timescale: index.timescale,
      earliestPresentationTime: index.earliestPresentationTime,
      references: index.references,
      codecs,
      ...size,
    },
  };
}
