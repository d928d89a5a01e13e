/**
 * SDR YCbCr → RGBA as native ffmpeg's scaler gives it (`scale=W:H` to rgb24, one swscale context): the stream's
 * matrix and range (BT.601 limited range for untagged video, as swscale assumes; no transfer or gamut conversion, as
 * swscale does none), for pictures already scaled to their output size, chroma as swscale's RGB output lays it out
 * (resample.ts RGB_OUTPUT_CHROMA), and swscale's luma level for limited range ({@link SWSCALE_LIMITED_LUMA_OFFSET}).
 * Pure typed-array code.
 */
import { codeRange, ycbcrToRgb, type YcbcrMatrix } from '../hdr/gamut';
import type { YuvPlanes } from './planes';

/**
 * Levels (0..255) that swscale's table-driven conversion of a scaled limited-range picture to RGB comes out below
 * the matrix: measured with native ffmpeg 5.1 on flat greys through `scale=W/2:H/2` to rgb24, every 10th level from
 * 20 to 220 in 8 and 10 bits, output = (Y − 16)·255/219 − 1.3 … 2.25, mean 1.78; full range is exact (0). Matching it
 * keeps the WebCodecs path's pictures on ffmpeg.wasm's (swscale itself) and on native ffmpeg's PNGs: on flower.mp4
 * at 320x180 the mean difference to native's rgb24 goes from 1.47 to 0.57 levels. (Native ffmpeg's JPEGs keep
 * YCbCr, so a JPEG decoder shows them without this offset.)
 */
export const SWSCALE_LIMITED_LUMA_OFFSET = 1.78;

/**
 * The matrix to convert a stream with, from its WebCodecs `VideoColorSpace.matrix` (ITU-T H.273 names as WebCodecs
 * spells them): BT.709; BT.601 for `bt470bg`, `smpte170m` and untagged streams (as swscale assumes: the rule of
 * webcodecs/source.ts `ffmpegColorSpace`); BT.2020 non-constant luminance for `bt2020-ncl`.
 * @returns the matrix, or null for the others (`rgb`, `smpte240m`, YCgCo…), which the browser converts
 */
export function sdrMatrix(matrix: string | null | undefined): YcbcrMatrix | null {
  if (matrix === null || matrix === undefined || matrix === 'bt470bg' || matrix === 'smpte170m') return 'bt601';
  if (matrix === 'bt709') return 'bt709';
  if (matrix === 'bt2020-ncl') return 'bt2020nc';
  return null;
}

/**
 * Converts planes to opaque RGBA; subsampled chroma is taken by nearest sample (pixel x uses chroma x >> shiftX).
 * Limited range is lowered by {@link SWSCALE_LIMITED_LUMA_OFFSET} as swscale's output is.
 * @param planes code values of `planes.bitDepth` bits
 * @param fullRange true for full-range ("pc", JPEG) code values, false for limited ("tv") range (BT.709 / BT.601)
 * @param levels `swscale`: limited range lowered by {@link SWSCALE_LIMITED_LUMA_OFFSET}, as native ffmpeg's RGB output
 *   (PNG, rgb24) is; `matrix`: the matrix alone, for pictures that go back to YCbCr (a WebM preview: native's keeps
 *   YCbCr, so a decoder shows it at the matrix's levels)
 * @param out optional destination, width x height x 4 bytes
 * @returns RGBA, width x height x 4 bytes, row-major; values rounded and clamped to 0..255
 */
export function sdrToRgba(
  planes: YuvPlanes,
  matrix: YcbcrMatrix,
  fullRange: boolean,
  levels: 'swscale' | 'matrix' = 'swscale',
  out?: Uint8ClampedArray,
): Uint8ClampedArray {
  const { width, height, chromaShiftX: sx, chromaShiftY: sy } = planes;
  const rgba = out ?? new Uint8ClampedArray(width * height * 4);
  const range = codeRange(planes.bitDepth, fullRange);
  const m = ycbcrToRgb(matrix);
  // Y' and C scaled to 0..255 in one multiply.
  const yScale = range.yScale * 255;
  const cScale = range.cScale * 255;
  const [crR, cbG, crG, cbB] = [m.crR * cScale, m.cbG * cScale, m.crG * cScale, m.cbB * cScale];
  const lumaOffset = fullRange || levels === 'matrix' ? 0 : SWSCALE_LIMITED_LUMA_OFFSET;
  let o = 0;
  for (let row = 0; row < height; row += 1) {
    const yBase = row * planes.yStride;
    const cBase = (row >> sy) * planes.cStride;
    for (let col = 0; col < width; col += 1) {
      const y = ((planes.y[yBase + col] as number) - range.yOffset) * yScale - lumaOffset;
      const ci = cBase + (col >> sx);
      const cb = (planes.u[ci] as number) - range.cOffset;
      const cr = (planes.v[ci] as number) - range.cOffset;
      rgba[o] = y + crR * cr;
      rgba[o + 1] = y - cbG * cb - crG * cr;
      rgba[o + 2] = y + cbB * cb;
      rgba[o + 3] = 255;
      o += 4;
    }
  }
  return rgba;
}
