/**
 * What an AVI file's own chunks say about its video, against what its header declares: the frames the file holds
 * (the `idx1` index when it is whole, else the chunks of the `movi` lists walked one by one) and whether the file
 * ends before the RIFF sizes say it does (a cut file).
 *
 * Rules, from Microsoft's AVI RIFF reference and the OpenDML AVI 2.0 extensions: a file is `RIFF` `AVI ` then, for
 * files past 1 GB, `RIFF` `AVIX` lists; the `hdrl` list holds `avih` (dwMicroSecPerFrame at byte 0, dwTotalFrames at
 * 16) and one `strl` per stream whose `strh` gives fccType (`vids` for video), dwScale (20), dwRate (24) and dwLength
 * (32, the stream's frames); `odml`/`dmlh` gives the total frames of an OpenDML file. A stream's chunks in `movi`
 * are named by its number in two digits and `dc` (compressed) or `db` (uncompressed) for video; `LIST` `rec ` groups
 * chunks. Chunks are padded to an even size. `idx1` entries (16 bytes: ckid, flags, offset, size) are offsets from
 * the `movi` four-character code, or from the file's start (both occur; FFmpeg's avidec.c tells them apart the same
 * way, by the first entry).
 */
import type { ByteReader } from '../mp4/mp4Boxes';
import { WindowReader } from './windowReader';

/** What the chunks say. Frames are the video stream's. */
export interface AviFrames {
  /** Frames the header declares (strh dwLength, else dmlh, else avih dwTotalFrames); null when none is given. */
  headerFrames: number | null;
  /** Frames per second the header declares (dwRate / dwScale, else 1e6 / dwMicroSecPerFrame); null when none. */
  headerRate: number | null;
  /** Video frames wholly inside the file; null when they cannot be counted cheaply (no index and no walk allowed). */
  frames: number | null;
  /** Whether the file ends before its RIFF lists do (the data was cut). */
  cut: boolean;
  /** Share of the bytes the RIFF lists announce that the file holds, 0-1. */
  presentShare: number;
}

/** Limits against hostile files: chunks walked, bytes of `hdrl` and of `idx1`. */
const MAX_CHUNKS = 2_000_000;
const MAX_HDRL_BYTES = 1 << 20;
const MAX_IDX1_BYTES = 64 << 20;

const fourcc = (b: Uint8Array, at: number) => String.fromCharCode(b[at] ?? 0, b[at + 1] ?? 0, b[at + 2] ?? 0, b[at + 3] ?? 0);
const u32 = (b: Uint8Array, at: number) => new DataView(b.buffer, b.byteOffset, b.byteLength).getUint32(at, true);

interface Header {
  headerFrames: number | null;
  headerRate: number | null;
  /** The video stream's chunk ids ('00dc', '00db'), or null when no stream is video. */
  ids: [string, string] | null;
}

/** The `hdrl` list's body (after `hdrl`): the video stream and what the header declares. */
export function parseHdrl(body: Uint8Array): Header {
  let avihFrames = 0;
  let usPerFrame = 0;
  let dmlhFrames = 0;
  let stream = -1;
  let video: { n: number; scale: number; rate: number; length: number } | null = null;
  const walk = (from: number, to: number) => {
    for (let at = from; at + 8 <= to;) {
      const id = fourcc(body, at);
      const size = u32(body, at + 4);
      const data = at + 8;
      if (id === 'LIST' && data + 4 <= to) {
        walk(data + 4, Math.min(to, data + size));
      } else if (id === 'avih' && data + 20 <= to) {
        usPerFrame = u32(body, data);
        avihFrames = u32(body, data + 16);
      } else if (id === 'strh' && data + 36 <= to) {
        stream += 1;
        if (!video && fourcc(body, data) === 'vids') {
          video = { n: stream, scale: u32(body, data + 20), rate: u32(body, data + 24), length: u32(body, data + 32) };
        }
      } else if (id === 'dmlh' && data + 4 <= to) {
        dmlhFrames = u32(body, data);
      }
      at = data + size + (size % 2);
    }
  };
  walk(0, body.length);
  const v = video as { n: number; scale: number; rate: number; length: number } | null;
  const rate = v && v.scale > 0 && v.rate > 0 ? v.rate / v.scale : usPerFrame > 0 ? 1e6 / usPerFrame : null;
  const frames = (v && v.length > 0 ? v.length : 0) || dmlhFrames || avihFrames;
  const n = v ? String(v.n).padStart(2, '0') : null;
  return { headerFrames: frames > 0 ? frames : null, headerRate: rate, ids: n ? [`${n}dc`, `${n}db`] : null };
}

/** Video entries of an `idx1` body whose data lies wholly inside the file, or null when the offsets do not fit. */
export function countIdx1(body: Uint8Array, ids: [string, string], moviFourcc: number, size: number): number | null {
  const entries = Math.floor(body.length / 16);
  if (entries === 0) return 0;
  // Offsets from the `movi` code unless the first entry already points at or past it (then from the file's start).
  const base = u32(body, 8) >= moviFourcc ? 0 : moviFourcc;
  let count = 0;
  for (let i = 0; i < entries; i += 1) {
    const at = i * 16;
    const id = fourcc(body, at);
    if (id !== ids[0] && id !== ids[1]) continue;
    const end = base + u32(body, at + 8) + 8 + u32(body, at + 12);
    if (end > size) break;
    count += 1;
  }
  return count;
}

/**
 * Reads what an AVI's chunks say (see the module comment).
 * @param read reads bytes [offset, offset + length) of the file
 * @param size the file's size, bytes
 * @param walk whether the `movi` chunks may be walked when there is no whole `idx1` (one read per 64 KiB or per
 *   larger chunk: fine for a local file, too many requests for a URL)
 * @returns the figures, or null when the file is not an AVI or has no video stream
 * @throws what the reader throws
 */
export async function readAviFrames(read: ByteReader, size: number, walk: boolean): Promise<AviFrames | null> {
  const r = new WindowReader(read, size);
  const head = await r.at(0, 12);
  if (head.length < 12 || fourcc(head, 0) !== 'RIFF' || fourcc(head, 8) !== 'AVI ') return null;
  let header: Header | null = null;
  let idx1Frames: number | null = null;
  const movis: Array<[number, number]> = [];
  let announcedEnd = 0;
  // Top level: RIFF AVI and any RIFF AVIX lists, one after another.
  for (let riff = 0; riff + 12 <= size;) {
    const top = await r.at(riff, 12);
    if (top.length < 12 || fourcc(top, 0) !== 'RIFF') break;
    const riffEnd = riff + 8 + u32(top, 4);
    announcedEnd = Math.max(announcedEnd, riffEnd);
    for (let at = riff + 12; at + 8 <= Math.min(riffEnd, size);) {
      const h = await r.at(at, 12);
      const id = fourcc(h, 0);
      const chunkSize = u32(h, 4);
      const list = id === 'LIST' ? fourcc(h, 8) : '';
      if (list === 'hdrl' && !header && chunkSize <= MAX_HDRL_BYTES) {
        header = parseHdrl(await read(at + 12, Math.min(chunkSize - 4, size - at - 12)));
      } else if (list === 'movi') {
        movis.push([at + 8, at + 8 + chunkSize]);
      } else if (id === 'idx1' && header?.ids && movis.length === 1 && at + 8 + chunkSize <= size && chunkSize <= MAX_IDX1_BYTES) {
        idx1Frames = countIdx1(await read(at + 8, chunkSize), header.ids, (movis[0] as [number, number])[0], size);
      }
      at += 8 + chunkSize + (chunkSize % 2);
    }
    riff = riffEnd + (riffEnd % 2);
  }
  if (!header?.ids) return null;
  const cut = announcedEnd > size || movis.some(([, end]) => end > size);
  let frames = cut ? null : idx1Frames;
  if (frames === null && walk) frames = await walkMovi(r, movis, header.ids);
  return {
    headerFrames: header.headerFrames,
    headerRate: header.headerRate,
    frames,
    cut,
    presentShare: announcedEnd > 0 ? Math.min(1, size / announcedEnd) : 1,
  };
}

/** Video chunks wholly inside the file, counted by walking the `movi` lists (into `rec ` lists). */
async function walkMovi(r: WindowReader, movis: Array<[number, number]>, ids: [string, string]): Promise<number> {
  let frames = 0;
  let visited = 0;
  for (const [from, to] of movis) {
    for (let at = from + 4; at + 8 <= Math.min(to, r.size) && visited < MAX_CHUNKS; visited += 1) {
      const h = await r.at(at, 12);
      if (h.length < 8) break;
      const id = fourcc(h, 0);
      const chunkSize = u32(h, 4);
      if (id === 'LIST') {
        at += 12; // into the list (`rec `)
        continue;
      }
      if (!/^[\w ]{4}$/.test(id)) break; // not a chunk: damaged from here on
      if (at + 8 + chunkSize > r.size) break;
      if (id === ids[0] || id === ids[1]) frames += 1;
      at += 8 + chunkSize + (chunkSize % 2);
    }
  }
  return frames;
}
