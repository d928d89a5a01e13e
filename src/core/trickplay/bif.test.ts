import { describe, expect, it } from 'vitest';
import { InvalidParameterError } from '../job/errors';
import { bifMultiplier, writeBif } from './bif';

/** Reads the file as Roku's layout describes it, field by field (not with the writer's constants). */
function readBif(bytes: Uint8Array) {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const magic = Array.from(bytes.subarray(0, 8));
  const count = view.getUint32(12, true);
  const multiplier = view.getUint32(16, true) || 1000;
  const entries: Array<{ timestamp: number; offset: number }> = [];
  for (let k = 0; k <= count; k++) entries.push({ timestamp: view.getUint32(64 + 8 * k, true), offset: view.getUint32(68 + 8 * k, true) });
  const images = entries
    .slice(0, count)
    .map((e, k) => ({ ms: e.timestamp * multiplier, bytes: bytes.subarray(e.offset, entries[k + 1]!.offset) }));
  return {
    magic,
    version: view.getUint32(8, true),
    count,
    multiplier,
    reserved: Array.from(bytes.subarray(20, 64)),
    end: entries[count]!,
    images,
  };
}

describe('writeBif', () => {
  it('writes the magic, version 0, count, multiplier, zero reserved bytes, the index with its end entry, and the images', () => {
    const jpegs = [new Uint8Array([0xff, 0xd8, 1]), new Uint8Array([0xff, 0xd8, 2, 3]), new Uint8Array([0xff, 0xd8])];
    const bytes = writeBif(jpegs.map((jpeg, k) => ({ timeMs: k * 10_000, jpeg })));
    const bif = readBif(bytes);
    expect(bif.magic).toEqual([0x89, 0x42, 0x49, 0x46, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(bif.version).toBe(0);
    expect(bif.count).toBe(3);
    expect(bif.multiplier).toBe(1000);
    expect(bif.reserved.every((b) => b === 0)).toBe(true);
    expect(bif.end).toEqual({ timestamp: 0xffffffff, offset: bytes.length });
    expect(bif.images.map((i) => i.ms)).toEqual([0, 10_000, 20_000]);
    expect(bif.images.map((i) => Array.from(i.bytes))).toEqual(jpegs.map((j) => Array.from(j)));
    expect(bytes.length).toBe(64 + 8 * 4 + 9);
  });

  it('picks the largest multiplier up to 1000 ms that divides every time', () => {
    expect(bifMultiplier([0, 10_000, 20_000])).toBe(1000);
    expect(bifMultiplier([0, 2500, 5000])).toBe(500);
    expect(bifMultiplier([0, 1234])).toBe(2);
    expect(readBif(writeBif([0, 2500].map((timeMs) => ({ timeMs, jpeg: new Uint8Array([1]) })))).images.map((i) => i.ms)).toEqual([
      0, 2500,
    ]);
  });

  it('writes an empty archive with just the end entry', () => {
    const bif = readBif(writeBif([]));
    expect(bif.count).toBe(0);
    expect(bif.end.offset).toBe(72);
  });

  it('refuses times out of order', () => {
    const jpeg = new Uint8Array([1]);
    expect(() =>
      writeBif([
        { timeMs: 1000, jpeg },
        { timeMs: 1000, jpeg },
      ]),
    ).toThrow(InvalidParameterError);
  });
});
