/**
 * What an MXF file's own packets say about its video: the picture essence elements it holds (one per frame in a
 * frame-wrapped file) and whether the file ends inside a packet or before the footer partition its header points to
 * (a cut file).
 *
 * Rules, from SMPTE ST 377-1 (MXF file format) and ST 379-1/2 (generic container): the file is a run of KLV packets,
 * a 16-byte key, a BER length (one byte below 0x80, else 0x80 + n and n bytes, big-endian) and the value. Keys of
 * essence elements begin 06 0E 2B 34 01 02 01 .. 0D 01 03 01; their 13th byte is the item type, 0x15 (generic
 * container picture) or 0x05 (SMPTE D-10/CP picture). Partition packs begin 06 0E 2B 34 02 05 01 01 0D 01 02 01 01,
 * their 14th byte 0x02 for the header partition, whose value holds FooterPartition (8 bytes at byte 24).
 */
import type { ByteReader } from '../mp4/mp4Boxes';
import { WindowReader } from './windowReader';

/** What the packets say. */
export interface MxfFrames {
  /** Picture essence elements of the first picture track wholly inside the file (frames, in a frame-wrapped file). */
  frames: number;
  /** Whether the file ends inside a packet or before its footer partition (the data was cut). */
  cut: boolean;
  /** Share of the bytes up to the footer partition that the file holds, 0-1; null when the header gives no footer. */
  presentShare: number | null;
}

/** Limit against hostile files: packets walked. */
const MAX_PACKETS = 4_000_000;

const ESSENCE = [0x06, 0x0e, 0x2b, 0x34, 0x01, 0x02, 0x01];
const PARTITION = [0x06, 0x0e, 0x2b, 0x34, 0x02, 0x05, 0x01, 0x01, 0x0d, 0x01, 0x02, 0x01, 0x01];
const starts = (b: Uint8Array, prefix: number[], at = 0) => prefix.every((x, i) => b[at + i] === x);

/** Whether a key names a picture essence element. */
export function isPictureKey(key: Uint8Array): boolean {
  return (
    starts(key, ESSENCE) &&
    key[8] === 0x0d &&
    key[9] === 0x01 &&
    key[10] === 0x03 &&
    key[11] === 0x01 &&
    (key[12] === 0x15 || key[12] === 0x05)
  );
}

/** A BER length at `at`: [length, bytes it took], or null when malformed or longer than 8 bytes. */
export function berLength(b: Uint8Array, at: number): [number, number] | null {
  const first = b[at];
  if (first === undefined) return null;
  if (first < 0x80) return [first, 1];
  const n = first & 0x7f;
  if (n === 0 || n > 8 || at + 1 + n > b.length) return null;
  let length = 0;
  for (let i = 0; i < n; i += 1) length = length * 256 + (b[at + 1 + i] as number);
  return [length, 1 + n];
}

/**
 * Walks an MXF file's packets (one read per 64 KiB or per larger packet; no essence is read).
 * @param read reads bytes [offset, offset + length) of the file
 * @param size the file's size, bytes
 * @returns the figures, or null when the file does not start with a header partition pack, or holds no picture
 *   element it can count (a clip-wrapped file keeps all its frames in one element)
 * @throws what the reader throws
 */
export async function readMxfFrames(read: ByteReader, size: number): Promise<MxfFrames | null> {
  const r = new WindowReader(read, size);
  let frames = 0;
  let pictures = 0;
  /** The last four bytes of the first picture key: its track's elements are the ones counted. */
  let track: string | null = null;
  let footer: number | null = null;
  let cut = false;
  let at = 0;
  for (let visited = 0; at < size && visited < MAX_PACKETS; visited += 1) {
    const h = await r.at(at, 25);
    if (h.length < 17) {
      cut = true;
      break;
    }
    if (visited === 0 && !(starts(h, PARTITION) && h[13] === 0x02)) return null;
    // Damage in the middle of the file: the walk cannot go on, and the frames counted so far are not all of them.
    if (h[0] !== 0x06 || h[1] !== 0x0e || h[2] !== 0x2b || h[3] !== 0x34) return null;
    const ber = berLength(h, 16);
    if (!ber) {
      if (h.length === 25) return null;
      cut = true; // the file ends inside the length
      break;
    }
    const valueAt = at + 16 + ber[1];
    const end = valueAt + ber[0];
    if (visited === 0) {
      const pack = await r.at(valueAt, 32);
      if (pack.length >= 32) {
        const v = new DataView(pack.buffer, pack.byteOffset, pack.byteLength);
        const footerAt = Number(v.getBigUint64(24));
        footer = footerAt > 0 ? footerAt : null;
      }
    }
    if (isPictureKey(h)) {
      const element = h.subarray(12, 16).join('.');
      track ??= element;
      if (element === track) {
        pictures += 1;
        if (end <= size) frames += 1;
      }
    }
    if (end > size) {
      cut = true;
      break;
    }
    at = end;
  }
  if (footer !== null && footer >= size) cut = true;
  if (frames === 0 || (pictures === 1 && cut)) return null;
  return { frames, cut, presentShare: footer !== null ? Math.min(1, size / footer) : null };
}
