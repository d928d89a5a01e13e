/**
 * The H.264 syntax that decides which pictures a picture references: sequence and picture parameter sets and slice
 * headers up to dec_ref_pic_marking (ITU-T H.264 (08/2021) 7.3.2.1.1, 7.3.2.2, 7.3.3). Progressive streams only:
 * whatever this module does not model (field pictures, slice groups, separate colour planes, SP/SI slices, MVC/SVC
 * NAL units) throws {@link AvcUnsupported}, and the caller decodes such a stream as it is.
 */
import { BitReader, rbsp } from './bits';

/** A stream feature this module does not model; the caller must not change the stream. */
export class AvcUnsupported extends Error {
  override name = 'AvcUnsupported';
}

/** The SPS fields the reference model needs (7.4.2.1.1). */
export interface AvcSps {
  id: number;
  /** ChromaArrayType: chroma_format_idc (1 when absent), 0 with separate colour planes. */
  chromaArrayType: number;
  /** separate_colour_plane_flag (slices of such streams are not modelled). */
  separateColourPlane: boolean;
  /** frame_mbs_only_flag: every picture is a frame (slices of other streams are not modelled). */
  frameMbsOnly: boolean;
  /** mb_adaptive_frame_field_flag: frame pictures may code macroblock pairs as fields (MBAFF); false when frameMbsOnly. */
  mbAdaptiveFrameField: boolean;
  log2MaxFrameNum: number;
  pocType: 0 | 1 | 2;
  /** log2_max_pic_order_cnt_lsb (POC type 0). */
  log2MaxPocLsb: number;
  maxNumRefFrames: number;
  gapsInFrameNumAllowed: boolean;
  /** PicSizeInMbs of a frame: (pic_width_in_mbs_minus1 + 1) * (pic_height_in_map_units_minus1 + 1). */
  picSizeInMbs: number;
}

/** The PPS fields the slice header depends on (7.4.2.2), and the bits after them, for a copy with other values. */
export interface AvcPps {
  id: number;
  spsId: number;
  cabac: boolean;
  bottomFieldPicOrderInFramePresent: boolean;
  numRefIdxDefaultActive: [number, number];
  weightedPred: boolean;
  weightedBipredIdc: number;
  picInitQpMinus26: number;
  picInitQsMinus26: number;
  chromaQpIndexOffset: number;
  deblockingFilterControlPresent: boolean;
  constrainedIntraPred: boolean;
  redundantPicCntPresent: boolean;
  /** The PPS's RBSP, and the bits [tailFrom, tailTo) that follow redundant_pic_cnt_present_flag (transform_8x8_mode_flag…). */
  rbsp: Uint8Array;
  tailFrom: number;
  tailTo: number;
}

/** One ref_pic_list_modification() command (7.3.3.1): idc 0/1 with abs_diff_pic_num_minus1, idc 2 with long_term_pic_num. */
export interface AvcListModification {
  idc: 0 | 1 | 2;
  value: number;
}

/** One memory_management_control_operation (7.3.3.3) and its operands. */
export interface AvcMmco {
  op: number;
  differenceOfPicNumsMinus1?: number;
  longTermPicNum?: number;
  longTermFrameIdx?: number;
  maxLongTermFrameIdxPlus1?: number;
}

/** dec_ref_pic_marking() (7.3.3.3) of a reference picture. */
export type AvcMarking =
  | { kind: 'idr'; noOutputOfPriorPics: boolean; longTermReference: boolean }
  | { kind: 'sliding' }
  | { kind: 'adaptive'; operations: AvcMmco[] };

/** What the reference model needs of a slice header, read up to dec_ref_pic_marking (7.3.3). */
export interface AvcSliceHeader {
  nalRefIdc: number;
  idr: boolean;
  /** slice_type % 5: 0 P, 1 B, 2 I (SP and SI throw). */
  sliceType: 0 | 1 | 2;
  ppsId: number;
  frameNum: number;
  picOrderCntLsb: number;
  deltaPicOrderCntBottom: number;
  /** num_ref_idx_l0/l1_active_minus1 + 1 in effect (from the override or the PPS). */
  numRefIdxActive: [number, number];
  modifications: [AvcListModification[], AvcListModification[]];
  /** null for a non-reference picture (nal_ref_idc 0). */
  marking: AvcMarking | null;
}

/** The parameter sets seen so far, by id. */
export interface AvcParameterSets {
  sps: Map<number, AvcSps>;
  pps: Map<number, AvcPps>;
}

/** Profiles whose SPS carries chroma_format_idc, bit depths and scaling matrices (7.3.2.1.1). */
const HIGH_PROFILES = new Set([100, 110, 122, 244, 44, 83, 86, 118, 128, 138, 139, 134, 135]);

/**
 * Parses an SPS NAL unit (header byte included).
 * @throws RangeError when truncated or out of range
 */
export function parseAvcSps(unit: Uint8Array): AvcSps {
  return readAvcSps(new BitReader(rbsp(unit, 1)));
}

/**
 * Reads an SPS's RBSP up to and including frame_mbs_only_flag / mb_adaptive_frame_field_flag (7.3.2.1.1), leaving
 * `r` at direct_8x8_inference_flag (where the frame cropping and the VUI follow: streamTiming.ts reads on from there).
 * @param r a reader at the RBSP's first byte (profile_idc)
 * @throws RangeError when truncated or out of range
 */
export function readAvcSps(r: BitReader): AvcSps {
  const profile = r.bits(8);
  r.bits(16); // constraint flags, level_idc
  const id = r.ue();
  let chromaArrayType = 1;
  let separateColourPlane = false;
  if (HIGH_PROFILES.has(profile)) {
    const chroma = r.ue();
    separateColourPlane = chroma === 3 && r.bit() === 1;
    chromaArrayType = separateColourPlane ? 0 : chroma;
    r.ue(); // bit_depth_luma_minus8
    r.ue(); // bit_depth_chroma_minus8
    r.bit(); // qpprime_y_zero_transform_bypass_flag
    if (r.bit()) for (let i = 0; i < (chroma === 3 ? 12 : 8); i += 1) if (r.bit()) skipScalingList(r, i < 6 ? 16 : 64);
  }
  const log2MaxFrameNum = r.ue() + 4;
  const pocType = r.ue();
  let log2MaxPocLsb = 0;
  if (pocType === 0) log2MaxPocLsb = r.ue() + 4;
  else if (pocType === 1) {
    r.bit();
    r.se();
    r.se();
    const cycle = r.ue();
    for (let i = 0; i < cycle; i += 1) r.se();
  } else if (pocType !== 2) throw new RangeError(`pic_order_cnt_type ${pocType}`);
  const maxNumRefFrames = r.ue();
  const gapsInFrameNumAllowed = r.bit() === 1;
  const widthMbs = r.ue() + 1;
  const heightMapUnits = r.ue() + 1;
  const frameMbsOnly = r.bit() === 1;
  const mbAdaptiveFrameField = !frameMbsOnly && r.bit() === 1;
  return {
    id,
    chromaArrayType,
    separateColourPlane,
    frameMbsOnly,
    mbAdaptiveFrameField,
    log2MaxFrameNum,
    pocType: pocType as 0 | 1 | 2,
    log2MaxPocLsb,
    maxNumRefFrames,
    gapsInFrameNumAllowed,
    picSizeInMbs: widthMbs * heightMapUnits,
  };
}

/**
 * Parses a PPS NAL unit (header byte included).
 * @throws AvcUnsupported for slice groups (FMO); RangeError when truncated
 */
export function parseAvcPps(unit: Uint8Array): AvcPps {
  const bytes = rbsp(unit, 1);
  const r = new BitReader(bytes);
  const id = r.ue();
  const spsId = r.ue();
  const cabac = r.bit() === 1;
  const bottomFieldPicOrderInFramePresent = r.bit() === 1;
  if (r.ue() !== 0) throw new AvcUnsupported('slice groups');
  const numRefIdxDefaultActive: [number, number] = [r.ue() + 1, r.ue() + 1];
  const weightedPred = r.bit() === 1;
  const weightedBipredIdc = r.bits(2);
  const picInitQpMinus26 = r.se();
  const picInitQsMinus26 = r.se();
  const chromaQpIndexOffset = r.se();
  const deblockingFilterControlPresent = r.bit() === 1;
  const constrainedIntraPred = r.bit() === 1;
  const redundantPicCntPresent = r.bit() === 1;
  return {
    id,
    spsId,
    cabac,
    bottomFieldPicOrderInFramePresent,
    numRefIdxDefaultActive,
    weightedPred,
    weightedBipredIdc,
    picInitQpMinus26,
    picInitQsMinus26,
    chromaQpIndexOffset,
    deblockingFilterControlPresent,
    constrainedIntraPred,
    redundantPicCntPresent,
    rbsp: bytes,
    tailFrom: r.position,
    tailTo: r.stopBit(),
  };
}

/**
 * Parses the header of a slice NAL unit (type 1 or 5, header byte included) up to and including dec_ref_pic_marking.
 * @throws AvcUnsupported for SP/SI slices, redundant slices, a missing parameter set or one this module does not
 *   model; RangeError when truncated
 */
export function parseAvcSliceHeader(unit: Uint8Array, sets: AvcParameterSets): AvcSliceHeader {
  const nalType = unit[0]! & 0x1f;
  const nalRefIdc = (unit[0]! >> 5) & 3;
  const idr = nalType === 5;
  // The header is short: a few dozen bytes of RBSP are plenty (the reader throws RangeError if not).
  const r = new BitReader(rbsp(unit.subarray(0, Math.min(unit.length, 256)), 1));
  r.ue(); // first_mb_in_slice
  const sliceType = r.ue() % 5;
  if (sliceType > 2) throw new AvcUnsupported('SP or SI slices');
  const ppsId = r.ue();
  const pps = sets.pps.get(ppsId);
  const sps = pps && sets.sps.get(pps.spsId);
  if (!pps || !sps) throw new AvcUnsupported(`slice refers to parameter sets not seen (PPS ${ppsId})`);
  if (!sps.frameMbsOnly) throw new AvcUnsupported('field or MBAFF coding');
  if (sps.separateColourPlane) throw new AvcUnsupported('separate colour planes');
  const frameNum = r.bits(sps.log2MaxFrameNum);
  if (idr) r.ue(); // idr_pic_id
  let picOrderCntLsb = 0;
  let deltaPicOrderCntBottom = 0;
  if (sps.pocType === 0) {
    picOrderCntLsb = r.bits(sps.log2MaxPocLsb);
    if (pps.bottomFieldPicOrderInFramePresent) deltaPicOrderCntBottom = r.se();
  } else if (sps.pocType === 1) throw new AvcUnsupported('pic_order_cnt_type 1');
  if (pps.redundantPicCntPresent && r.ue() !== 0) throw new AvcUnsupported('redundant slices');
  if (sliceType === 1) r.bit(); // direct_spatial_mv_pred_flag
  let numRefIdxActive: [number, number] = [...pps.numRefIdxDefaultActive];
  if (sliceType !== 2) {
    if (r.bit()) numRefIdxActive = [r.ue() + 1, sliceType === 1 ? r.ue() + 1 : numRefIdxActive[1]];
  }
  const modifications: [AvcListModification[], AvcListModification[]] = [[], []];
  for (const list of [0, 1] as const) {
    if (sliceType === 2 || (list === 1 && sliceType !== 1)) continue;
    if (!r.bit()) continue;
    for (let idc = r.ue(); idc !== 3; idc = r.ue()) {
      if (idc > 3) throw new RangeError(`modification_of_pic_nums_idc ${idc}`);
      if (modifications[list].length > 32) throw new RangeError('too many list modifications');
      modifications[list].push({ idc: idc as 0 | 1 | 2, value: r.ue() });
    }
  }
  if ((pps.weightedPred && sliceType === 0) || (pps.weightedBipredIdc === 1 && sliceType === 1)) {
    skipPredWeightTable(r, sps.chromaArrayType, sliceType === 1 ? numRefIdxActive : [numRefIdxActive[0], 0]);
  }
  const marking = nalRefIdc !== 0 ? readAvcMarking(r, idr) : null;
  return {
    nalRefIdc,
    idr,
    sliceType: sliceType as 0 | 1 | 2,
    ppsId,
    frameNum,
    picOrderCntLsb,
    deltaPicOrderCntBottom,
    numRefIdxActive,
    modifications,
    marking,
  };
}

/**
 * Reads dec_ref_pic_marking() (7.3.3.3) of a reference picture (nal_ref_idc > 0), `r` at its first bit.
 * @throws RangeError for an unknown memory_management_control_operation, more than 66 of them, or a truncated RBSP
 */
export function readAvcMarking(r: BitReader, idr: boolean): AvcMarking {
  if (idr) return { kind: 'idr', noOutputOfPriorPics: r.bit() === 1, longTermReference: r.bit() === 1 };
  if (!r.bit()) return { kind: 'sliding' };
  const operations: AvcMmco[] = [];
  for (let op = r.ue(); op !== 0; op = r.ue()) {
    if (op > 6 || operations.length > 66) throw new RangeError(`memory_management_control_operation ${op}`);
    const mmco: AvcMmco = { op };
    if (op === 1 || op === 3) mmco.differenceOfPicNumsMinus1 = r.ue();
    if (op === 2) mmco.longTermPicNum = r.ue();
    if (op === 3 || op === 6) mmco.longTermFrameIdx = r.ue();
    if (op === 4) mmco.maxLongTermFrameIdxPlus1 = r.ue();
    operations.push(mmco);
  }
  return { kind: 'adaptive', operations };
}

/** Skips a scaling_list() of `size` coefficients (7.3.2.1.1.1). */
export function skipScalingList(r: BitReader, size: number): void {
  let last = 8;
  let next = 8;
  for (let j = 0; j < size; j += 1) {
    if (next !== 0) next = (last + r.se() + 256) % 256;
    last = next === 0 ? last : next;
  }
}

/** pred_weight_table() (7.3.3.2), skipped. */
function skipPredWeightTable(r: BitReader, chromaArrayType: number, counts: [number, number]): void {
  r.ue(); // luma_log2_weight_denom
  if (chromaArrayType !== 0) r.ue(); // chroma_log2_weight_denom
  for (const count of counts) {
    for (let i = 0; i < count; i += 1) {
      if (r.bit()) {
        r.se();
        r.se();
      }
      if (chromaArrayType !== 0 && r.bit()) for (let j = 0; j < 4; j += 1) r.se();
    }
  }
}
