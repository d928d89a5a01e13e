/**
 * Decode runs for the ffmpeg.wasm path: which requested times one ffmpeg exec decodes together.
 *
 * Decoding the frame displayed at t means decoding from the keyframe at or before t up to t (docs/ENGINE.md). Two
 * times in one GOP share that work: after the first, decoding simply goes on to the second instead of seeking
 * back to the keyframe and decoding the same frames again. Across GOPs, going on pays for the frames between the
 * two times; seeking pays for one more exec plus the frames from the next keyframe to the next time. A run takes
 * the next time whenever going on is the cheaper of the two, up to a cap
 * on the frames a run holds in memory.
 */

/** Times further apart than this never share a run: no GOP of a sensible file is longer (ms). */
export const MAX_JOIN_MS = 10_000;

/**
 * Spans of the video whose packet index (keyframe flags) the planner needs: the requested times, ascending,
 * split wherever two consecutive times are more than {@link MAX_JOIN_MS} apart; spans holding a single time are
 * left out (nothing to share).
 * @param timesMs requested times, ms, ascending
 * @returns [fromMs, toMs] pairs, ascending, each covering at least two times
 */
export function indexSpans(timesMs: readonly number[]): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  let from = 0;
  for (let i = 1; i <= timesMs.length; i += 1) {
    const prev = timesMs[i - 1] as number;
    const next = timesMs[i];
    if (next !== undefined && next - prev <= MAX_JOIN_MS) continue;
    if (i - 1 > from) spans.push([timesMs[from] as number, prev]);
    from = i;
  }
  return spans;
}

/**
 * Spans that cover every requested time, for reading the keyframe at or before each (sharding a job): consecutive
 * times at most {@link MAX_JOIN_MS} apart share a span; a lone time is a span [t, t] of its own (ffprobe's
 * `-read_intervals` starts each at the keyframe at or before its start, so that keyframe is read too).
 * @param timesMs ms, ascending
 * @returns [fromMs, toMs] pairs, ascending, disjoint
 */
export function keyframeSpans(timesMs: readonly number[]): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  for (const t of timesMs) {
    const last = spans[spans.length - 1];
    if (last && t - last[1] <= MAX_JOIN_MS) last[1] = Math.max(last[1], t);
    else spans.push([t, t]);
  }
  return spans;
}

/**
 * The keyframe at or before `timeMs` among `keyframesMs`, or null when none is known there (then it is at or
 * before the first time of the span that was indexed).
 * @param keyframesMs keyframe presentation times, ms, ascending
 */
export function keyframeAtOrBefore(keyframesMs: readonly number[], timeMs: number): number | null {
  let lo = 0;
  let hi = keyframesMs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((keyframesMs[mid] as number) <= timeMs) lo = mid + 1;
    else hi = mid;
  }
  return lo > 0 ? (keyframesMs[lo - 1] as number) : null;
}

export interface RunPlanInput {
  /** Requested times, ms, ascending (duplicates allowed: they join the run of their twin). */
  timesMs: readonly number[];
  /** Keyframe times, ms, ascending, over the spans of {@link indexSpans} (others may be missing). */
  keyframesMs: readonly number[];
  /** Frame duration, ms (> 0). */
  frameMs: number;
  /** What one more exec (start, seek, filter graph, output) costs, in frames decoded. */
  execCostFrames: number;
  /** Most distinct times in one run (the caller derives it from the bytes a run may hold). */
  maxTimesPerRun: number;
}

/**
 * Groups the requested times into decode runs (one ffmpeg exec each). The next time t joins the current run,
 * whose last time is p, when:
 * - t is within {@link MAX_JOIN_MS} of p, and the run holds fewer than `maxTimesPerRun` distinct times; and
 * - t's keyframe is at or before p (same GOP: going on decodes a subset of what seeking would), or the frames from
 *   p to t's keyframe cost no more than an exec ((k - p) / frameMs <= execCostFrames: going on pays
 *   (t - p) / frameMs, seeking pays execCostFrames + (t - k) / frameMs).
 * A time equal to p always joins (the same frame).
 * @returns the runs, each a non-empty ascending list of times; together, `timesMs` in order
 */
export function planDecodeRuns(input: RunPlanInput): number[][] {
  const runs: number[][] = [];
  let current: number[] = [];
  let distinct = 0;
  for (const t of input.timesMs) {
    const p = current[current.length - 1];
    if (p !== undefined && (t === p || joins(input, p, t, distinct))) {
      current.push(t);
      if (t !== p) distinct += 1;
      continue;
    }
    if (current.length > 0) runs.push(current);
    current = [t];
    distinct = 1;
  }
  if (current.length > 0) runs.push(current);
  return runs;
}

function joins(input: RunPlanInput, p: number, t: number, distinct: number): boolean {
  if (t - p > MAX_JOIN_MS || distinct >= input.maxTimesPerRun) return false;
  const k = keyframeAtOrBefore(input.keyframesMs, t);
  if (k === null || k <= p) return true;
  return (k - p) / input.frameMs <= input.execCostFrames;
}

/**
 * Keyframe times from ffprobe's `-show_entries packet=pts_time,flags -of compact=p=0:nk=1` output, one packet a
 * line, e.g. "2.002000|K__" (a keyframe) or "2.035367|___"; packets without a pts ("N/A") are left out.
 * @returns ms (container start_time subtracted), ascending, deduplicated
 */
export function parseKeyframeLines(text: string, originMs: number): number[] {
  const times = new Set<number>();
  for (const line of text.split('\n')) {
    const [pts, flags] = line.trim().split('|');
    if (!flags?.includes('K')) continue;
    const ms = Number(pts) * 1000 - originMs;
    if (pts !== '' && Number.isFinite(ms)) times.add(Math.round(ms * 1000) / 1000);
  }
  return [...times].sort((a, b) => a - b);
}

/**
 * Keyframe mode (Alibaba FrameType=intra): consecutive times whose keyframe at or before them is the same share
 * one decoded keyframe. Two times share it when the index holds a keyframe at or before the earlier one, p, and none
 * in (p, t]. A time with no keyframe in the index before it starts a group of its own: the index read may have
 * started after its keyframe (an MPEG-TS seek lands anywhere after the span's start), so a keyframe between the two
 * could be missing.
 * @param timesMs requested times, ms, ascending
 * @param keyframesMs keyframe times, ms, ascending, over the spans of {@link indexSpans}
 * @returns groups of times, each served by one keyframe; together, `timesMs` in order
 */
export function keyframeGroups(timesMs: readonly number[], keyframesMs: readonly number[]): number[][] {
  const groups: number[][] = [];
  let current: number[] = [];
  for (const t of timesMs) {
    const p = current[current.length - 1];
    const k = keyframeAtOrBefore(keyframesMs, t);
    if (p !== undefined && t - p <= MAX_JOIN_MS && k !== null && k <= p) {
      current.push(t);
      continue;
    }
    if (current.length > 0) groups.push(current);
    current = [t];
  }
  if (current.length > 0) groups.push(current);
  return groups;
}

/** Width of the frames kept for each time: (t - WINDOW_FRAMES frames, t]. */
export const WINDOW_FRAMES = 1.5;
/** Tolerance on frame times, ms (1 µs: the precision of the times passed to ffmpeg; see frameWindow.ts). */
const TOLERANCE_MS = 0.001;

/**
 * The presentation-time windows a run keeps, one per time, (t - 1.5 frames, t], merged where they overlap.
 * All frames from the run's seek point on are decoded in order, so the last kept frame with pts <= t is the
 * frame displayed at t (SPEC "Times"), as long as one lies in t's window.
 * @param timesMs the run's times, ms, ascending
 * @param frameMs frame duration, ms
 * @returns [fromMs, toMs] windows, inclusive, ascending, disjoint
 */
export function keepWindows(timesMs: readonly number[], frameMs: number): Array<[number, number]> {
  const windows: Array<[number, number]> = [];
  for (const t of timesMs) {
    const from = Math.max(0, t - WINDOW_FRAMES * frameMs);
    const to = t + TOLERANCE_MS;
    const last = windows[windows.length - 1];
    if (last && from <= last[1]) last[1] = Math.max(last[1], to);
    else windows.push([from, to]);
  }
  return windows;
}

/**
 * For each time, the frame displayed then among the frames a run wrote: the last frame with pts <= t, provided it
 * lies in t's window (else null: that time goes through the one-time path, which widens its window and checks
 * the packet index for damage).
 * @param timesMs the run's times, ms
 * @param framesMs the written frames' presentation times, ms, in output (ascending) order
 * @param frameMs frame duration, ms
 * @returns per time, the index into `framesMs`, or null
 */
export function pickFrames(timesMs: readonly number[], framesMs: readonly number[], frameMs: number): Array<number | null> {
  return timesMs.map((t) => {
    let found: number | null = null;
    for (const [i, pts] of framesMs.entries()) {
      if (pts <= t + TOLERANCE_MS) found = i;
    }
    if (found === null) return null;
    return (framesMs[found] as number) >= t - WINDOW_FRAMES * frameMs - TOLERANCE_MS ? found : null;
  });
}
