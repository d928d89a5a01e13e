/**
 * Shared data shapes of Snapframe (shared/SPEC.md). Times are integer milliseconds from the start of the
 * presentation unless a name says otherwise; sizes are pixels.
 */

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
  /** Number of video frames when the container says, else null. */
  frameCount: number | null;
  hasAudio: boolean;
}

/** A validated offsets job spec (SPEC mode `offsets`): what the engine runs. */
export interface OffsetsSpec {
  mode: 'offsets';
  /** Requested times, ms, sorted ascending, unique, each in [0, duration]. */
  offsetsMs: number[];
  /** Output size, px, both resolved (source size or aspect-following side filled in). */
  width: number;
  height: number;
  format: ImageFormat;
  /** 1..100. */
  quality: number;
  /** `accurate`: the frame displayed at t; `keyframe`: the keyframe at or before t (SPEC "Times"). */
  frameType: 'accurate' | 'keyframe';
  /** Alibaba `UserData`: any JSON up to 64 KB, carried unchanged into the manifest. */
  userData?: unknown;
}

/** Which decoder produced a job's frames (shown in the job details and the manifest). */
export type DecoderName = 'ffmpeg.wasm' | 'webcodecs';
