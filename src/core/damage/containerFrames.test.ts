import { describe, expect, it } from 'vitest';
import { countIdx1, parseHdrl, readAviFrames } from './aviFrames';
import { berLength, readMxfFrames } from './mxfFrames';
import { dropStrayTimes, regularRate } from './packetRate';
import { tsTimesOf, videoPesTimes } from './tsTimes';
import { ascii, concat } from '../fixtures/mp4Bytes';

const reader = (b: Uint8Array) => async (offset: number, length: number) => b.subarray(offset, Math.min(b.length, offset + length));
const le32 = (...values: number[]) => {
  const b = new Uint8Array(values.length * 4);
  values.forEach((v, i) => new DataView(b.buffer).setUint32(i * 4, v, true));
  return b;
};
const chunk = (id: string, body: Uint8Array) => concat(ascii(id), le32(body.length), body, new Uint8Array(body.length % 2));
const list = (type: string, ...children: Uint8Array[]) => chunk('LIST', concat(ascii(type), ...children));

/** An AVI of `frames` video chunks of 100 bytes at 25 fps whose header declares `declared` frames. */
function avi(frames: number, declared: number, withIndex = true): Uint8Array {
  const avih = chunk('avih', concat(le32(40000, 0, 0, 0, declared), new Uint8Array(36)));
  const strh = chunk('strh', concat(ascii('vids'), ascii('H264'), le32(0, 0, 0, 1, 25, 0, declared), new Uint8Array(28)));
  const hdrl = list('hdrl', avih, list('strl', strh, chunk('strf', new Uint8Array(40))));
  const moviChunks = Array.from({ length: frames }, (_, i) => chunk(i % 3 === 2 ? '01wb' : '00dc', new Uint8Array(100)));
  const movi = list('movi', ...moviChunks);
  let offset = 4;
  const entries = moviChunks.map((c) => {
    const id = String.fromCharCode(...c.subarray(0, 4));
    const entry = concat(ascii(id), le32(0x10, offset, 100));
    offset += c.length;
    return entry;
  });
  const body = concat(ascii('AVI '), hdrl, movi, ...(withIndex ? [chunk('idx1', concat(...entries))] : []));
  return chunk('RIFF', body);
}

describe('AVI chunks', () => {
  it('reads the header: frames, rate and the video stream', () => {
    const file = avi(9, 9);
    const hdrl = file.subarray(24, 24 + 200);
    expect(parseHdrl(hdrl)).toMatchObject({ headerFrames: 9, headerRate: 25, ids: ['00dc', '00db'] });
  });

  it('counts the video entries of a whole index', async () => {
    expect(await readAviFrames(reader(avi(12, 12)), avi(12, 12).length, false)).toEqual({
      headerFrames: 12,
      headerRate: 25,
      frames: 8,
      cut: false,
      presentShare: 1,
    });
  });

  it('tells a header that declares more frames than the index holds', async () => {
    const file = avi(12, 5000);
    expect((await readAviFrames(reader(file), file.length, false))?.frames).toBe(8);
    expect((await readAviFrames(reader(file), file.length, false))?.headerFrames).toBe(5000);
  });

  it('walks the chunks of a cut file (its index gone) and counts only whole video chunks', async () => {
    const file = avi(30, 30);
    const cut = file.subarray(0, Math.floor(file.length / 2));
    const walked = await readAviFrames(reader(cut), cut.length, true);
    expect(walked?.cut).toBe(true);
    // 20 video chunks of 30; the cut falls in the middle of the movi list.
    expect(walked?.frames).toBeGreaterThan(6);
    expect(walked?.frames).toBeLessThan(12);
    expect(walked?.presentShare).toBeCloseTo(0.5, 2);
    expect((await readAviFrames(reader(cut), cut.length, false))?.frames).toBeNull();
  });

  it('takes idx1 offsets from the movi code or from the file start', () => {
    const entries = concat(ascii('00dc'), le32(0x10, 4, 100), ascii('00dc'), le32(0x10, 112, 100));
    expect(countIdx1(entries, ['00dc', '00db'], 1000, 10_000)).toBe(2);
    expect(countIdx1(entries, ['00dc', '00db'], 1000, 1150)).toBe(1);
    const absolute = concat(ascii('00dc'), le32(0x10, 1004, 100));
    expect(countIdx1(absolute, ['00dc', '00db'], 1000, 1112)).toBe(1);
  });

  it('is not fooled by another format', async () => {
    expect(await readAviFrames(reader(ascii('RIFF\0\0\0\0WAVEfmt ')), 16, true)).toBeNull();
  });
});

const PARTITION = [0x06, 0x0e, 0x2b, 0x34, 0x02, 0x05, 0x01, 0x01, 0x0d, 0x01, 0x02, 0x01, 0x01];
const klv = (key: number[], value: Uint8Array) =>
  concat(new Uint8Array(key), new Uint8Array([0x83, value.length >> 16, (value.length >> 8) & 0xff, value.length & 0xff]), value);
const partition = (kind: number, footer: number) => {
  const value = new Uint8Array(88);
  new DataView(value.buffer).setBigUint64(24, BigInt(footer));
  return klv([...PARTITION, kind, 0x04, 0x00], value);
};
const picture = (n: number) =>
  klv([0x06, 0x0e, 0x2b, 0x34, 0x01, 0x02, 0x01, 0x01, 0x0d, 0x01, 0x03, 0x01, 0x15, 0x01, 0x05, n], new Uint8Array(200));
const sound = klv([0x06, 0x0e, 0x2b, 0x34, 0x01, 0x02, 0x01, 0x01, 0x0d, 0x01, 0x03, 0x01, 0x16, 0x01, 0x01, 0x01], new Uint8Array(50));

function mxf(frames: number): Uint8Array {
  const body = concat(...Array.from({ length: frames }, () => concat(picture(1), sound)));
  const headerLength = partition(2, 0).length;
  return concat(partition(2, headerLength + body.length), body, partition(4, headerLength + body.length));
}

describe('MXF packets', () => {
  it('reads BER lengths', () => {
    expect(berLength(new Uint8Array([0x7f]), 0)).toEqual([127, 1]);
    expect(berLength(new Uint8Array([0x82, 0x01, 0x00]), 0)).toEqual([256, 3]);
    expect(berLength(new Uint8Array([0x89, 0, 0, 0, 0, 0, 0, 0, 0, 0]), 0)).toBeNull();
  });

  it('counts the picture elements of a whole file', async () => {
    const file = mxf(20);
    expect(await readMxfFrames(reader(file), file.length)).toEqual({ frames: 20, cut: false, presentShare: 1 });
  });

  it('counts only the whole ones of a cut file and says what share is left', async () => {
    const file = mxf(20);
    const cut = file.subarray(0, 100 + 104 + 5 * (220 + 70) + 50);
    const read = await readMxfFrames(reader(cut), cut.length);
    expect(read?.frames).toBe(5);
    expect(read?.cut).toBe(true);
    expect(read?.presentShare).toBeGreaterThan(0.25);
    expect(read?.presentShare).toBeLessThan(0.3);
  });

  it('counts one picture track, and gives up on damage in the middle (the count would be short)', async () => {
    const two = concat(partition(2, 0), picture(1), picture(2), picture(1), picture(2));
    expect((await readMxfFrames(reader(two), two.length))?.frames).toBe(2);
    const damaged = mxf(10);
    damaged.fill(0x55, 400, 420);
    expect(await readMxfFrames(reader(damaged), damaged.length)).toBeNull();
    expect(await readMxfFrames(reader(new Uint8Array(300)), 300)).toBeNull();
  });
});

/** A TS packet of PID 0x100 starting a video PES with this PTS (90 kHz). */
function tsPacket(pts: number, pid = 0x100, streamId = 0xe0): Uint8Array {
  const b = new Uint8Array(188).fill(0xff);
  b.set([0x47, 0x40 | (pid >> 8), pid & 0xff, 0x10, 0, 0, 1, streamId, 0, 0, 0x80, 0x80, 5], 0);
  b[13] = 0x21 | (Math.floor(pts / 2 ** 30) << 1);
  b[14] = (pts >> 22) & 0xff;
  b[15] = ((pts >> 14) & 0xfe) | 1;
  b[16] = (pts >> 7) & 0xff;
  b[17] = ((pts << 1) & 0xfe) | 1;
  return b;
}

describe('MPEG-TS times', () => {
  it('reads the PTS of video PES packets, and not of audio ones', () => {
    const bytes = concat(tsPacket(126_000), tsPacket(129_600), tsPacket(5, 0x101, 0xc0), tsPacket(2 ** 32 + 7));
    expect(videoPesTimes(bytes)).toEqual([
      { pid: 0x100, pts: 126_000 },
      { pid: 0x100, pts: 129_600 },
      { pid: 0x100, pts: 2 ** 32 + 7 },
    ]);
  });

  it('gives the video span and rate, a stray damaged PTS left out', () => {
    const frames = Array.from({ length: 100 }, (_, i) => ({ pid: 0x100, pts: 126_000 + i * 3600 }));
    const tail = [...frames.slice(80, 90), { pid: 0x100, pts: 126_000 + 90 * 3600 * 100 * 3600 }, ...frames.slice(90)];
    expect(tsTimesOf(frames.slice(0, 70), tail)).toEqual({ firstMs: 1400, endMs: 4000, frameRate: 25 });
  });

  it('moves a tail past a wrap of the 33-bit clock up by one wrap', () => {
    const head = Array.from({ length: 20 }, (_, i) => ({ pid: 0x100, pts: 2 ** 33 - 90_000 + i * 3600 }));
    const tail = Array.from({ length: 20 }, (_, i) => ({ pid: 0x100, pts: i * 3600 }));
    expect(tsTimesOf(head, tail)?.endMs).toBeCloseTo(1000 + 19 * 40 + 40, 6);
  });
});

describe('packet spacing', () => {
  it('gives the rate of regularly spaced packets, in any order (B-frames)', () => {
    expect(regularRate([0, 80, 40, 160, 120, 240, 200, 320, 280, 360])).toBe(25);
    expect(regularRate([0, 40, 80])).toBeNull();
  });

  it('gives no rate for irregular spacing (a variable frame rate)', () => {
    expect(regularRate([0, 16, 33, 200, 216, 900, 917, 1500, 2000, 2016])).toBeNull();
  });

  it('drops a time far from both neighbours', () => {
    expect(dropStrayTimes([0, 40, 143_165_000, 80, 120])).toEqual([0, 40, 80, 120]);
  });
});
