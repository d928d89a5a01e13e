import { describe, expect, it } from 'vitest';
import type { HdrSource } from './colorInfo';
import type { YuvPlanes } from '../yuv/planes';
import { hdrToSdr } from './convert';
import { BT2020_TO_BT709, codeRange, ycbcrToRgb } from './gamut';
import { toneCurve, type ToneMapOperator } from './toneMap';
import { bt1886InverseEotf, hlgInverseOetf, hlgOotf, nitsToPq, pqToNits } from './transfer';

const PQ: HdrSource = { transfer: 'pq', primaries: 'bt2020', matrix: 'bt2020nc', fullRange: false, peakNits: 1000 };
const HLG: HdrSource = { ...PQ, transfer: 'hlg' };

/** The chain in plain floating point, one pixel (no tables). */
function reference(codes: [number, number, number], source: HdrSource, op: ToneMapOperator): number[] {
  const range = codeRange(10, false);
  const yv = (codes[0] - range.yOffset) * range.yScale;
  const cb = (codes[1] - range.cOffset) * range.cScale;
  const cr = (codes[2] - range.cOffset) * range.cScale;
  const m = ycbcrToRgb('bt2020nc');
  const signal = [yv + m.crR * cr, yv - m.cbG * cb - m.crG * cr, yv + m.cbB * cb];
  let light: number[];
  if (source.transfer === 'pq') light = signal.map((e) => pqToNits(e) / 100);
  else light = hlgOotf(signal.map(hlgInverseOetf) as [number, number, number], 1000).map((v) => v / 100);
  const g = BT2020_TO_BT709;
  const rgb = [0, 1, 2].map((r) => g[r * 3]! * light[0]! + g[r * 3 + 1]! * light[1]! + g[r * 3 + 2]! * light[2]!);
  const peak = Math.max(1e-6, ...rgb);
  const gain = toneCurve(op, peak, source.peakNits / 100) / peak;
  return rgb.map((v) => Math.round(255 * bt1886InverseEotf(v * gain)));
}

/** A 4:2:0 10-bit picture where each 2x2 block is one YCbCr colour. */
function planesOf(colours: Array<[number, number, number]>): YuvPlanes {
  const width = colours.length * 2;
  const y = new Uint16Array(width * 2);
  const u = new Uint16Array(colours.length);
  const v = new Uint16Array(colours.length);
  colours.forEach(([Y, Cb, Cr], i) => {
    for (const row of [0, 1]) for (const dx of [0, 1]) y[row * width + i * 2 + dx] = Y;
    u[i] = Cb;
    v[i] = Cr;
  });
  return { width, height: 2, bitDepth: 10, y, u, v, yStride: width, cStride: colours.length, chromaShiftX: 1, chromaShiftY: 1 };
}

const toCode = (e: number) => Math.round(64 + e * 876);
/** Colours: black, 100 cd/m² PQ grey, 1000 cd/m² PQ white, a saturated BT.2020 red, mid grey, a blue-ish. */
const COLOURS: Array<[number, number, number]> = [
  [64, 512, 512],
  [toCode(nitsToPq(100)), 512, 512],
  [toCode(nitsToPq(1000)), 512, 512],
  [300, 420, 900],
  [toCode(nitsToPq(18)), 512, 512],
  [400, 760, 450],
];

describe('hdrToSdr', () => {
  for (const op of ['hable', 'reinhard', 'bt2390'] as const) {
    for (const source of [PQ, HLG]) {
      it(`${source.transfer} ${op}: the tables give the floating-point chain within one level`, () => {
        const rgba = hdrToSdr(planesOf(COLOURS), source, op);
        COLOURS.forEach((c, i) => {
          const want = reference(c, source, op);
          for (const row of [0, 1])
            for (const dx of [0, 1]) {
              const o = (row * COLOURS.length * 2 + i * 2 + dx) * 4;
              for (let ch = 0; ch < 3; ch += 1)
                expect(Math.abs(rgba[o + ch]! - want[ch]!), `colour ${i} channel ${ch}`).toBeLessThanOrEqual(1);
              expect(rgba[o + 3]).toBe(255);
            }
        });
      });
    }
  }

  it('PQ black is black, 1000 cd/m² white is SDR white (the peak), with Hable', () => {
    const rgba = hdrToSdr(planesOf(COLOURS), PQ, 'hable');
    expect([...rgba.slice(0, 3)]).toEqual([0, 0, 0]);
    expect([...rgba.slice(16, 19)]).toEqual([255, 255, 255]);
  });

  it('off: the code values as they are (limited range expanded, BT.2020 matrix), no transfer', () => {
    const rgba = hdrToSdr(planesOf(COLOURS), PQ, 'off');
    const grey = Math.round(255 * nitsToPq(100));
    expect(Math.abs(rgba[8]! - grey)).toBeLessThanOrEqual(1);
    expect([...rgba.slice(0, 3)]).toEqual([0, 0, 0]);
  });

  it('reads 16-bit samples (ffmpeg yuv444p16le) like 10-bit ones', () => {
    const ten = planesOf(COLOURS);
    const sixteen: YuvPlanes = {
      ...ten,
      bitDepth: 16,
      y: ten.y.map((c) => c * 64),
      u: ten.u.map((c) => c * 64),
      v: ten.v.map((c) => c * 64),
    };
    const a = hdrToSdr(ten, PQ, 'hable');
    const b = hdrToSdr(sixteen, PQ, 'hable');
    for (let i = 0; i < a.length; i += 1) expect(Math.abs(a[i]! - b[i]!)).toBeLessThanOrEqual(1);
  });
});
