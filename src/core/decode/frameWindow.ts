/**
 * How Snapframe asks ffmpeg for "the frame displayed at t" (docs/SPEC.md, "Times").
 *
 * `ffmpeg -ss T -i IN -frames:v 1` returns the first frame at or after T; the spec wants the last frame at or
 * before T. So we seek to a window start S a little before T (input `-ss S`, which decodes from the keyframe
 * before S), keep frames up to T, and take the last frame that comes out. Every frame after the first decoded
 * one is contiguous, so if at least one frame <= T comes out, the last one is the answer. If none does (the
 * window held no frame, or the demuxer's seek landed late, as MPEG-TS seeking does), the window is widened.
 *
 * Three details matter (each measured with ffmpeg 5.1, see docs/ENGINE.md):
 * - `-copyts` keeps the stream's own timestamps. Without it ffmpeg shifts them by the container start_time
 *   after a seek, but by the video stream's start when there is no seek and audio is unmapped (its MPEG-TS
 *   "Correcting start time"), so two windows of one file would disagree. We subtract start_time ourselves.
 * - `trim=end` is rounded to the stream time base (1/35 s in an AVI, 1/600 s in many MP4s), so it cannot cut
 *   exactly at T: it only stops decoding early (at T plus 1.5 frames), and `select=lte(t,T)` cuts exactly.
 * - `showinfo` prints pts_time with 6 significant digits (10 ms steps past 1000 s); the integer pts and the
 *   time base it prints give the exact time.
 */
import type { DeinterlacePlan } from '../deinterlace/decision';

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
  /** The container's start_time, ms: presentation time 0 (SPEC "Times"). */
  originMs: number;
  /** Frame duration, ms (1000 / frame rate), or null when unknown. */
  frameMs: number | null;
  /**
   * Raw output format: `rgba` (default), or `yuv444p16le` for HDR sources, whose planes are converted by Snapframe
   * itself (core/hdr) instead of by ffmpeg's scaler. Either way ffmpeg scales to width x height.
   */
  pixelFormat?: 'rgba' | 'yuv444p16le';
  /**
   * A raw elementary stream's frame rate (SourceInfo.elementary, "num/den"): the stream has no timestamps and its
   * demuxer cannot seek by time, so ffmpeg reads it from the start with input `-r`, which gives frame n the pts n in a
   * 1/rate time base (ffmpeg's own numbering, as native ffmpeg does with the same rate), and nothing is seeked.
   */
  inputRate?: string;
  /**
   * Deinterlace the decoded frames near the windows (core/deinterlace/decision.ts; {@link deinterlaceChain}): ffmpeg's
   * own `bwdif=mode=send_frame:deint=all` with the job's field order, so each kept frame is deinterlaced from its true
   * neighbours (the frames decoded before and after it), as in the whole stream. Null or absent: frames as decoded.
   */
  deinterlace?: DeinterlacePlan | null;
}

/** Bytes per pixel of a target's raw output (4 for RGBA, 6 for yuv444p16le). */
export function bytesPerPixel(target: Pick<FrameTarget, 'pixelFormat'>): number {
  return target.pixelFormat === 'yuv444p16le' ? 6 : 4;
}

/**
 * The `-r` value of a raw elementary stream (SourceInfo.elementary: its rate as "num/den"), else undefined.
 * @param source the probe's SourceInfo
 */
export function elementaryInputRate(source: { elementary?: { frameRate: [number, number] } }): string | undefined {
  return source.elementary ? `${source.elementary.frameRate[0]}/${source.elementary.frameRate[1]}` : undefined;
}

/** Seconds with microsecond precision, as ffmpeg options take them. */
export function seconds(ms: number): string {
  return (Math.max(0, ms) / 1000).toFixed(6);
}

/**
 * Tolerance when comparing a frame's time with T, ms: 1 µs, the precision of the times we pass (a frame at
 * 2102.1 ms must not answer t = 2102 ms; flower.mp4 frame #63).
 */
export const CUT_TOLERANCE_MS = 0.001;

const COMMON_HEAD = ['-hide_banner', '-nostdin', '-nostats', '-loglevel', 'info', '-copyts'];

/**
 * The filter that logs every frame as it leaves the decoder (pts and key flag, no checksums), before anything is cut:
 * what core/decode/decoderGarbage.ts judges the exec's frames by. Its log lines are told apart by the instance name.
 */
export const DECODED_SHOWINFO = 'showinfo@decoded=checksum=0';

/**
 * Input options for a seek to `startMs` (presentation time): `-ss` decodes from the demuxer's landing point, and
 * `-noaccurate_seek` hands every decoded frame to the filters (the window's own `select` cuts at the start), so
 * {@link DECODED_SHOWINFO} sees whether a keyframe was decoded before the window.
 */
function seekTo(startMs: number): string[] {
  return startMs > 0 ? ['-noaccurate_seek', '-ss', seconds(startMs)] : [];
}

/**
 * The input options before `-i`: a seek to `startMs`, or for a raw elementary stream ({@link FrameTarget.inputRate})
 * its rate and no seek (the window's `select` still cuts at the start).
 */
export function inputOptions(target: Pick<FrameTarget, 'inputRate'>, startMs: number): string[] {
  return target.inputRate ? ['-r', target.inputRate] : seekTo(startMs);
}

/** Frame durations kept either side of a window for the deinterlacer (see {@link deinterlaceChain}). */
const DEINTERLACE_MARGIN_FRAMES = 2;

/**
 * The deinterlacer of a target that asks for it ({@link FrameTarget.deinterlace}; none otherwise), to go after the
 * `trim` that stops decoding and before the `select` that keeps the window's frames. bwdif costs as much as a decode in
 * the single-thread core (docs/ENGINE.md "Deinterlacing"), so it gets only the frames near the windows: those within
 * two frame durations of them (a `select` of its own), which hold each kept frame's neighbours (the frame before a
 * kept one is less than two durations before the window's start, the next one less than one after its end). A frame
 * that select lets through first gets no previous frame, as at a stream's start, but it is never a kept one. (Before
 * `trim`, that select would drop the frames `trim` waits for to end the decode.)
 * @param windows [fromMs, toMs] presentation-time windows the later `select` keeps; empty: every frame (the first
 *   frame's recipe)
 */
export function deinterlaceChain(
  target: Pick<FrameTarget, 'deinterlace' | 'originMs' | 'frameMs'>,
  windows: ReadonlyArray<readonly [number, number]> = [],
): string[] {
  const plan = target.deinterlace;
  if (!plan) return [];
  const margin = DEINTERLACE_MARGIN_FRAMES * (target.frameMs ?? 40);
  const near = windows
    .map(([from, to]) => `between(t\\,${seconds(target.originMs + from - margin)}\\,${seconds(target.originMs + to + margin)})`)
    .join('+');
  const bwdif = `bwdif=mode=send_frame:parity=${plan.topFieldFirst ? 'tff' : 'bff'}:deint=all`;
  return [...(near ? [`select=${near}`] : []), bwdif];
}

/** The filters that keep frames with presentation time in [startMs, timeMs] and stop decoding soon after. */
function cutAt(target: FrameTarget, startMs: number, timeMs: number, keyOnly = false): string[] {
  const stopAfterMs = Math.max(20, 1.5 * (target.frameMs ?? 40)) + 2;
  const stop = seconds(target.originMs + timeMs + stopAfterMs);
  const cut = seconds(target.originMs + timeMs + CUT_TOLERANCE_MS);
  const from = startMs > 0 ? `gte(t\\,${seconds(target.originMs + startMs)})*` : '';
  const deinterlace = deinterlaceChain(target, [[startMs, timeMs]]);
  return [DECODED_SHOWINFO, `trim=end=${stop}`, ...deinterlace, `select=${from}lte(t\\,${cut})${keyOnly ? '*key' : ''}`];
}

function videoOutput(target: FrameTarget, filters: string[]): string[] {
  const pixelFormat = target.pixelFormat ?? 'rgba';
  const chain = [...filters, `scale=${target.width}:${target.height}`, 'setsar=1', `format=${pixelFormat}`, 'showinfo'];
  // image2 with -update 1 overwrites one file per frame: whatever the window holds, only the last frame stays in memory.
  return rawFramesOutput(chain, pixelFormat, 'image2', target.output);
}

/**
 * The output half of an ffmpeg command: the first video stream through the filter `chain`, written as raw frames of
 * `pixelFormat` (no audio, subtitles or data; every frame passed through with its pts, `-fps_mode passthrough`).
 * @param muxer `image2` (with `-update 1`): one file that each frame overwrites, so only the last one stays;
 *   `rawvideo`: every frame appended to the file
 * @returns the arguments from `-map` to the output path
 */
export function rawFramesOutput(chain: readonly string[], pixelFormat: string, muxer: 'image2' | 'rawvideo', output: string): string[] {
  return [
    ...['-map', '0:v:0', '-an', '-sn', '-dn', '-vf', chain.join(','), '-fps_mode', 'passthrough'],
    ...['-c:v', 'rawvideo', '-pix_fmt', pixelFormat, '-f', muxer, ...(muxer === 'image2' ? ['-update', '1'] : [])],
    ...['-y', output],
  ];
}

/**
 * ffmpeg arguments that decode every frame with presentation time in [startMs, timeMs] (inclusive, 1 µs
 * tolerance) and leave the last of them in `target.output` as raw RGBA
 * (width x height x 4 bytes). `showinfo` logs each kept frame's pts (see {@link parseShowinfoTimes});
 * no output file means the window held no frame.
 * @param startMs window start, ms (a value from {@link seekWindowStarts}); `-ss` is relative to start_time
 * @param timeMs requested time, ms, >= startMs
 * @param keyframesOnly decode keyframes only (`-skip_frame nokey`): the last keyframe at or before T
 */
export function exactFrameArgs(target: FrameTarget, startMs: number, timeMs: number, keyframesOnly = false): string[] {
  // `-r` numbers the frames the decoder outputs, so a raw stream decodes every frame and `select` keeps the keyframes.
  const byFilter = keyframesOnly && target.inputRate !== undefined;
  const skip = keyframesOnly && !byFilter ? ['-skip_frame', 'nokey'] : [];
  const filters = cutAt(target, startMs, timeMs, byFilter);
  return [...COMMON_HEAD, ...skip, ...inputOptions(target, startMs), '-i', target.input, ...videoOutput(target, filters)];
}

/**
 * ffmpeg arguments for the first frame of the video: the answer when the requested time precedes the first
 * video frame (e.g. the audio starts earlier, so the container's start_time is before the video's).
 */
export function firstFrameArgs(target: FrameTarget): string[] {
  return [
    ...COMMON_HEAD,
    ...inputOptions(target, 0),
    '-i',
    target.input,
    '-frames:v',
    '1',
    ...videoOutput(target, [DECODED_SHOWINFO, ...deinterlaceChain(target)]),
  ];
}

/**
 * ffmpeg arguments for the keyframe at or before `timeMs` (Alibaba FrameType=intra): decode keyframes only and
 * do not trim to the seek point (docs/ENGINE.md "Measured facts", "Keyframe at or before T"). The output frame's
 * frame may also come out after T, or not at all, when T is in the last keyframe interval (docs/ENGINE.md "Measured facts");
 * the caller then falls back to {@link exactFrameArgs} with `keyframesOnly`.
 */
export function keyframeArgs(target: FrameTarget, timeMs: number): string[] {
  if (target.inputRate) return exactFrameArgs(target, 0, timeMs, true);
  return [
    ...COMMON_HEAD,
    '-discard',
    'nokey',
    '-skip_frame',
    'nokey',
    '-noaccurate_seek',
    ...(timeMs > 0 ? ['-ss', seconds(timeMs)] : []),
    '-i',
    target.input,
    '-frames:v',
    '1',
    ...videoOutput(target, []),
  ];
}

const SHOWINFO_TIME_BASE = /config in time_base:\s*(\d+)\/(\d+)/;
const SHOWINFO_PTS = /\bn:\s*\d+\s+pts:\s*(-?\d+)\s+pts_time:(-?[0-9.]+(?:e-?\d+)?)/;
const SHOWINFO_KEY = /\biskey:\s*1\b/;

/**
 * Frames logged by one showinfo instance, in output order: the integer pts times the time base that showinfo
 * reports when configured (exact), else the printed pts_time (6 significant digits), and the key flag.
 * @param instance `kept`: the showinfo at the end of the chain (the frames written); `decoded`: {@link DECODED_SHOWINFO}
 * @returns seconds on the stream's own timeline (with -copyts: container start_time not subtracted)
 */
export function parseShowinfoFrames(lines: readonly string[], instance: 'kept' | 'decoded'): { sec: number; key: boolean }[] {
  const frames: { sec: number; key: boolean }[] = [];
  let timeBase: [number, number] | null = null;
  for (const line of lines) {
    if (!line.includes('showinfo') || line.includes('showinfo@decoded') !== (instance === 'decoded')) continue;
    const config = SHOWINFO_TIME_BASE.exec(line);
    if (config) {
      const den = Number(config[2]);
      timeBase = den > 0 ? [Number(config[1]), den] : null;
      continue;
    }
    const match = SHOWINFO_PTS.exec(line);
    if (!match) continue;
    frames.push({ sec: timeBase ? (Number(match[1]) * timeBase[0]) / timeBase[1] : Number(match[2]), key: SHOWINFO_KEY.test(line) });
  }
  return frames;
}

/**
 * Whether the frame at `actualMs` (ms, SPEC clock) was the first frame an exec decoded (its {@link DECODED_SHOWINFO}
 * lines): a deinterlaced one then had no previous frame.
 */
export function isFirstDecoded(lines: readonly string[], originMs: number, actualMs: number): boolean {
  const first = parseShowinfoFrames(lines, 'decoded')[0];
  return first !== undefined && Math.abs(first.sec * 1000 - originMs - actualMs) < 0.01;
}

/**
 * Times of the frames written (the showinfo at the end of the chain), in output order; see {@link parseShowinfoFrames}.
 * @param lines ffmpeg log lines, e.g. "[Parsed_showinfo_5 @ 0x1] config in time_base: 1/90000, frame_rate: 24/1"
 *   and "[Parsed_showinfo_5 @ 0x1] n:   0 pts: 208500 pts_time:2.31667 ..."
 * @returns seconds on the stream's own timeline (with -copyts: container start_time not subtracted)
 */
export function parseShowinfoTimes(lines: readonly string[]): number[] {
  return parseShowinfoFrames(lines, 'kept').map((f) => f.sec);
}

/**
 * ffmpeg arguments for one decode run (core/decode/decodeRuns.ts): seek once to `startMs` (decoding from the keyframe
 * at or before it), decode on to the run's last window, and write every frame whose presentation time lies in one
 * of `windows` to `target.output` as raw RGBA, one frame after another (width x height x 4 bytes each);
 * `showinfo` logs each written frame's pts in the same order (see {@link parseShowinfoTimes}).
 * @param startMs seek point, ms (presentation time; the first window's start)
 * @param windows [fromMs, toMs] presentation-time windows to keep, ascending, disjoint (decodeRuns.keepWindows)
 */
export function runFramesArgs(target: FrameTarget, startMs: number, windows: ReadonlyArray<readonly [number, number]>): string[] {
  const last = windows[windows.length - 1];
  if (!last) throw new Error('runFramesArgs: no window');
  const stopAfterMs = Math.max(20, 1.5 * (target.frameMs ?? 40)) + 2;
  const keep = windows.map(([from, to]) => `between(t\\,${seconds(target.originMs + from)}\\,${seconds(target.originMs + to)})`).join('+');
  const trim = `trim=end=${seconds(target.originMs + last[1] + stopAfterMs)}`;
  const filters = [DECODED_SHOWINFO, trim, ...deinterlaceChain(target, windows), `select=${keep}`];
  const pixelFormat = target.pixelFormat ?? 'rgba';
  const chain = [...filters, `scale=${target.width}:${target.height}`, 'setsar=1', `format=${pixelFormat}`, 'showinfo'];
  return [
    ...COMMON_HEAD,
    ...inputOptions(target, startMs),
    '-i',
    target.input,
    ...rawFramesOutput(chain, pixelFormat, 'rawvideo', target.output),
  ];
}
