/**
 * UTF-8 byte length without TextEncoder (src/core compiles with lib ES2022 only, which has no TextEncoder).
 */

/**
 * Counts the bytes of `text` encoded as UTF-8, as `new TextEncoder().encode(text).length` would.
 *
 * @param text any string; a lone surrogate counts as U+FFFD (3 bytes), as TextEncoder encodes it.
 * @returns the byte count: 1 per code point below U+0080, 2 below U+0800, 4 for a surrogate pair (U+10000 and up),
 *   3 otherwise.
 * Source: RFC 3629 §3; WHATWG Encoding "UTF-8 encoder" for lone surrogates.
 */
export function utf8ByteLength(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0x80) bytes += 1;
    else if (unit < 0x800) bytes += 2;
    else if (unit >= 0xd800 && unit <= 0xdbff && isLowSurrogate(text.charCodeAt(i + 1))) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

function isLowSurrogate(unit: number): boolean {
  return unit >= 0xdc00 && unit <= 0xdfff;
}
