import { describe, expect, it } from 'vitest';
import { animationTooLarge, checkAnimation, gifDelaysMs } from './animationSpec';

describe('checkAnimation', () => {
  const fullHd = { width: 1920, height: 1080 };
  it('defaults to 2 fps and 320 px wide, the height following the aspect ratio, even', () => {
    expect(checkAnimation('', '', fullHd)).toEqual({ ok: true, value: { frameRate: 2, width: 320, height: 180 } });
  });
  it('is no wider than small images by default', () => {
    expect(checkAnimation('', '', { width: 160, height: 90 })).toEqual({ ok: true, value: { frameRate: 2, width: 160, height: 90 } });
  });
  it('reads a frame rate and a width, rounding sides to even', () => {
    expect(checkAnimation('12.5', '481px', fullHd)).toEqual({ ok: true, value: { frameRate: 12.5, width: 482, height: 272 } });
    expect(checkAnimation('0.5 fps', '640', { width: 640, height: 480 })).toEqual({
      ok: true,
      value: { frameRate: 0.5, width: 640, height: 480 },
    });
  });
  it.each([['0'], ['61'], ['fast'], ['-2']])('refuses the frame rate %s', (fps) => {
    const result = checkAnimation(fps, '', fullHd);
    expect(result.ok === false && result.field).toBe('animationFps');
  });
  it.each([['8'], ['4000'], ['wide'], ['320.5']])('refuses the width %s', (width) => {
    const result = checkAnimation('', width, fullHd);
    expect(result.ok === false && result.field).toBe('animationWidth');
  });
  it('refuses a width whose height would pass 1920 px', () => {
    const result = checkAnimation('', '1000', { width: 100, height: 400 });
    expect(result.ok === false && result.message).toMatch(/would be 4000 px/);
  });
});

describe('gifDelaysMs', () => {
  it('keeps the rate on average in whole centiseconds', () => {
    expect(gifDelaysMs(2, 3)).toEqual([500, 500, 500]);
    expect(gifDelaysMs(3, 6)).toEqual([330, 340, 330, 330, 340, 330]);
    expect(gifDelaysMs(3, 300).reduce((a, b) => a + b, 0)).toBe(100_000);
  });
});

describe('animationTooLarge', () => {
  it('allows 512 MiB of raw frames and refuses more, naming the size', () => {
    const p = { frameRate: 2, width: 320, height: 180 };
    expect(animationTooLarge(p, 2330)).toBeNull();
    expect(animationTooLarge(p, 2331)).toMatch(/2331 frames of 320x180 px \(512.2 MiB before encoding; the limit is 512 MiB\)/);
  });
});
