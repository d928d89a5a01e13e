/**
 * IVF, the bare container of VP8, VP9 and AV1 streams (libvpx's and ffmpeg's `ivf` muxer): a 32-byte header, then
 * each frame as a 12-byte header (its size and presentation time) and its bytes. Layout as ffmpeg's ivfenc.c and
 * ivfdec.c read and write it: "DKIF", version (2 bytes), header size (2), fourcc (4), width (2), height (2), time base
 * denominator (4), time base numerator (4), frame count (4), unused (4); every number little-endian.
 */

/** One frame of an IVF file (for AV1: a temporal unit). */
export interface IvfFrame {
  /** Where the frame's bytes start, bytes from the start of the file. */
  offset: number;
  /** The frame's size, bytes. */
  size: number;
  /** Presentation time in time-base units ({@link Ivf.timeBase}). */
  pts: number;
}

/** An IVF file's header and frame index. */
export interface Ivf {
  /** The codec's four characters: `AV01`, `VP90`, `VP80`. */
  fourcc: string;
  /** Coded size, px. */
  width: number;
  height: number;
  /** Seconds per pts unit as [numerator, denominator] (e.g. [1, 25]). */
  timeBase: [number, number];
  /** Every whole frame in file order; a frame cut short by the file's end is left out. */
  frames: IvfFrame[];
}

/** True when `bytes` start like an IVF file ("DKIF"). */
export function isIvf(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x44 && bytes[1] === 0x4b && bytes[2] === 0x49 && bytes[3] === 0x46;
}

/**
 * Reads an IVF file's header and walks its frames (nothing is copied).
 * @param bytes the whole file
 * @throws Error when the bytes are not IVF (no "DKIF", a header shorter than 32 bytes, a zero time base)
 */
export function parseIvf(bytes: Uint8Array): Ivf {
  if (!isIvf(bytes) || bytes.length < 32) throw new Error('not an IVF file (no DKIF header)');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerSize = view.getUint16(6, true);
  const fourcc = String.fromCharCode(bytes[8]!, bytes[9]!, bytes[10]!, bytes[11]!);
  const den = view.getUint32(16, true);
  const num = view.getUint32(20, true);
  if (den === 0 || num === 0) throw new Error(`an IVF time base of ${num}/${den}`);
  const frames: IvfFrame[] = [];
  let at = Math.max(32, headerSize);
  while (at + 12 <= bytes.length) {
    const size = view.getUint32(at, true);
    const pts = Number(view.getBigInt64(at + 4, true));
    if (at + 12 + size > bytes.length) break;
    frames.push({ offset: at + 12, size, pts });
    at += 12 + size;
  }
  return { fourcc, width: view.getUint16(12, true), height: view.getUint16(14, true), timeBase: [num, den], frames };
}
