import { describe, expect, it } from 'vitest';
import { bt2390, hable, reinhard } from './toneMap';
import { nitsToPq } from './transfer';

describe('tone-mapping operators (1 = 100 cd/m², peak 10 = 1000 cd/m²)', () => {
  it('Hable is ffmpeg vf_tonemap.c: hable(x)/hable(peak)', () => {
    // hable(1) = 0.204/0.71 − 1/15 = 0.220657, hable(10) = 15.504/20.06 − 1/15 = 0.706204.
    expect(hable(1, 10)).toBeCloseTo(0.220657 / 0.706204, 5);
    expect(hable(10, 10)).toBeCloseTo(1, 10);
    expect(hable(0, 10)).toBeCloseTo(0, 10);
  });
  it('Reinhard is x/(x+1)·(peak+1)/peak (ffmpeg tonemap=reinhard without param)', () => {
    expect(reinhard(1, 10)).toBeCloseTo((1 / 2) * (11 / 10), 10);
    expect(reinhard(10, 10)).toBeCloseTo(1, 10);
  });
  it('every operator rises monotonically from 0 to 1 over [0, peak]', () => {
    for (const op of [hable, reinhard, bt2390]) {
      let last = -1;
      for (let i = 0; i <= 100; i += 1) {
        const y = op((i / 100) * 10, 10);
        expect(y).toBeGreaterThanOrEqual(last);
        last = y;
      }
      expect(last).toBeCloseTo(1, 3);
    }
  });
  it('BT.2390 EETF: identity below the knee KS = 1.5 maxLum − 0.5, the SDR peak at the source peak', () => {
    const maxLum = nitsToPq(100) / nitsToPq(1000);
    const ks = 1.5 * maxLum - 0.5;
    // A signal below the knee (in PQ, normalised to the source range) passes unchanged.
    expect(nitsToPq(10) / nitsToPq(1000)).toBeLessThan(ks);
    expect(bt2390(0.1, 10)).toBeCloseTo(0.1, 6);
    expect(bt2390(10, 10)).toBeCloseTo(1, 6);
    // 100 cd/m² white of a 1000 cd/m² master is compressed, not clipped.
    expect(bt2390(1, 10)).toBeLessThan(1);
    expect(bt2390(1, 10)).toBeGreaterThan(0.5);
    // A source no brighter than SDR is not tone-mapped.
    expect(bt2390(0.7, 1)).toBeCloseTo(0.7, 10);
  });
});
