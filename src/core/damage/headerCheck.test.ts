import { describe, expect, it } from 'vitest';
import type { SourceInfo } from '../job/types';
import { checkHeader, pastDataEnd } from './headerCheck';

const info: SourceInfo = {
  name: 'clip.mp4',
  size: 1000,
  container: 'mov,mp4,m4a,3gp,3g2,mj2',
  durationMs: 5055,
  videoDurationMs: 5005,
  startTimeMs: 0,
  codec: 'h264',
  codecLongName: 'H.264',
  codedWidth: 960,
  codedHeight: 540,
  width: 960,
  height: 540,
  rotation: 0,
  sampleAspectRatio: [1, 1],
  frameRate: 30000 / 1001,
  frameCount: 150,
  hasAudio: true,
};

describe('checkHeader', () => {
  it('keeps a header its packets agree with', () => {
    expect(checkHeader(info, { endMs: 5005, dataEndMs: null, presentShare: 1, frameCount: null })).toBe(info);
  });

  it('gives a cut file the duration of its data, says where it ends, and skips the times past it', () => {
    const checked = checkHeader(info, { endMs: 5005, dataEndMs: 3003, presentShare: 0.6, frameCount: 90 });
    expect(checked.durationMs).toBe(3002);
    expect(checked.videoDurationMs).toBe(3002);
    expect(checked.frameCount).toBe(90);
    expect(checked.headerCheck).toEqual({
      declaredDurationMs: 5055,
      dataEndMs: 3003,
      declaredFrameCount: 150,
      sentence:
        'The file ends at 60 % of what its header announces: the header says 0:05.055; its video data ends at 0:03.003, and times from there on cannot be decoded.',
    });
    expect(pastDataEnd(checked, 3002)).toBeNull();
    const error = pastDataEnd(checked, 4000);
    expect(error?.code).toBe('DamagedMedia');
    expect(error?.message).toMatch(/^No picture at 0:04\.000 in clip\.mp4: the file ends at 60 %.*Choose earlier times/);
  });

  it('replaces a declared duration far past the last packet', () => {
    const lying = { ...info, durationMs: 143_165_000, videoDurationMs: null, frameCount: null };
    const checked = checkHeader(lying, { endMs: 1000, dataEndMs: null, presentShare: null, frameCount: null });
    expect(checked.durationMs).toBe(1000);
    expect(checked.headerCheck?.sentence).toBe('The header says 39:46:05.000; its video ends at 0:01.000.');
    expect(checked.headerCheck?.dataEndMs).toBeNull();
    expect(pastDataEnd(checked, 900)).toBeNull();
  });

  it('leaves a last frame or audio a little past the video alone (a second or 10 %)', () => {
    expect(checkHeader({ ...info, durationMs: 5900 }, { endMs: 5005, dataEndMs: null, presentShare: null, frameCount: null })).toEqual({
      ...info,
      durationMs: 5900,
    });
  });

  it("takes a cut AVI's own header duration when FFmpeg's already stops at the data, and its frames", () => {
    const avi = { ...info, container: 'avi', durationMs: 1800, videoDurationMs: 1800, frameRate: 25, frameCount: 100 };
    const checked = checkHeader(avi, {
      endMs: 1720,
      dataEndMs: 1720,
      presentShare: 0.45,
      frameCount: 43,
      headerDurationMs: 4000,
      headerFrameCount: 100,
      wholePresentation: true,
    });
    expect(checked).toMatchObject({ durationMs: 1719, frameCount: 43, frameRate: 25 });
    expect(checked.headerCheck).toEqual({
      declaredDurationMs: 4000,
      dataEndMs: 1720,
      declaredFrameCount: 100,
      sentence:
        'The file ends at 45 % of what its header announces: the header says 0:04.000; its video data ends at 0:01.720, and times from there on cannot be decoded.',
    });
  });

  it('replaces a header far shorter than packets that are the whole presentation, not an MP4 edit', () => {
    const mxf = { ...info, container: 'mxf', durationMs: 80, videoDurationMs: 80, frameRate: 25, frameCount: 2 };
    const packets = { endMs: 19_600, dataEndMs: null, presentShare: null, frameCount: 490 };
    expect(checkHeader(mxf, packets)).toBe(mxf);
    const checked = checkHeader(mxf, { ...packets, wholePresentation: true });
    expect(checked).toMatchObject({ durationMs: 19_600, videoDurationMs: 19_600, frameCount: 490 });
    expect(checked.headerCheck?.sentence).toBe('The header says 0:00.080; its video ends at 0:19.600.');
  });

  it('replaces a frame count far above the frames the file holds', () => {
    const checked = checkHeader({ ...info, frameCount: 5000 }, { endMs: 5005, dataEndMs: null, presentShare: null, frameCount: 150 });
    expect(checked).toMatchObject({ durationMs: 5055, frameCount: 150 });
    expect(checked.headerCheck?.sentence).toBe('The header says 5000 frames; its video holds 150.');
    expect(
      checkHeader({ ...info, frameCount: 152 }, { endMs: 5005, dataEndMs: null, presentShare: null, frameCount: 150 }).headerCheck,
    ).toBeUndefined();
  });

  it('replaces a frame rate the regularly spaced packets contradict, and says so', () => {
    const packets = { endMs: 5005, dataEndMs: null, presentShare: null, frameCount: null, frameRate: 30000 / 1001 };
    const checked = checkHeader({ ...info, frameRate: 1000 / 1001 }, packets);
    expect(checked.frameRate).toBeCloseTo(29.97, 2);
    expect(checked.durationMs).toBe(5055);
    expect(checked.headerCheck).toMatchObject({ declaredFrameRate: 1000 / 1001, dataEndMs: null });
    expect(checked.headerCheck?.sentence).toBe(
      'The header says 0.999 frames per second; its packets come every 33.4 ms (29.97 per second).',
    );
    // Within a factor of 1.5 the header's average stands (a variable rate averages below its packets' spacing).
    expect(checkHeader({ ...info, frameRate: 24 }, packets)).toMatchObject({ frameRate: 24 });
  });

  it("gives a damaged header's missing frame rate the packets' rate, with the duration", () => {
    const lying = { ...info, durationMs: 143_165_000, videoDurationMs: null, frameCount: null, frameRate: null };
    const checked = checkHeader(lying, { endMs: 1000, dataEndMs: null, presentShare: null, frameCount: null, frameRate: 25 });
    expect(checked).toMatchObject({ durationMs: 1000, frameRate: 25 });
    expect(checked.headerCheck?.sentence).toBe(
      'The header says 39:46:05.000; its video ends at 0:01.000. The header gives no frame rate; its packets come every 40 ms (25 per second).',
    );
    // Alone, a missing rate is not a contradiction: the probe's figures stay.
    const quiet = { ...info, frameRate: null };
    expect(checkHeader(quiet, { endMs: 5005, dataEndMs: null, presentShare: null, frameCount: null, frameRate: 25 })).toBe(quiet);
  });
});
