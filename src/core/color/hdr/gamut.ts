/**
 * Colour matrices: YCbCr to R'G'B' (BT.2020 non-constant luminance, BT.709, BT.601) with limited or full range, and
 * the linear-light primaries conversion BT.2020 → BT.709 (BT.2087-0 section 2, M = M709⁻¹ · M2020, derived here
 * from the primaries and D65 white).
 */

/** Luma weights Kr, Kb of the matrices we convert (BT.2020 Table 4, BT.709 Table 3 item 3.2, BT.601). */
export const MATRIX_WEIGHTS = {
  bt2020nc: { kr: 0.2627, kb: 0.0593 },
  bt709: { kr: 0.2126, kb: 0.0722 },
  bt601: { kr: 0.299, kb: 0.114 },
} as const;
export type YcbcrMatrix = keyof typeof MATRIX_WEIGHTS;

/** R' = Y' + cr·Cr; G' = Y' − gCb·Cb − gCr·Cr; B' = Y' + cb·Cb, for Y' in [0, 1] and Cb, Cr in [−0.5, 0.5]. */
export interface YcbcrToRgb {
  crR: number;
  cbG: number;
  crG: number;
  cbB: number;
}

/** The inverse of BT.2020/BT.709's E'Y = Kr R' + Kg G' + Kb B', E'Cb = (B' − Y')/(2(1 − Kb)), E'Cr = (R' − Y')/(2(1 − Kr)). */
export function ycbcrToRgb(matrix: YcbcrMatrix): YcbcrToRgb {
  const { kr, kb } = MATRIX_WEIGHTS[matrix];
  const kg = 1 - kr - kb;
  return {
    crR: 2 * (1 - kr),
    cbB: 2 * (1 - kb),
    cbG: (2 * kb * (1 - kb)) / kg,
    crG: (2 * kr * (1 - kr)) / kg,
  };
}

/**
 * How integer code values of `bitDepth` bits map to Y' in [0, 1] and Cb/Cr in [−0.5, 0.5] (BT.2100 Table 9):
 * limited ("narrow", tv) range Y' = (D/2^(n−8) − 16)/219, C = (D/2^(n−8) − 128)/224; full range Y' = D/(2^n − 1),
 * C = (D − 2^(n−1))/(2^n − 1).
 * @returns value = (code − offset) · scale for luma and chroma
 */
export function codeRange(bitDepth: number, fullRange: boolean): { yOffset: number; yScale: number; cOffset: number; cScale: number } {
  const step = 2 ** (bitDepth - 8);
  if (fullRange) {
    const max = 2 ** bitDepth - 1;
    return { yOffset: 0, yScale: 1 / max, cOffset: 2 ** (bitDepth - 1), cScale: 1 / max };
  }
  return { yOffset: 16 * step, yScale: 1 / (219 * step), cOffset: 128 * step, cScale: 1 / (224 * step) };
}

type Matrix3 = [number, number, number, number, number, number, number, number, number];
type Xy = readonly [number, number];

/** CIE 1931 xy of the primaries and D65 white (BT.2020 Table 3, BT.709 Table 1 item 1.3/1.4). */
const PRIMARIES = {
  bt2020: { r: [0.708, 0.292], g: [0.17, 0.797], b: [0.131, 0.046] },
  bt709: { r: [0.64, 0.33], g: [0.3, 0.6], b: [0.15, 0.06] },
  /** Display P3 (SMPTE EG 432-1, D65). */
  p3: { r: [0.68, 0.32], g: [0.265, 0.69], b: [0.15, 0.06] },
} as const satisfies Record<string, { r: Xy; g: Xy; b: Xy }>;
const D65: Xy = [0.3127, 0.329];

function invert(m: Matrix3): Matrix3 {
  const [a, b, c, d, e, f, g, h, i] = m;
  const A = e * i - f * h,
    B = -(d * i - f * g),
    C = d * h - e * g;
  const det = a * A + b * B + c * C;
  return [
    A / det,
    -(b * i - c * h) / det,
    (b * f - c * e) / det,
    B / det,
    (a * i - c * g) / det,
    -(a * f - c * d) / det,
    C / det,
    -(a * h - b * g) / det,
    (a * e - b * d) / det,
  ];
}

function multiply(m: Matrix3, n: Matrix3): Matrix3 {
  const out = new Array<number>(9).fill(0) as Matrix3;
  for (let r = 0; r < 3; r += 1)
    for (let c = 0; c < 3; c += 1)
      for (let k = 0; k < 3; k += 1) out[r * 3 + c] = (out[r * 3 + c] as number) + m[r * 3 + k]! * n[k * 3 + c]!;
  return out;
}

/** RGB → XYZ for primaries and D65 (SMPTE RP 177). */
function rgbToXyz(p: { r: Xy; g: Xy; b: Xy }): Matrix3 {
  const col = ([x, y]: Xy) => [x / y, 1, (1 - x - y) / y] as const;
  const [r, g, b] = [col(p.r), col(p.g), col(p.b)];
  const m: Matrix3 = [r[0], g[0], b[0], r[1], g[1], b[1], r[2], g[2], b[2]];
  const w = col(D65);
  const inv = invert(m);
  const s = [0, 1, 2].map((i) => inv[i * 3]! * w[0] + inv[i * 3 + 1]! * w[1] + inv[i * 3 + 2]! * w[2]);
  return m.map((v, i) => v * s[i % 3]!) as Matrix3;
}

/**
 * Linear BT.2020 RGB → linear BT.709 RGB, row-major 3x3 (BT.2087-0: [[1.6605, −0.5876, −0.0728], [−0.1246, 1.1329,
 * −0.0083], [−0.0182, −0.1006, 1.1187]]). Colours outside BT.709 come out with components below 0 or above 1.
 */
export const BT2020_TO_BT709: readonly number[] = toBt709('bt2020');

/** Linear RGB in `primaries` → linear BT.709 RGB, row-major 3x3 (identity for BT.709). */
export function toBt709(primaries: 'bt2020' | 'bt709' | 'p3'): number[] {
  return multiply(invert(rgbToXyz(PRIMARIES.bt709)), rgbToXyz(PRIMARIES[primaries]));
}
