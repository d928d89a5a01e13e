import { describe, expect, it } from 'vitest';
import { parseEdits, parseHeaderTimes, parseSampleTimes, pictAsVide, pictureHandlerOffsets, readMp4Timing, trackTiming } from './mp4Timing';

/** A box: 32-bit size, type, body. */
function box(type: string, ...body: Uint8Array[]): Uint8Array {
  const size = 8 + body.reduce((n, b) => n + b.length, 0);
  const out = new Uint8Array(size);
  new DataView(out.buffer).setUint32(0, size);
  out.set(
    [...type].map((c) => c.charCodeAt(0)),
    4,
  );
  let at = 8;
  for (const b of body) {
    out.set(b, at);
    at += b.length;
  }
  return out;
}

/** Big-endian 32-bit fields. */
function u32(...values: number[]): Uint8Array {
  const out = new Uint8Array(values.length * 4);
  values.forEach((v, i) => new DataView(out.buffer).setInt32(i * 4, v | 0));
  return out;
}

/** mvhd/mdhd version 0: version+flags, creation, modification, timescale, duration (mvhd has more fields after). */
const header = (type: string, timescale: number, duration: number) => box(type, u32(0, 0, 0, timescale, duration, 0, 0));
const hdlr = (handler: string) =>
  box('hdlr', u32(0, 0), new Uint8Array([...handler].map((c) => c.charCodeAt(0))), u32(0, 0, 0), new Uint8Array([0]));
const stts = (...entries: Array<[number, number]>) => box('stts', u32(0, entries.length, ...entries.flat()));
const elst = (...edits: Array<[number, number]>) =>
  box('edts', box('elst', u32(0, edits.length, ...edits.flatMap(([d, m]) => [d, m, 0x10000]))));

function trak(handler: string, timescale: number, duration: number, samples: Array<[number, number]>, edits?: Array<[number, number]>) {
  const stbl = box('stbl', stts(...samples));
  const mdia = box('mdia', header('mdhd', timescale, duration), hdlr(handler), box('minf', hdlr('alis'), stbl));
  return edits ? box('trak', elst(...edits), mdia) : box('trak', mdia);
}

async function timingOf(...boxes: Uint8Array[]) {
  const file = new Uint8Array(boxes.reduce((n, b) => n + b.length, 0));
  let at = 0;
  for (const b of boxes) {
    file.set(b, at);
    at += b.length;
  }
  return readMp4Timing(async (offset, length) => file.slice(offset, offset + length), file.length);
}

describe('readMp4Timing', () => {
  it('reads the movie duration and, per track, duration, frame count and frame rate as ffprobe does', async () => {
    const ftyp = box('ftyp', u32(0x69736f6d, 0));
    // flower.mp4: video 150 samples of 1001 at 30000; audio with an edit list trimming the AAC priming.
    const moov = box(
      'moov',
      header('mvhd', 1000, 5055),
      trak('vide', 30000, 150150, [[150, 1001]]),
      trak('soun', 48000, 242688, [[237, 1024]], [[5055, 1024]]),
    );
    const timing = await timingOf(ftyp, moov, box('mdat'));
    expect(timing?.durationSec).toBe(5.055);
    expect(timing?.tracks.map((t) => t.handler)).toEqual(['vide', 'soun']);
    expect(timing?.tracks[0]).toMatchObject({ handler: 'vide', durationSec: 5.005, frameCount: 150, frameRate: 30000 / 1001 });
    // The edit list (5055 ms) is shorter than the samples (5.056 s): ffprobe reports the edit's span.
    expect(timing?.tracks[1]?.durationSec).toBe(5.055);
  });

  it("finds an AVIF sequence's pict track (its handler's offset) and reads those bytes as vide", async () => {
    // ffmpeg's avif muxer: ftyp avis, a meta box for the still image, then moov with one 'pict' track; mvhd says 0.
    const ftyp = box('ftyp', u32(0x61766973, 0, 0x61766973, 0x61766966));
    const moov = box('moov', header('mvhd', 1000, 0), trak('pict', 12288, 30720, [[60, 512]]));
    const file = new Uint8Array(ftyp.length + moov.length);
    file.set(ftyp);
    file.set(moov, ftyp.length);
    const timing = await timingOf(ftyp, moov);
    expect(timing?.tracks[0]).toMatchObject({ handler: 'pict', durationSec: 2.5, frameCount: 60, frameRate: 24 });
    const [at] = pictureHandlerOffsets(timing);
    expect(String.fromCharCode(...file.subarray(at!, at! + 4))).toBe('pict');
    const whole = pictAsVide(file, 0, [at!]);
    expect(String.fromCharCode(...whole.subarray(at!, at! + 4))).toBe('vide');
    expect(String.fromCharCode(...file.subarray(at!, at! + 4)), 'the bytes read are not changed').toBe('pict');
    // A read that covers half of the handler type changes only its half; one that covers none is returned as it is.
    const half = pictAsVide(file.subarray(at! + 2, at! + 10), at! + 2, [at!]);
    expect(String.fromCharCode(half[0]!, half[1]!)).toBe('de');
    const none = file.subarray(0, 8);
    expect(pictAsVide(none, 0, [at!])).toBe(none);
    // Ordinary MP4s have no picture tracks.
    expect(pictureHandlerOffsets(await timingOf(ftyp, box('moov', header('mvhd', 1000, 0), trak('vide', 24, 60, [[60, 1]]))))).toEqual([]);
  });

  it('returns null without a moov', async () => {
    expect(await timingOf(box('ftyp', u32(0, 0)), box('mdat', u32(1, 2)))).toBeNull();
  });
});

describe('box bodies', () => {
  it('reads version 0 and 1 header times', () => {
    expect(parseHeaderTimes(u32(0, 0, 0, 600, 1529))).toEqual({ timescale: 600, duration: 1529 });
    const v1 = new Uint8Array(32);
    v1[0] = 1;
    new DataView(v1.buffer).setUint32(20, 90000);
    new DataView(v1.buffer).setUint32(28, 450000);
    expect(parseHeaderTimes(v1)).toEqual({ timescale: 90000, duration: 450000 });
  });

  it('reads edits, empty ones included', () => {
    expect(parseEdits(u32(0, 2, 500, -1, 0x10000, 2548, 273, 0x10000))).toEqual([
      [500, -1],
      [2548, 273],
    ]);
  });

  it('sums sample times, treating an outsized last single sample as an average one (mov_read_stts)', () => {
    expect(parseSampleTimes(u32(0, 1, 150, 1001))).toEqual({ count: 150, duration: 150150 });
    expect(parseSampleTimes(u32(0, 2, 200, 100, 1, 5000))).toEqual({ count: 201, duration: 20100 });
  });
});

describe('trackTiming', () => {
  it('takes the shortest of mdhd, the samples and the non-empty edits (rescaled from the movie timescale)', () => {
    // sample_edit_list.mp4: 86 samples, 1841 ticks at 600; the edit (2548 ms) ends first.
    const t = trackTiming(
      {
        handler: 'vide',
        handlerAt: null,
        media: { timescale: 600, duration: 1568 },
        edits: [[2548, 273]],
        samples: { count: 86, duration: 1841 },
      },
      1000,
    );
    expect(t.durationSec).toBeCloseTo(1529 / 600, 12);
    expect(t.frameRate).toBe((600 * 86) / 1841);
    const empty = trackTiming(
      {
        handler: 'vide',
        handlerAt: null,
        media: { timescale: 600, duration: 600 },
        edits: [[5000, -1]],
        samples: { count: 30, duration: 600 },
      },
      1000,
    );
    expect(empty.durationSec).toBe(1);
  });

  it('gives no rate for samples without duration', () => {
    expect(trackTiming({ handler: 'vide', handlerAt: null, media: null, edits: null, samples: null }, null)).toEqual({
      handler: 'vide',
      handlerAt: null,
      durationSec: null,
      frameCount: 0,
      frameRate: null,
    });
  });
});
