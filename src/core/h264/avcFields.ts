/**
 * How H.264 pictures are coded as fields: the SPS's `frame_mbs_only_flag` and `mb_adaptive_frame_field_flag`, and each
 * picture's `field_pic_flag`, `bottom_field_flag` and picture order counts (ITU-T H.264 (08/2021) 7.3.2.1.1, 7.3.3,
 * 8.2.1.1). Reads slice headers only as far as those fields; nothing is decoded.
 */
import { BitReader, rbsp } from './bits';
import { parseAvcPps, parseAvcSps, type AvcSps } from './avcSyntax';
import { avcNalType } from './nal';
import { pairFields, type CodedFrame } from '../probe/interlacing';

/** The parameter-set fields the field facts depend on, by id. */
export interface AvcFieldSets {
  sps: Map<number, AvcSps>;
  pps: Map<number, { spsId: number; bottomFieldPicOrderInFramePresent: boolean }>;
}

/** One picture's field facts (the first slice of a picture). */
export interface AvcFieldPicture {
  /** null for a frame picture, else which field the picture is. */
  field: 'top' | 'bottom' | null;
  /** A frame picture of an MBAFF stream (mb_adaptive_frame_field_flag 1). */
  mbaff: boolean;
  /** The stream is not frame_mbs_only: frames may be interlaced. */
  interlacedStream: boolean;
  frameNum: number;
  /** For a frame picture with POC type 0: delta_pic_order_cnt_bottom (bottom POC − top POC); null where not coded. */
  bottomPocDelta: number | null;
}

/**
 * Reads a slice NAL unit's header (type 1 or 5, header byte included) up to the picture order count.
 * @returns null when it is not the first slice of its picture (first_mb_in_slice > 0)
 * @throws RangeError when truncated; Error when its parameter sets were not seen
 */
export function avcFieldPicture(unit: Uint8Array, sets: AvcFieldSets): AvcFieldPicture | null {
  const r = new BitReader(rbsp(unit.subarray(0, Math.min(unit.length, 128)), 1));
  if (r.ue() !== 0) return null; // first_mb_in_slice
  r.ue(); // slice_type
  const ppsId = r.ue();
  const pps = sets.pps.get(ppsId);
  const sps = pps && sets.sps.get(pps.spsId);
  if (!pps || !sps) throw new Error(`slice refers to parameter sets not seen (PPS ${ppsId})`);
  if (sps.separateColourPlane) r.bits(2); // colour_plane_id
  const frameNum = r.bits(sps.log2MaxFrameNum);
  let field: 'top' | 'bottom' | null = null;
  if (!sps.frameMbsOnly && r.bit() === 1) field = r.bit() === 1 ? 'bottom' : 'top';
  if (avcNalType(unit) === 5) r.ue(); // idr_pic_id
  let bottomPocDelta: number | null = null;
  if (sps.pocType === 0) {
    r.bits(sps.log2MaxPocLsb); // pic_order_cnt_lsb
    if (pps.bottomFieldPicOrderInFramePresent && field === null) bottomPocDelta = r.se();
  }
  return { field, mbaff: sps.mbAdaptiveFrameField && field === null, interlacedStream: !sps.frameMbsOnly, frameNum, bottomPocDelta };
}

/**
 * The frames of the start of a stream as they are coded: each access unit's NAL units in decoding order; parameter
 * sets come from `initial` (an avcC's) and in band. Units that do not parse, and slices whose parameter sets were not
 * seen yet (a stream cut before its first SPS), are passed over.
 * @returns one entry per frame (field pictures paired: core/probe/interlacing.ts pairFields)
 */
export function avcCodedFrames(accessUnits: readonly (readonly Uint8Array[])[], initial: readonly Uint8Array[] = []): CodedFrame[] {
  const sets: AvcFieldSets = { sps: new Map(), pps: new Map() };
  const note = (unit: Uint8Array): void => {
    try {
      const type = avcNalType(unit);
      if (type === 7) {
        const sps = parseAvcSps(unit);
        sets.sps.set(sps.id, sps);
      } else if (type === 8) {
        const pps = parseAvcPpsLoose(unit);
        if (pps) sets.pps.set(pps.id, pps);
      }
    } catch {
      // A parameter set that does not parse is left out; its slices are then passed over.
    }
  };
  initial.forEach(note);
  const pictures: Parameters<typeof pairFields>[0][number][] = [];
  for (const unit of accessUnits.flat()) {
    if (unit.length < 2) continue;
    const type = avcNalType(unit);
    if (type === 7 || type === 8) note(unit);
    if (type !== 1 && type !== 5) continue;
    let p: AvcFieldPicture | null;
    try {
      p = avcFieldPicture(unit, sets);
    } catch {
      continue;
    }
    if (!p) continue;
    if (p.field !== null) pictures.push({ field: p.field, frameId: p.frameNum });
    else {
      // A frame's field order is that of its field order counts (bottom − top); ffmpeg calls an MBAFF frame interlaced.
      const tff = p.bottomPocDelta === null || p.bottomPocDelta === 0 ? null : p.bottomPocDelta > 0;
      pictures.push({
        field: null,
        frameId: p.frameNum,
        frame: p.mbaff
          ? { interlaced: true, topFieldFirst: tff, coding: 'mbaff' }
          : { interlaced: false, topFieldFirst: null, coding: 'frame' },
      });
    }
  }
  return pairFields(pictures);
}

/** A PPS, slice groups included (only its first fields are needed here). */
function parseAvcPpsLoose(unit: Uint8Array): { id: number; spsId: number; bottomFieldPicOrderInFramePresent: boolean } | null {
  try {
    return parseAvcPps(unit);
  } catch {
    const r = new BitReader(rbsp(unit, 1));
    const id = r.ue();
    const spsId = r.ue();
    r.bit(); // entropy_coding_mode_flag
    return { id, spsId, bottomFieldPicOrderInFramePresent: r.bit() === 1 };
  }
}
