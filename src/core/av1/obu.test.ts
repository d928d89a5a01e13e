import { describe, expect, it } from 'vitest';
import fixture from '../fixtures/av1-ivf.json';
import { parseIvf } from '../ivf/ivf';
import { av1CodecString, readTemporalUnit, splitObus, type Av1SequenceHeader } from './obu';

/** The fixture: two AV1 IVF files made by libaom (its note), a key frame every 3 frames. */
const file = (key: 'yuv420p' | 'yuv420p10le') => Uint8Array.from(Buffer.from(fixture[key], 'base64'));

describe('parseIvf', () => {
  it('reads the header and every frame with its pts, as ffprobe lists them', () => {
    const ivf = parseIvf(file('yuv420p'));
    expect(ivf).toMatchObject({ fourcc: 'AV01', width: 64, height: 48, timeBase: [1, 25] });
    // ffprobe -show_entries packet=pts,size: 0 540, 1 21, 2 21, 3 641, 4 21
    expect(ivf.frames.map((f) => [f.pts, f.size])).toEqual([
      [0, 540],
      [1, 21],
      [2, 21],
      [3, 641],
      [4, 21],
    ]);
  });
  it('leaves out a frame cut short and refuses what is not IVF', () => {
    const bytes = file('yuv420p');
    expect(parseIvf(bytes.subarray(0, bytes.length - 5)).frames).toHaveLength(4);
    expect(() => parseIvf(new Uint8Array(40))).toThrow(/not an IVF/);
  });
});

describe('AV1 temporal units', () => {
  const units = (key: 'yuv420p' | 'yuv420p10le') => {
    const bytes = file(key);
    let known: Av1SequenceHeader | null = null;
    return parseIvf(bytes).frames.map((f) => {
      const unit = readTemporalUnit(bytes.subarray(f.offset, f.offset + f.size), known);
      known = unit.sequenceHeader ?? known;
      return unit;
    });
  };
  it("finds the key frames ffprobe flags (K_ on pts 0 and 3) and the sequence header's codec string", () => {
    const read = units('yuv420p');
    expect(read.map((u) => u.key)).toEqual([true, false, false, true, false]);
    expect(read[0]!.sequenceHeader).toMatchObject({ profile: 0, tier: 0, bitDepth: 8, reducedStillPictureHeader: false });
    expect(av1CodecString(read[0]!.sequenceHeader!)).toBe('av01.0.00M.08'); // ffprobe: profile Main, level 0
  });
  it('reads a 10-bit stream as 10-bit', () => {
    const read = units('yuv420p10le');
    expect(read[0]!.key).toBe(true);
    expect(read[0]!.sequenceHeader?.bitDepth).toBe(10);
    expect(av1CodecString(read[0]!.sequenceHeader!)).toBe('av01.0.00M.10');
  });
  it('refuses an OBU whose size runs past the data', () => {
    expect(() => splitObus(Uint8Array.from([0x0a, 0x05, 0x00]))).toThrow(RangeError);
    expect(splitObus(Uint8Array.from([0x12, 0x00]))).toEqual([{ type: 2, payload: new Uint8Array(0) }]);
  });
});
