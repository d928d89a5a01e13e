import { describe, expect, it } from 'vitest';
import { bwdifPlane, type Plane } from './bwdif';
import fixture from '../fixtures/bwdif-gray.json';

/**
 * The fixture: three 64x48 gray frames of `testsrc2` at 50 fps woven two by two (`tinterlace=mode=interleave_top`,
 * Debian's ffmpeg 5.1), and native ffmpeg's `bwdif=mode=send_frame:deint=all` output for them with `parity=tff`
 * (and `setfield=tff`) and with `parity=bff`: the first frame has no previous, the last no next, the middle one is
 * the ordinary case.
 */
const { width, height } = fixture;
const bytes = (key: 'input' | 'tff' | 'bff') => Uint8Array.from(Buffer.from(fixture[key], 'base64'));
const frame = (all: Uint8Array, i: number): Plane => ({
  data: all.subarray(i * width * height, (i + 1) * width * height),
  width,
  height,
  stride: width,
});

describe('bwdifPlane against ffmpeg bwdif=mode=send_frame', () => {
  for (const order of ['tff', 'bff'] as const) {
    it(`gives native ffmpeg's output to the sample, ${order}`, () => {
      const input = bytes('input');
      const want = bytes(order);
      for (let i = 0; i < 3; i += 1) {
        const prev = i > 0 ? frame(input, i - 1) : null;
        const next = i < 2 ? frame(input, i + 1) : null;
        const got = bwdifPlane(prev, frame(input, i), next, order === 'tff');
        const expected = frame(want, i).data;
        let wrong = 0;
        for (let k = 0; k < expected.length; k += 1) if (got.data[k] !== expected[k]) wrong += 1;
        expect(wrong, `frame ${i}: samples that differ`).toBe(0);
      }
    });
  }
  it('keeps the first field as it is and refuses planes of different sizes', () => {
    const input = bytes('input');
    const got = bwdifPlane(frame(input, 0), frame(input, 1), frame(input, 2), true);
    for (let y = 0; y < height; y += 2)
      expect(got.data.subarray(y * width, (y + 1) * width)).toEqual(frame(input, 1).data.subarray(y * width, (y + 1) * width));
    expect(() => bwdifPlane({ ...frame(input, 0), width: 32 }, frame(input, 1), null, true)).toThrow(RangeError);
  });
});
