/**
 * Scaling YCbCr planes before their conversion to RGB, as ffmpeg's scaler does (swscale scales in YCbCr, then
 * converts), with swscale's default filter: bicubic with B = 0, C = 0.6 (libswscale/utils.c `initFilter`, SWS_BICUBIC
 * with default params; the scale filter's default flags), the kernel widened by the ratio when downscaling so
 * that every source sample contributes (4 source samples a side per output sample).
 * - HDR (docs/ENGINE.md "HDR to SDR"): a picture smaller than the decoded frame is converted at its own size; tone
 *   mapping is nonlinear, so scaling before it differs from scaling after it, but below a level at 320 px, and
 *   converting 1080p costs ~30x more than converting 320x180.
 * - SDR downscales of 2x and more (docs/ENGINE.md "Drawing a frame"): this replaces the browser's full-size RGB
 *   conversion and canvas steps.
 * Pure typed-array code.
 */
import type { YuvPlanes } from './planes';

/** swscale's bicubic parameters (SWS_PARAM_DEFAULT): B = 0, C = 0.6. */
const B = 0;
const C = 0.6;

/**
 * An accelerator for the vertical pass, which is ~85 % of the multiply-adds (1080p → 320x180: 8.6 M of 10 M for
 * luma): line[i] += w · src[i] over one source row, in a memory of its own (the engine's is WebAssembly SIMD,
 * worker/planes/scaleKernel.ts). Without one, plain JS does it (~1.4 ns a sample in V8).
 */
export interface RowKernel {
  /** The memory the offsets below point into (its buffer may change after {@link reserve}). */
  readonly memory: { readonly buffer: ArrayBuffer };
  /** line (f32 at byte offset `line`, 16-byte aligned) += w · src (n u8 samples at byte offset `src`). */
  rowAdd8(line: number, src: number, n: number, w: number): void;
  /** The same with u16 samples. */
  rowAdd16(line: number, src: number, n: number, w: number): void;
  /** Makes the memory at least `bytes` long. */
  reserve(bytes: number): void;
}

/** The Mitchell–Netravali cubic with {@link B}, {@link C} (the polynomial swscale evaluates), for |x| in source samples. */
function cubic(x: number): number {
  const d = Math.abs(x);
  if (d >= 2) return 0;
  const dd = d * d;
  const ddd = dd * d;
  if (d < 1) return ((12 - 9 * B - 6 * C) * ddd + (-18 + 12 * B + 6 * C) * dd + (6 - 2 * B)) / 6;
  return ((-B - 6 * C) * ddd + (6 * B + 30 * C) * dd + (-12 * B - 48 * C) * d + (8 * B + 24 * C)) / 6;
}

/** One axis's filter: output sample i takes `taps` weights from source index start[i] on (indices clamped to the edge). */
interface AxisFilter {
  taps: number;
  start: Int32Array;
  /** outSize x taps weights, each row summing to 1. */
  weights: Float64Array;
}

/**
 * The filter from `inSize` samples to `outSize`: output sample i is centred at (i + 0.5) · in/out − 0.5 in source
 * coordinates; the kernel spans 2 output samples a side (2 · max(1, in/out) source samples).
 */
export function axisFilter(inSize: number, outSize: number): AxisFilter {
  const ratio = inSize / outSize;
  const stretch = Math.max(1, ratio);
  const taps = Math.ceil(2 * stretch) * 2 + 1;
  const start = new Int32Array(outSize);
  const weights = new Float64Array(outSize * taps);
  for (let i = 0; i < outSize; i += 1) {
    const centre = (i + 0.5) * ratio - 0.5;
    const first = Math.floor(centre) - (taps - 1) / 2;
    start[i] = first;
    let sum = 0;
    for (let t = 0; t < taps; t += 1) {
      const w = cubic((first + t - centre) / stretch);
      weights[i * taps + t] = w;
      sum += w;
    }
    for (let t = 0; t < taps; t += 1) weights[i * taps + t] = (weights[i * taps + t] as number) / sum;
  }
  return { taps, start, weights };
}

/**
 * Scales one plane to `width` x `height` with the bicubic filter, rows first (each output row a weighted sum of
 * whole source rows, read in order), then columns. Samples past an edge repeat the edge sample. Output values are
 * rounded and clamped to 0 … 2^bitDepth − 1.
 */
function resamplePlane(
  plane: Uint16Array | Uint8Array,
  stride: number,
  planeWidth: number,
  planeHeight: number,
  width: number,
  height: number,
  maxCode: number,
  kernel: RowKernel | null,
): Uint16Array {
  const out = new Uint16Array(width * height);
  const rows = axisFilter(planeHeight, height);
  const cols = axisFilter(planeWidth, width);
  const taps = cols.taps;
  // Output columns whose taps all fall inside the plane read it directly; the few at the edges through clamped indices.
  const clamped = new Int32Array(width * taps);
  for (let x = 0; x < width; x += 1) {
    for (let t = 0; t < taps; t += 1) clamped[x * taps + t] = Math.min(planeWidth - 1, Math.max(0, (cols.start[x] as number) + t));
  }
  const rowOf = (i: number) => Math.min(planeHeight - 1, Math.max(0, i));
  const vertical = verticalPass(plane, stride, planeWidth, rows, rowOf, kernel);
  let o = 0;
  for (let y = 0; y < height; y += 1) {
    const line = vertical(y);
    for (let x = 0; x < width; x += 1) {
      const k = x * taps;
      const start = cols.start[x] as number;
      let sum = 0;
      if (start >= 0 && start + taps <= planeWidth) {
        for (let i = 0; i < taps; i += 1) sum += (cols.weights[k + i] as number) * (line[start + i] as number);
      } else {
        for (let i = 0; i < taps; i += 1) sum += (cols.weights[k + i] as number) * (line[clamped[k + i] as number] as number);
      }
      const v = Math.round(sum);
      out[o++] = v < 0 ? 0 : v > maxCode ? maxCode : v;
    }
  }
  return out;
}

/**
 * The vertical pass: for output row y, the weighted sum of its source rows, full width. With a {@link RowKernel} the
 * plane is copied into the kernel's memory once and each row added there (f32); without, plain JS (f64, two source
 * rows a sweep).
 * @returns a function of y giving that row's line (valid until the next call)
 */
function verticalPass(
  plane: Uint16Array | Uint8Array,
  stride: number,
  planeWidth: number,
  rows: AxisFilter,
  rowOf: (i: number) => number,
  kernel: RowKernel | null,
): (y: number) => Float32Array | Float64Array {
  if (kernel) {
    const sampleBytes = plane.BYTES_PER_ELEMENT;
    const lineBytes = Math.ceil((planeWidth * 4) / 16) * 16;
    const srcOffset = lineBytes;
    kernel.reserve(srcOffset + plane.byteLength);
    const memory = kernel.memory.buffer;
    new Uint8Array(memory, srcOffset, plane.byteLength).set(new Uint8Array(plane.buffer, plane.byteOffset, plane.byteLength));
    const line = new Float32Array(memory, 0, planeWidth);
    const add = sampleBytes === 1 ? kernel.rowAdd8 : kernel.rowAdd16;
    return (y) => {
      line.fill(0);
      const first = rows.start[y] as number;
      for (let t = 0; t < rows.taps; t += 1) {
        const w = rows.weights[y * rows.taps + t] as number;
        if (w !== 0) add(0, srcOffset + rowOf(first + t) * stride * sampleBytes, planeWidth, w);
      }
      return line;
    };
  }
  const line = new Float64Array(planeWidth);
  return (y) => {
    const first = rows.start[y] as number;
    const wy = y * rows.taps;
    line.fill(0);
    let t = 0;
    for (; t + 1 < rows.taps; t += 2) {
      const w0 = rows.weights[wy + t] as number;
      const w1 = rows.weights[wy + t + 1] as number;
      if (w0 === 0 && w1 === 0) continue;
      const b0 = rowOf(first + t) * stride;
      const b1 = rowOf(first + t + 1) * stride;
      for (let x = 0; x < planeWidth; x += 1)
        line[x] = (line[x] as number) + w0 * (plane[b0 + x] as number) + w1 * (plane[b1 + x] as number);
    }
    if (t < rows.taps) {
      const w0 = rows.weights[wy + t] as number;
      const b0 = rowOf(first + t) * stride;
      if (w0 !== 0) for (let x = 0; x < planeWidth; x += 1) line[x] = (line[x] as number) + w0 * (plane[b0 + x] as number);
    }
    return line;
  };
}

/** log2 of the output chroma subsampling, x and y. */
export type ChromaShift = readonly [number, number];
/** Chroma at luma size (4:4:4): the HDR conversion's input. */
export const FULL_CHROMA: ChromaShift = [0, 0];
/**
 * Chroma at half width, full height: what swscale scales chroma to for RGB output without SWS_FULL_CHR_H_INT (the
 * default flags of ffmpeg's `scale` filter, e.g. `scale=W:H,format=rgb24`), each chroma sample then serving two
 * pixels. Measured on flower.mp4, 960x540 → 320x180: mean abs difference to native ffmpeg's rgb24 1.47 levels (max 5)
 * with this layout, against 1.82 (max 37) with 4:4:4 chroma.
 */
export const RGB_OUTPUT_CHROMA: ChromaShift = [1, 0];

/**
 * The planes at `width` x `height` px, each scaled with the bicubic filter.
 * @param width output luma size, px (>= 1)
 * @param chroma the output's chroma subsampling (log2, x and y): chroma is scaled to ceil(width / 2^x) x
 *   ceil(height / 2^y) whatever the source's subsampling
 * @param kernel the vertical pass's accelerator (null: plain JS); results agree within one code value (f32 sums)
 */
export function resamplePlanes(
  planes: YuvPlanes,
  width: number,
  height: number,
  chroma: ChromaShift = FULL_CHROMA,
  kernel: RowKernel | null = null,
): YuvPlanes {
  const cw = Math.ceil(planes.width / 2 ** planes.chromaShiftX);
  const ch = Math.ceil(planes.height / 2 ** planes.chromaShiftY);
  const [shiftX, shiftY] = chroma;
  const [outCw, outCh] = [Math.ceil(width / 2 ** shiftX), Math.ceil(height / 2 ** shiftY)];
  const maxCode = 2 ** planes.bitDepth - 1;
  return {
    width,
    height,
    bitDepth: planes.bitDepth,
    y: resamplePlane(planes.y, planes.yStride, planes.width, planes.height, width, height, maxCode, kernel),
    u: resamplePlane(planes.u, planes.cStride, cw, ch, outCw, outCh, maxCode, kernel),
    v: resamplePlane(planes.v, planes.cStride, cw, ch, outCw, outCh, maxCode, kernel),
    yStride: width,
    cStride: outCw,
    chromaShiftX: shiftX,
    chromaShiftY: shiftY,
  };
}
