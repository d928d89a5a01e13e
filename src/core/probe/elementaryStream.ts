/**
 * Raw elementary video streams (`.264`/`.h264`, `.265`/`.hevc`, `.m2v`): a bare sequence of coded pictures with no
 * container, so no timestamps and no declared duration. ffmpeg reads them with its raw demuxers (format names `h264`,
 * `hevc`, `mpegvideo`), numbers the frames in output order, and gives frame n the time n / rate, the rate being the one
 * the stream declares (H.264 SPS VUI, HEVC VPS or SPS VUI, MPEG-2 sequence header: core/h264/streamTiming.ts) or 25 fps where it
 * declares none (the raw demuxers' `framerate` option). The duration is then the number of frames times the frame
 * duration: this module counts the frames without decoding, by scanning the start codes.
 *
 * Counting rules: H.264 (ITU-T H.264 7.3.1, 7.3.3): a coded slice NAL unit (type 1 or 5) with first_mb_in_slice 0
 * starts a picture (ue(v) 0 is the single bit 1); HEVC (ITU-T H.265 7.3.1.2, 7.3.6.1): a VCL NAL unit (type 0-31) of
 * layer 0 with first_slice_segment_in_pic_flag 1; MPEG-2 (ISO/IEC 13818-2 6.2.3, 6.2.3.1): a picture_start_code, where a
 * field picture (picture_structure 1 or 2 in its picture coding extension) is half a frame. Interlaced H.264 and HEVC
 * streams coded as separate fields are not told apart here (each field counts as a frame).
 */
import { avcSpsFrameRate, hevcSpsFrameRate, hevcVpsFrameRate, mpeg2SequenceFrameRate, type FrameRateFraction } from '../h264/streamTiming';

/** The raw stream kinds read here. */
export type ElementaryKind = 'h264' | 'hevc' | 'mpeg2';

/** ffprobe `format_name` of ffmpeg's raw video demuxers -> the kind. */
const FORMATS: Readonly<Record<string, ElementaryKind>> = { h264: 'h264', hevc: 'hevc', mpegvideo: 'mpeg2' };

/**
 * The raw stream kind of an ffprobe format, or null for a container (or a raw format not handled here).
 * @param formatName ffprobe `format.format_name`, e.g. `h264`, `mpegvideo`, `mov,mp4,m4a,3gp,3g2,mj2`
 */
export function elementaryKind(formatName: string): ElementaryKind | null {
  return FORMATS[formatName] ?? null;
}

/** What a scan of a whole raw stream found. */
export interface ElementaryCount {
  /** Frames (coded pictures; MPEG-2 field pairs as one). */
  frames: number;
  /** The frame rate the stream's first parameter set declares, or null when it declares none. */
  declaredRate: FrameRateFraction | null;
}

/** Bytes kept of a NAL unit or MPEG-2 start code's payload: enough for the header and the first slice bits. */
const HEAD_BYTES = 4;
/** Bytes kept of the first SPS / VPS / sequence header, for its timing (the VUI sits within the first ~100 bytes). */
const PARAMETER_SET_BYTES = 512;

/**
 * Counts the frames of a raw stream fed in chunks, in file order (state is kept across chunk boundaries).
 * @example const scan = new ElementaryScanner('h264'); for (const chunk of chunks) scan.push(chunk); scan.result()
 */
export class ElementaryScanner {
  private zeros = 0;
  /** The payload bytes of the unit being read (after its start code), while fewer than `want` are in. */
  private unit: number[] | null = null;
  private want = HEAD_BYTES;
  /** Frames counted in halves (an MPEG-2 field picture is one half). */
  private halves = 0;
  /** The rate of the first parameter set of each kind that declares one, by NAL type (MPEG-2: 0xb3). */
  private readonly rates = new Map<number, FrameRateFraction | null>();
  /** The type of the parameter set being read whole. */
  private reading = -1;
  /** MPEG-2: a picture start code was the last picture seen, awaiting its coding extension. */
  private pictureOpen = false;

  constructor(private readonly kind: ElementaryKind) {}

  /** Reads the next bytes of the stream. */
  push(chunk: Uint8Array): void {
    let zeros = this.zeros;
    for (let i = 0; i < chunk.length; i += 1) {
      const byte = chunk[i] as number;
      const unit = this.unit;
      if (unit !== null) {
        unit.push(byte);
        if (unit.length >= this.want) this.close();
      }
      if (zeros >= 2 && byte === 1) {
        if (this.unit !== null) this.close();
        this.unit = [];
        this.want = HEAD_BYTES;
      }
      zeros = byte === 0 ? zeros + 1 : 0;
    }
    this.zeros = zeros;
  }

  /** The count, once the whole stream has been pushed. */
  result(): ElementaryCount {
    if (this.unit !== null) this.close();
    // FFmpeg takes an HEVC stream's VPS timing first, then its SPS's VUI (hevcdec.c export_stream_params).
    const rate = this.kind === 'hevc' ? (this.rates.get(32) ?? this.rates.get(33)) : this.rates.get(this.kind === 'h264' ? 7 : 0xb3);
    return { frames: Math.floor(this.halves / 2), declaredRate: rate ?? null };
  }

  /** Judges the unit read so far (its head, or the whole parameter set it was reading). */
  private close(): void {
    const unit = this.unit as number[];
    this.unit = null;
    if (unit.length === 0) return;
    if (this.want === PARAMETER_SET_BYTES) {
      this.rates.set(this.reading, this.parameterSetRate(this.reading, Uint8Array.from(unit)));
      return;
    }
    const h0 = unit[0] as number;
    const h1 = unit[1] ?? 0;
    if (this.kind === 'h264') {
      const type = h0 & 0x1f;
      if ((type === 1 || type === 5) && (h1 & 0x80) !== 0) this.halves += 2;
      else if (type === 7) this.readParameterSet(type, unit);
    } else if (this.kind === 'hevc') {
      const type = (h0 >> 1) & 0x3f;
      const layer = ((h0 & 1) << 5) | (h1 >> 3);
      if (type < 32 && layer === 0 && ((unit[2] ?? 0) & 0x80) !== 0) this.halves += 2;
      else if (type === 32 || type === 33) this.readParameterSet(type, unit);
    } else {
      if (h0 === 0x00) {
        this.halves += 2;
        this.pictureOpen = true;
      } else if (h0 === 0xb5 && h1 >> 4 === 8 && this.pictureOpen) {
        // picture_coding_extension: extension id (4), f_codes (16), intra_dc_precision (2), picture_structure (2)
        const structure = (unit[3] ?? 3) & 3;
        if (structure === 1 || structure === 2) this.halves -= 1;
        this.pictureOpen = false;
      } else if (h0 === 0xb3) this.readParameterSet(h0, unit);
    }
  }

  /** Goes on reading the first parameter set (SPS, VPS, sequence header) whole, for its timing. */
  private readParameterSet(type: number, head: number[]): void {
    if (this.rates.has(type)) return;
    this.rates.set(type, null);
    this.reading = type;
    this.unit = head;
    this.want = PARAMETER_SET_BYTES;
  }

  private parameterSetRate(type: number, payload: Uint8Array): FrameRateFraction | null {
    if (this.kind === 'h264') return avcSpsFrameRate(payload);
    if (this.kind === 'hevc') return type === 32 ? hevcVpsFrameRate(payload) : hevcSpsFrameRate(payload);
    return mpeg2SequenceFrameRate(Uint8Array.from([0, 0, 1, ...payload]));
  }
}

/**
 * The rate ffmpeg gives a raw stream's frames and whether the stream declares it.
 * @param ffprobeRate ffprobe's `r_frame_rate` of the stream (ffmpeg's reading of the stream's timing, or its default)
 * @param declared what the scan found in the first parameter set ({@link ElementaryCount.declaredRate})
 * @returns the rate as ffmpeg uses it (ffprobe's, so that frame n is at n / rate as in native ffmpeg), and `stream` when
 *   the stream declares a rate: the scan found one, or ffprobe's differs from the 25 fps default (timing the scan could
 *   not read, e.g. in a second SPS); `default` otherwise
 */
export function elementaryRate(
  ffprobeRate: FrameRateFraction | null,
  declared: FrameRateFraction | null,
): { rate: FrameRateFraction; from: 'stream' | 'default' } {
  const rate = ffprobeRate ?? declared ?? DEFAULT_RATE;
  const isDefault = rate.num === DEFAULT_RATE.num * rate.den;
  return { rate, from: declared !== null || !isDefault ? 'stream' : 'default' };
}

/** ffmpeg's raw demuxers' default `framerate`: 25 fps (libavformat/rawdec.c). */
export const DEFAULT_RATE: FrameRateFraction = { num: 25, den: 1 };

/**
 * Reads ffprobe's `r_frame_rate` ("30000/1001") as a fraction.
 * @returns null for a missing, zero or malformed rate
 */
export function parseRateFraction(text: string | undefined): FrameRateFraction | null {
  const match = /^(\d+)\/(\d+)$/.exec(text ?? '');
  if (!match) return null;
  const num = Number(match[1]);
  const den = Number(match[2]);
  return num > 0 && den > 0 ? { num, den } : null;
}
