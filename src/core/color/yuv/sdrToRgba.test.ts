import { describe, expect, it } from 'vitest';
import type { YuvPlanes } from './planes';
import { sdrMatrix, sdrToRgba } from './sdrToRgba';

function one(y: number, u: number, v: number, bitDepth = 8): YuvPlanes {
  const Array = bitDepth > 8 ? Uint16Array : Uint8Array;
  return {
    width: 1,
    height: 1,
    bitDepth,
    y: Array.of(y),
    u: Array.of(u),
    v: Array.of(v),
    yStride: 1,
    cStride: 1,
    chromaShiftX: 0,
    chromaShiftY: 0,
  };
}

const rgb = (planes: YuvPlanes, matrix: 'bt601' | 'bt709' | 'bt2020nc', full = false) => [...sdrToRgba(planes, matrix, full)];

describe('sdrToRgba', () => {
  it("limited range greys are native ffmpeg's (scale to rgb24, measured: 16, 50, 126, 200, 235 -> 0, 38, 126, 212, 253)", () => {
    const native = { 16: 0, 50: 38, 126: 126, 200: 212, 235: 253 };
    for (const [code, level] of Object.entries(native)) {
      const [r, g, b, a] = rgb(one(Number(code), 128, 128), 'bt709');
      expect(Math.abs(r! - level), `Y ${code}`).toBeLessThanOrEqual(1);
      expect([g, b, a]).toEqual([r, r, 255]);
    }
  });
  it("'matrix' levels: the matrix alone (16 -> 0, 126 -> 128, 235 -> 255), for pictures that go back to YCbCr", () => {
    expect([...sdrToRgba(one(126, 128, 128), 'bt709', false, 'matrix')]).toEqual([128, 128, 128, 255]);
    expect([...sdrToRgba(one(235, 128, 128), 'bt709', false, 'matrix')]).toEqual([255, 255, 255, 255]);
    expect([...sdrToRgba(one(16, 128, 128), 'bt709', false, 'matrix')]).toEqual([0, 0, 0, 255]);
  });
  it('full range: 0..255 luma, no offset (swscale is exact there)', () => {
    expect(rgb(one(0, 128, 128), 'bt601', true)).toEqual([0, 0, 0, 255]);
    expect(rgb(one(128, 128, 128), 'bt601', true)).toEqual([128, 128, 128, 255]);
    expect(rgb(one(255, 128, 128), 'bt601', true)).toEqual([255, 255, 255, 255]);
  });
  it('BT.601 and BT.709 primaries come back from their own YCbCr (full range, 8 bits)', () => {
    // Red R'G'B' = (1, 0, 0): BT.601 Y' = 0.299, Cb = -0.1687, Cr = 0.5 -> full-range codes 76, 85, 255.
    const red601 = rgb(one(76, 85, 255), 'bt601', true);
    expect(red601[0]).toBeGreaterThanOrEqual(253);
    expect(red601[1]).toBeLessThanOrEqual(1);
    expect(red601[2]).toBeLessThanOrEqual(1);
    // BT.709 red: Y' = 0.2126, Cb = -0.1146, Cr = 0.5 -> codes 54, 99, 255.
    const red709 = rgb(one(54, 99, 255), 'bt709', true);
    expect(red709[0]).toBeGreaterThanOrEqual(253);
    expect(red709[1]).toBeLessThanOrEqual(1);
    expect(red709[2]).toBeLessThanOrEqual(1);
    // The same codes read with the wrong matrix are visibly off (the choice matters).
    expect(rgb(one(54, 99, 255), 'bt601', true)[0]).toBeLessThan(235);
  });
  it('10-bit codes scale by 4 (limited range 64..940, the same levels as 8 bits)', () => {
    expect(rgb(one(64, 512, 512, 10), 'bt709')).toEqual(rgb(one(16, 128, 128), 'bt709'));
    expect(rgb(one(940, 512, 512, 10), 'bt709')).toEqual(rgb(one(235, 128, 128), 'bt709'));
  });
  it('clamps out-of-gamut codes', () => {
    expect(rgb(one(255, 255, 255), 'bt709', true)).toEqual([255, 172, 255, 255]);
    expect(rgb(one(0, 0, 0), 'bt709', true)).toEqual([0, 84, 0, 255]);
  });
  it('4:2:0 chroma: each chroma sample serves its 2x2 pixels', () => {
    const planes: YuvPlanes = {
      width: 4,
      height: 2,
      bitDepth: 8,
      y: new Uint8Array(8).fill(128),
      u: Uint8Array.of(128, 200),
      v: Uint8Array.of(128, 60),
      yStride: 4,
      cStride: 2,
      chromaShiftX: 1,
      chromaShiftY: 1,
    };
    const rgba = [...sdrToRgba(planes, 'bt601', true)];
    const pixel = (x: number, y: number) => rgba.slice((y * 4 + x) * 4, (y * 4 + x) * 4 + 4);
    expect(pixel(0, 0)).toEqual([128, 128, 128, 255]);
    expect(pixel(1, 1)).toEqual(pixel(0, 0));
    expect(pixel(2, 0)).toEqual(pixel(3, 1));
    expect(pixel(2, 0)).not.toEqual(pixel(1, 0));
  });
});

describe('sdrMatrix', () => {
  it('maps WebCodecs matrix names, untagged as BT.601, and leaves the rest to the browser', () => {
    expect(sdrMatrix(null)).toBe('bt601');
    expect(sdrMatrix('smpte170m')).toBe('bt601');
    expect(sdrMatrix('bt470bg')).toBe('bt601');
    expect(sdrMatrix('bt709')).toBe('bt709');
    expect(sdrMatrix('bt2020-ncl')).toBe('bt2020nc');
    expect(sdrMatrix('rgb')).toBeNull();
    expect(sdrMatrix('smpte240m')).toBeNull();
  });
});
