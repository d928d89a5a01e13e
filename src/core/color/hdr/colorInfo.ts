/**
 * What a video stream says about its colours (ffprobe's `color_transfer`, `color_primaries`, `color_space`,
 * `color_range`, `pix_fmt`, and the side data of HDR10 and Dolby Vision), and whether Snapframe tone-maps it.
 */
import { UnsupportedMediaError } from '../../job/errors';
import type { SourceColor } from '../../job/types';

/** The stream fields read here (`ffprobe -show_streams -of json`). */
export interface ColorProbeStream {
  pix_fmt?: string;
  bits_per_raw_sample?: string;
  color_range?: string;
  color_space?: string;
  color_transfer?: string;
  color_primaries?: string;
  codec_tag_string?: string;
  side_data_list?: Array<{
    side_data_type?: string;
    dv_profile?: number;
    dv_bl_signal_compatibility_id?: number;
    max_luminance?: string;
    max_content?: number;
  }>;
}

const tagged = (value: string | undefined): string | null => (value && value !== 'unknown' && value !== 'unspecified' ? value : null);

/** "10000000/10000" -> 1000; bad text -> null. */
function ratio(text: string | undefined): number | null {
  if (!text) return null;
  const [num, den] = text.split('/').map(Number);
  const value = den === undefined ? num : (num as number) / den;
  return value !== undefined && Number.isFinite(value) && value > 0 ? value : null;
}

/** Bits per sample from the pixel format (`yuv420p10le` -> 10, `p010le` -> 10) or bits_per_raw_sample, else 8. */
function bitDepth(stream: ColorProbeStream): number {
  const fromFormat = /p(\d{2})(?:le|be)?$/.exec(stream.pix_fmt ?? '') ?? /^p0(\d{2})/.exec(stream.pix_fmt ?? '');
  if (fromFormat) return Number(fromFormat[1]);
  const raw = Number(stream.bits_per_raw_sample);
  return Number.isInteger(raw) && raw > 0 ? raw : 8;
}

/**
 * The colour facts of a video stream, as ffprobe prints them.
 * Peak luminance: the Content Light Level's MaxCLL, else the mastering display's max_luminance (HDR10 static
 * metadata, SMPTE ST 2086 / CTA-861.3), else null.
 */
export function sourceColorFromProbe(stream: ColorProbeStream): SourceColor {
  const sides = stream.side_data_list ?? [];
  const dovi = sides.find((d) => d.side_data_type === 'DOVI configuration record' && d.dv_profile !== undefined);
  const light = sides.find((d) => d.side_data_type === 'Content light level metadata');
  const mastering = sides.find((d) => d.side_data_type === 'Mastering display metadata');
  const maxCll = light?.max_content && light.max_content > 0 ? light.max_content : null;
  return {
    transfer: tagged(stream.color_transfer),
    primaries: tagged(stream.color_primaries),
    matrix: tagged(stream.color_space),
    range: stream.color_range === 'pc' || stream.color_range === 'tv' ? stream.color_range : null,
    bitDepth: bitDepth(stream),
    dolbyVision: dovi ? { profile: dovi.dv_profile as number, compatibility: dovi.dv_bl_signal_compatibility_id ?? 0 } : null,
    peakNits: maxCll ?? ratio(mastering?.max_luminance),
  };
}

/** A WebCodecs colour space (VideoColorSpaceInit, as mediabunny's `getColorSpace` gives it), DOM-free. */
export interface WebCodecsColorSpace {
  primaries?: string | null;
  transfer?: string | null;
  matrix?: string | null;
  fullRange?: boolean | null;
}

/** WebCodecs colour names -> ffprobe's (VideoColorSpace enums -> AVColor*). */
const FFPROBE_TRANSFER: Record<string, string> = { pq: 'smpte2084', hlg: 'arib-std-b67' };
const FFPROBE_MATRIX: Record<string, string> = { 'bt2020-ncl': 'bt2020nc', rgb: 'gbr' };

/**
 * The colour facts of a track read with mediabunny (the probe without ffmpeg.wasm, core/probe/probeChoice.ts), in ffprobe's
 * names: the colour space the container or codec declares, and the bit depth from the codec string (`vp09.02.10.10…`
 * and `av01.0.08M.10…` carry it; others count as 8). No HDR10 static metadata or Dolby Vision record is read this way.
 */
export function sourceColorFromWebCodecs(space: WebCodecsColorSpace, codecString: string | null): SourceColor {
  const parts = (codecString ?? '').split('.');
  const depth = parts[0] === 'vp09' ? Number(parts[3]) : parts[0] === 'av01' ? Number(parts[3]) : Number.NaN;
  const name = (v: string | null | undefined, map: Record<string, string> = {}) => (v ? (map[v] ?? v) : null);
  return {
    transfer: name(space.transfer, FFPROBE_TRANSFER),
    primaries: name(space.primaries),
    matrix: name(space.matrix, FFPROBE_MATRIX),
    range: space.fullRange === true ? 'pc' : space.fullRange === false ? 'tv' : null,
    bitDepth: Number.isInteger(depth) && depth > 0 ? depth : 8,
    dolbyVision: null,
    peakNits: null,
  };
}

/** How a source's pictures are turned into SDR BT.709 images. */
export interface HdrSource {
  /** The HDR transfer: PQ (SMPTE ST 2084, HDR10) or HLG (ARIB STD-B67). */
  transfer: 'pq' | 'hlg';
  /** Linear-light primaries to convert from (BT.2020 unless the stream says BT.709 or P3). */
  primaries: 'bt2020' | 'bt709' | 'p3';
  /** YCbCr matrix: BT.2020 non-constant luminance unless the stream says BT.709. */
  matrix: 'bt2020nc' | 'bt709';
  fullRange: boolean;
  /** The source's peak, cd/m²: its metadata, else 1000 (ffmpeg's `tonemap` after `zscale`, and HLG's nominal Lw). */
  peakNits: number;
}

/** Peak assumed when the stream gives none, cd/m² (see {@link HdrSource.peakNits}). */
export const DEFAULT_PEAK_NITS = 1000;
/** Lowest peak used, cd/m²: SDR white (a PQ source's tagged peak is raised to it). */
const MIN_PEAK_NITS = 100;

/**
 * Dolby Vision base-layer compatibility ids (Dolby's "Dolby Vision Profiles and Levels", dv_bl_signal_compatibility_id):
 * 1 and 6 = HDR10, 2 = SDR BT.709, 4 = HLG; 0 = none (profile 5's IPTPQc2, profile 10.0).
 */
const DV_BASE_LAYER: Record<number, 'pq' | 'hlg' | 'sdr'> = { 1: 'pq', 6: 'pq', 2: 'sdr', 4: 'hlg' };

/**
 * Refuses Dolby Vision with no compatible base layer (profile 5, 10.0): its pictures are in Dolby's IPTPQc2 encoding,
 * which only a Dolby Vision decoder (its RPU reshaping) turns into colours; decoded as plain YCbCr it is purple and green.
 * @throws UnsupportedMediaError naming the file and what to do
 */
export function refuseDolbyVision(name: string, color: SourceColor): void {
  const dv = color.dolbyVision;
  if (!dv || DV_BASE_LAYER[dv.compatibility]) return;
  throw new UnsupportedMediaError(
    `${name} is Dolby Vision profile ${dv.profile} video with no HDR10, HLG or SDR base layer: its colours are stored ` +
      "in Dolby's own encoding (IPTPQc2), which only a Dolby Vision decoder can turn into a picture, so every snapshot " +
      'would come out purple and green. Convert it to HDR10 or SDR with a Dolby Vision-capable tool ' +
      '(e.g. dovi_tool, or ffmpeg with libplacebo) and try again.',
  );
}

/**
 * Whether and how a source is tone-mapped: PQ or HLG transfer (also the base layer of Dolby Vision profiles 7, 8.1,
 * 8.4 and 10.1/10.4, which carry it in the stream's own tags or, when untagged, by their compatibility id).
 * The peak (PQ) is the stream's MaxCLL or mastering peak, kept within [100, 10000] cd/m², else 1000 cd/m².
 * @returns null for SDR video (BT.709, BT.601, sRGB, BT.2020 SDR, untagged, Dolby Vision with an SDR base layer)
 */
export function hdrSource(color: SourceColor | undefined): HdrSource | null {
  if (!color) return null;
  const base = color.dolbyVision ? DV_BASE_LAYER[color.dolbyVision.compatibility] : undefined;
  const transfer =
    color.transfer === 'smpte2084'
      ? 'pq'
      : color.transfer === 'arib-std-b67'
        ? 'hlg'
        : !color.transfer && base && base !== 'sdr'
          ? base
          : null;
  if (!transfer || base === 'sdr') return null;
  const primaries = color.primaries === 'bt709' ? 'bt709' : color.primaries === 'smpte432' ? 'p3' : 'bt2020';
  return {
    transfer,
    primaries,
    matrix: color.matrix === 'bt709' ? 'bt709' : 'bt2020nc',
    fullRange: color.range === 'pc',
    // A peak below SDR white (a MaxCLL of a dark scene, a bad tag) would brighten instead of tone-mapping.
    peakNits: transfer === 'hlg' ? DEFAULT_PEAK_NITS : Math.min(10_000, Math.max(MIN_PEAK_NITS, color.peakNits ?? DEFAULT_PEAK_NITS)),
  };
}
