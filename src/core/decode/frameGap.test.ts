import { describe, expect, it } from 'vitest';
import { classifyGap, needsGapCheck } from './frameGap';

describe('needsGapCheck', () => {
  it('accepts the frame of the previous few frame durations without a check', () => {
    expect(needsGapCheck(1000, 967, 30)).toBe(false);
    expect(needsGapCheck(1000, 901, 30)).toBe(false);
  });
  it('checks gaps over three frames (and over 100 ms)', () => {
    expect(needsGapCheck(1000, 800, 30)).toBe(true);
    expect(needsGapCheck(3000, 2369, 29.97)).toBe(true);
    expect(needsGapCheck(1000, 850, 1000 / 120)).toBe(true);
    expect(needsGapCheck(1000, 850, null)).toBe(true);
  });
});

describe('classifyGap', () => {
  const base = { actualMs: 2369, timeMs: 3000, frameMs: 33.4, videoEndMs: 5005 };
  it('calls undecodable packets between the frame and t damaged', () => {
    expect(classifyGap({ ...base, packetTimesMs: [2369, 2402, 2436, 5000] })).toBe('damaged');
  });
  it('accepts a pause of a variable-frame-rate video', () => {
    expect(classifyGap({ ...base, packetTimesMs: [2369, 4000, 4033] })).toBe('gap');
  });
  it('calls a video that ends before its declared duration truncated', () => {
    expect(classifyGap({ ...base, packetTimesMs: [2369] })).toBe('missing');
    expect(classifyGap({ ...base, packetTimesMs: [] })).toBe('missing');
  });
  it('accepts the last frame for times past the end of the video stream', () => {
    expect(classifyGap({ ...base, timeMs: 4990, packetTimesMs: [2369] })).toBe('end');
    expect(classifyGap({ ...base, timeMs: 7000, videoEndMs: 5005, packetTimesMs: [] })).toBe('end');
  });
});
