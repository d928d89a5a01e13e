/**
 * Where an MPEG-TS file's video really starts and ends, from the presentation times (PTS) of its video PES packets
 * at the head and at the tail of the file: what a duration estimated from a damaged timestamp is checked against,
 * and the frame rate the packets show.
 *
 * Rules, from ISO/IEC 13818-1: 188-byte packets (192 in M2TS, a 4-byte timestamp first) starting 0x47; PID in the
 * 13 low bits of bytes 1-2; payload_unit_start_indicator 0x40 of byte 1; adaptation_field_control in bits 4-5 of
 * byte 3 (an adaptation field, its length first, comes before the payload); a PES packet starts 00 00 01 and its
 * stream_id, 0xE0-0xEF for video; PTS_DTS_flags in byte 7, the 33-bit PTS in bytes 9-13 at 90 kHz.
 */
import type { ByteReader } from '../mp4/mp4Boxes';
import { dropStrayTimes, regularRate } from './packetRate';

/** Bytes read at each end of the file. */
export const TS_END_BYTES = 1 << 20;
const WRAP = 2 ** 33;

/** A video PES packet's PTS, in file order. */
export interface PesTime {
  pid: number;
  /** 90 kHz ticks. */
  pts: number;
}

/** The packet size (188 or 192) and offset of the first sync byte, or null when the bytes are not MPEG-TS. */
export function tsSync(b: Uint8Array): { size: number; first: number } | null {
  for (const size of [188, 192]) {
    for (let first = 0; first < size && first + 2 * size < b.length; first += 1) {
      if (b[first] === 0x47 && b[first + size] === 0x47 && b[first + 2 * size] === 0x47) return { size, first };
    }
  }
  return null;
}

/** The PTS of the video PES packets that start in these bytes, in file order. */
export function videoPesTimes(b: Uint8Array): PesTime[] {
  const sync = tsSync(b);
  if (!sync) return [];
  const out: PesTime[] = [];
  for (let at = sync.first; at + 188 <= b.length; at += sync.size) {
    if (b[at] !== 0x47) continue;
    const b1 = b[at + 1] as number;
    if (!(b1 & 0x40)) continue;
    const control = ((b[at + 3] as number) >> 4) & 3;
    if (!(control & 1)) continue;
    const payload = at + 4 + (control & 2 ? 1 + (b[at + 4] as number) : 0);
    if (payload + 14 > at + 188) continue;
    if (b[payload] !== 0 || b[payload + 1] !== 0 || b[payload + 2] !== 1) continue;
    const streamId = b[payload + 3] as number;
    if (streamId < 0xe0 || streamId > 0xef || !((b[payload + 7] as number) & 0x80)) continue;
    const p = payload + 9;
    const pts =
      (((b[p] as number) >> 1) & 0x07) * 2 ** 30 +
      ((((b[p + 1] as number) << 7) | ((b[p + 2] as number) >> 1)) << 15) +
      (((b[p + 3] as number) << 7) | ((b[p + 4] as number) >> 1));
    out.push({ pid: ((b1 & 0x1f) << 8) | (b[at + 2] as number), pts });
  }
  return out;
}

/** What the PTS say. Times: ms. */
export interface TsTimes {
  /** The video's first presentation time, ms (90 kHz clock). */
  firstMs: number;
  /** The end of its last frame (last presentation time plus one frame), ms from firstMs. */
  endMs: number;
  /** The frame rate the packets at the head show, when regular (core/damage/packetRate.ts). */
  frameRate: number | null;
}

/**
 * Reads the PTS at both ends of an MPEG-TS file (two reads of at most 1 MiB; one for a small file).
 * @param read reads bytes [offset, offset + length) of the file
 * @param size the file's size, bytes
 * @returns the figures, or null when the bytes are not MPEG-TS or no video PES with a PTS is found at either end
 * @throws what the reader throws
 */
export async function readTsTimes(read: ByteReader, size: number): Promise<TsTimes | null> {
  const head = await read(0, Math.min(size, TS_END_BYTES));
  const tail = size > TS_END_BYTES ? await read(size - TS_END_BYTES, TS_END_BYTES) : head;
  return tsTimesOf(videoPesTimes(head), videoPesTimes(tail));
}

/** {@link readTsTimes} on the PES times found at the head and the tail. */
export function tsTimesOf(head: readonly PesTime[], tail: readonly PesTime[]): TsTimes | null {
  const pid = head[0]?.pid;
  if (pid === undefined) return null;
  const headTimes = dropStrayTimes(head.filter((t) => t.pid === pid).map((t) => t.pts / 90));
  if (headTimes.length === 0) return null;
  const firstMs = Math.min(...headTimes);
  // A tail past a wrap of the 33-bit clock is moved up by one wrap.
  const tailTimes = dropStrayTimes(
    tail.filter((t) => t.pid === pid).map((t) => (t.pts + (t.pts < firstMs * 90 - WRAP / 2 ? WRAP : 0)) / 90),
  );
  if (tailTimes.length === 0) return null;
  const frameRate = regularRate(headTimes.slice(0, 64));
  const lastMs = Math.max(...tailTimes);
  return { firstMs, endMs: lastMs - firstMs + (frameRate ? 1000 / frameRate : 0), frameRate };
}
