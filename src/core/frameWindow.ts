/**
 * How Snapframe asks ffmpeg for "the frame displayed at t" (shared/SPEC.md, "Times").
 *
 * `ffmpeg -ss T -i IN -frames:v 1` returns the first frame at or after T; the spec wants the last frame at or
 * before T. So we seek to a window start S a little before T (input `-ss S`, which decodes from the keyframe
 * before S and drops frames before S), keep frames up to T with `trim=end` (whose EOF also stops decoding),
 * and take the last frame that comes out. Every frame after the first decoded one is contiguous, so if at least
 * one frame <= T comes out, the last one is the answer. If none does (the window held no frame, or the demuxer's
 * seek landed late, as MPEG-TS seeking does), the window is widened. See docs/ENGINE.md.
 */

/** Bounds past the frame duration for the first window, ms. */
const MIN_FIRST_WINDOW_MS = 40;
/** Later windows, ms before T, tried in order when an earlier one yields no frame. */
const WIDER_WINDOWS_MS = [1_000, 5_000, 20_000];

/**
 * Window starts (ms, presentation time) to try for an exact frame at `timeMs`, nearest first, always ending
 * with 0 (the whole head of the video).
 * @param timeMs requested time, ms, >= 0
 * @param frameRate frames per second, or null when unknown (then 40 ms, 25 fps, is assumed)
 * @returns strictly decreasing window starts, ms, the last being 0
 */
export function seekWindowStarts(timeMs: number, frameRate: number | null): number[] {
  const frameMs = frameRate && frameRate > 0 ? 1000 / frameRate : 40;
  const first = Math.max(MIN_FIRST_WINDOW_MS, Math.ceil(frameMs * 1.5) + 1);
  const starts: number[] = [];
  for (const before of [first, ...WIDER_WINDOWS_MS]) {
    const start = Math.max(0, timeMs - before);
    if (starts.length === 0 || start < (starts[starts.length - 1] as number)) starts.push(start);
  }
  if (starts[starts.length - 1] !== 0) starts.push(0);
  return starts;
}

/** Where and how big the decoded frame must come out of ffmpeg. */
export interface FrameTarget {
  /** Path of the mounted source inside the engine's file system, e.g. "/in/flower.mp4". */
  input: string;
  /** Path of the raw RGBA output, e.g. "/out/frame.rgba". */
  output: string;
  /** Size of the scaled picture, px (display geometry: ffmpeg applies rotation; SAR is scaled away). */
  width: number;
  height: number;
}

/** Seconds with microsecond precision, as ffmpeg options take them. */
export function seconds(ms: number): string {
  return (Math.max(0, ms) / 1000).toFixed(6);
}

const COMMON_HEAD = ['-hide_banner', '-nostdin', '-nostats', '-loglevel', 'info'];

function videoOutput(target: FrameTarget, filters: string[]): string[] {
  const chain = [...filters, `scale=${target.width}:${target.height}`, 'setsar=1', 'format=rgba', 'showinfo'];
  return [
    '-map', '0:v:0', '-an', '-sn', '-dn',
    '-vf', chain.join(','),
    '-fps_mode', 'passthrough',
    // image2 with -update 1 overwrites one file per frame: whatever the window holds, only the last frame
    // stays in memory.
    '-c:v', 'rawvideo', '-pix_fmt', 'rgba', '-f', 'image2', '-update', '1',
    '-y', target.output,
  ];
}

/**
 * ffmpeg arguments that decode every frame with presentation time in [startMs, timeMs] (inclusive, 0.1 ms
 * tolerance for timestamp rounding) and leave the last of them in `target.output` as raw RGBA
 * (width x height x 4 bytes). `showinfo` logs each frame's pts relative to startMs (see
 * {@link parseShowinfoTimes}); no output file means the window held no frame.
 * @param startMs window start, ms (a value from {@link seekWindowStarts})
 * @param timeMs requested time, ms, >= startMs
 */
export function exactFrameArgs(target: FrameTarget, startMs: number, timeMs: number): string[] {
  const endSec = ((timeMs - startMs) / 1000 + 0.0001).toFixed(6);
  const seek = startMs > 0 ? ['-ss', seconds(startMs)] : [];
  return [...COMMON_HEAD, ...seek, '-i', target.input, ...videoOutput(target, [`trim=end=${endSec}`])];
}

/**
 * ffmpeg arguments for the first frame of the video: the answer when the requested time precedes the first
 * video frame (e.g. the audio starts earlier, so the container's start_time is before the video's).
 */
export function firstFrameArgs(target: FrameTarget): string[] {
  return [...COMMON_HEAD, '-i', target.input, '-frames:v', '1', ...videoOutput(target, [])];
}

/**
 * ffmpeg arguments for the keyframe at or before `timeMs` (Alibaba FrameType=intra): decode keyframes only and
 * do not trim to the seek point (shared/ENGINE-FACTS.md, "Keyframe at or before T"). The output frame's
 * showinfo time is relative to timeMs and usually negative. May output nothing when T is in the last keyframe
 * interval; the caller then falls back to the exact path.
 */
export function keyframeArgs(target: FrameTarget, timeMs: number): string[] {
  return [
    ...COMMON_HEAD,
    '-discard', 'nokey', '-skip_frame', 'nokey', '-noaccurate_seek',
    ...(timeMs > 0 ? ['-ss', seconds(timeMs)] : []),
    '-i', target.input, '-frames:v', '1',
    ...videoOutput(target, []),
  ];
}

const SHOWINFO_PTS = /\bn:\s*\d+\s+pts:\s*-?\d+\s+pts_time:(-?[0-9.]+(?:e-?\d+)?)/;

/**
 * Frame times from ffmpeg's `showinfo` log lines, in output order.
 * @param lines ffmpeg log lines, e.g. "[Parsed_showinfo_4 @ 0x1] n:   0 pts:  232 pts_time:0.00257778 ..."
 * @returns seconds, relative to the seek point of the exec that produced them
 */
export function parseShowinfoTimes(lines: readonly string[]): number[] {
  const times: number[] = [];
  for (const line of lines) {
    if (!line.includes('showinfo')) continue;
    const match = SHOWINFO_PTS.exec(line);
    if (match?.[1] !== undefined) times.push(Number(match[1]));
  }
  return times;
}
