/**
 * Telling a real gap in a video from missing or damaged data, when the frame found for time t is much older
 * than t. Without this check a truncated file would silently give its last decodable frame for every later time.
 * The engine reads the video packet index around t (ffprobe `-show_packets`, no decoding) and this decides.
 */

/** True when the frame found at `actualMs` for time `timeMs` is too far back to be taken without a check. */
export function needsGapCheck(timeMs: number, actualMs: number, frameMs: number | null): boolean {
  return timeMs - actualMs > Math.max(100, 3 * (frameMs ?? 40));
}

/**
 * What a gap between the frame found and t means.
 * - `damaged`: packets exist between the frame and t, but none of them decoded;
 * - `gap`: no packet between, but packets after t: a variable-frame-rate pause, the frame is right;
 * - `missing`: no packet after the frame although the video stream says it lasts past t (a truncated file);
 * - `end`: t is past the end of the video stream (e.g. the audio lasts longer): the last frame is right.
 * @param packetTimesMs presentation times of the video packets read from just before the frame to past t, ms
 * @param videoEndMs how long the video stream says it lasts (else the container duration), ms
 */
export function classifyGap(args: {
  packetTimesMs: readonly number[];
  actualMs: number;
  timeMs: number;
  frameMs: number | null;
  videoEndMs: number;
}): 'damaged' | 'gap' | 'missing' | 'end' {
  const half = (args.frameMs ?? 40) / 2;
  const between = args.packetTimesMs.some((t) => t > args.actualMs + half && t <= args.timeMs);
  if (between) return 'damaged';
  if (args.packetTimesMs.some((t) => t > args.timeMs)) return 'gap';
  return args.timeMs < args.videoEndMs - (args.frameMs ?? 40) ? 'missing' : 'end';
}
