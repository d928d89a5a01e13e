/**
 * H.264 recovery points as keyframes (docs/ENGINE.md "Keyframes at recovery points").
 *
 * Native ffmpeg's H.264 decoder marks a picture key (`key_frame`, what ffprobe and `-skip_frame nokey` go by) when it
 * is an IDR picture or carries a recovery point SEI (payload type 6, H.264 D.1.8): x264's `open-gop` I pictures and
 * most broadcast encoders' GOP starts. Chromium's VideoDecoder starts only at IDR pictures (w3c/webcodecs#650), so to
 * decode such an I picture on its own its slices are rewritten as the slices of an IDR picture: nal_unit_type 5,
 * frame_num 0, an idr_pic_id, and the IDR form of dec_ref_pic_marking (7.3.3, 7.3.3.3); everything else of the
 * header and the slice data is kept bit for bit (CABAC slice data re-aligned, 7.3.4 cabac_alignment_one_bit). An I
 * picture predicts nothing from other pictures, and deblocking stays within the picture, so the decoded picture is
 * the one the stream shows there. Source: ITU-T H.264 (08/2021) 7.3.2.8, 7.3.3, 7.3.4, 7.4.1.2.4, D.1.8, D.2.8.
 */
import { AvcUnsupported, readAvcMarking, type AvcParameterSets } from './avcSyntax';
import { BitReader, BitWriter, escapeRbsp, rbsp } from './bits';
import { avcNalRefIdc, avcNalType, seiPayloadTypes } from './nal';

/** SEI payload type of recovery_point() (H.264 7.3.2.3.1, D.1.8). */
const RECOVERY_POINT_SEI = 6;

/**
 * Whether an access unit is a keyframe as native ffmpeg's H.264 decoder marks it: an IDR slice, or an SEI with a
 * recovery point.
 * @param units the access unit's NAL units, each with its header byte
 */
export function isAvcKeyPicture(units: readonly Uint8Array[]): boolean {
  return units.some(
    (unit) => avcNalType(unit) === 5 || (avcNalType(unit) === 6 && (seiPayloadTypes(unit, 'avc') ?? []).includes(RECOVERY_POINT_SEI)),
  );
}

/**
 * The access unit of a non-IDR I picture with its slices rewritten as IDR slices (see the module comment); other NAL
 * units (parameter sets, SEI, delimiters) are kept as they are.
 * @param units the access unit's NAL units, each with its header byte
 * @param sets the parameter sets in effect, the access unit's own SPS/PPS included
 * @returns the rewritten units, or null when the picture is not a non-IDR frame picture of I slices that is a
 *   reference picture, or uses what this rewrite does not cover: field pictures (PAFF), separate colour planes,
 *   pic_order_cnt_type 1, redundant slices, slice groups, or parameter sets not among `sets`
 */
export function avcAsIdrPicture(units: readonly Uint8Array[], sets: AvcParameterSets): Uint8Array[] | null {
  const slices = units.filter((u) => avcNalType(u) >= 1 && avcNalType(u) <= 5);
  if (slices.length === 0 || slices.some((u) => avcNalType(u) !== 1 || avcNalRefIdc(u) === 0)) return null;
  try {
    return units.map((unit) => (avcNalType(unit) === 1 ? idrSlice(unit, sets) : unit));
  } catch (error) {
    if (error instanceof AvcUnsupported || error instanceof RangeError) return null;
    throw error;
  }
}

/**
 * One non-IDR I slice (type 1, header byte included) as an IDR slice.
 * @throws AvcUnsupported for what the rewrite does not cover; RangeError when the slice is truncated
 */
function idrSlice(unit: Uint8Array, sets: AvcParameterSets): Uint8Array {
  const bytes = rbsp(unit, 1);
  const r = new BitReader(bytes);
  const firstMb = r.ue();
  const sliceType = r.ue();
  if (sliceType % 5 !== 2) throw new AvcUnsupported('a P or B slice in the picture');
  const ppsId = r.ue();
  const pps = sets.pps.get(ppsId);
  const sps = pps && sets.sps.get(pps.spsId);
  if (!pps || !sps) throw new AvcUnsupported(`slice refers to parameter sets not seen (PPS ${ppsId})`);
  if (sps.separateColourPlane) throw new AvcUnsupported('separate colour planes');
  if (sps.pocType === 1) throw new AvcUnsupported('pic_order_cnt_type 1');
  if (pps.redundantPicCntPresent) throw new AvcUnsupported('redundant slices');
  r.bits(sps.log2MaxFrameNum); // frame_num
  if (!sps.frameMbsOnly && r.bit() === 1) throw new AvcUnsupported('field pictures');
  const pocFrom = r.position;
  if (sps.pocType === 0) {
    r.bits(sps.log2MaxPocLsb);
    if (pps.bottomFieldPicOrderInFramePresent) r.se();
  }
  const pocTo = r.position;
  // An I slice has no num_ref_idx override, list modification or weight table; then dec_ref_pic_marking (nal_ref_idc > 0).
  readAvcMarking(r, false);
  const tailFrom = r.position;
  r.se(); // slice_qp_delta
  if (pps.deblockingFilterControlPresent && r.ue() !== 1) {
    r.se(); // slice_alpha_c0_offset_div2
    r.se(); // slice_beta_offset_div2
  }
  const headerEnd = r.position;
  const stop = r.stopBit();

  const w = new BitWriter().ue(firstMb).ue(sliceType).ue(ppsId).bits(sps.log2MaxFrameNum, 0); // frame_num of an IDR picture (7.4.3)
  if (!sps.frameMbsOnly) w.bit(0); // field_pic_flag
  w.ue(0) // idr_pic_id
    .copy(bytes, pocFrom, pocTo)
    .bit(0) // no_output_of_prior_pics_flag
    .bit(0) // long_term_reference_flag
    .copy(bytes, tailFrom, headerEnd);
  let dataFrom = headerEnd;
  if (pps.cabac) {
    // cabac_alignment_one_bit: the slice data starts on a byte boundary, in the original and in the rewrite.
    dataFrom = Math.ceil(headerEnd / 8) * 8;
    w.align(1);
  }
  const out = w.copy(bytes, dataFrom, stop).finish();
  const escaped = escapeRbsp(out);
  const slice = new Uint8Array(1 + escaped.length);
  slice[0] = (unit[0]! & 0x60) | 5; // nal_ref_idc kept, nal_unit_type 5
  slice.set(escaped, 1);
  return slice;
}
