/**
 * Bit-level reading and writing of H.264/HEVC RBSPs: fixed-width fields, Exp-Golomb codes (ITU-T H.264 (08/2021) 7.2
 * and 9.1), and the emulation prevention bytes that separate an RBSP from its NAL unit payload (7.4.1).
 */

/** The RBSP of a NAL unit: the bytes after its header with emulation prevention bytes (00 00 03) removed (7.4.1). */
export function rbsp(unit: Uint8Array, headerBytes: number): Uint8Array {
  const out = new Uint8Array(unit.length);
  let n = 0;
  let zeros = 0;
  for (let i = headerBytes; i < unit.length; i += 1) {
    const byte = unit[i]!;
    if (zeros >= 2 && byte === 3) {
      zeros = 0;
      continue;
    }
    zeros = byte === 0 ? zeros + 1 : 0;
    out[n++] = byte;
  }
  return out.subarray(0, n);
}

/**
 * A NAL unit payload from an RBSP: an emulation prevention byte 03 after every two zero bytes that are followed by a
 * byte of 00 to 03 (H.264 7.4.1, the inverse of {@link rbsp}).
 */
export function escapeRbsp(bytes: Uint8Array): Uint8Array {
  const out: number[] = [];
  let zeros = 0;
  for (const byte of bytes) {
    if (zeros >= 2 && byte <= 3) {
      out.push(3);
      zeros = 0;
    }
    out.push(byte);
    zeros = byte === 0 ? zeros + 1 : 0;
  }
  return Uint8Array.from(out);
}

/** MSB-first bit reader with Exp-Golomb codes (H.264 7.2, 9.1); throws RangeError past the end. */
export class BitReader {
  private at = 0;
  constructor(private readonly bytes: Uint8Array) {}

  /** Bits read so far. */
  get position(): number {
    return this.at;
  }

  bit(): number {
    if (this.at >= this.bytes.length * 8) throw new RangeError('past the end of the RBSP');
    const value = (this.bytes[this.at >> 3]! >> (7 - (this.at & 7))) & 1;
    this.at += 1;
    return value;
  }

  /** u(n), n <= 32. */
  bits(n: number): number {
    let value = 0;
    for (let i = 0; i < n; i += 1) value = value * 2 + this.bit();
    return value;
  }

  /** ue(v). */
  ue(): number {
    let zeros = 0;
    while (this.bit() === 0) {
      zeros += 1;
      if (zeros > 31) throw new RangeError('Exp-Golomb code too long');
    }
    return 2 ** zeros - 1 + this.bits(zeros);
  }

  /** se(v). */
  se(): number {
    const k = this.ue();
    return k % 2 === 1 ? (k + 1) / 2 : k === 0 ? 0 : -k / 2;
  }

  /**
   * The position of the RBSP's stop bit (rbsp_stop_one_bit, 7.3.2.11): the last 1 bit of the data. Everything from
   * {@link position} up to it is payload.
   * @throws RangeError when the RBSP has no 1 bit
   */
  stopBit(): number {
    for (let byte = this.bytes.length - 1; byte >= 0; byte -= 1) {
      const value = this.bytes[byte]!;
      if (value !== 0) return byte * 8 + 7 - Math.log2(value & -value);
    }
    throw new RangeError('no rbsp_stop_one_bit');
  }
}

/** MSB-first bit writer, the mirror of {@link BitReader}. */
export class BitWriter {
  private readonly out: number[] = [];
  private current = 0;
  private used = 0;

  bit(value: number): this {
    this.current = (this.current << 1) | (value & 1);
    this.used += 1;
    if (this.used === 8) {
      this.out.push(this.current);
      this.current = 0;
      this.used = 0;
    }
    return this;
  }

  /** u(n): `value` in `n` bits, n <= 32. */
  bits(n: number, value: number): this {
    for (let i = n - 1; i >= 0; i -= 1) this.bit(Math.floor(value / 2 ** i) % 2);
    return this;
  }

  /** ue(v), value >= 0. */
  ue(value: number): this {
    const code = value + 1;
    const length = Math.floor(Math.log2(code));
    this.bits(length, 0);
    return this.bits(length + 1, code);
  }

  /** se(v). */
  se(value: number): this {
    return this.ue(value > 0 ? 2 * value - 1 : -2 * value);
  }

  /** Copies the bits [from, to) of `source` (an RBSP); whole bytes at once where both sides are byte-aligned. */
  copy(source: Uint8Array, from: number, to: number): this {
    let at = from;
    if (this.used === 0 && (at & 7) === 0) {
      for (; at + 8 <= to; at += 8) this.out.push(source[at >> 3]!);
    }
    for (; at < to; at += 1) this.bit((source[at >> 3]! >> (7 - (at & 7))) & 1);
    return this;
  }

  /** Writes `value` (0 or 1) until the next byte boundary. */
  align(value: number): this {
    while (this.used !== 0) this.bit(value);
    return this;
  }

  /** rbsp_trailing_bits() (7.3.2.11), then the bytes written. */
  finish(): Uint8Array {
    this.bit(1);
    while (this.used !== 0) this.bit(0);
    return Uint8Array.from(this.out);
  }
}
