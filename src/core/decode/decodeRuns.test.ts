import { describe, expect, it } from 'vitest';
import { indexSpans, keepWindows, keyframeAtOrBefore, keyframeGroups, parseKeyframeLines, pickFrames, planDecodeRuns } from './decodeRuns';

/** 30 fps, keyframes every 2 s (public/sample.mp4). */
const FRAME = 1000 / 30;
const KEYS = [0, 2000, 4000, 6000, 8000];
const plan = (timesMs: number[], execCostFrames = 4, maxTimesPerRun = 32, keyframesMs = KEYS) =>
  planDecodeRuns({ timesMs, keyframesMs, frameMs: FRAME, execCostFrames, maxTimesPerRun });

describe('indexSpans', () => {
  it('covers times closer than 10 s to a neighbour, and leaves lone times out', () => {
    expect(indexSpans([0, 250, 500, 30_000, 50_000, 55_000])).toEqual([
      [0, 500],
      [50_000, 55_000],
    ]);
    expect(indexSpans([1000])).toEqual([]);
    expect(indexSpans([])).toEqual([]);
  });
});

describe('keyframeAtOrBefore', () => {
  it('finds the last keyframe at or before t, or null before the first known one', () => {
    expect(keyframeAtOrBefore(KEYS, 1999)).toBe(0);
    expect(keyframeAtOrBefore(KEYS, 2000)).toBe(2000);
    expect(keyframeAtOrBefore(KEYS, 9999)).toBe(8000);
    expect(keyframeAtOrBefore([2000], 1000)).toBeNull();
  });
});

describe('planDecodeRuns', () => {
  it('keeps decoding within a GOP and seeks at each new keyframe when the gap costs more than an exec', () => {
    expect(plan([250, 500, 1500, 2500, 3000, 4500])).toEqual([[250, 500, 1500], [2500, 3000], [4500]]);
  });
  it('goes on across a keyframe when the frames up to it cost less than an exec', () => {
    // 1950 -> keyframe 2000 is 1.5 frames: cheaper than an exec of 4 frames.
    expect(plan([1000, 1950, 2100])).toEqual([[1000, 1950, 2100]]);
    // With an exec worth 1 frame, seeking wins.
    expect(plan([1000, 1950, 2100], 1)).toEqual([[1000, 1950], [2100]]);
  });
  it('joins duplicates, never splits them, and counts distinct times against the cap', () => {
    expect(plan([100, 100, 200, 300], 4, 2)).toEqual([[100, 100, 200], [300]]);
  });
  it('never joins times more than 10 s apart, even in one long GOP', () => {
    expect(plan([0, 5000, 16_000], 4, 32, [0])).toEqual([[0, 5000], [16_000]]);
  });
  it("joins times before the first known keyframe (their keyframe is the span start's)", () => {
    expect(plan([10_100, 10_300], 4, 32, [])).toEqual([[10_100, 10_300]]);
  });
  it('keeps every time, in order', () => {
    const times = Array.from({ length: 40 }, (_, i) => i * 250);
    expect(plan(times).flat()).toEqual(times);
    expect(plan(times)).toHaveLength(5);
  });
});

describe('keyframeGroups', () => {
  it('groups consecutive times that share their keyframe', () => {
    expect(keyframeGroups([100, 1900, 2000, 2100, 7000], KEYS)).toEqual([[100, 1900], [2000, 2100], [7000]]);
  });

  it('never joins a time whose keyframe the index does not hold (an MPEG-TS index read may start after it)', () => {
    // The index read from 2483 ms on: 921 and 1521 have no keyframe in it, so neither shares one.
    expect(keyframeGroups([921, 1521, 2600, 2700], [2483])).toEqual([[921], [1521], [2600, 2700]]);
  });
});

describe('keepWindows', () => {
  it('keeps (t - 1.5 frames, t] per time, merged where they overlap', () => {
    expect(keepWindows([1000, 1020, 2000], 40)).toEqual([
      [940, 1020.001],
      [1940, 2000.001],
    ]);
    expect(keepWindows([30], 40)).toEqual([[0, 30.001]]);
  });
});

describe('pickFrames', () => {
  it('takes the last frame at or before t in its window, null when the window is empty', () => {
    const frames = [966.667, 1000, 1966.667, 2000];
    expect(pickFrames([1000, 1010, 1999.9, 2000, 3000], frames, FRAME)).toEqual([1, 1, 2, 3, null]);
  });
  it('allows 1 µs of tolerance but no more (a frame at 2102.1 ms does not answer 2102 ms)', () => {
    expect(pickFrames([2102], [2068.8, 2102.1], FRAME)).toEqual([0]);
    expect(pickFrames([2102], [2102.0005], FRAME)).toEqual([0]);
  });
  it('returns null when nothing at or before t is written', () => {
    expect(pickFrames([500], [520], FRAME)).toEqual([null]);
  });
});

describe('parseKeyframeLines', () => {
  it('reads keyframes from compact ffprobe output, subtracting start_time', () => {
    const text = '1.400000|K_\n1.433333|__\n3.400000|K__\nN/A|K_\n\n3.400000|K_\n';
    expect(parseKeyframeLines(text, 1400)).toEqual([0, 2000]);
  });
});
