import { describe, expect, it } from 'vitest';
import { BT2020_TO_BT709, codeRange, toBt709, ycbcrToRgb } from './gamut';

describe('primaries', () => {
  it('BT.2020 -> BT.709 is BT.2087-0 equation (3)', () => {
    const expected = [1.6605, -0.5876, -0.0728, -0.1246, 1.1329, -0.0083, -0.0182, -0.1006, 1.1187];
    BT2020_TO_BT709.forEach((v, i) => expect(v).toBeCloseTo(expected[i]!, 3));
    // White stays white: every row sums to 1.
    for (let r = 0; r < 3; r += 1)
      expect(BT2020_TO_BT709[r * 3]! + BT2020_TO_BT709[r * 3 + 1]! + BT2020_TO_BT709[r * 3 + 2]!).toBeCloseTo(1, 6);
  });
  it('BT.709 -> BT.709 is the identity', () => {
    toBt709('bt709').forEach((v, i) => expect(v).toBeCloseTo([1, 0, 0, 0, 1, 0, 0, 0, 1][i]!, 10));
  });
});

describe('YCbCr', () => {
  it('BT.2020 NCL inverse matrix (BT.2020 Table 4: R = Y + 1.4746 Cr, B = Y + 1.8814 Cb)', () => {
    const m = ycbcrToRgb('bt2020nc');
    expect(m.crR).toBeCloseTo(1.4746, 4);
    expect(m.cbB).toBeCloseTo(1.8814, 4);
    expect(m.cbG).toBeCloseTo(0.16455, 4);
    expect(m.crG).toBeCloseTo(0.57135, 4);
  });
  it('10-bit limited range: Y 64..940, C 64..960 around 512 (BT.2100 Table 9)', () => {
    const r = codeRange(10, false);
    expect((64 - r.yOffset) * r.yScale).toBeCloseTo(0, 10);
    expect((940 - r.yOffset) * r.yScale).toBeCloseTo(1, 10);
    expect((960 - r.cOffset) * r.cScale).toBeCloseTo(0.5, 10);
    expect((64 - r.cOffset) * r.cScale).toBeCloseTo(-0.5, 10);
    const s = codeRange(16, false);
    expect((60160 - s.yOffset) * s.yScale).toBeCloseTo(1, 10);
    const full = codeRange(10, true);
    expect(1023 * full.yScale).toBeCloseTo(1, 10);
  });
});
