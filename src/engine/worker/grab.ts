import { InternalError, UnsupportedMediaError } from '../../core/errors';
import {
  bytesPerPixel,
  CUT_TOLERANCE_MS,
  exactFrameArgs,
  firstFrameArgs,
  keyframeArgs,
  parseShowinfoTimes,
  seekWindowStarts,
  type FrameTarget,
} from '../../core/frameWindow';
import { classifyGap, needsGapCheck } from '../../core/frameGap';
import { formatTime } from '../../core/time';
import type { SourceInfo } from '../../core/types';
import { OUT_DIR, type FfmpegHost } from './ffmpegHost';
import { readPacketTimes } from './packets';

/** Watchdog for one frame: decoding a long GOP of 4K HEVC in wasm can take a while. */
const FRAME_TIMEOUT_MS = 120_000;
const FRAME_OUT = `${OUT_DIR}/frame.rgba`;

/** A decoded picture, scaled to the requested picture size. */
export interface GrabbedFrame {
  /** Raw pixels: RGBA, or yuv444p16le planes when the request asked for them (HDR sources, issue 14). */
  rgba: Uint8Array;
  width: number;
  height: number;
  /** Presentation time of the frame, ms from the start of the presentation (container start_time subtracted). */
  actualMs: number;
}

interface Attempt {
  frame: { rgba: Uint8Array; actualMs: number } | null;
  lines: string[];
}

/**
 * Runs one ffmpeg exec; returns the frame it left in the output file and that frame's presentation time.
 * @param written which logged frame was written: the last one for the windows (all kept frames are written, the
 *   file keeps the last), the first for `-frames:v 1` recipes (showinfo also logs frames flushed after the limit)
 */
async function attempt(host: FfmpegHost, target: FrameTarget, args: string[], written: 'first' | 'last'): Promise<Attempt> {
  const { lines } = await host.run('ffmpeg', args, FRAME_TIMEOUT_MS);
  const rgba = await host.take(target.output);
  const times = parseShowinfoTimes(lines);
  const lastSec = written === 'first' ? times[0] : times[times.length - 1];
  if (!rgba || lastSec === undefined) return { frame: null, lines };
  if (rgba.byteLength !== target.width * target.height * bytesPerPixel(target)) {
    throw new InternalError(
      `The engine returned a frame of ${rgba.byteLength} bytes where ${target.width}x${target.height} ${target.pixelFormat ?? 'rgba'} was expected.`,
      lines.slice(-20),
    );
  }
  const actualMs = Math.round((lastSec * 1000 - target.originMs) * 1000) / 1000;
  return { frame: { rgba, actualMs }, lines };
}

/**
 * Decodes the frame displayed at `timeMs` (accurate: the last frame with pts <= t, SPEC "Times") or the last
 * keyframe at or before it (keyframe), scaled to `width` x `height` px.
 * Tries the seek windows of core/frameWindow.ts nearest first; if even the whole head of the video holds no frame
 * at or before t (t precedes the first video frame), takes the first frame (SPEC: 0 is the first frame).
 * @throws UnsupportedMediaError when no frame can be decoded there (truncated or damaged data)
 */
export async function grabFrame(
  host: FfmpegHost,
  file: File,
  source: SourceInfo,
  request: { timeMs: number; width: number; height: number; frameType: 'accurate' | 'keyframe'; pixelFormat?: FrameTarget['pixelFormat'] },
): Promise<GrabbedFrame> {
  const input = await host.mount(file);
  const target: FrameTarget = {
    input,
    output: FRAME_OUT,
    width: request.width,
    height: request.height,
    originMs: source.startTimeMs,
    frameMs: source.frameRate ? 1000 / source.frameRate : null,
    pixelFormat: request.pixelFormat,
  };
  const keyframesOnly = request.frameType === 'keyframe';
  const found = (frame: { rgba: Uint8Array; actualMs: number }): GrabbedFrame => ({
    ...frame,
    width: target.width,
    height: target.height,
  });

  if (keyframesOnly) {
    const { frame } = await attempt(host, target, keyframeArgs(target, request.timeMs), 'first');
    if (frame && frame.actualMs <= request.timeMs + CUT_TOLERANCE_MS) return found(frame);
  }
  const unreadable = (lines: string[]) =>
    new UnsupportedMediaError(
      `No picture could be decoded at ${formatTime(request.timeMs)} in ${file.name}: the video data there is ` +
        'missing or damaged (the file may be truncated). Choose other times or a complete copy of the file.',
      lines.slice(-20),
    );
  for (const startMs of seekWindowStarts(request.timeMs, source.frameRate)) {
    const args = exactFrameArgs(target, startMs, request.timeMs, keyframesOnly);
    const { frame, lines } = await attempt(host, target, args, 'last');
    if (!frame) continue;
    if (!keyframesOnly && needsGapCheck(request.timeMs, frame.actualMs, target.frameMs)) {
      const packetTimesMs = await readPacketTimes(host, input, target.originMs, frame.actualMs, request.timeMs + 1000);
      const videoEndMs = source.videoDurationMs ?? source.durationMs;
      const verdict = classifyGap({ packetTimesMs, actualMs: frame.actualMs, timeMs: request.timeMs, frameMs: target.frameMs, videoEndMs });
      if (verdict === 'damaged' || verdict === 'missing') throw unreadable(lines);
    }
    return found(frame);
  }
  const { frame, lines } = await attempt(host, target, firstFrameArgs(target), 'first');
  if (frame) return found(frame);
  throw unreadable(lines);
}
