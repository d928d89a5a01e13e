import { describe, expect, it } from 'vitest';
import { avcPictureOrderCounts, avcReferences, neededPictures } from './avcRefs';
import { AvcUnsupported, type AvcMarking, type AvcParameterSets, type AvcPps, type AvcSliceHeader, type AvcSps } from './avcSyntax';

const SPS: AvcSps = {
  id: 0,
  chromaArrayType: 1,
  separateColourPlane: false,
  frameMbsOnly: true,
  mbAdaptiveFrameField: false,
  log2MaxFrameNum: 4,
  pocType: 0,
  log2MaxPocLsb: 6,
  maxNumRefFrames: 4,
  gapsInFrameNumAllowed: false,
  picSizeInMbs: 240,
};
const PPS: AvcPps = {
  id: 0,
  spsId: 0,
  cabac: true,
  bottomFieldPicOrderInFramePresent: false,
  numRefIdxDefaultActive: [1, 1],
  weightedPred: false,
  weightedBipredIdc: 0,
  picInitQpMinus26: 0,
  picInitQsMinus26: 0,
  chromaQpIndexOffset: 0,
  deblockingFilterControlPresent: true,
  constrainedIntraPred: false,
  redundantPicCntPresent: false,
  rbsp: new Uint8Array([0x80]),
  tailFrom: 0,
  tailTo: 0,
};
const sets = (sps: Partial<AvcSps> = {}): AvcParameterSets => ({ sps: new Map([[0, { ...SPS, ...sps }]]), pps: new Map([[0, PPS]]) });

type Kind = 'IDR' | 'P' | 'B' | 'b';
/** One picture of one slice: kind (b = non-reference B), frame_num, pic_order_cnt_lsb, and optional header fields. */
function pic(kind: Kind, frameNum: number, poc: number, extra: Partial<AvcSliceHeader> = {}): AvcSliceHeader[] {
  const ref = kind !== 'b';
  const marking: AvcMarking | null =
    kind === 'IDR' ? { kind: 'idr', noOutputOfPriorPics: false, longTermReference: false } : ref ? { kind: 'sliding' } : null;
  return [
    {
      nalRefIdc: ref ? 2 : 0,
      idr: kind === 'IDR',
      sliceType: kind === 'IDR' ? 2 : kind === 'P' ? 0 : 1,
      ppsId: 0,
      frameNum,
      picOrderCntLsb: poc,
      deltaPicOrderCntBottom: 0,
      numRefIdxActive: [1, 1],
      modifications: [[], []],
      marking,
      ...extra,
    },
  ];
}

/**
 * x264 --preset veryfast, b-pyramid normal (its trace_headers): I0 P8 B4 b2 b6 P16 B12 b10 b14 in decoding order (POC);
 * each P names the previous P with a list modification (the reference B-frame is the most recent reference), each
 * reference B-frame after the first drops the one before with MMCO 1.
 */
const PYRAMID = [
  pic('IDR', 0, 0),
  pic('P', 1, 8),
  pic('B', 2, 4),
  pic('b', 3, 2),
  pic('b', 3, 6),
  pic('P', 3, 16, { modifications: [[{ idc: 0, value: 1 }], []] }),
  pic('B', 4, 12, { marking: { kind: 'adaptive', operations: [{ op: 1, differenceOfPicNumsMinus1: 1 }] } }),
  pic('b', 5, 10),
  pic('b', 5, 14),
];

describe('avcReferences', () => {
  it('follows x264 pyramids: P-frames predict from the P before, B-frames from their neighbours in POC', () => {
    const refs = avcReferences(PYRAMID, sets()).map((s) => [...s].sort());
    expect(refs).toEqual([[], [0], [0, 1], [0, 2], [1, 2], [1], [1, 5], [1, 6], [5, 6]]);
  });

  it('needs the chain of P-frames for a late P, and a reference B-frame only for its own mini-GOP', () => {
    const refs = avcReferences(PYRAMID, sets());
    expect(neededPictures(refs, [5])).toEqual([true, true, false, false, false, true, false, false, false]);
    expect(neededPictures(refs, [3])).toEqual([true, true, true, true, false, false, false, false, false]);
    expect(neededPictures(refs, [8])).toEqual([true, true, false, false, false, true, true, false, true]);
  });

  it('drops the oldest reference by the sliding window, so a modification naming it cannot be followed', () => {
    const chain = [pic('IDR', 0, 0), pic('P', 1, 2), pic('P', 2, 4), pic('P', 3, 6, { modifications: [[{ idc: 0, value: 2 }], []] })];
    expect(() => avcReferences(chain, sets({ maxNumRefFrames: 3 }))).not.toThrow();
    expect([...avcReferences(chain, sets({ maxNumRefFrames: 3 }))[3]!]).toEqual([0]);
    // With one reference frame, the IDR picture has left the buffer when P3 names it.
    expect(() => avcReferences(chain, sets({ maxNumRefFrames: 1 }))).toThrow(AvcUnsupported);
  });

  it('counts frame_num across its wrap', () => {
    const wrap = [pic('IDR', 0, 0), ...Array.from({ length: 20 }, (_, i) => pic('P', (i + 1) % 16, 2 * (i + 1)))];
    const refs = avcReferences(wrap, sets());
    expect([...refs[17]!]).toEqual([16]);
    expect(neededPictures(refs, [20]).every(Boolean)).toBe(true);
  });

  it('leaves alone what it does not model', () => {
    expect(() => avcReferences([pic('P', 1, 2)], sets())).toThrow(/IDR/);
    expect(() => avcReferences([pic('IDR', 0, 0), pic('P', 2, 4)], sets())).toThrow(/gap in frame_num/);
    expect(() =>
      avcReferences([pic('IDR', 0, 0), pic('P', 1, 2, { marking: { kind: 'adaptive', operations: [{ op: 5 }] } })], sets()),
    ).toThrow(/memory_management_control_operation 5/);
    expect(() => avcReferences([pic('IDR', 0, 0), pic('P', 1, 2, { modifications: [[{ idc: 2, value: 0 }], []] })], sets())).toThrow(
      /long-term/,
    );
    const longTermIdr = pic('IDR', 0, 0, { marking: { kind: 'idr', noOutputOfPriorPics: false, longTermReference: true } });
    expect(() => avcReferences([longTermIdr, pic('P', 1, 2)], sets())).toThrow(/long-term/);
  });
});

describe('avcPictureOrderCounts', () => {
  it('carries the POC MSB when pic_order_cnt_lsb wraps (type 0) and doubles frame_num (type 2)', () => {
    const lsbWrap = [pic('IDR', 0, 0), pic('P', 1, 30), pic('P', 2, 60), pic('P', 3, 16), pic('b', 4, 8)];
    expect(
      avcPictureOrderCounts(
        lsbWrap.map((p) => p[0]!),
        sets(),
      ),
    ).toEqual([0, 30, 60, 80, 72]);
    const type2 = [pic('IDR', 0, 0), pic('P', 1, 0), pic('b', 2, 0), pic('P', 2, 0)];
    expect(
      avcPictureOrderCounts(
        type2.map((p) => p[0]!),
        sets({ pocType: 2 }),
      ),
    ).toEqual([0, 2, 3, 4]);
  });
});
