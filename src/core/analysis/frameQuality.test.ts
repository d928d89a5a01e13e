import { describe, expect, it } from 'vitest';
import {
  chooseFrame,
  downscaleLuma,
  expandLimitedRange,
  frameProblem,
  isDark,
  laplacianVariance,
  measureFrame,
  referenceSharpness,
  searchWindowEnd,
  type LumaPlane,
  type MeasuredFrame,
} from './frameQuality';

function plane(width: number, height: number, f: (x: number, y: number) => number): LumaPlane {
  const data = new Uint8Array(width * height);
  for (let y = 0; y < height; y += 1) for (let x = 0; x < width; x += 1) data[y * width + x] = f(x, y);
  return { data, width, height };
}
const checker = plane(32, 18, (x, y) => (((x >> 1) + (y >> 1)) % 2 === 0 ? 40 : 220));
/** The checkerboard averaged over 3x3: the same content, blurred. */
function blurred(p: LumaPlane): LumaPlane {
  return plane(p.width, p.height, (x, y) => {
    let s = 0;
    let n = 0;
    for (let j = -1; j <= 1; j += 1)
      for (let i = -1; i <= 1; i += 1) {
        const xx = Math.min(p.width - 1, Math.max(0, x + i));
        const yy = Math.min(p.height - 1, Math.max(0, y + j));
        s += p.data[yy * p.width + xx] as number;
        n += 1;
      }
    return Math.round(s / n);
  });
}

describe('measureFrame', () => {
  it('finds black, blank and textured frames', () => {
    const black = measureFrame(plane(16, 9, () => 0));
    expect(black).toMatchObject({ mean: 0, stdDev: 0, darkFraction: 1, sharpness: 0 });
    expect(isDark(black)).toBe(true);
    // A grey card: not dark pixels, but blank (nearly uniform).
    const grey = measureFrame(plane(16, 9, (x) => 128 + (x % 2)));
    expect(grey.darkFraction).toBe(0);
    expect(isDark(grey)).toBe(true);
    const textured = measureFrame(checker);
    expect(isDark(textured)).toBe(false);
    expect(textured.mean).toBeCloseTo(130, 0);
  });

  it('follows blackframe: 98 % of pixels below 19 (32 in limited range) is dark, 97 % is not', () => {
    const n = 100;
    const mostlyBlack = (bright: number) => plane(n, 1, (x) => (x < bright ? 200 : 10));
    expect(isDark(measureFrame(mostlyBlack(2)))).toBe(true);
    expect(isDark(measureFrame(mostlyBlack(3)))).toBe(false);
  });

  it('gives a blurred copy a much lower Laplacian variance', () => {
    const sharp = laplacianVariance(checker);
    const soft = laplacianVariance(blurred(checker));
    expect(soft).toBeLessThan(0.35 * sharp);
    expect(laplacianVariance(plane(2, 2, () => 9))).toBe(0);
  });
});

describe('chooseFrame', () => {
  const good = measureFrame(checker);
  const soft = measureFrame(blurred(checker));
  const black = measureFrame(plane(32, 18, () => 0));
  const frames = (list: (typeof good)[]): MeasuredFrame[] => list.map((measure, i) => ({ ms: i * 40, measure }));

  it('keeps a good frame', () => {
    const f = frames([good, good, good]);
    expect(chooseFrame(f, 1, referenceSharpness(f.map((x) => x.measure)))).toEqual({ ms: 40, reason: null, moved: false });
  });

  it('moves a dark frame to the first frame that is not dark', () => {
    const f = frames([black, black, black, good, good]);
    expect(chooseFrame(f, 0, referenceSharpness(f.map((x) => x.measure)))).toEqual({ ms: 120, reason: 'dark', moved: true });
  });

  it('moves a blurry frame to the first sharp one, relative to the neighbours', () => {
    const f = frames([good, good, soft, soft, good]);
    const ref = referenceSharpness(f.map((x) => x.measure));
    expect(frameProblem(soft, ref)).toBe('blurry');
    expect(chooseFrame(f, 2, ref)).toEqual({ ms: 160, reason: 'blurry', moved: true });
    // A window of blurry frames only: nothing is blurry relative to itself.
    const allSoft = frames([soft, soft]);
    expect(chooseFrame(allSoft, 0, referenceSharpness(allSoft.map((x) => x.measure))).reason).toBeNull();
  });

  it('takes the best frame of the window when none passes, and keeps the frame when it is the best', () => {
    const dim = measureFrame(plane(32, 18, (x) => (x % 2 ? 12 : 17)));
    const f = frames([black, dim, black]);
    expect(chooseFrame(f, 0, referenceSharpness(f.map((x) => x.measure)))).toEqual({ ms: 40, reason: 'dark', moved: true });
    expect(chooseFrame(frames([dim, black]), 0, null)).toEqual({ ms: 0, reason: 'dark', moved: false });
  });
});

describe('searchWindowEnd', () => {
  it('ends 2 s after t, before the next requested time, at the duration', () => {
    expect(searchWindowEnd([0, 5000], 0, 10_000)).toBe(2000);
    expect(searchWindowEnd([0, 1000], 0, 10_000)).toBe(999.5);
    expect(searchWindowEnd([9000], 0, 10_000)).toBe(10_000);
    expect(searchWindowEnd([10_000], 0, 10_000)).toBe(10_000);
  });
});

describe('downscaleLuma / expandLimitedRange', () => {
  it('averages blocks and keeps the aspect', () => {
    const src = plane(8, 4, (x) => (x < 4 ? 0 : 200));
    const out = downscaleLuma(src.data, 8, 4, 8, 2);
    expect([out.width, out.height]).toEqual([2, 1]);
    expect([...out.data]).toEqual([0, 200]);
  });
  it('maps 16-235 to 0-255', () => {
    const data = new Uint8Array([0, 16, 126, 235, 255]);
    expandLimitedRange(data);
    expect([...data]).toEqual([0, 0, 128, 255, 255]);
  });
});
