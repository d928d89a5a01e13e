import { UnsupportedMediaError, InternalError } from '../../core/errors';
import {
  exactFrameArgs,
  firstFrameArgs,
  keyframeArgs,
  parseShowinfoTimes,
  seekWindowStarts,
  type FrameTarget,
} from '../../core/frameWindow';
import { formatTime } from '../../core/time';
import type { SourceInfo } from '../../core/types';
import { OUT_DIR, type FfmpegHost } from './ffmpegHost';

/** Watchdog for one frame: decoding a long GOP of 4K HEVC in wasm can take a while. */
const FRAME_TIMEOUT_MS = 120_000;
const FRAME_OUT = `${OUT_DIR}/frame.rgba`;

/** A decoded picture, raw RGBA, scaled to the requested picture size. */
export interface GrabbedFrame {
  rgba: Uint8Array;
  width: number;
  height: number;
  /** Presentation time of the frame, ms from the start of the presentation. */
  actualMs: number;
  execs: number;
}

/** Runs one ffmpeg exec and returns the frame left in FRAME_OUT, with the showinfo time of the last frame (s). */
async function runOnce(host: FfmpegHost, target: FrameTarget, args: string[]) {
  const { code, lines } = await host.run('ffmpeg', args, FRAME_TIMEOUT_MS);
  const rgba = await host.take(target.output);
  const times = parseShowinfoTimes(lines);
  if (!rgba || times.length === 0) return { code, frame: null, lines };
  if (rgba.byteLength !== target.width * target.height * 4) {
    throw new InternalError(
      `The engine returned a frame of ${rgba.byteLength} bytes where ${target.width}x${target.height} RGBA was expected.`,
      lines.slice(-20),
    );
  }
  return { code, frame: { rgba, lastSec: times[times.length - 1] as number }, lines };
}

/**
 * Decodes the frame displayed at `timeMs` (accurate: the last frame with pts <= t, SPEC "Times") or the keyframe
 * at or before it (keyframe), scaled to `width` x `height` px.
 * Tries the seek windows of core/frameWindow.ts nearest first; if even the whole head of the video holds no frame
 * at or before t (t precedes the first video frame), takes the first frame.
 * @throws UnsupportedMediaError when no frame can be decoded there (truncated or damaged data)
 */
export async function grabFrame(
  host: FfmpegHost,
  file: File,
  source: SourceInfo,
  request: { timeMs: number; width: number; height: number; frameType: 'accurate' | 'keyframe' },
): Promise<GrabbedFrame> {
  const input = await host.mount(file);
  const target: FrameTarget = { input, output: FRAME_OUT, width: request.width, height: request.height };
  let execs = 0;
  const done = (frame: { rgba: Uint8Array; lastSec: number }, baseMs: number): GrabbedFrame => ({
    rgba: frame.rgba,
    width: target.width,
    height: target.height,
    actualMs: Math.round((baseMs + frame.lastSec * 1000) * 1000) / 1000,
    execs,
  });

  if (request.frameType === 'keyframe') {
    execs += 1;
    const { frame } = await runOnce(host, target, keyframeArgs(target, request.timeMs));
    if (frame) return done(frame, request.timeMs);
  }
  let lastLines: string[] = [];
  for (const startMs of seekWindowStarts(request.timeMs, source.frameRate)) {
    execs += 1;
    const { frame, lines } = await runOnce(host, target, exactFrameArgs(target, startMs, request.timeMs));
    if (frame) return done(frame, startMs);
    lastLines = lines;
  }
  execs += 1;
  const { frame } = await runOnce(host, target, firstFrameArgs(target));
  if (frame) return done(frame, 0);
  throw new UnsupportedMediaError(
    `No picture could be decoded at ${formatTime(request.timeMs)} in ${file.name}: the video data there is missing ` +
      'or damaged (the file may be truncated). Choose other times or a complete copy of the file.',
    lastLines.slice(-20),
  );
}
