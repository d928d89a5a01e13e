/**
 * Stand-ins for H.264 reference pictures that no needed picture references (docs/ENGINE.md "Stand-ins for reference
 * pictures nothing needs"). Leaving such a picture out would open a gap in frame_num and skip its marking, so the
 * decoder's picture buffer would no longer match the stream's; instead it is replaced by a picture that keeps
 * everything the buffer depends on (nal_ref_idc, frame_num, pic_order_cnt_lsb, dec_ref_pic_marking) and costs almost
 * nothing to decode: one slice in which every macroblock is skipped (mb_skip_run = PicSizeInMbs, CAVLC, 7.3.4) with
 * the deblocking filter off. Its pixels are wrong, which cannot matter, since no needed picture predicts from it
 * (avcRefs.ts). The slice refers to a copy of its picture parameter set with CAVLC entropy coding and no weighted
 * prediction, sent under an id of its own just before it. Source: ITU-T H.264 (08/2021) 7.3.2.2, 7.3.3, 7.3.4.
 */
import { BitWriter, escapeRbsp } from './bits';
import type { AvcParameterSets, AvcSliceHeader } from './avcSyntax';

/** NAL header byte of the stand-in PPS: nal_ref_idc 3, nal_unit_type 8. */
const PPS_HEADER = 0x68;

/**
 * The id for stand-in picture parameter sets: the highest of 0-255 that the stream does not use.
 * @param used the PPS ids seen in the decoder description and in the packets
 * @returns null when all 256 are taken
 */
export function standInPpsId(used: ReadonlySet<number>): number | null {
  for (let id = 255; id >= 0; id -= 1) if (!used.has(id)) return id;
  return null;
}

/**
 * The NAL units (each with its header byte) that replace the slices of one reference picture: a picture parameter
 * set with id `ppsId` and one slice of skipped macroblocks with the picture's frame_num, POC and marking.
 * @param header the first slice header of the picture (a non-IDR reference picture, P or B)
 * @param sets the parameter sets the picture refers to
 * @throws Error when the picture is not a non-IDR P or B reference picture, or its parameter sets are unknown
 */
export function avcStandInUnits(header: AvcSliceHeader, sets: AvcParameterSets, ppsId: number): Uint8Array[] {
  const pps = sets.pps.get(header.ppsId);
  const sps = pps && sets.sps.get(pps.spsId);
  if (!pps || !sps) throw new Error(`no parameter sets for PPS ${header.ppsId}`);
  if (header.idr || header.nalRefIdc === 0 || header.sliceType === 2 || !header.marking) {
    throw new Error('only non-IDR P and B reference pictures have stand-ins');
  }
  const p = new BitWriter()
    .ue(ppsId)
    .ue(pps.spsId)
    .bit(0) // entropy_coding_mode_flag: CAVLC
    .bit(pps.bottomFieldPicOrderInFramePresent ? 1 : 0)
    .ue(0) // num_slice_groups_minus1
    .ue(pps.numRefIdxDefaultActive[0] - 1)
    .ue(pps.numRefIdxDefaultActive[1] - 1)
    .bit(0) // weighted_pred_flag
    .bits(2, 0) // weighted_bipred_idc
    .se(pps.picInitQpMinus26)
    .se(pps.picInitQsMinus26)
    .se(pps.chromaQpIndexOffset)
    .bit(1) // deblocking_filter_control_present_flag
    .bit(pps.constrainedIntraPred ? 1 : 0)
    .bit(0) // redundant_pic_cnt_present_flag
    .copy(pps.rbsp, pps.tailFrom, pps.tailTo); // transform_8x8_mode_flag, scaling matrices, second_chroma_qp_index_offset

  const s = new BitWriter()
    .ue(0) // first_mb_in_slice
    .ue(header.sliceType) // P or B, this slice only
    .ue(ppsId)
    .bits(sps.log2MaxFrameNum, header.frameNum);
  if (sps.pocType === 0) {
    s.bits(sps.log2MaxPocLsb, header.picOrderCntLsb);
    if (pps.bottomFieldPicOrderInFramePresent) s.se(header.deltaPicOrderCntBottom);
  }
  if (header.sliceType === 1) s.bit(1); // direct_spatial_mv_pred_flag
  s.bit(1).ue(0); // num_ref_idx_active_override_flag: one reference in list 0…
  if (header.sliceType === 1) s.ue(0); // …and in list 1
  s.bit(0); // ref_pic_list_modification_flag_l0
  if (header.sliceType === 1) s.bit(0); // ref_pic_list_modification_flag_l1
  // dec_ref_pic_marking(), exactly the picture's
  if (header.marking.kind === 'adaptive') {
    s.bit(1);
    for (const op of header.marking.operations) {
      s.ue(op.op);
      if (op.op === 1 || op.op === 3) s.ue(op.differenceOfPicNumsMinus1!);
      if (op.op === 2) s.ue(op.longTermPicNum!);
      if (op.op === 3 || op.op === 6) s.ue(op.longTermFrameIdx!);
      if (op.op === 4) s.ue(op.maxLongTermFrameIdxPlus1!);
    }
    s.ue(0);
  } else s.bit(0);
  s.se(0) // slice_qp_delta
    .ue(1) // disable_deblocking_filter_idc: off
    .ue(sps.picSizeInMbs); // slice_data(): mb_skip_run over the whole picture
  const sliceHeader = (header.nalRefIdc << 5) | 1;
  return [withHeader(PPS_HEADER, p.finish()), withHeader(sliceHeader, s.finish())];
}

function withHeader(header: number, payload: Uint8Array): Uint8Array {
  const escaped = escapeRbsp(payload);
  const unit = new Uint8Array(escaped.length + 1);
  unit[0] = header;
  unit.set(escaped, 1);
  return unit;
}
