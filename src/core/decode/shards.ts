/**
 * Shards of one job for a pool of job workers: the job's times, ascending, are
 * cut into contiguous shards, one per worker, so that the workers decode in parallel.
 *
 * Decoding the frame displayed at t costs the frames from the keyframe at or before t up to t (docs/ENGINE.md).
 * Times that share a keyframe share that work (one forward pass through their GOP), so they form one group, and a
 * shard boundary only ever falls between two groups: no GOP is decoded by two workers. The groups are then split
 * into at most `shards` contiguous parts whose largest cost is the smallest possible (the linear partition
 * problem, solved exactly by a binary search on the largest part's cost with a greedy check), since the job ends
 * when its slowest worker does.
 */

export interface ShardPlanInput {
  /** The job's times, ms, ascending (duplicates allowed: they stay together). */
  timesMs: readonly number[];
  /** Per time, the keyframe at or before it, ms (presentation time), or null when the index does not say. */
  keyframesMs: readonly (number | null)[];
  /** Frame duration, ms (> 0). */
  frameMs: number;
  /** `keyframe` mode decodes one keyframe per group, whatever the distance to the times. */
  frameType: 'accurate' | 'keyframe';
  /** Most shards wanted (the workers available), >= 1. */
  shards: number;
  /** What each time costs besides decoding (conversion, scaling, encoding its image), in decoded frames. */
  perTimeFrames: number;
  /** A group whose keyframe is not known is costed as this many decoded frames (e.g. half a typical GOP). */
  unknownGopFrames: number;
  /** A shard smaller than this (in frames) is not worth a worker's start; fewer shards are made. */
  minShardFrames: number;
}

/** One group of times sharing a keyframe: indices [from, to) into the job's times, and its cost in frames. */
export interface TimeGroup {
  from: number;
  to: number;
  costFrames: number;
}

/**
 * Groups consecutive times that share a keyframe (or are equal), and costs each group.
 * @returns the groups in time order; together they cover every time once
 */
export function timeGroups(input: ShardPlanInput): TimeGroup[] {
  const { timesMs, keyframesMs, frameMs } = input;
  const groups: TimeGroup[] = [];
  let current: TimeGroup | null = null;
  let currentKey: number | null = null;
  for (let i = 0; i < timesMs.length; i += 1) {
    const t = timesMs[i] as number;
    const k = keyframesMs[i] ?? null;
    const prev = i > 0 ? (timesMs[i - 1] as number) : null;
    const joins = current !== null && (t === prev || (k !== null && k === currentKey));
    if (!joins) {
      if (current) groups.push(current);
      current = { from: i, to: i, costFrames: 0 };
      currentKey = k;
    }
    const group = current as TimeGroup;
    group.to = i + 1;
    const decode =
      input.frameType === 'keyframe' ? 1 : currentKey === null ? input.unknownGopFrames : Math.max(0, t - currentKey) / frameMs + 1;
    // A group decodes once from its keyframe to its last time: its cost is that of its last time, plus each time's own.
    group.costFrames = decode + input.perTimeFrames * (group.to - group.from);
  }
  if (current) groups.push(current);
  return groups;
}

/** Number of contiguous parts of `costs` whose sums stay at or below `limit` (greedy, optimal for a given limit). */
function partsUnder(costs: readonly number[], limit: number): number {
  let parts = 1;
  let sum = 0;
  for (const c of costs) {
    if (sum + c > limit && sum > 0) {
      parts += 1;
      sum = 0;
    }
    sum += c;
  }
  return parts;
}

/**
 * Cuts the job's times into contiguous shards at group (keyframe) boundaries, balanced by decoding cost.
 * @returns the shards, each a non-empty list of indices [from, to) into `timesMs`, in time order, with its cost in
 *   frames; at most `input.shards`, fewer when the job is small (see `minShardFrames`) or has fewer groups; one
 *   shard (all the times) when there is a single group
 */
export function planShards(input: ShardPlanInput): TimeGroup[] {
  const groups = timeGroups(input);
  if (groups.length === 0) return [];
  const costs = groups.map((g) => g.costFrames);
  const total = costs.reduce((a, b) => a + b, 0);
  const wanted = Math.max(
    1,
    Math.min(Math.floor(input.shards), groups.length, Math.floor(total / Math.max(1e-9, input.minShardFrames)) || 1),
  );
  // The smallest largest-part cost that needs at most `wanted` parts: between the largest group and the total.
  let lo = Math.max(...costs);
  let hi = total;
  for (let step = 0; step < 60 && hi - lo > 1e-6 * Math.max(1, total); step += 1) {
    const mid = (lo + hi) / 2;
    if (partsUnder(costs, mid) <= wanted) hi = mid;
    else lo = mid;
  }
  const shards: TimeGroup[] = [];
  let current: TimeGroup | null = null;
  for (const g of groups) {
    if (current && current.costFrames + g.costFrames > hi && current.costFrames > 0) {
      shards.push(current);
      current = null;
    }
    if (!current) current = { from: g.from, to: g.to, costFrames: 0 };
    current.to = g.to;
    current.costFrames += g.costFrames;
  }
  if (current) shards.push(current);
  return shards;
}
