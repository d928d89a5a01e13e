/**
 * The frame rate a raw video stream declares in its own headers, where a container would otherwise give the clock:
 * the H.264 SPS's VUI timing, the HEVC VPS's timing, the MPEG-2 sequence header's frame_rate_code. A raw stream
 * without them has no clock at all, and ffmpeg then assumes 25 fps (its raw demuxers' `framerate` option).
 * Rules: ITU-T H.264 (08/2021) 7.3.2.1.1 and E.1.1 (frame rate = time_scale / (2 num_units_in_tick), as FFmpeg's
 * h264_ps.c); ITU-T H.265 (08/2021) 7.3.2.1 and 7.3.3 (frame rate = vps_time_scale / vps_num_units_in_tick, as
 * FFmpeg's hevcdec.c export_stream_params); ISO/IEC 13818-2 6.2.2.1 and Table 6-4.
 */
import { readAvcSps } from './avcSyntax';
import { BitReader, rbsp } from './bits';

/** A frame rate as a fraction: frames per `den` seconds, `num` of them (24/1, 30000/1001). */
export interface FrameRateFraction {
  num: number;
  den: number;
}

/**
 * The frame rate an H.264 SPS's VUI declares (timing_info_present_flag).
 * @param unit the SPS NAL unit, header byte included
 * @returns time_scale / (2 num_units_in_tick), or null when the SPS has no VUI timing or cannot be read
 */
export function avcSpsFrameRate(unit: Uint8Array): FrameRateFraction | null {
  try {
    const r = new BitReader(rbsp(unit, 1));
    readAvcSps(r); // up to frame_mbs_only_flag / mb_adaptive_frame_field_flag
    r.bit(); // direct_8x8_inference_flag
    if (r.bit()) for (let i = 0; i < 4; i += 1) r.ue(); // frame cropping offsets
    if (!r.bit()) return null; // vui_parameters_present_flag
    if (r.bit() && r.bits(8) === 255) r.bits(32); // aspect_ratio_idc; Extended_SAR: sar_width, sar_height
    if (r.bit()) r.bit(); // overscan_info_present_flag, overscan_appropriate_flag
    if (r.bit()) {
      r.bits(4); // video_format, video_full_range_flag
      if (r.bit()) r.bits(24); // colour_primaries, transfer_characteristics, matrix_coefficients
    }
    if (r.bit()) {
      r.ue(); // chroma_sample_loc_type_top_field
      r.ue(); // chroma_sample_loc_type_bottom_field
    }
    if (!r.bit()) return null; // timing_info_present_flag
    const numUnitsInTick = r.bits(32);
    const timeScale = r.bits(32);
    return numUnitsInTick > 0 && timeScale > 0 ? reduced(timeScale, 2 * numUnitsInTick) : null;
  } catch {
    return null;
  }
}

/**
 * The frame rate an HEVC VPS declares (vps_timing_info_present_flag).
 * @param unit the VPS NAL unit, its two header bytes included
 * @returns vps_time_scale / vps_num_units_in_tick, or null when the VPS has no timing or cannot be read
 */
export function hevcVpsFrameRate(unit: Uint8Array): FrameRateFraction | null {
  try {
    const r = new BitReader(rbsp(unit, 2));
    r.bits(4 + 1 + 1 + 6); // vps_video_parameter_set_id, base layer flags, vps_max_layers_minus1
    const maxSubLayersMinus1 = r.bits(3);
    r.bits(1 + 16); // vps_temporal_id_nesting_flag, vps_reserved_0xffff_16bits
    skipProfileTierLevel(r, maxSubLayersMinus1);
    const orderingInfo = r.bit();
    for (let i = orderingInfo ? 0 : maxSubLayersMinus1; i <= maxSubLayersMinus1; i += 1) {
      r.ue(); // vps_max_dec_pic_buffering_minus1
      r.ue(); // vps_max_num_reorder_pics
      r.ue(); // vps_max_latency_increase_plus1
    }
    const maxLayerId = r.bits(6);
    const layerSets = r.ue() + 1;
    for (let i = 1; i < layerSets; i += 1) r.bits(maxLayerId + 1); // layer_id_included_flag
    if (!r.bit()) return null; // vps_timing_info_present_flag
    const numUnitsInTick = r.bits(32);
    const timeScale = r.bits(32);
    return numUnitsInTick > 0 && timeScale > 0 ? reduced(timeScale, numUnitsInTick) : null;
  } catch {
    return null;
  }
}

/**
 * The frame rate an HEVC SPS's VUI declares (vui_timing_info_present_flag): what FFmpeg uses when the VPS has no timing
 * (x265 writes it in the VUI only).
 * @param unit the SPS NAL unit, its two header bytes included
 * @returns vui_time_scale / vui_num_units_in_tick, or null when the SPS has no VUI timing or cannot be read
 */
export function hevcSpsFrameRate(unit: Uint8Array): FrameRateFraction | null {
  try {
    const r = new BitReader(rbsp(unit, 2));
    r.bits(4); // sps_video_parameter_set_id
    const maxSubLayersMinus1 = r.bits(3);
    r.bit(); // sps_temporal_id_nesting_flag
    skipProfileTierLevel(r, maxSubLayersMinus1);
    r.ue(); // sps_seq_parameter_set_id
    if (r.ue() === 3) r.bit(); // chroma_format_idc, separate_colour_plane_flag
    r.ue(); // pic_width_in_luma_samples
    r.ue(); // pic_height_in_luma_samples
    if (r.bit()) for (let i = 0; i < 4; i += 1) r.ue(); // conformance window offsets
    r.ue(); // bit_depth_luma_minus8
    r.ue(); // bit_depth_chroma_minus8
    const log2MaxPocLsb = r.ue() + 4;
    const orderingInfo = r.bit();
    for (let i = orderingInfo ? 0 : maxSubLayersMinus1; i <= maxSubLayersMinus1; i += 1) for (let k = 0; k < 3; k += 1) r.ue();
    for (let i = 0; i < 6; i += 1) r.ue(); // coding and transform block sizes, transform hierarchy depths
    if (r.bit() && r.bit()) skipHevcScalingListData(r); // scaling_list_enabled_flag, sps_scaling_list_data_present_flag
    r.bits(2); // amp_enabled_flag, sample_adaptive_offset_enabled_flag
    if (r.bit()) {
      r.bits(8); // pcm sample bit depths
      r.ue();
      r.ue();
      r.bit();
    }
    const sets = r.ue(); // num_short_term_ref_pic_sets
    const deltaPocs: number[] = [];
    for (let i = 0; i < sets; i += 1) deltaPocs.push(skipShortTermRefPicSet(r, i, deltaPocs));
    if (r.bit()) {
      const count = r.ue(); // num_long_term_ref_pics_sps
      for (let i = 0; i < count; i += 1) r.bits(log2MaxPocLsb + 1); // lt_ref_pic_poc_lsb_sps, used_by_curr_pic_lt_sps_flag
    }
    r.bits(2); // sps_temporal_mvp_enabled_flag, strong_intra_smoothing_enabled_flag
    if (!r.bit()) return null; // vui_parameters_present_flag
    if (r.bit() && r.bits(8) === 255) r.bits(32); // aspect_ratio_idc; sar_width, sar_height
    if (r.bit()) r.bit(); // overscan
    if (r.bit()) {
      r.bits(4); // video_format, video_full_range_flag
      if (r.bit()) r.bits(24); // colour description
    }
    if (r.bit()) {
      r.ue();
      r.ue();
    }
    r.bits(3); // neutral_chroma_indication_flag, field_seq_flag, frame_field_info_present_flag
    if (r.bit()) for (let i = 0; i < 4; i += 1) r.ue(); // default display window
    if (!r.bit()) return null; // vui_timing_info_present_flag
    const numUnitsInTick = r.bits(32);
    const timeScale = r.bits(32);
    return numUnitsInTick > 0 && timeScale > 0 ? reduced(timeScale, numUnitsInTick) : null;
  } catch {
    return null;
  }
}

/** scaling_list_data() (H.265 7.3.4), skipped. */
function skipHevcScalingListData(r: BitReader): void {
  for (let sizeId = 0; sizeId < 4; sizeId += 1) {
    for (let matrixId = 0; matrixId < 6; matrixId += sizeId === 3 ? 3 : 1) {
      if (!r.bit()) {
        r.ue(); // scaling_list_pred_matrix_id_delta
        continue;
      }
      const coefficients = Math.min(64, 1 << (4 + (sizeId << 1)));
      if (sizeId > 1) r.se(); // scaling_list_dc_coef_minus8
      for (let i = 0; i < coefficients; i += 1) r.se();
    }
  }
}

/**
 * st_ref_pic_set(idx) of an SPS (H.265 7.3.7), skipped.
 * @param deltaPocs NumDeltaPocs of the sets before it (an inter-predicted set reads one flag or two per entry of the
 *   previous set)
 * @returns NumDeltaPocs of this set
 */
function skipShortTermRefPicSet(r: BitReader, idx: number, deltaPocs: readonly number[]): number {
  if (idx !== 0 && r.bit()) {
    r.bit(); // delta_rps_sign
    r.ue(); // abs_delta_rps_minus1
    let count = 0;
    for (let j = 0; j <= (deltaPocs[idx - 1] ?? 0); j += 1) {
      const used = r.bit();
      const useDelta = used ? 1 : r.bit();
      if (used || useDelta) count += 1;
    }
    return count;
  }
  const negative = r.ue();
  const positive = r.ue();
  for (let i = 0; i < negative + positive; i += 1) {
    r.ue(); // delta_poc_s0/s1_minus1
    r.bit(); // used_by_curr_pic_s0/s1_flag
  }
  return negative + positive;
}

/** profile_tier_level(1, maxNumSubLayersMinus1) (H.265 7.3.3), skipped. */
function skipProfileTierLevel(r: BitReader, maxSubLayersMinus1: number): void {
  r.bits(88); // general profile space, tier, profile_idc, compatibility flags, constraint flags
  r.bits(8); // general_level_idc
  const profile: boolean[] = [];
  const level: boolean[] = [];
  for (let i = 0; i < maxSubLayersMinus1; i += 1) {
    profile.push(r.bit() === 1);
    level.push(r.bit() === 1);
  }
  if (maxSubLayersMinus1 > 0) for (let i = maxSubLayersMinus1; i < 8; i += 1) r.bits(2); // reserved_zero_2bits
  for (let i = 0; i < maxSubLayersMinus1; i += 1) {
    if (profile[i]) r.bits(88);
    if (level[i]) r.bits(8);
  }
}

/** MPEG-2 frame_rate_code -> frame rate (ISO/IEC 13818-2 Table 6-4); 0 and 9-15 are forbidden or reserved. */
const MPEG2_RATES: Readonly<Record<number, FrameRateFraction>> = {
  1: { num: 24000, den: 1001 },
  2: { num: 24, den: 1 },
  3: { num: 25, den: 1 },
  4: { num: 30000, den: 1001 },
  5: { num: 30, den: 1 },
  6: { num: 50, den: 1 },
  7: { num: 60000, den: 1001 },
  8: { num: 60, den: 1 },
};

/**
 * The frame rate of an MPEG-2 sequence header (frame_rate_code; frame_rate_extension_n/d of the sequence extension
 * are not applied: they are 0 in every ordinary stream).
 * @param header the sequence header from its start code (00 00 01 B3) on, at least 8 bytes
 * @returns the rate, or null for a reserved code or a short header
 */
export function mpeg2SequenceFrameRate(header: Uint8Array): FrameRateFraction | null {
  if (header.length < 8 || header[3] !== 0xb3) return null;
  // horizontal_size (12), vertical_size (12), aspect_ratio_information (4), frame_rate_code (4)
  return MPEG2_RATES[(header[7] as number) & 0x0f] ?? null;
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

function reduced(num: number, den: number): FrameRateFraction {
  const g = gcd(num, den);
  return { num: num / g, den: den / g };
}
