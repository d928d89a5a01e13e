/**
 * The HDR → SDR conversion of one picture, in typed arrays (no DOM): YCbCr code values at their full bit depth in,
 * 8-bit RGBA out. The chain, per pixel (docs/ENGINE.md "HDR to SDR"), is the one of ffmpeg's
 * `zscale=t=linear:npl=100,format=gbrpf32le,zscale=p=bt709,tonemap=<op>:desat=0,zscale=t=bt709:m=bt709:r=tv`:
 * 1. YCbCr → R'G'B' (BT.2020 non-constant luminance; limited or full range; chroma nearest-sited);
 * 2. R'G'B' → linear light, 1 = 100 cd/m²: PQ EOTF (ST 2084), or HLG inverse OETF then the BT.2100 OOTF (Lw 1000,
 *    γ 1.2, on the BT.2020 luminance);
 * 3. BT.2020 → BT.709 primaries (linear 3x3);
 * 4. tone mapping of max(R, G, B) with the chosen operator, the three components scaled by the same gain (ffmpeg
 *    `tonemap` with desat=0: hue and saturation kept, no per-channel curve);
 * 5. gamut clip to [0, 1] (out-of-gamut components clipped, as ffmpeg's final conversion does), then encoded for a
 *    BT.709 display: the inverse BT.1886 EOTF, V = L^(1/2.4) (zimg's `t=bt709` for display light; not the camera
 *    OETF of BT.709, nor sRGB's curve, which would lift the darks), 8 bits. `off` skips 2–5: R'G'B' code values as they are (what decoders give without tone mapping).
 * Fast paths: every curve is a lookup table (code value → Y'/C; signal → light; max component → gain, interpolated;
 * light → 8-bit), built once per setting and cached; per pixel the loop does 10 table reads, ~30 multiply-adds, one
 * square root and one 32-bit store. Measured: `node scripts/bench/hdr.mjs` (README "HDR").
 */
import type { YuvPlanes } from '../yuv/planes';
import type { HdrSource } from './colorInfo';
import { codeRange, toBt709, ycbcrToRgb } from './gamut';
import type { HdrMode } from '../../job/types';
import { toneCurve, REFERENCE_WHITE_NITS } from './toneMap';
import { BT2020_LUMA, bt1886InverseEotf, hlgInverseOetf, hlgSystemGamma, pqToNits } from './transfer';

/** The "HDR" setting's choices (types.ts HdrMode): an operator, or `off` (code values shown as they are). */
export const HDR_MODES: readonly HdrMode[] = ['hable', 'reinhard', 'bt2390', 'off'];
/**
 * The default operator: Hable. Of the anchors, the thumbnail tool photoprism (PR #4494) tone-maps with ffmpeg's
 * `tonemap=hable`, as do most HDR-thumbnail recipes built on ffmpeg (zscale + tonemap=hable); players choose for
 * playback on a known display: Jellyfin defaults to BT.2390 (its GPU tonemap filters), mpv to `auto` (spline
 * with gpu-next); ffmpegthumbnailer does no tone mapping (its issue #236 is open). Hable is also the one native
 * ffmpeg can check us against (`tonemap=hable`; ffmpeg 5.1's CPU `tonemap` has no BT.2390).
 */
export const DEFAULT_HDR_MODE: HdrMode = 'hable';

const SIGNAL_STEPS = 16384;
const GAIN_STEPS = 8192;
const OETF_STEPS = 8192;
const OOTF_STEPS = 16384;

interface Tables {
  yCode: Float32Array;
  cCode: Float32Array;
  coefficients: ReturnType<typeof ycbcrToRgb>;
  /** Signal [0, 1] → linear (PQ: 1 = 100 cd/m²; HLG: scene light 0..1). */
  toLinear: Float32Array;
  /** HLG: BT.2020 scene luminance [0, 1] → OOTF gain (1 = 100 cd/m²); empty for PQ. */
  ootf: Float32Array;
  gamut: number[];
  /** max(R, G, B) in sqrt steps over [0, gainTop] → tone-mapping gain. */
  gain: Float32Array;
  gainTop: number;
  /** Linear [0, 1] → 8-bit BT.709 signal (inverse BT.1886 EOTF). */
  oetf: Uint8Array;
}

const cache = new Map<string, Tables>();

function tablesFor(source: HdrSource, mode: HdrMode, bitDepth: number): Tables {
  const key = JSON.stringify([source, mode, bitDepth]);
  const cached = cache.get(key);
  if (cached) return cached;
  const range = codeRange(bitDepth, source.fullRange);
  const codes = 2 ** Math.max(8, Math.min(16, bitDepth));
  const yCode = new Float32Array(codes);
  const cCode = new Float32Array(codes);
  for (let d = 0; d < codes; d += 1) {
    yCode[d] = (d - range.yOffset) * range.yScale;
    cCode[d] = (d - range.cOffset) * range.cScale;
  }
  const toLinear = new Float32Array(SIGNAL_STEPS);
  for (let i = 0; i < SIGNAL_STEPS; i += 1) {
    const e = i / (SIGNAL_STEPS - 1);
    toLinear[i] = source.transfer === 'pq' ? pqToNits(e) / REFERENCE_WHITE_NITS : hlgInverseOetf(e);
  }
  const ootf = new Float32Array(source.transfer === 'hlg' ? OOTF_STEPS : 0);
  const gamma = hlgSystemGamma(source.peakNits);
  for (let i = 0; i < ootf.length; i += 1) {
    const ys = i / (OOTF_STEPS - 1);
    ootf[i] = ys > 0 ? (source.peakNits / REFERENCE_WHITE_NITS) * ys ** (gamma - 1) : 0;
  }
  const peak = source.peakNits / REFERENCE_WHITE_NITS;
  // Largest max(R, G, B) after the primaries matrix (its rows sum to 1; positive entries up to ~1.7).
  const gainTop = (source.transfer === 'pq' ? 100 : peak) * 1.8;
  const gain = new Float32Array(GAIN_STEPS);
  const operator = mode === 'off' ? 'hable' : mode;
  for (let i = 0; i < GAIN_STEPS; i += 1) {
    const m = Math.max(1e-6, gainTop * (i / (GAIN_STEPS - 1)) ** 2);
    gain[i] = toneCurve(operator, m, peak) / m;
  }
  const oetf = new Uint8Array(OETF_STEPS);
  for (let i = 0; i < OETF_STEPS; i += 1) oetf[i] = Math.round(255 * bt1886InverseEotf(i / (OETF_STEPS - 1)));
  const tables = {
    yCode,
    cCode,
    coefficients: ycbcrToRgb(source.matrix),
    toLinear,
    ootf,
    gamut: toBt709(source.primaries),
    gain,
    gainTop,
    oetf,
  };
  if (cache.size > 8) cache.clear();
  cache.set(key, tables);
  return tables;
}

/**
 * Converts one picture to SDR BT.709 RGBA (the chain above).
 * @param planes YCbCr planes at the source's bit depth (any size; chroma subsampled or not)
 * @param source the stream's transfer, primaries, matrix, range and peak (colorInfo.hdrSource)
 * @param mode the operator, or `off`
 * @param out RGBA, width x height x 4 bytes, rows top to bottom (alpha 255); a new array when not given
 * @returns `out`
 */
export function hdrToSdr(planes: YuvPlanes, source: HdrSource, mode: HdrMode, out?: Uint8ClampedArray): Uint8ClampedArray {
  const { width, height, y, u, v, yStride, cStride, chromaShiftX: sx, chromaShiftY: sy } = planes;
  const rgba = out ?? new Uint8ClampedArray(width * height * 4);
  if (rgba.byteLength < width * height * 4) throw new RangeError(`hdrToSdr: ${rgba.byteLength} bytes for ${width}x${height} RGBA`);
  // One 32-bit store per pixel (bytes R, G, B, A in memory order): ~3x faster than four byte stores.
  const words = new Uint32Array(rgba.buffer, rgba.byteOffset, width * height);
  const t = tablesFor(source, mode, planes.bitDepth);
  const { yCode, cCode, toLinear, ootf, gain, oetf } = t;
  const { crR, cbG, crG, cbB } = t.coefficients;
  const [m0, m1, m2, m3, m4, m5, m6, m7, m8] = t.gamut as [number, number, number, number, number, number, number, number, number];
  const [kr, kg, kb] = BT2020_LUMA;
  const sMax = SIGNAL_STEPS - 1;
  const gMax = GAIN_STEPS - 1;
  const oMax = OETF_STEPS - 1;
  const ootfMax = OOTF_STEPS - 1;
  const gainScale = gMax / Math.sqrt(t.gainTop);
  const hlg = ootf.length > 0;
  const off = mode === 'off';
  let o = 0;
  for (let row = 0; row < height; row += 1) {
    const yRow = row * yStride;
    const cRow = (row >> sy) * cStride;
    for (let x = 0; x < width; x += 1) {
      const luma = yCode[y[yRow + x] as number] as number;
      const ci = cRow + (x >> sx);
      const cb = cCode[u[ci] as number] as number;
      const cr = cCode[v[ci] as number] as number;
      let r = luma + crR * cr;
      let g = luma - cbG * cb - crG * cr;
      let b = luma + cbB * cb;
      if (off) {
        const R8 = r <= 0 ? 0 : r >= 1 ? 255 : (r * 255 + 0.5) | 0;
        const G8 = g <= 0 ? 0 : g >= 1 ? 255 : (g * 255 + 0.5) | 0;
        const B8 = b <= 0 ? 0 : b >= 1 ? 255 : (b * 255 + 0.5) | 0;
        words[o++] = pack(R8, G8, B8);
        continue;
      }
      r = toLinear[r <= 0 ? 0 : r >= 1 ? sMax : (r * sMax + 0.5) | 0] as number;
      g = toLinear[g <= 0 ? 0 : g >= 1 ? sMax : (g * sMax + 0.5) | 0] as number;
      b = toLinear[b <= 0 ? 0 : b >= 1 ? sMax : (b * sMax + 0.5) | 0] as number;
      if (hlg) {
        const ys = kr * r + kg * g + kb * b;
        const k = ootf[ys <= 0 ? 0 : ys >= 1 ? ootfMax : (ys * ootfMax + 0.5) | 0] as number;
        r *= k;
        g *= k;
        b *= k;
      }
      const R = m0 * r + m1 * g + m2 * b;
      const G = m3 * r + m4 * g + m5 * b;
      const B = m6 * r + m7 * g + m8 * b;
      const peak = R > G ? (R > B ? R : B) : G > B ? G : B;
      let k = gain[0] as number;
      if (peak > 0) {
        const f = Math.sqrt(peak) * gainScale;
        if (f >= gMax) k = gain[gMax] as number;
        else {
          const i = f | 0;
          const a = gain[i] as number;
          k = a + ((gain[i + 1] as number) - a) * (f - i);
        }
      }
      const lr = R * k;
      const lg = G * k;
      const lb = B * k;
      words[o++] = pack(
        oetf[lr <= 0 ? 0 : lr >= 1 ? oMax : (lr * oMax + 0.5) | 0] as number,
        oetf[lg <= 0 ? 0 : lg >= 1 ? oMax : (lg * oMax + 0.5) | 0] as number,
        oetf[lb <= 0 ? 0 : lb >= 1 ? oMax : (lb * oMax + 0.5) | 0] as number,
      );
    }
  }
  return rgba;
}

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/** R, G, B (0..255) and alpha 255 as the 32-bit word whose bytes in memory are R, G, B, A. */
function pack(r: number, g: number, b: number): number {
  return LITTLE_ENDIAN ? (0xff000000 | (b << 16) | (g << 8) | r) >>> 0 : ((r << 24) | (g << 16) | (b << 8) | 0xff) >>> 0;
}
