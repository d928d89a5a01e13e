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
});
