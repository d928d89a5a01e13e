/**
 * H.264 and HEVC access units as NAL units: splitting a packet into
 * NAL units, reading the few parameter-set fields the skip rule needs, and the rule itself, {@link isDisposable}:
 * a packet whose picture no other picture references, so that leaving it out of the decoder cannot change any other
 * decoded picture. Pure bitstream reading; sources: ITU-T H.264 (08/2021) 7.3-7.4 and ITU-T H.265 (08/2021) 7.3-7.4,
 * ISO/IEC 14496-15 (avcC, hvcC).
 */
import { rbsp } from './bits';
import { parseAvcSps } from './avcSyntax';

/** Codecs whose packets are NAL units (mediabunny's codec names). */
export type NalCodec = 'avc' | 'hevc';

/** How NAL units are delimited in a packet: length-prefixed (MP4/MKV, size from avcC/hvcC) or Annex B start codes (MPEG-TS). */
export type NalFraming = { kind: 'length'; size: 1 | 2 | 3 | 4 } | { kind: 'annexb' };

/** What the skip rule knows about a stream; from the decoder description, updated by in-band parameter sets. */
export interface NalStream {
  codec: NalCodec;
  framing: NalFraming;
  /** H.264: the active SPS says frame_mbs_only_flag = 1 (no field pictures); null until an SPS was read. */
  avcProgressive: boolean | null;
  /** HEVC: the highest TemporalId a picture can have (sps_max_sub_layers_minus1); null until an SPS was read. */
  hevcHighestTid: number | null;
}

/**
 * The NAL framing given by a decoder description (`VideoDecoderConfig.description`): the avcC/hvcC
 * lengthSizeMinusOne (avcC byte 4, hvcC byte 21, low two bits), or Annex B when there is no description.
 */
export function nalFraming(codec: NalCodec, description: Uint8Array | null): NalFraming {
  if (!description || description.length < (codec === 'avc' ? 5 : 22)) return { kind: 'annexb' };
  const byte = codec === 'avc' ? description[4]! : description[21]!;
  return { kind: 'length', size: ((byte & 3) + 1) as 1 | 2 | 3 | 4 };
}

/**
 * The NAL units of a packet (each starting with its NAL header), as views into `data`.
 * @returns null when the packet does not parse with `framing` (a length past the end): the caller must not skip it
 */
export function splitNalUnits(data: Uint8Array, framing: NalFraming): Uint8Array[] | null {
  const units: Uint8Array[] = [];
  if (framing.kind === 'length') {
    let at = 0;
    while (at < data.length) {
      if (at + framing.size > data.length) return null;
      let length = 0;
      for (let i = 0; i < framing.size; i += 1) length = length * 256 + data[at + i]!;
      at += framing.size;
      if (length === 0 || at + length > data.length) return null;
      units.push(data.subarray(at, at + length));
      at += length;
    }
    return units;
  }
  // Annex B: a NAL unit runs from after a 00 00 01 start code to the next start code (its trailing zeros dropped).
  let start = -1;
  for (let i = 0; i + 2 < data.length; i += 1) {
    if (data[i] === 0 && data[i + 1] === 0 && data[i + 2] === 1) {
      if (start >= 0) units.push(trimZeros(data.subarray(start, i)));
      start = i + 3;
      i += 2;
    }
  }
  if (start >= 0 && start < data.length) units.push(trimZeros(data.subarray(start)));
  return units.filter((u) => u.length > 0);
}

function trimZeros(unit: Uint8Array): Uint8Array {
  let end = unit.length;
  while (end > 0 && unit[end - 1] === 0) end -= 1;
  return unit.subarray(0, end);
}

/** Joins NAL units back into one packet with `framing` (4-byte start codes for Annex B). */
export function joinNalUnits(units: readonly Uint8Array[], framing: NalFraming): Uint8Array {
  const prefix = framing.kind === 'length' ? framing.size : 4;
  const out = new Uint8Array(units.reduce((sum, u) => sum + prefix + u.length, 0));
  let at = 0;
  for (const unit of units) {
    if (framing.kind === 'length') {
      for (let i = framing.size - 1; i >= 0; i -= 1) out[at + framing.size - 1 - i] = Math.floor(unit.length / 256 ** i) % 256;
    } else {
      out.set([0, 0, 0, 1], at);
    }
    out.set(unit, at + prefix);
    at += prefix + unit.length;
  }
  return out;
}

/** H.264 nal_unit_type (7.4.1): the low five bits of the header byte. */
export const avcNalType = (unit: Uint8Array): number => unit[0]! & 0x1f;
/** H.264 nal_ref_idc (7.4.1): bits 6-5 of the header byte; 0 = not used for inter prediction of any other picture. */
export const avcNalRefIdc = (unit: Uint8Array): number => (unit[0]! >> 5) & 3;
/** HEVC nal_unit_type (7.4.2.2): bits 6-1 of the first header byte. */
export const hevcNalType = (unit: Uint8Array): number => (unit[0]! >> 1) & 0x3f;
/** HEVC nuh_layer_id (7.4.2.2). */
export const hevcLayerId = (unit: Uint8Array): number => ((unit[0]! & 1) << 5) | (unit[1]! >> 3);
/** HEVC TemporalId = nuh_temporal_id_plus1 - 1 (7.4.2.2). */
export const hevcTemporalId = (unit: Uint8Array): number => (unit[1]! & 7) - 1;

/**
 * H.264 `frame_mbs_only_flag` of an SPS NAL unit (H.264 7.3.2.1.1): 1 = every picture is a frame (no field or MBAFF
 * coding). @returns null when the SPS does not parse
 */
export function avcSpsFrameMbsOnly(sps: Uint8Array): boolean | null {
  try {
    return parseAvcSps(sps).frameMbsOnly;
  } catch {
    return null;
  }
}

/** HEVC `sps_max_sub_layers_minus1` of an SPS NAL unit (H.265 7.3.2.2.1: bits 3-1 of the first RBSP byte). */
export function hevcSpsMaxSubLayersMinus1(sps: Uint8Array): number | null {
  return sps.length > 2 ? (sps[2]! >> 1) & 7 : null;
}

/** The SPS NAL units in an avcC or hvcC record (ISO/IEC 14496-15 5.3.3.1, 8.3.3.1). */
export function descriptionSps(codec: NalCodec, description: Uint8Array): Uint8Array[] {
  const out: Uint8Array[] = [];
  const u16 = (at: number) => description[at]! * 256 + description[at + 1]!;
  if (codec === 'avc') {
    let at = 6;
    for (let i = 0; i < (description[5]! & 0x1f) && at + 2 <= description.length; i += 1) {
      const length = u16(at);
      out.push(description.subarray(at + 2, at + 2 + length));
      at += 2 + length;
    }
    return out;
  }
  let at = 23;
  for (let a = 0; a < (description[22] ?? 0) && at + 3 <= description.length; a += 1) {
    const type = description[at]! & 0x3f;
    const count = u16(at + 1);
    at += 3;
    for (let n = 0; n < count && at + 2 <= description.length; n += 1) {
      const length = u16(at);
      if (type === 33) out.push(description.subarray(at + 2, at + 2 + length));
      at += 2 + length;
    }
  }
  return out;
}

/** A stream's skip-rule state from its decoder description (null for Annex B streams: parameter sets come in band). */
export function nalStream(codec: NalCodec, description: Uint8Array | null): NalStream {
  const stream: NalStream = { codec, framing: nalFraming(codec, description), avcProgressive: null, hevcHighestTid: null };
  if (description) for (const sps of descriptionSps(codec, description)) noteSps(stream, sps);
  return stream;
}

function noteSps(stream: NalStream, sps: Uint8Array): void {
  if (stream.codec === 'avc') stream.avcProgressive = avcSpsFrameMbsOnly(sps);
  else stream.hevcHighestTid = hevcSpsMaxSubLayersMinus1(sps);
}

/** Updates `stream` from any SPS among `units` (in-band parameter sets, as in MPEG-TS or hev1/avc3). */
export function noteParameterSets(stream: NalStream, units: readonly Uint8Array[]): void {
  for (const unit of units) {
    if (unit.length < 3) continue;
    if (stream.codec === 'avc' ? avcNalType(unit) === 7 : hevcNalType(unit) === 33) noteSps(stream, unit);
  }
}

/**
 * SEI payload types that only describe their own picture or the HRD (buffering_period 0, pic_timing 1,
 * filler_payload 3, user_data_registered_itu_t_t35 4 = captions/AFD; HEVC also decoded_picture_hash 132): dropping
 * them with their picture changes no other picture. Any other SEI (recovery point, film grain, x264's version string,
 * which ffmpeg reads for bug workarounds...) keeps its packet in the decoder.
 */
const PICTURE_LOCAL_SEI: Record<NalCodec, ReadonlySet<number>> = { avc: new Set([0, 1, 3, 4]), hevc: new Set([0, 1, 3, 4, 132]) };

/** The payload types of an SEI NAL unit (H.264 7.3.2.3, H.265 7.3.2.4); null when it does not parse. */
export function seiPayloadTypes(unit: Uint8Array, codec: NalCodec): number[] | null {
  const bytes = rbsp(unit, codec === 'avc' ? 1 : 2);
  const types: number[] = [];
  let at = 0;
  // sei_message() until rbsp_trailing_bits (a final 0x80).
  while (at < bytes.length && !(at === bytes.length - 1 && bytes[at] === 0x80)) {
    let type = 0;
    while (bytes[at] === 0xff) {
      type += 255;
      at += 1;
    }
    if (at >= bytes.length) return null;
    type += bytes[at++]!;
    let size = 0;
    while (bytes[at] === 0xff) {
      size += 255;
      at += 1;
    }
    if (at >= bytes.length) return null;
    size += bytes[at++]!;
    if (at + size > bytes.length) return null;
    types.push(type);
    at += size;
  }
  return types;
}

/** HEVC sub-layer non-reference VCL types (H.265 Table 7-1): TRAIL_N, TSA_N, STSA_N, RADL_N, RASL_N, RSV_VCL_N10/12/14. */
const HEVC_SUB_LAYER_NON_REF = new Set([0, 2, 4, 6, 8, 10, 12, 14]);

/**
 * Whether a packet (one access unit) can be left out of the decoder without changing any other decoded picture.
 * - H.264 (7.4.1): every VCL NAL unit is a non-IDR slice (type 1) with nal_ref_idc = 0 ("not used for inter
 *   prediction of any other picture"; a non-reference picture also carries no dec_ref_pic_marking, so no MMCO, and
 *   POC type 0 derives from the previous *reference* picture, 8.2.1.1), and only if the SPS says frame_mbs_only
 *   (a frame's two fields may sit in different packets and differ in nal_ref_idc).
 * - HEVC (7.4.2.2, 8.3.1): every VCL NAL unit is a sub-layer non-reference type at the highest TemporalId of the
 *   stream (sps_max_sub_layers_minus1), so no higher sub-layer can use it either; layer 0 only. Such pictures are
 *   also left out of the POC derivation's prevTid0Pic.
 * - Both: any other NAL unit in the packet must be an access unit delimiter, filler data or an SEI with only
 *   picture-local payloads ({@link PICTURE_LOCAL_SEI}); parameter sets, end of sequence/stream or unknown types keep
 *   the packet. Whatever does not parse keeps it too.
 * @param data - the packet's bytes as the container holds them
 */
export function isDisposable(data: Uint8Array, stream: NalStream): boolean {
  const units = splitNalUnits(data, stream.framing);
  if (!units || units.length === 0) return false;
  let vcl = 0;
  for (const unit of units) {
    if (unit.length < (stream.codec === 'avc' ? 2 : 3)) return false;
    if (stream.codec === 'avc') {
      if (stream.avcProgressive !== true) return false;
      const type = avcNalType(unit);
      if (type === 1) {
        if (avcNalRefIdc(unit) !== 0) return false;
        vcl += 1;
      } else if (type === 6) {
        if (!seiIsPictureLocal(unit, 'avc')) return false;
      } else if (type !== 9 && type !== 12) return false;
    } else {
      if (stream.hevcHighestTid === null || hevcLayerId(unit) !== 0) return false;
      const type = hevcNalType(unit);
      if (type <= 31) {
        if (!HEVC_SUB_LAYER_NON_REF.has(type) || hevcTemporalId(unit) !== stream.hevcHighestTid) return false;
        vcl += 1;
      } else if (type === 39 || type === 40) {
        if (!seiIsPictureLocal(unit, 'hevc')) return false;
      } else if (type !== 35 && type !== 38) return false;
    }
  }
  return vcl > 0;
}

function seiIsPictureLocal(unit: Uint8Array, codec: NalCodec): boolean {
  const types = seiPayloadTypes(unit, codec);
  return types !== null && types.every((t) => PICTURE_LOCAL_SEI[codec].has(t));
}

/** HEVC: whether the packet holds a RASL picture (types 8, 9), undecodable when decoding starts at its CRA. */
export function hasRaslPicture(data: Uint8Array, stream: NalStream): boolean {
  return (splitNalUnits(data, stream.framing) ?? []).some((u) => u.length >= 2 && (hevcNalType(u) === 8 || hevcNalType(u) === 9));
}
