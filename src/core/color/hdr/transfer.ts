/**
 * Transfer functions of HDR and SDR video (pure maths, no DOM): the PQ EOTF of SMPTE ST 2084 / ITU-R BT.2100, the
 * HLG OETF of ARIB STD-B67 / BT.2100 and its OOTF, and the SDR encodings BT.709 (OETF) and sRGB (IEC 61966-2-1).
 * Linear light is in cd/m² (nits) where a name says `Nits`, else relative (1 = the format's nominal peak).
 */

/** SMPTE ST 2084 constants (BT.2100 Table 4). */
const PQ_M1 = 2610 / 16384;
const PQ_M2 = (2523 / 4096) * 128;
const PQ_C1 = 3424 / 4096;
const PQ_C2 = (2413 / 4096) * 32;
const PQ_C3 = (2392 / 4096) * 32;
/** Peak luminance of the PQ signal, cd/m². */
export const PQ_PEAK_NITS = 10_000;

/**
 * PQ EOTF (ST 2084): a non-linear signal E' in [0, 1] to displayed luminance.
 * @returns cd/m², 0..10000 (E' outside [0, 1] is clamped)
 */
export function pqToNits(signal: number): number {
  const e = Math.min(1, Math.max(0, signal)) ** (1 / PQ_M2);
  return PQ_PEAK_NITS * (Math.max(e - PQ_C1, 0) / (PQ_C2 - PQ_C3 * e)) ** (1 / PQ_M1);
}

/**
 * Inverse PQ EOTF (ST 2084): displayed luminance to the signal E'.
 * @param nits cd/m², clamped to 0..10000
 * @returns E' in [0, 1]
 */
export function nitsToPq(nits: number): number {
  const y = (Math.min(PQ_PEAK_NITS, Math.max(0, nits)) / PQ_PEAK_NITS) ** PQ_M1;
  return ((PQ_C1 + PQ_C2 * y) / (1 + PQ_C3 * y)) ** PQ_M2;
}

/** ARIB STD-B67 / BT.2100 HLG constants. */
const HLG_A = 0.17883277;
const HLG_B = 1 - 4 * HLG_A;
const HLG_C = 0.5 - HLG_A * Math.log(4 * HLG_A);

/**
 * HLG OETF (BT.2100 Table 5): scene-linear light E in [0, 1] to the signal E'.
 * @returns E' in [0, 1]
 */
export function hlgOetf(linear: number): number {
  const e = Math.min(1, Math.max(0, linear));
  return e <= 1 / 12 ? Math.sqrt(3 * e) : HLG_A * Math.log(12 * e - HLG_B) + HLG_C;
}

/**
 * Inverse HLG OETF (BT.2100 Table 5): the signal E' to scene-linear light E.
 * @returns E in [0, 1] (E' outside [0, 1] is clamped)
 */
export function hlgInverseOetf(signal: number): number {
  const e = Math.min(1, Math.max(0, signal));
  return e <= 0.5 ? (e * e) / 3 : (Math.exp((e - HLG_C) / HLG_A) + HLG_B) / 12;
}

/**
 * The HLG system gamma for a display of peak luminance `peakNits` (BT.2100 Table 5 note 5e: γ = 1.2 + 0.42 log10(Lw /
 * 1000)); 1.2 at the nominal 1000 cd/m².
 */
export function hlgSystemGamma(peakNits: number): number {
  return 1.2 + 0.42 * Math.log10(peakNits / 1000);
}

/** BT.2020 luminance weights of linear R, G, B (BT.2020 / BT.2100 Table 6: Kr, Kg, Kb). */
export const BT2020_LUMA = [0.2627, 0.678, 0.0593] as const;

/**
 * HLG OOTF (BT.2100 Table 5): scene-linear RGB to displayed light, F_D = α · Ys^(γ−1) · E with Ys the BT.2020
 * luminance of the scene light and black level β = 0 (as ffmpeg's OpenCL tonemap and libplacebo do; zimg, behind
 * ffmpeg's `zscale`, raises each component to γ instead, which saturates colours slightly more).
 * @param rgb scene-linear [R, G, B], each 0..1
 * @param peakNits display peak Lw, cd/m² (α = Lw); γ from {@link hlgSystemGamma}
 * @returns displayed [R, G, B], cd/m²
 */
export function hlgOotf(rgb: readonly [number, number, number], peakNits: number): [number, number, number] {
  const ys = BT2020_LUMA[0] * rgb[0] + BT2020_LUMA[1] * rgb[1] + BT2020_LUMA[2] * rgb[2];
  const gain = ys > 0 ? peakNits * ys ** (hlgSystemGamma(peakNits) - 1) : 0;
  return [gain * rgb[0], gain * rgb[1], gain * rgb[2]];
}

/**
 * BT.709 OETF (ITU-R BT.709-6 1.2): linear light L in [0, 1] to the signal V: 4.5 L below 0.018, else
 * 1.099 L^0.45 − 0.099 (the exact constants α = 1.09929682680944, β = 0.018053968510807, as zimg/ffmpeg use).
 */
export function bt709Oetf(linear: number): number {
  const l = Math.min(1, Math.max(0, linear));
  return l < BT709_BETA ? 4.5 * l : BT709_ALPHA * l ** 0.45 - (BT709_ALPHA - 1);
}
const BT709_ALPHA = 1.09929682680944;
const BT709_BETA = 0.018053968510807;

/**
 * Inverse of the BT.1886 EOTF for a display with black at 0 (ITU-R BT.1886 Annex 1, L = V^2.4): display light L in
 * [0, 1] to the BT.709 signal V = L^(1/2.4). This is how zimg (ffmpeg's `zscale=t=bt709`) encodes display-referred
 * light such as tone-mapped HDR, so it is what a BT.709/sRGB display shows as L; the camera OETF
 * ({@link bt709Oetf}) would brighten darks (0.078 → 64 instead of 88 of 255).
 */
export function bt1886InverseEotf(linear: number): number {
  return Math.min(1, Math.max(0, linear)) ** (1 / 2.4);
}

/** sRGB encoding (IEC 61966-2-1): linear in [0, 1] to the signal: 12.92 L below 0.0031308, else 1.055 L^(1/2.4) − 0.055. */
export function srgbOetf(linear: number): number {
  const l = Math.min(1, Math.max(0, linear));
  return l <= 0.0031308 ? 12.92 * l : 1.055 * l ** (1 / 2.4) - 0.055;
}
