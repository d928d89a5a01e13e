import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AvcParameterTracker } from './avcGop';
import { avcAsIdrPicture, isAvcKeyPicture } from './avcRecoveryPoint';
import { parseAvcSliceHeader } from './avcSyntax';
import { BitReader, rbsp } from './bits';
import { avcNalType, splitNalUnits } from './nal';

/** Made by scripts/fixtures/recovery-fixture.mjs: x264 open-GOP streams (Annex B), and ffprobe's key_frame per frame. */
const fixtures = JSON.parse(fs.readFileSync(new URL('../fixtures/recovery-points.json', import.meta.url), 'utf8')) as Record<
  string,
  { stream: string; frames: string[] } | string
>;
const streams = Object.entries(fixtures).flatMap(([name, f]) => (typeof f === 'string' ? [] : [{ name, ...f }]));

/** The stream's access units in decode order: a new one at a delimiter, SEI, SPS or PPS, or a slice, after a slice. */
function accessUnits(base64: string): Uint8Array[][] {
  const units = splitNalUnits(new Uint8Array(Buffer.from(base64, 'base64')), { kind: 'annexb' })!;
  const aus: Uint8Array[][] = [[]];
  let sliceSeen = false;
  for (const unit of units) {
    const type = avcNalType(unit);
    if (sliceSeen && [1, 5, 6, 7, 8, 9].includes(type)) {
      aus.push([]);
      sliceSeen = false;
    }
    aus.at(-1)!.push(unit);
    sliceSeen ||= type === 1 || type === 5;
  }
  return aus;
}

function setsOf(aus: Uint8Array[][]): AvcParameterTracker {
  const tracker = new AvcParameterTracker();
  tracker.note(aus.flat());
  return tracker;
}

describe('x264 open-GOP streams (fixture)', () => {
  for (const { name, stream, frames } of streams) {
    const aus = accessUnits(stream);
    const sets = setsOf(aus).sets;

    it(`${name}: the key pictures are the ones native ffmpeg marks key_frame (IDR and recovery points)`, () => {
      // I and P pictures only at the key positions here, so decode order and display order agree on them.
      expect(aus.map(isAvcKeyPicture)).toEqual(frames.map((f) => f.startsWith('1,')));
    });

    it(`${name}: a recovery point is rewritten as an IDR picture; nothing else is`, () => {
      const point = aus[4]!;
      expect(point.filter((u) => avcNalType(u) === 1 || avcNalType(u) === 5).map(avcNalType)).toEqual([1]);
      const idr = avcAsIdrPicture(point, sets)!;
      expect(idr.map(avcNalType)).toEqual(point.map((u) => (avcNalType(u) === 1 ? 5 : avcNalType(u))));
      // The SEI (with its recovery point) and any parameter sets pass unchanged.
      idr.forEach((u, i) => avcNalType(u) !== 5 && expect(u).toBe(point[i]));
      expect(avcAsIdrPicture(aus[0]!, sets), 'already IDR').toBeNull();
      expect(avcAsIdrPicture(aus[1]!, sets), 'a P picture').toBeNull();
      expect(avcAsIdrPicture(aus[2]!, sets), 'a non-reference B picture').toBeNull();
      expect(avcAsIdrPicture(point, { sps: new Map(), pps: new Map() }), 'parameter sets not seen').toBeNull();
    });
  }

  for (const name of ['cabac', 'cavlc']) {
    it(`${name}: the IDR slice header has frame_num 0 and IDR marking, the same POC, and the same slice data`, () => {
      const { stream } = streams.find((s) => s.name === name)!;
      const aus = accessUnits(stream);
      const sets = setsOf(aus).sets;
      const slice = aus[4]!.find((u) => avcNalType(u) === 1)!;
      const idrSlice = avcAsIdrPicture(aus[4]!, sets)!.find((u) => avcNalType(u) === 5)!;
      const before = parseAvcSliceHeader(slice, sets);
      const after = parseAvcSliceHeader(idrSlice, sets);
      expect(before.frameNum).toBeGreaterThan(0);
      expect(after).toMatchObject({
        idr: true,
        frameNum: 0,
        sliceType: 2,
        nalRefIdc: before.nalRefIdc,
        picOrderCntLsb: before.picOrderCntLsb,
      });
      expect(after.marking).toEqual({ kind: 'idr', noOutputOfPriorPics: false, longTermReference: false });
      // The slice data is the original's: the same bits after the header, up to the stop bit.
      const tail = (unit: Uint8Array) => {
        const bytes = rbsp(unit, 1);
        const r = new BitReader(bytes);
        const end = r.stopBit();
        return { bytes, end };
      };
      const a = tail(slice);
      const b = tail(idrSlice);
      // x264 CABAC: the data after cabac_alignment_one_bit are whole bytes, the same; CAVLC: the same bits, shifted.
      const dataBits = (t: { bytes: Uint8Array; end: number }, n: number) =>
        Array.from({ length: n }, (_, i) => (t.bytes[(t.end - n + i) >> 3]! >> (7 - ((t.end - n + i) & 7))) & 1).join('');
      const n = Math.min(a.end, b.end) - 64;
      expect(dataBits(b, n)).toBe(dataBits(a, n));
    });
  }
});
