import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { elementaryKind, elementaryRate, ElementaryScanner, parseRateFraction, type ElementaryKind } from './elementaryStream';

/** Six-frame raw streams made by Debian's ffmpeg 5.1 (see the fixture's `_about`); ffprobe -count_frames reads 6 in each. */
const fixtures = JSON.parse(fs.readFileSync(new URL('../fixtures/elementary-streams.json', import.meta.url), 'utf8')) as Record<
  string,
  string
>;
const bytes = (name: string) => Uint8Array.from(Buffer.from(fixtures[name] as string, 'base64'));

/** Scans `data` pushed in chunks of `size` bytes. */
function scan(kind: ElementaryKind, data: Uint8Array, size = data.length) {
  const scanner = new ElementaryScanner(kind);
  for (let at = 0; at < data.length; at += size) scanner.push(data.subarray(at, at + size));
  return scanner.result();
}

describe('elementaryKind', () => {
  it("knows ffmpeg's raw video demuxers and nothing else", () => {
    expect(elementaryKind('h264')).toBe('h264');
    expect(elementaryKind('hevc')).toBe('hevc');
    expect(elementaryKind('mpegvideo')).toBe('mpeg2');
    expect(elementaryKind('mov,mp4,m4a,3gp,3g2,mj2')).toBeNull();
    expect(elementaryKind('ivf')).toBeNull();
    expect(elementaryKind('mpegts')).toBeNull();
  });
});

describe('ElementaryScanner', () => {
  it.each([
    ['fx.264', 'h264', { num: 24, den: 1 }],
    ['fx2997.264', 'h264', { num: 30000, den: 1001 }],
    ['fx.hevc', 'hevc', { num: 24, den: 1 }],
    ['fxnt.hevc', 'hevc', null],
    ['fx.m2v', 'mpeg2', { num: 24, den: 1 }],
  ] as const)('counts the 6 frames of %s and reads the rate it declares, in one chunk or byte by byte', (name, kind, rate) => {
    for (const size of [1 << 20, 1, 3, 7]) {
      expect(scan(kind, bytes(name), size), `chunks of ${size} bytes`).toEqual({ frames: 6, declaredRate: rate });
    }
  });

  it('counts an MPEG-2 field picture as half a frame (picture_structure 1 or 2 in its coding extension)', () => {
    const sequence = [0, 0, 1, 0xb3, 0x01, 0x00, 0x10, 0x13, 0xff, 0xff, 0xe0, 0x18];
    const picture = [0, 0, 1, 0x00, 0x00, 0x0f, 0xff, 0xf8];
    const extension = (structure: number) => [0, 0, 1, 0xb5, 0x8f, 0xff, 0xf0 | structure, 0x80];
    const stream = Uint8Array.from([
      ...sequence,
      ...picture,
      ...extension(3), // a frame picture
      ...picture,
      ...extension(1), // top field
      ...picture,
      ...extension(2), // bottom field
    ]);
    expect(scan('mpeg2', stream)).toEqual({ frames: 2, declaredRate: { num: 25, den: 1 } });
  });

  it('finds nothing in data that is not a stream', () => {
    expect(scan('h264', new Uint8Array(1000))).toEqual({ frames: 0, declaredRate: null });
  });
});

describe('elementaryRate', () => {
  it("takes ffprobe's rate, and says whether the stream declares one", () => {
    expect(elementaryRate({ num: 24, den: 1 }, { num: 24, den: 1 })).toEqual({ rate: { num: 24, den: 1 }, from: 'stream' });
    // No timing anywhere: ffmpeg's 25 fps.
    expect(elementaryRate({ num: 25, den: 1 }, null)).toEqual({ rate: { num: 25, den: 1 }, from: 'default' });
    expect(elementaryRate(null, null)).toEqual({ rate: { num: 25, den: 1 }, from: 'default' });
    // Timing in an HEVC SPS's VUI only (not read by the scan), which ffprobe reads.
    expect(elementaryRate({ num: 30000, den: 1001 }, null)).toEqual({ rate: { num: 30000, den: 1001 }, from: 'stream' });
    expect(elementaryRate({ num: 50, den: 2 }, null).from).toBe('default');
  });

  it("reads ffprobe's r_frame_rate", () => {
    expect(parseRateFraction('30000/1001')).toEqual({ num: 30000, den: 1001 });
    expect(parseRateFraction('0/0')).toBeNull();
    expect(parseRateFraction(undefined)).toBeNull();
    expect(parseRateFraction('24')).toBeNull();
  });
});
