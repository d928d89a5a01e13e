import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bwdifPlane, type Plane } from './bwdif';
import gray from '../fixtures/bwdif-gray.json';
import luma10 from '../fixtures/bwdif-luma10.json';

/**
 * The fixtures, made by scripts/fixtures/bwdif-fixture.mjs with Debian's ffmpeg 5.1: three 64x48 frames of `testsrc2`
 * at 50 fps woven two by two (`tinterlace=mode=interleave_top`), and native ffmpeg's `bwdif=mode=send_frame:deint=all`
 * output for them with `parity=tff` (and `setfield=tff`) and with `parity=bff`: the first frame has no previous, the
 * last no next, the middle one is the ordinary case. bwdif-gray.json holds 8-bit `gray` frames; bwdif-luma10.json the
 * Y plane of `yuv420p10le` frames (10-bit samples, little-endian 16-bit words), its luma stretched so that bwdif's
 * results are clipped at both 0 and 1023, scrolling so that the lines at the plane's edges move.
 */
type Fixture = typeof gray;
const planes = (fixture: Fixture, key: 'input' | 'tff' | 'bff', bitDepth: number): Uint8Array | Uint16Array => {
  const bytes = Uint8Array.from(Buffer.from(fixture[key], 'base64'));
  if (bitDepth === 8) return bytes;
  const words = new Uint16Array(bytes.byteLength / 2);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < words.length; i += 1) words[i] = view.getUint16(2 * i, true);
  return words;
};
const frame = (fixture: Fixture, all: Uint8Array | Uint16Array, i: number): Plane => {
  const { width, height } = fixture;
  return { data: all.subarray(i * width * height, (i + 1) * width * height), width, height, stride: width };
};

const cases = [
  { name: '8-bit gray', fixture: gray, bitDepth: 8, max: 255 },
  { name: '10-bit luma', fixture: luma10, bitDepth: 10, max: 1023 },
];

describe('bwdifPlane against ffmpeg bwdif=mode=send_frame', () => {
  for (const { name, fixture, bitDepth, max } of cases) {
    for (const order of ['tff', 'bff'] as const) {
      it(`gives native ffmpeg's output to the sample, ${name}, ${order}`, () => {
        const input = planes(fixture, 'input', bitDepth);
        const want = planes(fixture, order, bitDepth);
        let clipped = 0;
        for (let i = 0; i < 3; i += 1) {
          const prev = i > 0 ? frame(fixture, input, i - 1) : null;
          const next = i < 2 ? frame(fixture, input, i + 1) : null;
          const args = [prev, frame(fixture, input, i), next, order === 'tff'] as const;
          const got = bitDepth === 8 ? bwdifPlane(...args) : bwdifPlane(...args, bitDepth);
          const expected = frame(fixture, want, i).data;
          expect(got.data.constructor).toBe(input.constructor);
          expect([got.width, got.height, got.stride]).toEqual([fixture.width, fixture.height, fixture.width]);
          let wrong = 0;
          for (let k = 0; k < expected.length; k += 1) {
            if (got.data[k] !== expected[k]) wrong += 1;
            if (expected[k] === max) clipped += 1;
          }
          expect(wrong, `frame ${i}: samples that differ`).toBe(0);
        }
        // The 10-bit input reaches no higher than 974: samples at 1023 are bwdif's clip at (1 << 10) - 1.
        if (bitDepth > 8) expect(clipped).toBeGreaterThan(0);
      });
    }
  }

  it('keeps the first field as it is and refuses planes of different sizes', () => {
    const input = planes(gray, 'input', 8);
    const { width, height } = gray;
    const got = bwdifPlane(frame(gray, input, 0), frame(gray, input, 1), frame(gray, input, 2), true);
    for (let y = 0; y < height; y += 2)
      expect(got.data.subarray(y * width, (y + 1) * width)).toEqual(frame(gray, input, 1).data.subarray(y * width, (y + 1) * width));
    expect(() => bwdifPlane({ ...frame(gray, input, 0), width: 32 }, frame(gray, input, 1), null, true)).toThrow(RangeError);
  });

  it('refuses a bit depth outside 8..16 and samples in the wrong kind of array', () => {
    const input8 = planes(gray, 'input', 8);
    const input10 = planes(luma10, 'input', 10);
    expect(() => bwdifPlane(null, frame(gray, input8, 0), null, true, 7)).toThrow(/8 to 16/);
    expect(() => bwdifPlane(null, frame(luma10, input10, 0), null, true, 17)).toThrow(/8 to 16/);
    expect(() => bwdifPlane(null, frame(luma10, input10, 0), null, true, 9.5)).toThrow(RangeError);
    expect(() => bwdifPlane(null, frame(gray, input8, 0), null, true, 10)).toThrow(/Uint16Array/);
    expect(() => bwdifPlane(null, frame(luma10, input10, 0), null, true)).toThrow(/Uint8Array/);
    expect(() => bwdifPlane(frame(gray, input8, 0), frame(luma10, input10, 1), null, true, 10)).toThrow(TypeError);
  });

  it('has one body for 8-bit and 16-bit arrays: the two copies differ only in their array type', () => {
    const source = readFileSync(new URL('./bwdif.ts', import.meta.url), 'utf8');
    const copy = (name: string) => {
      const start = source.indexOf(`function ${name}(`);
      expect(start, name).toBeGreaterThan(0);
      return source.slice(start + name.length + 9, source.indexOf('\n}\n', start));
    };
    const [eight, sixteen] = [copy('deinterlace8'), copy('deinterlace16')];
    expect(eight).toContain('Uint8Array');
    expect(eight.length).toBeGreaterThan(2000);
    expect(eight.replaceAll('Uint8Array', 'Uint16Array')).toBe(sixteen);
  });
});
