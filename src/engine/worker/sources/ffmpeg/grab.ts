import type { VideoInput } from '../../../videoInput';
import { InternalError, UnsupportedMediaError } from '../../../../core/job/errors';
import {
  bytesPerPixel,
  CUT_TOLERANCE_MS,
  DECODED_SHOWINFO,
  exactFrameArgs,
  firstFrameArgs,
  elementaryInputRate,
  keyframeArgs,
  isFirstDecoded,
  parseShowinfoFrames,
  parseShowinfoTimes,
  seekWindowStarts,
  type FrameTarget,
} from '../../../../core/decode/frameWindow';
import { firstGarbageLine, trustedFromSec } from '../../../../core/decode/decoderGarbage';
import { classifyGap, needsGapCheck } from '../../../../core/decode/frameGap';
import { formatTime } from '../../../../core/timeline/time';
import type { FrameType, SourceInfo } from '../../../../core/job/types';
import type { DecodedFrame } from '../frameSource';
import { OUT_DIR, type FfmpegHost } from './host';
import { readKeyframeTimes, readPacketTimes } from './packets';
import { keyframeAtOrBefore } from '../../../../core/decode/decodeRuns';

/** Watchdog for one frame: decoding a long GOP of 4K HEVC in wasm can take a while. */
const FRAME_TIMEOUT_MS = 120_000;
const FRAME_OUT = `${OUT_DIR}/frame.rgba`;

/**
 * A frame ffmpeg.wasm decoded: raw pixels at the requested picture size, RGBA, or yuv444p16le planes when the request
 * asked for them (HDR sources: ffmpegFrames.ts converts them).
 */
export type RgbaFrame = DecodedFrame & { rgba: Uint8Array };

/**
 * A frame asked of the ffmpeg.wasm path (one-time grabs and decode runs): its time (ms), picture size (px, what ffmpeg
 * scales to), frame type, raw pixel format (absent: RGBA), deinterlacing (absent or null: as decoded) and, in keyframe
 * mode, the keyframe when known.
 */
export interface FfmpegFrameRequest {
  timeMs: number;
  width: number;
  height: number;
  frameType: FrameType;
  pixelFormat?: FrameTarget['pixelFormat'];
  deinterlace?: FrameTarget['deinterlace'];
  /** Keyframe mode: the keyframe at or before `timeMs` (ms) when the caller's packet index already holds it. */
  keyframeMs?: number;
}

interface Attempt {
  frame: { rgba: Uint8Array; actualMs: number } | null;
  lines: string[];
  /**
   * The decoder's own line when the frame written may be decoder garbage (core/decode/decoderGarbage.ts: presented before
   * the first keyframe of an exec whose log says references or parameter sets were missing); else null.
   */
  garbage: string | null;
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
  if (!rgba || lastSec === undefined) return { frame: null, lines, garbage: null };
  if (rgba.byteLength !== target.width * target.height * bytesPerPixel(target)) {
    throw new InternalError(
      `The engine returned a frame of ${rgba.byteLength} bytes where ${target.width}x${target.height} ${target.pixelFormat ?? 'rgba'} was expected.`,
      lines.slice(-20),
    );
  }
  const actualMs = Math.round((lastSec * 1000 - target.originMs) * 1000) / 1000;
  // Recipes that log no decoded frames (keyframe mode: keyframes only) are not judged.
  const judged = args.some((a) => a.includes(DECODED_SHOWINFO));
  const trusted = !judged || lastSec >= trustedFromSec(parseShowinfoFrames(lines, 'decoded'), lines) - CUT_TOLERANCE_MS / 1000;
  return { frame: { rgba, actualMs }, lines, garbage: trusted ? null : firstGarbageLine(lines) };
}

/**
 * Decodes the frame displayed at `timeMs` (accurate: the last frame with pts <= t, SPEC "Times") or the last
 * keyframe at or before it (keyframe), scaled to `width` x `height` px.
 * Tries the seek windows of core/decode/frameWindow.ts nearest first; if even the whole head of the video holds no frame
 * at or before t (t precedes the first video frame), takes the first frame (SPEC: 0 is the first frame).
 * @throws UnsupportedMediaError when no frame can be decoded there (truncated or damaged data)
 */
export async function grabFrame(host: FfmpegHost, file: VideoInput, source: SourceInfo, request: FfmpegFrameRequest): Promise<RgbaFrame> {
  const input = await host.mount(file);
  const target: FrameTarget = {
    input,
    output: FRAME_OUT,
    width: request.width,
    height: request.height,
    originMs: source.startTimeMs,
    frameMs: source.frameRate ? 1000 / source.frameRate : null,
    pixelFormat: request.pixelFormat,
    inputRate: elementaryInputRate(source),
    deinterlace: request.deinterlace ?? null,
  };
  const keyframesOnly = request.frameType === 'keyframe';
  const found = (frame: { rgba: Uint8Array; actualMs: number }): RgbaFrame => ({
    ...frame,
    width: target.width,
    height: target.height,
    decoder: 'ffmpeg.wasm',
  });

  if (keyframesOnly) {
    // A raw stream's keyframe recipe keeps every keyframe up to t (frameWindow.ts keyframeArgs): the last is written.
    const { frame } = await attempt(host, target, keyframeArgs(target, request.timeMs), target.inputRate ? 'last' : 'first');
    const keyMs =
      source.codec !== 'h264' || target.inputRate
        ? null
        : (request.keyframeMs ?? (await h264KeyframeAtOrBefore(host, input, target.originMs, request.timeMs)));
    if (keyMs !== null && (!frame || Math.abs(frame.actualMs - keyMs) > CUT_TOLERANCE_MS)) {
      // H.264 with recovery points (open GOPs): with the pictures between keyframes skipped, the decoder cannot order
      // the keyframes by picture order count and outputs them out of order, so the recipe's frame (and a window of
      // keyframes) may be another keyframe. The packet index says which is at or before t; the picture shown at a
      // keyframe's own time is that keyframe, decoded exactly.
      return grabFrame(host, file, source, { ...request, timeMs: keyMs, frameType: 'accurate', keyframeMs: undefined });
    }
    if (frame && frame.actualMs <= request.timeMs + CUT_TOLERANCE_MS) return found(frame);
  }
  const unreadable = (lines: string[]) =>
    new UnsupportedMediaError(
      `No picture could be decoded at ${formatTime(request.timeMs)} in ${file.name}: the video data there is ` +
        'missing or damaged (the file may be truncated). Choose other times or a complete copy of the file.',
      lines.slice(-20),
    );
  // Decoder garbage (core/decode/decoderGarbage.ts) is never a frame: an earlier window seeks further back, to an earlier
  // random access point; if even decoding from the start gives none, the time is reported as skipped.
  let garbage: { line: string; lines: string[] } | null = null;
  for (const startMs of seekWindowStarts(request.timeMs, source.frameRate)) {
    const args = exactFrameArgs(target, startMs, request.timeMs, keyframesOnly);
    const { frame, lines, garbage: said } = await attempt(host, target, args, 'last');
    if (!frame) continue;
    if (said !== null) {
      garbage ??= { line: said, lines };
      continue;
    }
    // Deinterlaced from no previous frame (the seek landed on the frame itself, as MPEG-TS seeks can): bwdif then
    // treated it as a stream's first, so a wider window decodes the frame before it too.
    if (target.deinterlace && startMs > 0 && !target.inputRate && isFirstDecoded(lines, target.originMs, frame.actualMs)) continue;
    if (!keyframesOnly && needsGapCheck(request.timeMs, frame.actualMs, target.frameMs)) {
      const packetTimesMs = await readPacketTimes(host, input, target.originMs, frame.actualMs, request.timeMs + 1000);
      const videoEndMs = source.videoDurationMs ?? source.durationMs;
      const verdict = classifyGap({ packetTimesMs, actualMs: frame.actualMs, timeMs: request.timeMs, frameMs: target.frameMs, videoEndMs });
      if (verdict === 'damaged' || verdict === 'missing') throw unreadable(lines);
    }
    return found(frame);
  }
  const first = garbage ? null : await attempt(host, target, firstFrameArgs(target), 'first');
  if (first?.frame && first.garbage === null) return found(first.frame);
  const said = garbage ?? (first?.garbage ? { line: first.garbage, lines: first.lines } : null);
  if (said) {
    throw new UnsupportedMediaError(
      `No picture could be decoded at ${formatTime(request.timeMs)} in ${file.name}: the decoder lacks the data the ` +
        `picture there is built from (ffmpeg says "${said.line}"), so it would be a damaged picture, not the video. ` +
        'This happens where a file was cut in the middle of a group of pictures. Choose other times, or a complete copy of the file.',
      said.lines.slice(-20),
    );
  }
  const lines = first?.lines ?? [];
  throw unreadable(lines);
}

/** How far before t the packet index is read first for the keyframe at or before it, ms (then from the start). */
const KEY_INDEX_SPAN_MS = 10_000;

/**
 * The keyframe at or before `timeMs` by the packet index (ffprobe's key flags: in H.264, IDR pictures and recovery
 * points, as native ffmpeg marks them), ms; null when the index holds none there. The packets of the 10 s before t
 * are read, then, if they hold no keyframe, those from the start: ffprobe's `-read_intervals` seek lands on a keyframe
 * at or before the interval's start in MP4, but in MPEG-TS anywhere after it (seen: 1.65 s for a start at 1.483 s).
 */
async function h264KeyframeAtOrBefore(host: FfmpegHost, input: string, originMs: number, timeMs: number): Promise<number | null> {
  const end = timeMs + CUT_TOLERANCE_MS;
  for (const from of [Math.max(0, timeMs - KEY_INDEX_SPAN_MS), 0]) {
    const keyMs = keyframeAtOrBefore(await readKeyframeTimes(host, input, originMs, [[from, end]]), end);
    if (keyMs !== null || from === 0) return keyMs;
  }
  return null;
}
