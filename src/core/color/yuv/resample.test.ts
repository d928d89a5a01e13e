import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { YuvPlanes } from './planes';
import { sdrToRgba } from './sdrToRgba';
import { axisFilter, FULL_CHROMA, RGB_OUTPUT_CHROMA, resamplePlanes, type ChromaShift } from './resample';

function picture(width: number, height: number, luma: (x: number, y: number) => number): YuvPlanes {
  const y = new Uint16Array(width * height);
  for (let r = 0; r < height; r += 1) for (let c = 0; c < width; c += 1) y[r * width + c] = luma(c, r);
  const cw = width / 2;
  const u = new Uint16Array(cw * (height / 2)).fill(512);
  const v = new Uint16Array(cw * (height / 2)).map((_, i) => (i % cw) * 10);
  return { width, height, bitDepth: 10, y, u, v, yStride: width, cStride: cw, chromaShiftX: 1, chromaShiftY: 1 };
}

interface SwscaleFixture {
  width: number;
  height: number;
  in: string;
  out: Record<string, string>;
  colour: string;
  colourRgb: string;
}
const swscale = JSON.parse(fs.readFileSync(new URL('../../fixtures/swscale-bicubic.json', import.meta.url), 'utf8')) as SwscaleFixture;
const bytes = (base64: string) => new Uint8Array(Buffer.from(base64, 'base64'));

describe('resamplePlanes', () => {
  it("gives native ffmpeg's scale (swscale bicubic) within one code value, down and up, at integer and other ratios", () => {
    const input = bytes(swscale.in);
    const chroma = new Uint8Array((swscale.width / 2) * (swscale.height / 2)).fill(128);
    for (const [size, expected] of Object.entries(swscale.out)) {
      const [w, h] = size.split('x').map(Number) as [number, number];
      const planes: YuvPlanes = {
        width: swscale.width,
        height: swscale.height,
        bitDepth: 8,
        y: input,
        u: chroma,
        v: chroma,
        yStride: swscale.width,
        cStride: swscale.width / 2,
        chromaShiftX: 1,
        chromaShiftY: 1,
      };
      const out = resamplePlanes(planes, w, h);
      const ref = bytes(expected);
      const diffs = [...ref].map((r, i) => Math.abs(r - (out.y[i] as number)));
      expect(Math.max(...diffs), size).toBeLessThanOrEqual(1);
      expect(diffs.reduce((a, b) => a + b, 0) / diffs.length, size).toBeLessThan(0.25);
    }
  });
  it('same size: luma unchanged (the cubic is 1 at 0 and 0 at the other integers), chroma upsampled to 4:4:4', () => {
    const p = picture(8, 4, (x, y) => 100 + x * 7 + 30 * y);
    const out = resamplePlanes(p, 8, 4);
    expect([...out.y]).toEqual([...p.y]);
    expect(out).toMatchObject({ width: 8, height: 4, chromaShiftX: 0, chromaShiftY: 0, yStride: 8, cStride: 8 });
    expect(out.u.length).toBe(32);
    expect([...out.u].every((v) => v === 512)).toBe(true);
  });
  it('a flat plane stays flat at any ratio (the weights of each sample sum to 1)', () => {
    const p = picture(12, 8, () => 700);
    for (const [w, h] of [
      [4, 3],
      [5, 7],
      [30, 20],
    ] as const) {
      const out = resamplePlanes(p, w, h);
      expect([...out.y].every((v) => v === 700)).toBe(true);
      expect(out.y.length).toBe(w * h);
    }
  });
  it('clamps the ringing of a hard edge to the code range', () => {
    const p = picture(16, 4, (x) => (x < 8 ? 0 : 1023));
    const out = resamplePlanes(p, 6, 2);
    expect(Math.min(...out.y)).toBe(0);
    expect(Math.max(...out.y)).toBe(1023);
  });
});

describe('axisFilter', () => {
  it('widens the kernel with the downscale ratio: 4 source samples a side per output sample', () => {
    expect(axisFilter(1920, 320).taps).toBe(25);
    expect(axisFilter(100, 100).taps).toBe(5);
    expect(axisFilter(100, 400).taps).toBe(5);
    const f = axisFilter(10, 5);
    for (let i = 0; i < 5; i += 1) {
      const row = [...f.weights.slice(i * f.taps, (i + 1) * f.taps)];
      expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
    }
  });
});

describe('resamplePlanes + sdrToRgba against native ffmpeg rgb24', () => {
  const colour = bytes(swscale.colour);
  const native = bytes(swscale.colourRgb);
  const [W, H, w, h] = [64, 36, 32, 18];
  const planes: YuvPlanes = {
    width: W,
    height: H,
    bitDepth: 8,
    y: colour.subarray(0, W * H),
    u: colour.subarray(W * H, W * H * 1.25),
    v: colour.subarray(W * H * 1.25),
    yStride: W,
    cStride: W / 2,
    chromaShiftX: 1,
    chromaShiftY: 1,
  };
  const error = (chroma: ChromaShift) => {
    const rgba = sdrToRgba(resamplePlanes(planes, w, h, chroma), 'bt601', false);
    const diffs = Array.from({ length: w * h * 3 }, (_, i) =>
      Math.abs((rgba[Math.floor(i / 3) * 4 + (i % 3)] as number) - (native[i] as number)),
    );
    return { max: Math.max(...diffs), mean: diffs.reduce((a, b) => a + b, 0) / diffs.length };
  };
  it("swscale's RGB chroma layout (half width, full height) is what native gives, within its conversion's 1-2 levels", () => {
    const rgbLayout = error(RGB_OUTPUT_CHROMA);
    const full = error(FULL_CHROMA);
    expect(rgbLayout.max).toBeLessThanOrEqual(6);
    expect(rgbLayout.mean).toBeLessThan(2.5);
    expect(full.max).toBeGreaterThan(rgbLayout.max * 2);
  });
});
