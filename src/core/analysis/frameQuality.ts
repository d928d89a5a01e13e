/**
 * "Avoid dark or blurry frames": pure measures on a small luma plane, and the choice of the frame
 * to use instead of a dark or blurry one. The engine decodes the frames; everything here is arithmetic.
 *
 * Measures (on a copy of the frame's luma Y', full range 0-255, downscaled to {@link QUALITY_ANALYSIS_WIDTH} px):
 * - dark: at least 98 % of the pixels are below 19, which is ffmpeg's `blackframe` default rule (amount=98,
 *   threshold=32 on limited-range Y, 32 = 19 in full range); or nearly uniform: the luma's standard deviation is
 *   below 3 levels (a blank card of any colour, what mt's `--skip-blank` skips). Both are reported as `dark`.
 * - blurry: the variance of the Laplacian of the luma (Pech-Pacheco et al., "Diatom autofocusing in brightfield
 *   microscopy", ICPR 2000; the usual focus measure), divided by the luma's own variance so that a fade (contrast
 *   scaled by k: both variances scale by k²) does not look blurry, is below {@link BLUR_RATIO} of its 90th
 *   percentile over the frames around it (neighbours that are not dark): a measure relative to the shot, since the
 *   absolute value depends on the content (a clear sky is smooth, foliage is not).
 */

/** A luma plane: Y' values 0-255 (full range), row after row, `width * height` bytes. */
export interface LumaPlane {
  data: Uint8Array | Uint8ClampedArray;
  /** Size, px. */
  width: number;
  height: number;
}

/** What {@link measureFrame} finds in one frame. */
export interface FrameMeasure {
  /** Mean luma, 0-255. */
  mean: number;
  /** Standard deviation of the luma, 0-255 levels. */
  stdDev: number;
  /** Fraction of pixels darker than {@link DARK_PIXEL_LUMA}, 0-1. */
  darkFraction: number;
  /** Variance of the 4-neighbour Laplacian of the luma over the luma's variance (at least 1 level²): higher is sharper. */
  sharpness: number;
}

/** Width of the luma copy the quality measures are taken on, px (height follows the aspect). */
export const QUALITY_ANALYSIS_WIDTH = 320;
/** A pixel is dark below this full-range luma: ffmpeg `blackframe` threshold 32 on limited-range Y ((32-16)·255/219). */
export const DARK_PIXEL_LUMA = 19;
/** A frame is dark when at least this fraction of its pixels are dark (ffmpeg `blackframe` amount=98). */
export const DARK_AMOUNT = 0.98;
/** A frame is blank (nearly uniform) when its luma's standard deviation is below this, levels of 255. */
export const UNIFORM_STD_DEV = 3;
/** A frame is blurry when its sharpness is below this fraction of its neighbours' (90th percentile). */
export const BLUR_RATIO = 0.35;
/** Default search window after the requested time, ms (2 s). */
export const AVOID_WINDOW_MS = 2000;
/** Neighbours before t (ms) and after t (ms) whose sharpness is the reference for "blurry". */
export const NEIGHBOURS_BEFORE_MS = 1000;
export const NEIGHBOURS_AFTER_MS = 500;

/**
 * Luma statistics and sharpness of one frame.
 * @param plane full-range luma, at least 3x3 px for a sharpness (smaller planes give sharpness 0)
 * @returns {@link FrameMeasure}
 */
export function measureFrame(plane: LumaPlane): FrameMeasure {
  const { data, width, height } = plane;
  const n = width * height;
  let sum = 0;
  let sumSq = 0;
  let dark = 0;
  for (let i = 0; i < n; i += 1) {
    const v = data[i] as number;
    sum += v;
    sumSq += v * v;
    if (v < DARK_PIXEL_LUMA) dark += 1;
  }
  const mean = n > 0 ? sum / n : 0;
  const variance = n > 0 ? Math.max(0, sumSq / n - mean * mean) : 0;
  const sharpness = laplacianVariance(plane) / Math.max(1, variance);
  return { mean, stdDev: Math.sqrt(variance), darkFraction: n > 0 ? dark / n : 1, sharpness };
}

/**
 * Variance of the Laplacian (kernel [0 1 0; 1 -4 1; 0 1 0]) over the interior pixels of a luma plane.
 * @returns levels²; 0 for planes under 3x3 px
 */
export function laplacianVariance(plane: LumaPlane): number {
  const { data, width, height } = plane;
  if (width < 3 || height < 3) return 0;
  let sum = 0;
  let sumSq = 0;
  for (let y = 1; y < height - 1; y += 1) {
    const row = y * width;
    for (let x = 1; x < width - 1; x += 1) {
      const i = row + x;
      const lap =
        (data[i - 1] as number) +
        (data[i + 1] as number) +
        (data[i - width] as number) +
        (data[i + width] as number) -
        4 * (data[i] as number);
      sum += lap;
      sumSq += lap * lap;
    }
  }
  const count = (width - 2) * (height - 2);
  const mean = sum / count;
  return Math.max(0, sumSq / count - mean * mean);
}

/** True when a frame is dark or nearly uniform (see the module's rules). */
export function isDark(m: FrameMeasure): boolean {
  return m.darkFraction >= DARK_AMOUNT || m.stdDev < UNIFORM_STD_DEV;
}

/**
 * The reference sharpness of a set of frames: the 90th percentile of the sharpness of those that are not dark.
 * @returns the reference (same unit as `sharpness`), or null when every frame is dark (or none is given)
 */
export function referenceSharpness(measures: readonly FrameMeasure[]): number | null {
  const values = measures
    .filter((m) => !isDark(m))
    .map((m) => m.sharpness)
    .sort((a, b) => a - b);
  if (values.length === 0) return null;
  return values[Math.min(values.length - 1, Math.floor(0.9 * (values.length - 1) + 0.5))] as number;
}

export type QualityReason = 'dark' | 'blurry';

/** What the manifest says about a time whose frame was dark or blurry. */
export interface FrameQualityNote {
  reason: QualityReason;
  /** True: a later frame of the window is used (its time is the file's actualMs); false: no better frame, kept. */
  moved: boolean;
}

/**
 * What is wrong with a frame, judged against a reference sharpness.
 * @param reference from {@link referenceSharpness} over its neighbours; null (all dark) means no blur judgement
 * @returns `dark`, `blurry`, or null for a good frame
 */
export function frameProblem(m: FrameMeasure, reference: number | null): QualityReason | null {
  if (isDark(m)) return 'dark';
  if (reference !== null && reference > 0 && m.sharpness < BLUR_RATIO * reference) return 'blurry';
  return null;
}

/** A measured frame of a search window. */
export interface MeasuredFrame {
  /** Presentation time, ms. */
  ms: number;
  measure: FrameMeasure;
}

/** The frame to use for a requested time, and why it differs from the frame displayed at t. */
export interface QualityChoice {
  /** Presentation time of the frame to use, ms. */
  ms: number;
  /** What was wrong with the frame displayed at t; null when it was good. */
  reason: QualityReason | null;
  /** False when the frame at t was dark or blurry but no frame of the window was better: it is kept. */
  moved: boolean;
}

/**
 * Picks the frame for a requested time: the frame displayed at t when it is good; else the first good frame after it
 * (in `frames` order); else the best of the window (the sharpest frame that is not dark, or the brightest when all
 * are dark); when that is the frame at t itself, it is kept (`moved: false`).
 * @param frames measured frames in presentation order: neighbours before t, the frame displayed at t, then the
 *   frames after it up to the end of the search window (callers cap it at t + 2 s and before the next requested time)
 * @param at index in `frames` of the frame displayed at t
 * @param reference sharpness that "blurry" is relative to ({@link referenceSharpness} of the neighbours)
 */
export function chooseFrame(frames: readonly MeasuredFrame[], at: number, reference: number | null): QualityChoice {
  const current = frames[at];
  if (!current) throw new RangeError(`chooseFrame: no frame at index ${at}`);
  const reason = frameProblem(current.measure, reference);
  if (reason === null) return { ms: current.ms, reason: null, moved: false };
  for (let i = at + 1; i < frames.length; i += 1) {
    const f = frames[i] as MeasuredFrame;
    if (frameProblem(f.measure, reference) === null) return { ms: f.ms, reason, moved: true };
  }
  let best = current;
  for (let i = at + 1; i < frames.length; i += 1) {
    const f = frames[i] as MeasuredFrame;
    if (better(f.measure, best.measure)) best = f;
  }
  return { ms: best.ms, reason, moved: best !== current };
}

/** A frame that is not dark beats a dark one; among those that are not dark the sharper, among dark ones the brighter. */
function better(a: FrameMeasure, b: FrameMeasure): boolean {
  const aDark = isDark(a);
  const bDark = isDark(b);
  if (aDark !== bDark) return !aDark;
  return aDark ? a.mean + a.stdDev > b.mean + b.stdDev : a.sharpness > b.sharpness;
}

/**
 * The search window of one requested time: from t to t + `windowMs`, never reaching the next requested
 * time, nor past the end of the video.
 * @param timesMs the job's requested times, ms ascending; `index` is t's position
 * @returns the window's last time, ms (inclusive; `>= t`)
 */
export function searchWindowEnd(timesMs: readonly number[], index: number, durationMs: number, windowMs = AVOID_WINDOW_MS): number {
  const t = timesMs[index] as number;
  const next = timesMs[index + 1];
  let end = Math.min(t + windowMs, durationMs);
  if (next !== undefined) end = Math.min(end, next - 0.5);
  return Math.max(t, end);
}

/**
 * Downscales a luma plane by averaging blocks (at most 4x4 samples per block, spread over it), px.
 * @param src full-range luma; `stride` bytes per row (>= width)
 * @param width target width px (height keeps the aspect, at least 1)
 */
export function downscaleLuma(
  src: Uint8Array | Uint8ClampedArray,
  srcWidth: number,
  srcHeight: number,
  stride: number,
  width: number,
  height = Math.max(1, Math.round((srcHeight * width) / srcWidth)),
): LumaPlane {
  const w = Math.max(1, Math.min(width, srcWidth));
  const h = Math.max(1, Math.min(height, srcHeight));
  const out = new Uint8Array(w * h);
  const bx = srcWidth / w;
  const by = srcHeight / h;
  const sx = Math.max(1, Math.min(4, Math.floor(bx)));
  const sy = Math.max(1, Math.min(4, Math.floor(by)));
  for (let y = 0; y < h; y += 1) {
    for (let x = 0; x < w; x += 1) {
      let sum = 0;
      for (let j = 0; j < sy; j += 1) {
        const row = Math.min(srcHeight - 1, Math.floor(y * by + ((j + 0.5) * by) / sy)) * stride;
        for (let i = 0; i < sx; i += 1) sum += src[row + Math.min(srcWidth - 1, Math.floor(x * bx + ((i + 0.5) * bx) / sx))] as number;
      }
      out[y * w + x] = Math.round(sum / (sx * sy));
    }
  }
  return { data: out, width: w, height: h };
}

/** Expands limited-range luma (16-235) to full range (0-255) in place (BT.709/BT.601 video range). */
export function expandLimitedRange(data: Uint8Array): void {
  for (let i = 0; i < data.length; i += 1) {
    const v = ((data[i] as number) - 16) * (255 / 219);
    data[i] = v < 0 ? 0 : v > 255 ? 255 : Math.round(v);
  }
}
