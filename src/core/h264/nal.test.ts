import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  avcNalRefIdc,
  avcNalType,
  avcSpsFrameMbsOnly,
  descriptionSps,
  hasRaslPicture,
  hevcNalType,
  hevcSpsMaxSubLayersMinus1,
  hevcTemporalId,
  isDisposable,
  joinNalUnits,
  nalFraming,
  nalStream,
  noteParameterSets,
  seiPayloadTypes,
  splitNalUnits,
  type NalStream,
} from './nal';

/** Made by scripts/fixtures/nal-fixture.mjs: x264/x265 clips, NAL units cut to 6 bytes, ffmpeg's trace_headers fields. */
interface Fixture {
  codec: 'avc' | 'hevc';
  description: string;
  descriptionFfmpeg: Array<Record<string, number>>;
  packets: Array<{ pts: number; units: string[]; ffmpeg: Array<Record<string, number>> }>;
}
const fixtures = JSON.parse(fs.readFileSync(new URL('../fixtures/nal-headers.json', import.meta.url), 'utf8')) as Record<string, Fixture>;
const hex = (s: string) => Uint8Array.from(Buffer.from(s, 'hex'));

const HEVC_N = new Set([0, 2, 4, 6, 8, 10, 12, 14]);

describe('real x264/x265 packets (fixture)', () => {
  for (const [name, clip] of Object.entries(fixtures)) {
    it(`${name}: reads every NAL header as ffmpeg does, and skips exactly the non-reference pictures`, () => {
      const description = hex(clip.description);
      const stream = nalStream(clip.codec, description);
      expect(stream.framing).toEqual({ kind: 'length', size: 4 });
      const sps = clip.descriptionFfmpeg.find((f) => f.nal_unit_type === (clip.codec === 'avc' ? 7 : 33))!;
      if (clip.codec === 'avc') expect(stream.avcProgressive).toBe(sps.frame_mbs_only_flag === 1);
      else expect(stream.hevcHighestTid).toBe(sps.sps_max_sub_layers_minus1);

      let disposable = 0;
      for (const packet of clip.packets) {
        const data = joinNalUnits(packet.units.map(hex), stream.framing);
        const units = splitNalUnits(data, stream.framing)!;
        expect(units.map((u) => Buffer.from(u).toString('hex'))).toEqual(packet.units);
        const ffmpeg = packet.ffmpeg;
        if (clip.codec === 'avc') {
          expect(units.map((u) => [avcNalType(u), avcNalRefIdc(u)])).toEqual(ffmpeg.map((f) => [f.nal_unit_type, f.nal_ref_idc]));
        } else {
          expect(units.map((u) => [hevcNalType(u), hevcTemporalId(u) + 1])).toEqual(
            ffmpeg.map((f) => [f.nal_unit_type, f.nuh_temporal_id_plus1]),
          );
        }
        // The rule, stated on ffmpeg's reading of the headers.
        const expected =
          clip.codec === 'avc'
            ? ffmpeg.every((f) => f.nal_unit_type === 1 && f.nal_ref_idc === 0)
            : ffmpeg.every((f) => HEVC_N.has(f.nal_unit_type!) && f.nuh_temporal_id_plus1! - 1 === sps.sps_max_sub_layers_minus1);
        expect(isDisposable(data, stream), `${name} packet pts ${packet.pts}`).toBe(expected);
        if (expected) disposable += 1;
      }
      // B-pyramids: the middle B-frame of each mini-GOP is a reference, the others are not.
      expect(disposable).toBeGreaterThan(clip.packets.length / 4);
      expect(disposable).toBeLessThan(clip.packets.length * 0.75);
    });
  }

  it('x265 with a temporal sub-layer: sps_max_sub_layers_minus1 = 1, the non-reference B-frames sit at TemporalId 1', () => {
    const clip = fixtures.x265TemporalLayers!;
    const stream = nalStream('hevc', hex(clip.description));
    expect(stream.hevcHighestTid).toBe(1);
    const skipped = clip.packets.filter((p) => isDisposable(joinNalUnits(p.units.map(hex), stream.framing), stream));
    expect(skipped.length).toBeGreaterThan(0);
    for (const p of skipped) expect(p.ffmpeg.every((f) => f.nuh_temporal_id_plus1 === 2)).toBe(true);
  });
});

/** MSB-first bit writer with Exp-Golomb codes, to build parameter sets. */
class BitWriter {
  private bitsOut: number[] = [];
  bits(value: number, n: number): this {
    for (let i = n - 1; i >= 0; i -= 1) this.bitsOut.push((value >> i) & 1);
    return this;
  }
  ue(value: number): this {
    const code = value + 1;
    const len = Math.floor(Math.log2(code));
    return this.bits(0, len).bits(code, len + 1);
  }
  se(value: number): this {
    return this.ue(value <= 0 ? -2 * value : 2 * value - 1);
  }
  bytes(): number[] {
    const bits = [...this.bitsOut, 1];
    while (bits.length % 8) bits.push(0);
    const out: number[] = [];
    for (let i = 0; i < bits.length; i += 8) out.push(parseInt(bits.slice(i, i + 8).join(''), 2));
    return out;
  }
}

/** An H.264 SPS NAL unit (7.3.2.1.1) for `profile`, with or without field coding and a scaling matrix. */
function avcSps(profile: number, frameMbsOnly: boolean, scaling = false): Uint8Array {
  const w = new BitWriter().bits(profile, 8).bits(0, 8).bits(40, 8).ue(0);
  if (profile === 100) {
    w.ue(1)
      .ue(0)
      .ue(0)
      .bits(0, 1)
      .bits(scaling ? 1 : 0, 1);
    if (scaling) {
      // list 0 present with a few deltas ending in a zero (the rest of the list repeats), the others absent
      w.bits(1, 1).se(3).se(-2).se(-9);
      for (let i = 1; i < 8; i += 1) w.bits(0, 1);
    }
  }
  w.ue(0)
    .ue(0)
    .ue(4)
    .ue(4)
    .bits(0, 1)
    .ue(7)
    .ue(4)
    .bits(frameMbsOnly ? 1 : 0, 1);
  if (!frameMbsOnly) w.bits(0, 1);
  w.bits(1, 1).bits(0, 1).bits(0, 1);
  return Uint8Array.from([0x67, ...w.bytes()]);
}

const annexB = (...units: number[][]) => Uint8Array.from(units.flatMap((u, i) => [...(i % 2 ? [0, 0, 1] : [0, 0, 0, 1]), ...u]));
const progressiveAvc = (): NalStream => ({ codec: 'avc', framing: { kind: 'annexb' }, avcProgressive: true, hevcHighestTid: null });
const hevcStream = (highestTid: number): NalStream => ({
  codec: 'hevc',
  framing: { kind: 'annexb' },
  avcProgressive: null,
  hevcHighestTid: highestTid,
});
/** HEVC NAL header: type, layer 0, TemporalId `tid`. */
const hevc = (type: number, tid = 0, ...payload: number[]) => [type << 1, tid + 1, ...payload];

describe('splitNalUnits / joinNalUnits', () => {
  it('splits Annex B at 3- and 4-byte start codes and drops trailing zeros', () => {
    const data = Uint8Array.from([0, 0, 0, 1, 0x09, 0xf0, 0, 0, 1, 0x01, 0x9e, 0x22, 0, 0, 0, 0, 1, 0x01, 0x9f]);
    expect(splitNalUnits(data, { kind: 'annexb' })?.map((u) => [...u])).toEqual([
      [0x09, 0xf0],
      [0x01, 0x9e, 0x22],
      [0x01, 0x9f],
    ]);
  });
  it('splits length-prefixed units of 1-4 bytes and rejects lengths past the end', () => {
    const units = [Uint8Array.from([0x01, 0xaa]), Uint8Array.from([0x09, 0x10, 0x20])];
    for (const size of [1, 2, 3, 4] as const) {
      const joined = joinNalUnits(units, { kind: 'length', size });
      expect(splitNalUnits(joined, { kind: 'length', size })?.map((u) => [...u])).toEqual(units.map((u) => [...u]));
    }
    expect(splitNalUnits(Uint8Array.from([0, 0, 0, 9, 0x01, 0x02]), { kind: 'length', size: 4 })).toBeNull();
    expect(isDisposable(Uint8Array.from([0, 0, 0, 9, 0x01, 0x02]), { ...progressiveAvc(), framing: { kind: 'length', size: 4 } })).toBe(
      false,
    );
  });
  it('reads the framing from avcC (byte 4) and hvcC (byte 21), Annex B without a description', () => {
    expect(nalFraming('avc', Uint8Array.from([1, 100, 0, 40, 0xfd]))).toEqual({ kind: 'length', size: 2 });
    expect(nalFraming('hevc', Uint8Array.from([...new Array<number>(21).fill(0), 0x0f, 0]))).toEqual({ kind: 'length', size: 4 });
    expect(nalFraming('avc', null)).toEqual({ kind: 'annexb' });
  });
});

describe('parameter sets', () => {
  it('reads frame_mbs_only_flag from Baseline and High SPSs, with a scaling matrix too', () => {
    expect(avcSpsFrameMbsOnly(avcSps(66, true))).toBe(true);
    expect(avcSpsFrameMbsOnly(avcSps(66, false))).toBe(false);
    expect(avcSpsFrameMbsOnly(avcSps(100, true))).toBe(true);
    expect(avcSpsFrameMbsOnly(avcSps(100, false, true))).toBe(false);
    expect(avcSpsFrameMbsOnly(avcSps(100, true, true))).toBe(true);
    expect(avcSpsFrameMbsOnly(Uint8Array.from([0x67, 100]))).toBeNull();
  });
  it('reads sps_max_sub_layers_minus1 from an HEVC SPS', () => {
    expect(hevcSpsMaxSubLayersMinus1(Uint8Array.from(hevc(33, 0, 0x05, 0x01)))).toBe(2);
  });
  it('takes the SPS from avcC, and an in-band SPS replaces what is known', () => {
    const sps = avcSps(100, true);
    const avcc = Uint8Array.from([1, 100, 0, 40, 0xff, 0xe1, 0, sps.length, ...sps, 1, 0, 2, 0x68, 0xee]);
    expect(descriptionSps('avc', avcc).map((u) => [...u])).toEqual([[...sps]]);
    const stream = nalStream('avc', avcc);
    expect(stream.avcProgressive).toBe(true);
    noteParameterSets(stream, [avcSps(100, false)]);
    expect(stream.avcProgressive).toBe(false);
  });
});

describe('SEI payloads', () => {
  it('reads 0xFF-extended types and sizes through emulation prevention', () => {
    // type 1 size 2, then type 300 (255 + 45) size 1 whose payload 00 00 03 01 carries an emulation prevention byte
    const unit = Uint8Array.from([0x06, 0x01, 0x02, 0xaa, 0xbb, 0xff, 45, 0x03, 0x00, 0x00, 0x03, 0x01, 0x80]);
    expect(seiPayloadTypes(unit, 'avc')).toEqual([1, 300]);
    expect(seiPayloadTypes(Uint8Array.from([0x06, 0x01, 0x09, 0xaa]), 'avc')).toBeNull();
  });
});

describe('isDisposable', () => {
  const nonRefSlice = [0x01, 0x9e, 0x61];
  const refSlice = [0x41, 0x9a, 0x24];
  it('H.264: a non-reference slice with an AUD, filler or picture-local SEI (pic timing) is disposable', () => {
    const s = progressiveAvc();
    expect(isDisposable(annexB(nonRefSlice), s)).toBe(true);
    expect(isDisposable(annexB([0x09, 0xf0], [0x06, 0x01, 0x01, 0x00, 0x80], nonRefSlice, [0x0c, 0xff, 0x80]), s)).toBe(true);
  });
  it('H.264: keeps reference slices, IDRs, parameter sets, other SEIs, end of sequence, data partitions, SVC', () => {
    const s = progressiveAvc();
    expect(isDisposable(annexB(refSlice), s)).toBe(false);
    expect(isDisposable(annexB([0x65, 0x88, 0x84]), s)).toBe(false);
    expect(isDisposable(annexB(nonRefSlice, refSlice), s)).toBe(false);
    expect(isDisposable(annexB([...avcSps(66, true)], nonRefSlice), s)).toBe(false);
    expect(isDisposable(annexB([0x68, 0xee], nonRefSlice), s)).toBe(false);
    expect(isDisposable(annexB([0x06, 0x06, 0x01, 0x84, 0x80], nonRefSlice), s), 'recovery point SEI').toBe(false);
    expect(isDisposable(annexB([0x06, 0x05, 0x01, 0x00, 0x80], nonRefSlice), s), 'user data unregistered').toBe(false);
    expect(isDisposable(annexB(nonRefSlice, [0x0a]), s), 'end of sequence').toBe(false);
    expect(isDisposable(annexB([0x02, 0x80, 0x00]), s), 'data partition A').toBe(false);
    expect(isDisposable(annexB([0x0e, 0x80, 0x00], nonRefSlice), s), 'SVC prefix').toBe(false);
    expect(isDisposable(annexB([0x09, 0xf0]), s), 'no picture at all').toBe(false);
  });
  it('H.264: never with field coding, or before an SPS was read', () => {
    expect(isDisposable(annexB(nonRefSlice), { ...progressiveAvc(), avcProgressive: false })).toBe(false);
    expect(isDisposable(annexB(nonRefSlice), { ...progressiveAvc(), avcProgressive: null })).toBe(false);
  });
  it('HEVC: sub-layer non-reference types at the highest TemporalId only', () => {
    for (const type of [0, 2, 4, 6, 8, 10, 12, 14])
      expect(isDisposable(annexB(hevc(type, 0, 0xaf)), hevcStream(0)), `type ${type}`).toBe(true);
    for (const type of [1, 3, 5, 7, 9, 16, 19, 20, 21])
      expect(isDisposable(annexB(hevc(type, 0, 0xaf)), hevcStream(0)), `type ${type}`).toBe(false);
    expect(isDisposable(annexB(hevc(0, 1, 0xaf)), hevcStream(2)), 'TRAIL_N below the highest sub-layer').toBe(false);
    expect(isDisposable(annexB(hevc(2, 2, 0xaf)), hevcStream(2))).toBe(true);
    expect(isDisposable(annexB(hevc(0, 0, 0xaf)), { ...hevcStream(0), hevcHighestTid: null })).toBe(false);
  });
  it('HEVC: keeps parameter sets, EOS, other layers and non-local SEI; allows AUD, filler, decoded picture hash', () => {
    const s = hevcStream(0);
    expect(isDisposable(annexB(hevc(35, 0, 0x50), hevc(0, 0, 0xaf), hevc(40, 0, 132, 1, 0, 0x80), hevc(38, 0, 0xff, 0x80)), s)).toBe(true);
    expect(isDisposable(annexB(hevc(34, 0, 0xc1), hevc(0, 0, 0xaf)), s)).toBe(false);
    expect(isDisposable(annexB(hevc(0, 0, 0xaf), hevc(36, 0)), s)).toBe(false);
    expect(isDisposable(annexB(hevc(39, 0, 19, 1, 0, 0x80), hevc(0, 0, 0xaf)), s), 'film grain SEI').toBe(false);
    expect(isDisposable(annexB([0x01, 0x09, 0xaf]), s), 'nuh_layer_id 1').toBe(false);
  });
  it('HEVC: finds RASL pictures', () => {
    expect(hasRaslPicture(annexB(hevc(8, 0, 0xaf)), hevcStream(0))).toBe(true);
    expect(hasRaslPicture(annexB(hevc(9, 0, 0xaf)), hevcStream(0))).toBe(true);
    expect(hasRaslPicture(annexB(hevc(1, 0, 0xaf)), hevcStream(0))).toBe(false);
  });
});
