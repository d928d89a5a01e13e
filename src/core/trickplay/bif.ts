/**
 * Roku's BIF (Base Index Frames) archive, as Roku's "Trick mode support" specifies it: an image archive that Roku's
 * video player, Plex, Emby and the BIF players of the web read for seek previews. All integers little-endian.
 *
 * | bytes | field |
 * |---|---|
 * | 0-7 | magic 0x89 'B' 'I' 'F' 0x0d 0x0a 0x1a 0x0a |
 * | 8-11 | version, 0 |
 * | 12-15 | number of images |
 * | 16-19 | timestamp multiplier, ms (0 means 1000) |
 * | 20-63 | reserved, 0 |
 * | 64- | index: (timestamp, absolute offset) per image, then (0xffffffff, end of the last image) |
 * | then | the JPEG images, one after another |
 */
import { InvalidParameterError } from '../job/errors';

export const BIF_MAGIC = [0x89, 0x42, 0x49, 0x46, 0x0d, 0x0a, 0x1a, 0x0a] as const;
/** Size of the header before the index, bytes. */
export const BIF_HEADER_BYTES = 64;
/** The timestamp of the index's closing entry. */
export const BIF_END_TIMESTAMP = 0xffffffff;
/** Largest offset and count a 32-bit field holds. */
const UINT32_MAX = 0xffffffff;

/** One image of the archive: its time, ms, and its JPEG bytes. */
export interface BifImage {
  timeMs: number;
  jpeg: Uint8Array;
}

/**
 * The timestamp multiplier for these times: the largest whole number of ms, at most 1000, that divides every time,
 * so that each index timestamp (time / multiplier) is a whole number (1000 for times on whole seconds, Roku's
 * usual case; 500 for an interval of 2.5 s).
 *
 * @param timesMs image times, whole ms ≥ 0.
 */
export function bifMultiplier(timesMs: readonly number[]): number {
  const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));
  return timesMs.reduce((m, t) => gcd(m, Math.round(t)), 1000);
}

/**
 * Writes a BIF archive.
 *
 * @param images in ascending time order, each a whole ms time ≥ 0 and its JPEG (not checked to be a JPEG).
 * @returns the file's bytes: header, index of images.length + 1 entries, images in the given order.
 * @throws InvalidParameterError('trickplay') when the images are not in ascending time order, or when a timestamp
 *   (time / multiplier), an offset or the file size would not fit the format's 32-bit fields (a file of 4 GiB).
 * Source: Roku "Trick mode support", BIF file format.
 */
export function writeBif(images: readonly BifImage[]): Uint8Array<ArrayBuffer> {
  const multiplier = bifMultiplier(images.map((image) => image.timeMs));
  const indexBytes = 8 * (images.length + 1);
  const dataBytes = images.reduce((sum, image) => sum + image.jpeg.length, 0);
  const total = BIF_HEADER_BYTES + indexBytes + dataBytes;
  if (total > UINT32_MAX) {
    throw new InvalidParameterError(
      'trickplay',
      `The BIF file would be ${total} bytes; its 32-bit offsets reach at most ${UINT32_MAX} bytes (4 GiB). Use a longer interval or smaller images.`,
    );
  }
  const bytes = new Uint8Array(total);
  const view = new DataView(bytes.buffer);
  bytes.set(BIF_MAGIC, 0);
  view.setUint32(8, 0, true);
  view.setUint32(12, images.length, true);
  view.setUint32(16, multiplier, true);
  let offset = BIF_HEADER_BYTES + indexBytes;
  let previous = -1;
  images.forEach((image, k) => {
    const timestamp = Math.round(image.timeMs) / multiplier;
    if (!(image.timeMs > previous) || timestamp >= BIF_END_TIMESTAMP) {
      throw new InvalidParameterError(
        'trickplay',
        `BIF image times must rise and stay below ${BIF_END_TIMESTAMP} × ${multiplier} ms; ${image.timeMs} ms does not.`,
      );
    }
    previous = image.timeMs;
    view.setUint32(BIF_HEADER_BYTES + 8 * k, timestamp, true);
    view.setUint32(BIF_HEADER_BYTES + 8 * k + 4, offset, true);
    bytes.set(image.jpeg, offset);
    offset += image.jpeg.length;
  });
  view.setUint32(BIF_HEADER_BYTES + 8 * images.length, BIF_END_TIMESTAMP, true);
  view.setUint32(BIF_HEADER_BYTES + 8 * images.length + 4, offset, true);
  return bytes;
}
