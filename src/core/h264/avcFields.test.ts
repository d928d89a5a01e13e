import { describe, expect, it } from 'vitest';
import { avcCodedFrames } from './avcFields';
import { AvcParameterTracker, planAvcGop } from './avcGop';
import { isDisposable, nalStream, noteParameterSets } from './nal';
import { BitWriter } from './bits';
import { summarizeInterlacing } from '../probe/interlacing';
import fixture from '../fixtures/interlace-headers.json';

/**
 * The fixture holds the parameter sets and the first 48 bytes of each slice of the first 30 frames of three x264
 * streams (320x240, 25 fps, 3 B-frames), made with Debian's ffmpeg 5.1 from `testsrc2` at 50 fps woven into frames by
 * `tinterlace`: `-flags +ildct+ilme -x264-params interlaced=1:tff=1` (MBAFF, top field first), the same with `bff=1`
 * and `interleave_bottom`, and a progressive encode; ffprobe says `tt`, `bb` and `progressive` for them.
 */
const units = (key: 'h264-mbaff-tff' | 'h264-mbaff-bff' | 'h264-prog') => [
  fixture[key].map((b) => Uint8Array.from(Buffer.from(b, 'base64'))),
];

describe('avcCodedFrames on x264 streams', () => {
  it('MBAFF, top field first', () => {
    const frames = avcCodedFrames(units('h264-mbaff-tff'));
    expect(frames).toHaveLength(30);
    expect(frames.every((f) => f.interlaced && f.coding === 'mbaff' && f.topFieldFirst === true)).toBe(true);
    expect(summarizeInterlacing(frames, 'h264')).toEqual({ fieldOrder: 'tff', coding: ['mbaff'], codingName: 'MBAFF', framesRead: 30 });
  });
  it('MBAFF, bottom field first', () => {
    const frames = avcCodedFrames(units('h264-mbaff-bff'));
    expect(summarizeInterlacing(frames, 'h264')).toEqual({ fieldOrder: 'bff', coding: ['mbaff'], codingName: 'MBAFF', framesRead: 30 });
  });
  it('progressive', () => {
    const frames = avcCodedFrames(units('h264-prog'));
    expect(summarizeInterlacing(frames, 'h264')).toMatchObject({ fieldOrder: 'progressive', coding: [], codingName: 'progressive' });
  });
  it('passes over slices whose parameter sets were not seen (a stream cut before its SPS)', () => {
    const [all] = units('h264-mbaff-tff');
    const cut = all!.filter((u) => (u[0]! & 0x1f) !== 7);
    expect(avcCodedFrames([cut])).toEqual([]);
  });
});

/** An SPS (Main profile, POC type 0) with frame_mbs_only_flag 0 and the given mb_adaptive_frame_field_flag. */
function sps(mbaff: boolean): Uint8Array {
  const w = new BitWriter().bits(8, 77).bits(8, 0).bits(8, 30).ue(0);
  w.ue(0) // log2_max_frame_num_minus4
    .ue(0) // pic_order_cnt_type
    .ue(2) // log2_max_pic_order_cnt_lsb_minus4
    .ue(2) // max_num_ref_frames
    .bit(0) // gaps
    .ue(19) // width in mbs - 1
    .ue(7) // height in map units - 1
    .bit(0) // frame_mbs_only_flag
    .bit(mbaff ? 1 : 0)
    .bit(1) // direct_8x8_inference
    .bit(0) // cropping
    .bit(0); // vui
  return Uint8Array.from([0x67, ...w.finish()]);
}

/** A PPS with bottom_field_pic_order_in_frame_present_flag 1. */
function pps(): Uint8Array {
  const w = new BitWriter().ue(0).ue(0).bit(0).bit(1).ue(0).ue(0).ue(0).bit(0).bits(2, 0).se(0).se(0).se(0).bit(1).bit(0).bit(0);
  return Uint8Array.from([0x68, ...w.finish()]);
}

/** The start of a slice: I slice, field or frame, frame_num, POC lsb, and the bottom delta for frames. */
function slice(idr: boolean, frameNum: number, field: 'top' | 'bottom' | null, delta = 0): Uint8Array {
  const w = new BitWriter().ue(0).ue(7).ue(0).bits(4, frameNum);
  if (field === null) w.bit(0);
  else w.bit(1).bit(field === 'bottom' ? 1 : 0);
  if (idr) w.ue(0);
  w.bits(6, frameNum * 4 + (field === 'bottom' ? 1 : 0));
  if (field === null) w.se(delta);
  return Uint8Array.from([idr ? 0x65 : 0x41, ...w.finish()]);
}

describe('avcCodedFrames on field pictures (PAFF, which x264 cannot make)', () => {
  it('pairs fields into frames and gives their order; PAFF + MBAFF mixed', () => {
    const frames = avcCodedFrames([
      [sps(true), pps(), slice(true, 0, 'top'), slice(false, 0, 'bottom')],
      [slice(false, 1, null, 1)],
      [slice(false, 2, 'top'), slice(false, 2, 'bottom')],
    ]);
    expect(frames).toEqual([
      { interlaced: true, topFieldFirst: true, coding: 'field' },
      { interlaced: true, topFieldFirst: true, coding: 'mbaff' },
      { interlaced: true, topFieldFirst: true, coding: 'field' },
    ]);
    expect(summarizeInterlacing(frames, 'h264')).toMatchObject({ fieldOrder: 'tff', codingName: 'PAFF + MBAFF' });
  });
  it('bottom field first field pairs; a change of order is mixed', () => {
    const bff = avcCodedFrames([
      [sps(false), pps(), slice(true, 0, 'bottom'), slice(false, 0, 'top'), slice(false, 1, 'bottom'), slice(false, 1, 'top')],
    ]);
    expect(summarizeInterlacing(bff, 'h264')).toMatchObject({ fieldOrder: 'bff', coding: ['field'], codingName: 'PAFF' });
    const mixed = avcCodedFrames([
      [sps(false), pps(), slice(true, 0, 'bottom'), slice(false, 0, 'top'), slice(false, 1, 'top'), slice(false, 1, 'bottom')],
    ]);
    expect(summarizeInterlacing(mixed, 'h264')?.fieldOrder).toBe('mixed');
  });
  it('frame pictures of a field-capable stream without MBAFF are progressive frames, as ffmpeg flags them', () => {
    const frames = avcCodedFrames([[sps(false), pps(), slice(true, 0, null, 1), slice(false, 1, 'top'), slice(false, 1, 'bottom')]]);
    expect(frames).toEqual([
      { interlaced: false, topFieldFirst: null, coding: 'frame' },
      { interlaced: true, topFieldFirst: true, coding: 'field' },
    ]);
    expect(summarizeInterlacing(frames, 'h264')?.fieldOrder).toBe('mixed');
  });
});

describe('the skip rule and the stand-ins step aside for field-coded streams', () => {
  const [all] = units('h264-mbaff-tff');
  it('no packet of an MBAFF stream is disposable, non-reference B-frames included', () => {
    const stream = nalStream('avc', null);
    noteParameterSets(stream, all!);
    expect(stream.avcProgressive).toBe(false);
    const nonRef = all!.filter((u) => (u[0]! & 0x1f) === 1 && (u[0]! & 0x60) === 0);
    expect(nonRef.length).toBeGreaterThan(0);
    for (const unit of nonRef) expect(isDisposable(Uint8Array.from([0, 0, 0, 1, ...unit]), stream)).toBe(false);
  });
  it('the stand-in model plans none in an MBAFF GOP and says why', () => {
    const plan = planAvcGop(
      all!.map((u) => [u]),
      [all!.length - 1],
      new AvcParameterTracker(),
    );
    expect(plan.unsupported).toBe('field or MBAFF coding');
    expect(plan.standIns.every((s) => s === null)).toBe(true);
  });
});
