/**
 * Shared data shapes of Snapframe (docs/SPEC.md). Times are integer milliseconds from the start of the
 * presentation unless a name says otherwise; sizes are pixels.
 */

import type { TrickplayFormat } from '../trickplay/formats';
import type { Interlacing } from '../probe/interlacing';

/** Output image format (SPEC "Output geometry and format"). */
export type ImageFormat = 'jpg' | 'png' | 'webp';

/** What the probe learns about a source video. Sizes are display sizes: rotation and SAR applied. */
export interface SourceInfo {
  /** File name as the user gave it, e.g. "flower.mp4". */
  name: string;
  /** File size, bytes. */
  size: number;
  /** Container format as ffprobe names it, e.g. "mov,mp4,m4a,3gp,3g2,mj2". */
  container: string;
  /** Presentation duration, ms (container duration, else the video stream's). */
  durationMs: number;
  /** How long the video stream says it lasts, ms, when it says (MP4, AVI do; WebM does not), else null. */
  videoDurationMs: number | null;
  /** Container start_time, ms; subtracted from stream timestamps (SPEC "Times"). */
  startTimeMs: number;
  /** Video codec short name, e.g. "h264", "vp9", "mpeg2video", "indeo4". */
  codec: string;
  /** Human-readable codec name, e.g. "H.264 / AVC / MPEG-4 AVC / MPEG-4 part 10". */
  codecLongName: string;
  /** Coded (stored) frame size before rotation and SAR, px. */
  codedWidth: number;
  codedHeight: number;
  /** Display size after SAR and rotation, px: what a player shows and what snapshots default to. */
  width: number;
  height: number;
  /** Clockwise rotation a player applies, degrees. */
  rotation: 0 | 90 | 180 | 270;
  /** Sample (pixel) aspect ratio as [num, den]; [1, 1] for square pixels. */
  sampleAspectRatio: [number, number];
  /** Average frame rate, frames per second, or null when the container does not say. */
  frameRate: number | null;
  /** Number of video frames when the container says (or, for a raw stream, as counted), else null. */
  frameCount: number | null;
  /**
   * Set for a raw elementary stream (`.264`, `.hevc`, `.m2v`: no container, no timestamps; core/probe/elementaryStream.ts):
   * frame n is at n / `frameRate` (num, den: ffprobe's r_frame_rate), as ffmpeg numbers them; `rateFrom` says whether
   * the stream declares that rate or it is ffmpeg's default of 25 fps for a stream that declares none.
   */
  elementary?: { frameRate: [number, number]; rateFrom: 'stream' | 'default' };
  hasAudio: boolean;
  /** The video stream's colour facts (ffprobe), when probed; HDR sources are tone-mapped (core/color/hdr/colorInfo.ts). */
  color?: SourceColor;
  /**
   * Set when the file's own packets contradict its header (a cut file, a damaged duration): the figures above are then
   * the packets' (core/damage/headerCheck.ts) and this says what the header claimed and where the data ends.
   */
  headerCheck?: HeaderCheck;
  /**
   * H.264 and MPEG-2: whether the first frames are interlaced, their field order and coding (core/probe/interlacing.ts);
   * absent for other codecs, URLs, or when the stream's start could not be read.
   */
  interlacing?: Interlacing;
}

/** A header that the file's packets contradict, and what the packets say instead (core/damage/headerCheck.ts). */
export interface HeaderCheck {
  /** The duration the header declares, ms. */
  declaredDurationMs: number;
  /** From this time on (ms) no frame can be decoded: the data is missing (a cut file); null when only the header lied. */
  dataEndMs: number | null;
  /** One sentence for the video details, e.g. "The header says 39:46:05.000; its video ends at 0:01.000." */
  sentence: string;
  /** The frame rate the header declared (null: none), when the packets' replaced it. */
  declaredFrameRate?: number | null;
  /** The frame count the header declared, when the packets' replaced it. */
  declaredFrameCount?: number;
}

/** What a video stream says about its colours (ffprobe names; null = not tagged). */
export interface SourceColor {
  /** `color_transfer`, e.g. `bt709`, `smpte2084` (PQ, HDR10), `arib-std-b67` (HLG). */
  transfer: string | null;
  /** `color_primaries`, e.g. `bt709`, `bt2020`. */
  primaries: string | null;
  /** `color_space` (the YCbCr matrix), e.g. `bt709`, `bt2020nc`. */
  matrix: string | null;
  /** `color_range`: `tv` (limited) or `pc` (full). */
  range: 'tv' | 'pc' | null;
  /** Bits per sample (from `pix_fmt`, e.g. 10 for yuv420p10le). */
  bitDepth: number;
  /** The Dolby Vision configuration record, when the stream has one. */
  dolbyVision: { profile: number; compatibility: number } | null;
  /** Peak luminance from MaxCLL, else the mastering display's, cd/m²; null when the stream gives neither. */
  peakNits: number | null;
}

/**
 * What happens to HDR sources (PQ or HLG): tone-mapped to SDR BT.709 with Hable (default), Reinhard or the
 * BT.2390 EETF, or `off` (no tone mapping: the code values as they are, grey and flat). SDR sources ignore it.
 */
export type HdrMode = 'hable' | 'reinhard' | 'bt2390' | 'off';

/**
 * The "Deinterlace" setting (docs/SPEC.md "Deinterlacing"): `auto` deinterlaces sources whose first frames are
 * interlaced (SourceInfo.interlacing), `on` every source, `off` none (both fields woven, as the decoder gives them).
 */
export type DeinterlaceMode = 'auto' | 'on' | 'off';

/** `accurate`: the frame displayed at t; `keyframe`: the keyframe at or before t (SPEC "Times", Tencent/Alibaba frame type). */
export type FrameType = 'accurate' | 'keyframe';

/** How a picture fills a width x height box whose aspect differs (SPEC `fit`, Tencent FillType). */
export type Fit = 'black' | 'white' | 'gauss' | 'stretch';

/** Output settings shared by every mode (SPEC "Output geometry and format"). */
export interface OutputSpec {
  /**
   * Output image size, px: resolved from the form (source size, one side following the aspect ratio, or the box;
   * with resolutionAdaptive, already swapped to the source's orientation). In sprite mode: the cell size.
   */
  width: number;
  height: number;
  fit: Fit;
  /** Tencent `resolutionAdaptive`: the typed width is the long side and height the short side. */
  resolutionAdaptive: boolean;
  format: ImageFormat;
  /** 1..100. */
  quality: number;
  /** `accurate`: the frame displayed at t; `keyframe`: the keyframe at or before t (SPEC "Times"). */
  frameType: FrameType;
  /** HDR sources: the tone-mapping operator or `off` (see {@link HdrMode}); absent = `hable`. */
  hdr?: HdrMode;
  /** Interlaced sources: deinterlace the pictures or not (see {@link DeinterlaceMode}); absent = `auto`. */
  deinterlace?: DeinterlaceMode;
  /** Alibaba `UserData`: any JSON up to 64 KB, carried unchanged into the manifest. */
  userData?: unknown;
  /**
   * "Avoid dark or blurry frames" (off by default): a dark or blurry frame at t is replaced by the first
   * good frame within 2 s after it (core/analysis/frameQuality.ts). Absent means off.
   */
  avoidBadFrames?: boolean;
}

/** A validated offsets job spec (SPEC mode `offsets`). */
export interface OffsetsSpec extends OutputSpec {
  mode: 'offsets';
  /** Requested times, ms, sorted ascending, unique, each in [0, duration]. */
  offsetsMs: number[];
}

/** Sampling parameters (SPEC "Times", Alibaba SubmitSnapshotJob, Tencent SampleSnapshot). */
export interface SampleParams {
  /** Alibaba SpecifiedOffsetTime: first time, ms. */
  startMs: number;
  /** Alibaba Interval: seconds between times; 0 spreads `count` times evenly. Ignored when `percent` is set. */
  intervalSec: number;
  /** Alibaba Count: at most this many times; null = as many as fit. */
  count: number | null;
  /** Tencent SampleType=Percent: a time every `percent` % of the duration; null = not used. */
  percent: number | null;
}

/** A validated sample job spec (SPEC mode `sample`). */
export interface SampleSpec extends OutputSpec {
  mode: 'sample';
  sampling: SampleParams;
  /** The planned times, ms, ascending (core/timeline/sampling.ts). */
  timesMs: number[];
  /** "Animated preview": present when the user asked for one. */
  animation?: AnimationParams;
  /** Trickplay files made from the images (core/trickplay): `bif` only in this mode; absent or empty = none. */
  trickplay?: TrickplayFormat[];
}

/** Sprite sheet parameters (SPEC "Sprite sheets", Alibaba SpriteSnapshotConfig). Sizes px. */
export interface SpriteParams {
  cellWidth: number;
  cellHeight: number;
  columns: number;
  lines: number;
  padding: number;
  margin: number;
  /** CSS colour name or hex, the sheet background. */
  color: string;
  /** Alibaba KeepCellPic: also output every cell as its own image. */
  keepCells: boolean;
  /** Tencent WebVttUrl: write thumbnails.vtt (and storyboard.json, Mux's storyboard JSON, beside it). */
  webvtt: boolean;
  /**
   * A band above the cells with the file's name, size, duration, resolution, frame rate, codec and bitrate, as vcsi's
   * metadata header. Absent = false. Its height is core/sheet/sheetText.ts `headerHeight`.
   */
  header?: boolean;
  /** Each cell's time written on it (vcsi `--show-timestamp`). Absent = false. */
  timestamps?: boolean;
  /** Where on the cell the time goes (vcsi `--timestamp-position`); absent = `bottom-right` (vcsi's `se`). */
  timestampPosition?: TimestampPosition;
  /**
   * Every sheet columns × lines, the last one too (the cloud APIs' sheets). Absent = false: the last sheet holds only
   * the lines it uses, as Mux's and Bunny's storyboards do.
   */
  fixedSheetSize?: boolean;
}

/** The nine places a cell's time can go (vcsi `--timestamp-position`: nw, n, ne, w, center, e, sw, s, se). */
export type TimestampPosition = 'top-left' | 'top' | 'top-right' | 'left' | 'center' | 'right' | 'bottom-left' | 'bottom' | 'bottom-right';

/**
 * The animated preview of a sample or sprite job (as Mux's animated GIF, Cloudflare Stream's and Bunny
 * Stream's previews): one frame per planned time, as an animated GIF and a short WebM clip.
 */
export interface AnimationParams {
  /** Frames per second, (0, 60]. */
  frameRate: number;
  /** Frame size, px, even (4:2:0 video), in [16, 1920]. */
  width: number;
  height: number;
}

/** A validated sprite job spec (SPEC mode `sprite`): sample-mode times tiled into sheets. */
export interface SpriteSpec extends OutputSpec {
  mode: 'sprite';
  sampling: SampleParams;
  timesMs: number[];
  sprite: SpriteParams;
  /** "Animated preview": present when the user asked for one. */
  animation?: AnimationParams;
  /** Trickplay files made from the cells and sheets (core/trickplay); absent or empty = none. */
  trickplay?: TrickplayFormat[];
}

/** Mode "Shots": the cut threshold and which frame of each shot is taken. */
export interface ShotParams {
  /** Cut threshold, ffmpeg `scdet` score 0-100 (default 10). */
  threshold: number;
  /** `start`: the shot's first frame plus `offsetMs`; `middle`; `sharpest` (core/analysis/shots.ts). */
  pick: 'start' | 'middle' | 'sharpest';
  /** Offset after the shot's first frame for `start`, ms (at most half the shot). */
  offsetMs: number;
}

/** A validated shots job spec: one image per shot, or (with `sprite`) a contact sheet of the shots. */
export interface ShotsSpec extends OutputSpec {
  mode: 'shots';
  shots: ShotParams;
  /** Sprite layout of the contact sheet; null for one image per shot. */
  sprite: SpriteParams | null;
}

export type JobSpec = OffsetsSpec | SampleSpec | SpriteSpec | ShotsSpec;
export type JobMode = JobSpec['mode'];

/** Which decoder produced a job's frames (shown in the job details and the manifest). */
export type DecoderName = 'ffmpeg.wasm' | 'webcodecs';
