/**
 * Reads small headers at scattered offsets of a file through one window of bytes, so that walking the chunks of an
 * AVI `movi` list or the KLV packets of an MXF file costs one read per window (64 KiB) or per chunk larger than it,
 * not one read per header.
 */
import type { ByteReader } from '../mp4/mp4Boxes';

/** The window read at a time, bytes. */
export const WINDOW_BYTES = 64 * 1024;

export class WindowReader {
  private start = 0;
  private bytes: Uint8Array = new Uint8Array(0);
  /** Reads made so far (each of at most WINDOW_BYTES). */
  reads = 0;

  /**
   * @param read reads bytes [offset, offset + length) of the file
   * @param size the file's size, bytes
   */
  constructor(
    private readonly read: ByteReader,
    readonly size: number,
  ) {}

  /**
   * Bytes [offset, offset + length) of the file, length at most WINDOW_BYTES; shorter when the file ends first.
   * @throws what the reader throws
   */
  async at(offset: number, length: number): Promise<Uint8Array> {
    const end = Math.min(offset + length, this.size);
    if (offset < this.start || end > this.start + this.bytes.length) {
      this.start = offset;
      this.bytes = await this.read(offset, Math.min(WINDOW_BYTES, this.size - offset));
      this.reads += 1;
    }
    return this.bytes.subarray(offset - this.start, Math.max(offset - this.start, end - this.start));
  }
}
