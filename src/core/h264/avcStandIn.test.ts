import { describe, expect, it } from 'vitest';
import { BitReader, BitWriter, escapeRbsp, rbsp } from './bits';
import { AvcParameterTracker, planAvcGop } from './avcGop';
import { avcStandInUnits, standInPpsId } from './avcStandIn';
import { parseAvcPps, parseAvcSliceHeader, parseAvcSps, type AvcSliceHeader } from './avcSyntax';

const unit = (header: number, w: BitWriter) => Uint8Array.from([header, ...escapeRbsp(w.finish())]);

/** A baseline-style SPS: 320x192 (20x12 macroblocks), frame_num in 4 bits, POC type 0 with 6-bit lsb, 4 references. */
const SPS = unit(
  0x67,
  new BitWriter().bits(8, 66).bits(8, 0).bits(8, 30).ue(0).ue(0).ue(0).ue(2).ue(4).bit(0).ue(19).ue(11).bit(1).bit(1).bit(0).bit(0),
);
/** A PPS as x264 writes it: CABAC, weighted bi-prediction (implicit), 8x8 transform, second chroma QP offset -2. */
const PPS = unit(
  0x68,
  new BitWriter()
    .ue(0)
    .ue(0)
    .bit(1)
    .bit(0)
    .ue(0)
    .ue(0)
    .ue(0)
    .bit(1)
    .bits(2, 2)
    .se(-3)
    .se(0)
    .se(-2)
    .bit(1)
    .bit(0)
    .bit(0)
    .bit(1)
    .bit(0)
    .se(-2),
);

/** A slice NAL unit's header bits: B slice, PPS 0, frame_num, POC lsb, MMCO 1; the data after it does not matter here. */
function bSlice(frameNum: number, pocLsb: number): Uint8Array {
  const w = new BitWriter().ue(0).ue(6).ue(0).bits(4, frameNum).bits(6, pocLsb).bit(1).bit(0).bit(0).bit(0);
  w.bit(1).ue(1).ue(1).ue(0); // adaptive marking: MMCO 1 (difference_of_pic_nums_minus1 1), end
  w.ue(0).se(0).ue(0); // cabac_init_idc, slice_qp_delta, disable_deblocking_filter_idc
  return unit(0x41, w.bits(8, 0xa5));
}

describe('bits', () => {
  it('writes and reads back Exp-Golomb codes', () => {
    const w = new BitWriter();
    for (let v = 0; v < 600; v += 7) w.ue(v).se(v - 300);
    const r = new BitReader(w.finish());
    for (let v = 0; v < 600; v += 7) {
      expect(r.ue()).toBe(v);
      expect(r.se()).toBe(v - 300);
    }
    expect(r.stopBit()).toBe(r.position);
  });

  it('escapes what rbsp() unescapes', () => {
    const bytes = Uint8Array.from([0, 0, 0, 0, 0, 1, 0, 0, 2, 0, 0, 3, 7, 0, 0, 4, 0, 0]);
    const escaped = escapeRbsp(bytes);
    expect([...escaped]).toEqual([0, 0, 3, 0, 0, 3, 0, 1, 0, 0, 3, 2, 0, 0, 3, 3, 7, 0, 0, 4, 0, 0]);
    expect([...rbsp(Uint8Array.from([9, ...escaped]), 1)]).toEqual([...bytes]);
  });
});

describe('avcStandInUnits', () => {
  const sets = { sps: new Map([[0, parseAvcSps(SPS)]]), pps: new Map([[0, parseAvcPps(PPS)]]) };
  const header: AvcSliceHeader = parseAvcSliceHeader(bSlice(2, 4), sets);

  it('parses the slice it replaces', () => {
    expect(header).toMatchObject({ sliceType: 1, frameNum: 2, picOrderCntLsb: 4, nalRefIdc: 2, numRefIdxActive: [1, 1] });
    expect(header.marking).toEqual({ kind: 'adaptive', operations: [{ op: 1, differenceOfPicNumsMinus1: 1 }] });
  });

  it('keeps frame_num, POC and marking, on a CAVLC copy of the PPS without weighted prediction', () => {
    const [pps, slice] = avcStandInUnits(header, sets, 255);
    const copy = parseAvcPps(pps!);
    expect(copy).toMatchObject({ id: 255, spsId: 0, cabac: false, weightedPred: false, weightedBipredIdc: 0, picInitQpMinus26: -3 });
    expect(copy.chromaQpIndexOffset).toBe(-2);
    // transform_8x8_mode_flag, pic_scaling_matrix_present_flag and second_chroma_qp_index_offset are copied bit for bit.
    const original = parseAvcPps(PPS);
    const tail = (p: typeof copy) =>
      Array.from({ length: p.tailTo - p.tailFrom }, (_, i) => (p.rbsp[(p.tailFrom + i) >> 3]! >> (7 - ((p.tailFrom + i) & 7))) & 1);
    expect(tail(copy)).toEqual(tail(original));

    const withCopy = { sps: sets.sps, pps: new Map([...sets.pps, [255, copy]]) };
    const standIn = parseAvcSliceHeader(slice!, withCopy);
    expect(standIn).toMatchObject({ sliceType: 1, ppsId: 255, frameNum: 2, picOrderCntLsb: 4, nalRefIdc: 2, idr: false });
    expect(standIn.marking).toEqual(header.marking);
  });

  it('skips every macroblock: mb_skip_run is PicSizeInMbs, then the stop bit', () => {
    const [, slice] = avcStandInUnits(header, sets, 255);
    const r = new BitReader(rbsp(slice!, 1));
    r.ue(); // first_mb_in_slice
    expect(r.ue()).toBe(1); // B
    expect(r.ue()).toBe(255);
    r.bits(4 + 6); // frame_num, pic_order_cnt_lsb
    expect([r.bit(), r.bit(), r.ue(), r.ue(), r.bit(), r.bit()]).toEqual([1, 1, 0, 0, 0, 0]); // direct spatial, override 1/1, no modifications
    expect([r.bit(), r.ue(), r.ue(), r.ue()]).toEqual([1, 1, 1, 0]); // MMCO 1, end
    expect([r.se(), r.ue()]).toEqual([0, 1]); // slice_qp_delta, deblocking off
    expect(r.ue()).toBe(240);
    expect(r.stopBit()).toBe(r.position);
  });

  it('takes a PPS id the stream does not use', () => {
    expect(standInPpsId(new Set([0, 1]))).toBe(255);
    expect(standInPpsId(new Set([255, 254]))).toBe(253);
    expect(standInPpsId(new Set(Array.from({ length: 256 }, (_, i) => i)))).toBeNull();
  });
});

describe('planAvcGop', () => {
  it('plans no stand-in for a GOP that does not start with an IDR picture, and says why', () => {
    const tracker = new AvcParameterTracker();
    const plan = planAvcGop([[SPS, PPS, bSlice(2, 4)]], [0], tracker);
    expect(plan.standIns).toEqual([null]);
    expect(plan.unsupported).toMatch(/IDR/);
  });
});
