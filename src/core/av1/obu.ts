/**
 * AV1 temporal units as IVF and Annex-B-free containers carry them (low-overhead bitstream format, AV1 spec 5.2):
 * OBUs with size fields. What Snapframe reads of them, nothing decoded: whether a temporal unit starts with a key frame
 * (its first frame header, spec 5.9.2), and from the sequence header (5.5) the profile, level, tier and bit depth that
 * make the WebCodecs codec string (AV1 Codec ISO Media File Format Binding, "Codecs Parameter String").
 */
import { BitReader } from '../h264/bits';

const OBU_SEQUENCE_HEADER = 1;
const OBU_FRAME_HEADER = 3;
const OBU_FRAME = 6;

/** One OBU: its type and payload (header and size field removed). */
export interface Obu {
  type: number;
  payload: Uint8Array;
}

/** What a sequence header says that the codec string needs. */
export interface Av1SequenceHeader {
  profile: number;
  /** seq_level_idx of operating point 0 (0-31). */
  level: number;
  /** seq_tier of operating point 0: 0 Main, 1 High. */
  tier: number;
  bitDepth: 8 | 10 | 12;
  /** reduced_still_picture_header: every frame is a key frame with no frame header fields before frame_type. */
  reducedStillPictureHeader: boolean;
}

/** leb128() (spec 4.10.5): the value and how many bytes it took; null past the end. */
function leb128(bytes: Uint8Array, at: number): { value: number; length: number } | null {
  let value = 0;
  for (let i = 0; i < 8; i += 1) {
    const byte = bytes[at + i];
    if (byte === undefined) return null;
    value += (byte & 0x7f) * 2 ** (7 * i);
    if ((byte & 0x80) === 0) return { value, length: i + 1 };
  }
  return null;
}

/**
 * The OBUs of a temporal unit (spec 5.3: obu_header, with obu_has_size_field; an OBU without one runs to the end).
 * @throws RangeError when an OBU's size runs past the data or its forbidden bit is set
 */
export function splitObus(data: Uint8Array): Obu[] {
  const obus: Obu[] = [];
  let at = 0;
  while (at < data.length) {
    const header = data[at]!;
    if (header & 0x80) throw new RangeError(`an OBU header with its forbidden bit set at byte ${at}`);
    const type = (header >> 3) & 0x0f;
    const extension = (header & 0x04) !== 0;
    const hasSize = (header & 0x02) !== 0;
    let start = at + 1 + (extension ? 1 : 0);
    let end = data.length;
    if (hasSize) {
      const size = leb128(data, start);
      if (!size) throw new RangeError(`an OBU size field runs past the data at byte ${start}`);
      start += size.length;
      end = start + size.value;
      if (end > data.length) throw new RangeError(`an OBU of ${size.value} bytes at byte ${start} runs past the data`);
    }
    obus.push({ type, payload: data.subarray(start, end) });
    at = end;
  }
  return obus;
}

/**
 * Reads a sequence header OBU's payload up to color_config's bit depth (spec 5.5.1-5.5.2).
 * @throws RangeError when the payload ends early
 */
export function parseSequenceHeader(payload: Uint8Array): Av1SequenceHeader {
  const r = new BitReader(payload);
  const profile = r.bits(3);
  r.bits(1); // still_picture
  const reduced = r.bit() === 1;
  let level = 0;
  let tier = 0;
  let frameIdNumbers = false;
  if (reduced) {
    level = r.bits(5);
  } else {
    let decoderModelInfo = false;
    let bufferDelayLength = 0;
    if (r.bit() === 1) {
      // timing_info()
      r.bits(32);
      r.bits(32);
      if (r.bit() === 1) r.ue(); // num_ticks_per_picture_minus_1: uvlc(), read like ue(v)
      decoderModelInfo = r.bit() === 1;
      if (decoderModelInfo) {
        bufferDelayLength = r.bits(5) + 1;
        r.bits(32);
        r.bits(5);
        r.bits(5);
      }
    }
    const initialDisplayDelay = r.bit() === 1;
    const operatingPoints = r.bits(5) + 1;
    for (let i = 0; i < operatingPoints; i += 1) {
      r.bits(12); // operating_point_idc
      const opLevel = r.bits(5);
      const opTier = opLevel > 7 ? r.bit() : 0;
      if (i === 0) [level, tier] = [opLevel, opTier];
      if (decoderModelInfo && r.bit() === 1) {
        r.bits(bufferDelayLength);
        r.bits(bufferDelayLength);
        r.bit();
      }
      if (initialDisplayDelay && r.bit() === 1) r.bits(4);
    }
  }
  const widthBits = r.bits(4) + 1;
  const heightBits = r.bits(4) + 1;
  r.bits(widthBits);
  r.bits(heightBits);
  if (!reduced) frameIdNumbers = r.bit() === 1;
  if (frameIdNumbers) {
    r.bits(4);
    r.bits(3);
  }
  r.bits(3); // use_128x128_superblock, enable_filter_intra, enable_intra_edge_filter
  if (!reduced) {
    r.bits(4); // enable_interintra_compound, enable_masked_compound, enable_warped_motion, enable_dual_filter
    const orderHint = r.bit() === 1;
    if (orderHint) r.bits(2); // enable_jnt_comp, enable_ref_frame_mvs
    const forceScreenContentTools = r.bit() === 1 ? 2 : r.bit();
    if (forceScreenContentTools > 0 && r.bit() === 0) r.bit(); // seq_choose_integer_mv, seq_force_integer_mv
    if (orderHint) r.bits(3);
  }
  r.bits(3); // enable_superres, enable_cdef, enable_restoration
  const high = r.bit() === 1;
  const bitDepth = profile === 2 && high ? (r.bit() === 1 ? 12 : 10) : high ? 10 : 8;
  return { profile, level, tier, bitDepth, reducedStillPictureHeader: reduced };
}

/** The WebCodecs codec string of a sequence header: `av01.P.LLT.DD` (e.g. `av01.0.04M.08`). */
export function av1CodecString(header: Av1SequenceHeader): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return `av01.${header.profile}.${two(header.level)}${header.tier ? 'H' : 'M'}.${two(header.bitDepth)}`;
}

/** What a temporal unit holds for a demuxer: whether it starts with a key frame, and its sequence header if any. */
export interface TemporalUnitInfo {
  key: boolean;
  sequenceHeader: Av1SequenceHeader | null;
}

/**
 * Reads a temporal unit: its sequence header (when it carries one) and whether its first frame header codes a key
 * frame shown now (show_existing_frame 0, frame_type KEY_FRAME: spec 5.9.2; with reduced_still_picture_header every
 * frame is one).
 * @param known the stream's sequence header so far (a temporal unit without one uses it)
 * @throws RangeError when the OBUs run past the data
 */
export function readTemporalUnit(data: Uint8Array, known: Av1SequenceHeader | null): TemporalUnitInfo {
  let sequenceHeader: Av1SequenceHeader | null = null;
  for (const obu of splitObus(data)) {
    if (obu.type === OBU_SEQUENCE_HEADER) sequenceHeader = parseSequenceHeader(obu.payload);
    if (obu.type === OBU_FRAME_HEADER || obu.type === OBU_FRAME) {
      const reduced = (sequenceHeader ?? known)?.reducedStillPictureHeader ?? false;
      if (reduced) return { key: true, sequenceHeader };
      const r = new BitReader(obu.payload);
      const showExisting = r.bit() === 1;
      return { key: !showExisting && r.bits(2) === 0, sequenceHeader };
    }
  }
  return { key: false, sequenceHeader };
}
