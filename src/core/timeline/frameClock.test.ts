import { describe, expect, it } from 'vitest';
import { displayedFrame, frameDurationMs, frameIndexAt, frameStartMs, snapToFrame, stepFrames, UNKNOWN_FRAME_MS } from './frameClock';

const NTSC = 30000 / 1001;

describe('frame numbers', () => {
  it('counts from 0 with the stream rate', () => {
    expect(frameIndexAt(0, 35)).toBe(0);
    expect(frameIndexAt(5000, 35)).toBe(175);
    expect(frameIndexAt(200, 35)).toBe(7);
    expect(frameIndexAt(199, 35)).toBe(6);
    expect(frameIndexAt(101, NTSC)).toBe(3);
    expect(frameIndexAt(100, NTSC)).toBe(2);
  });

  it('assumes 40 ms frames when the rate is unknown', () => {
    expect(frameDurationMs(null)).toBe(UNKNOWN_FRAME_MS);
    expect(frameDurationMs(0)).toBe(UNKNOWN_FRAME_MS);
    expect(frameIndexAt(120, null)).toBe(3);
    expect(frameStartMs(3, null)).toBe(120);
  });

  it('rounds frame starts up to the next whole ms', () => {
    expect(frameStartMs(3, NTSC)).toBe(101);
    expect(frameStartMs(7, 35)).toBe(200);
    expect(frameStartMs(1, 35)).toBe(29);
    expect(frameStartMs(-2, 35)).toBe(0);
    for (let k = 0; k < 2000; k += 1) expect(frameIndexAt(frameStartMs(k, NTSC), NTSC)).toBe(k);
  });
});

describe('stepFrames', () => {
  it('steps to frame starts, back from mid-frame to the previous frame', () => {
    expect(stepFrames(0, 1, NTSC, 5055)).toBe(34);
    expect(stepFrames(34, 1, NTSC, 5055)).toBe(67);
    expect(stepFrames(50, -1, NTSC, 5055)).toBe(0);
    expect(stepFrames(5000, 35, 35, 15_714)).toBe(6000);
  });

  it('stays within [0, duration]', () => {
    expect(stepFrames(0, -1, 35, 1000)).toBe(0);
    expect(stepFrames(990, 5, 35, 1000)).toBe(1000);
  });
});

describe('snapToFrame', () => {
  it('snaps to the start of the frame shown, only with a known rate', () => {
    expect(snapToFrame(115, NTSC)).toBe(101);
    expect(snapToFrame(101, NTSC)).toBe(101);
    expect(snapToFrame(115.4, null)).toBe(115);
    expect(snapToFrame(-3, 35)).toBe(0);
  });
});

describe('displayedFrame', () => {
  it('stops at the last frame when the count is known', () => {
    expect(displayedFrame(5055, NTSC, 150)).toBe(149);
    expect(displayedFrame(5055, NTSC, null)).toBe(151);
    expect(displayedFrame(4000, NTSC, 150)).toBe(119);
    expect(displayedFrame(100, 35, 0)).toBe(3);
  });
});
