import { describe, expect, it } from 'vitest';
import { cutRanges, findCuts, joinShotFrames, meanAbsDiff, planShots, sceneScores, timeOfFrame, type ShotFrames } from './shots';

const flat = (v: number) => ({ data: new Uint8Array(4).fill(v), width: 2, height: 2 });

describe('scdet score', () => {
  it('scales MAFD 0-100 as scdet does', () => {
    expect(meanAbsDiff(flat(0), flat(128))).toBe(50);
    expect(() => meanAbsDiff(flat(0), { data: new Uint8Array(2), width: 1, height: 2 })).toThrow(RangeError);
  });
  it('scores a jump, not steady motion', () => {
    // Steady motion: MAFD 20 every frame scores 20 once, then 0; a cut out of stillness scores its MAFD.
    expect(sceneScores([null, 20, 20, 20, 0, 0, 40, 0])).toEqual([0, 20, 0, 0, 0, 0, 40, 0]);
  });
});

describe('findCuts', () => {
  const frames: ShotFrames = {
    framesMs: [0, 40, 80, 120, 160, 200],
    mafd: [null, 1, 1, 30, 1, 2],
    sharpness: [5, 6, 9, 1, 8, 3],
    dark: [false, false, false, false, false, false],
  };
  it('gives the first frame of each new shot', () => {
    expect(findCuts(frames, 10)).toEqual([120]);
    expect(findCuts(frames, 31)).toEqual([]);
  });
  it('a slow fade (small MAFD every frame) gives no cut', () => {
    const fade = { framesMs: [0, 40, 80, 120], mafd: [null, 2.5, 2.6, 2.4] };
    expect(findCuts(fade, 10)).toEqual([]);
  });
  it('plans one time per shot', () => {
    expect(planShots([120], frames, 240, 'start', 500)).toEqual([
      { startMs: 0, endMs: 120, timeMs: 60 },
      { startMs: 120, endMs: 240, timeMs: 180 },
    ]);
    expect(planShots([120], frames, 240, 'middle').map((s) => s.timeMs)).toEqual([60, 180]);
    expect(planShots([120], frames, 240, 'sharpest').map((s) => s.timeMs)).toEqual([80, 160]);
    expect(planShots([120], frames, 240, 'start', 10).map((s) => s.timeMs)).toEqual([10, 130]);
  });
  it('names a frame by a whole-ms time that displays it', () => {
    expect(timeOfFrame(1234)).toBe(1234);
    expect(timeOfFrame(1234.567)).toBe(1235);
  });
});

describe('ranges', () => {
  it('cover the video', () => {
    expect(cutRanges(130_000, 60_000)).toEqual([
      [0, 60_000],
      [60_000, 120_000],
      [120_000, 131_000],
    ]);
    expect(cutRanges(0)).toEqual([[0, 1000]]);
  });
  it('join without repeats', () => {
    const a: ShotFrames = { framesMs: [0, 40], mafd: [null, 1], sharpness: [1, 1], dark: [false, false] };
    const b: ShotFrames = { framesMs: [40, 80], mafd: [1, 2], sharpness: [1, 2], dark: [false, true] };
    expect(joinShotFrames([a, b])).toEqual({ framesMs: [0, 40, 80], mafd: [null, 1, 2], sharpness: [1, 1, 2], dark: [false, false, true] });
  });
});
