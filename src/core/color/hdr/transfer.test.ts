import { describe, expect, it } from 'vitest';
import { bt1886InverseEotf, bt709Oetf, hlgInverseOetf, hlgOetf, hlgOotf, hlgSystemGamma, nitsToPq, pqToNits, srgbOetf } from './transfer';

describe('PQ (SMPTE ST 2084)', () => {
  it('gives the reference values of BT.2100 / BT.2408', () => {
    expect(pqToNits(0)).toBe(0);
    expect(pqToNits(1)).toBeCloseTo(10000, 6);
    // BT.2408-4 Table 1: 100 cd/m² = 50.8 % PQ, 203 cd/m² (HDR reference white) = 58 %, 1000 cd/m² = 75.2 %.
    expect(nitsToPq(100)).toBeCloseTo(0.5081, 4);
    expect(nitsToPq(203)).toBeCloseTo(0.5806, 3);
    expect(nitsToPq(1000)).toBeCloseTo(0.7518, 4);
  });
  it('is the inverse of its inverse', () => {
    for (const nits of [0.005, 1, 48, 100, 400, 1000, 4000]) expect(pqToNits(nitsToPq(nits))).toBeCloseTo(nits, 6);
  });
});

describe('HLG (ARIB STD-B67, BT.2100)', () => {
  it('OETF: E = 1/12 -> 0.5, 1 -> 1 (BT.2100 Table 5)', () => {
    expect(hlgOetf(1 / 12)).toBeCloseTo(0.5, 10);
    expect(hlgOetf(1)).toBeCloseTo(1, 6);
    expect(hlgInverseOetf(0.5)).toBeCloseTo(1 / 12, 10);
    for (const e of [0.01, 0.1, 0.3, 0.9]) expect(hlgInverseOetf(hlgOetf(e))).toBeCloseTo(e, 10);
  });
  it('OOTF: 75 % HLG grey is 203 cd/m² on a 1000 cd/m² display (BT.2408-4 reference white)', () => {
    const e = hlgInverseOetf(0.75);
    const [r] = hlgOotf([e, e, e], 1000);
    expect(hlgSystemGamma(1000)).toBeCloseTo(1.2, 10);
    expect(r).toBeGreaterThan(200);
    expect(r).toBeLessThan(206);
    // Peak white is the display's peak.
    expect(hlgOotf([1, 1, 1], 1000)[0]).toBeCloseTo(1000, 6);
  });
});

describe('SDR encodings', () => {
  it('BT.709 OETF: linear below 0.018 (4.5 L), 1.099 L^0.45 − 0.099 above', () => {
    expect(bt709Oetf(0.01)).toBeCloseTo(0.045, 10);
    expect(bt709Oetf(0.018)).toBeCloseTo(0.081, 3);
    expect(bt709Oetf(0.18)).toBeCloseTo(0.409, 3);
    expect(bt709Oetf(1)).toBeCloseTo(1, 10);
  });
  it('inverse BT.1886 EOTF (black 0): V = L^(1/2.4); ffmpeg zscale gives 88/255 for L = 0.0784', () => {
    expect(bt1886InverseEotf(0.0784) * 255).toBeCloseTo(88.3, 1);
    expect(bt1886InverseEotf(1)).toBe(1);
    expect(bt1886InverseEotf(0)).toBe(0);
  });
  it('sRGB: 0.18 -> 0.461, 1 -> 1', () => {
    expect(srgbOetf(0.18)).toBeCloseTo(0.4613, 3);
    expect(srgbOetf(1)).toBeCloseTo(1, 10);
  });
});
