import { describe, expect, it } from 'vitest';
import type { YuvPlanes } from './convert';
import { resamplePlanes } from './resample';

function picture(width: number, height: number, luma: (x: number, y: number) => number): YuvPlanes {
  const y = new Uint16Array(width * height);
  for (let r = 0; r < height; r += 1) for (let c = 0; c < width; c += 1) y[r * width + c] = luma(c, r);
  const cw = width / 2;
  const u = new Uint16Array(cw * (height / 2)).fill(512);
  const v = new Uint16Array(cw * (height / 2)).map((_, i) => (i % cw) * 10);
  return { width, height, bitDepth: 10, y, u, v, yStride: width, cStride: cw, chromaShiftX: 1, chromaShiftY: 1 };
}

describe('resamplePlanes', () => {
  it('halving averages 2x2 blocks of luma; 4:2:0 chroma at half size is taken as it is', () => {
    const p = picture(4, 2, (x) => x * 100);
    const out = resamplePlanes(p, 2, 1);
    expect([...out.y]).toEqual([50, 250]);
    expect([...out.u]).toEqual([512, 512]);
    expect([...out.v]).toEqual([0, 10]);
    expect(out).toMatchObject({ width: 2, height: 1, chromaShiftX: 0, chromaShiftY: 0, yStride: 2, cStride: 2 });
  });
  it('same size: luma unchanged, chroma repeated to 4:4:4', () => {
    const p = picture(4, 2, (x, y) => x + 10 * y);
    const out = resamplePlanes(p, 4, 2);
    expect([...out.y]).toEqual([...p.y]);
    expect([...out.v]).toEqual([0, 0, 10, 10, 0, 0, 10, 10]);
  });
  it('a non-integer ratio covers every output pixel with at least one sample', () => {
    const p = picture(6, 4, () => 700);
    const out = resamplePlanes(p, 4, 3);
    expect([...out.y].every((v) => v === 700)).toBe(true);
    expect(out.y.length).toBe(12);
  });
});
