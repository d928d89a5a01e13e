import { describe, expect, it } from 'vitest';
import { planShards, timeGroups, type ShardPlanInput } from './shards';

const GOP = 2000;
const FRAME = 40;
const keyOf = (t: number) => Math.floor(t / GOP) * GOP;

function input(timesMs: number[], extra: Partial<ShardPlanInput> = {}): ShardPlanInput {
  return {
    timesMs,
    keyframesMs: timesMs.map(keyOf),
    frameMs: FRAME,
    frameType: 'accurate',
    shards: 2,
    perTimeFrames: 0,
    unknownGopFrames: 25,
    minShardFrames: 1,
    ...extra,
  };
}

/** Which shard each time is in. */
function shardOf(shards: ReturnType<typeof planShards>, count: number): number[] {
  const out = new Array<number>(count).fill(-1);
  shards.forEach((s, i) => {
    for (let t = s.from; t < s.to; t += 1) out[t] = i;
  });
  return out;
}

describe('timeGroups', () => {
  it('puts times with the same keyframe in one group, costed from the keyframe to the last time', () => {
    const groups = timeGroups(input([100, 1900, 2100, 5000]));
    expect(groups.map((g) => [g.from, g.to])).toEqual([
      [0, 2],
      [2, 3],
      [3, 4],
    ]);
    expect(groups[0]?.costFrames).toBe(1900 / FRAME + 1);
    expect(groups[1]?.costFrames).toBe(100 / FRAME + 1);
  });

  it('keeps equal times together, and costs an unknown keyframe as unknownGopFrames', () => {
    const groups = timeGroups({ ...input([100, 100, 300]), keyframesMs: [null, null, null] });
    expect(groups.map((g) => [g.from, g.to])).toEqual([
      [0, 2],
      [2, 3],
    ]);
    expect(groups.map((g) => g.costFrames)).toEqual([25, 25]);
  });

  it('keyframe mode costs one decoded frame per group, plus each time', () => {
    const groups = timeGroups(input([100, 1900, 2100], { frameType: 'keyframe', perTimeFrames: 2 }));
    expect(groups.map((g) => g.costFrames)).toEqual([1 + 4, 1 + 2]);
  });
});

describe('planShards', () => {
  it('cuts only at keyframe boundaries: no GOP is in two shards', () => {
    const times = Array.from({ length: 50 }, (_, i) => i * 170);
    for (const shards of [2, 3, 4, 8]) {
      const plan = planShards(input(times, { shards }));
      const of = shardOf(plan, times.length);
      expect(of.every((s) => s >= 0)).toBe(true);
      for (let i = 1; i < times.length; i += 1) {
        if (keyOf(times[i] as number) === keyOf(times[i - 1] as number)) expect(of[i], `times ${i - 1}, ${i}`).toBe(of[i - 1]);
      }
      // Contiguous and in order.
      expect(of).toEqual([...of].sort((a, b) => a - b));
      expect(plan.length).toBeLessThanOrEqual(shards);
    }
  });

  it('balances by decoding cost, not by the number of times', () => {
    // One GOP with a time near its end (cost 50 frames), then 10 GOPs with a time near their start (cost 3 each).
    const times = [1960, ...Array.from({ length: 10 }, (_, i) => (i + 1) * GOP + 80)];
    const plan = planShards(input(times));
    expect(plan.map((s) => s.to - s.from)).toEqual([1, 10]);
    expect(plan[0]?.costFrames).toBe(50);
    expect(plan[1]?.costFrames).toBe(30);
  });

  it('finds the smallest largest shard (equal GOPs split evenly)', () => {
    const times = Array.from({ length: 12 }, (_, i) => i * GOP + 1000);
    const plan = planShards(input(times, { shards: 4 }));
    expect(plan.map((s) => s.to - s.from)).toEqual([3, 3, 3, 3]);
    const uneven = planShards(
      input(
        Array.from({ length: 7 }, (_, i) => i * GOP + 1000),
        { shards: 3 },
      ),
    );
    expect(Math.max(...uneven.map((s) => s.to - s.from))).toBe(3);
  });

  it('makes fewer shards than workers when the job is small or has fewer GOPs', () => {
    expect(planShards(input([100, 500, 900], { shards: 4 }))).toHaveLength(1);
    expect(planShards(input([100, 2100], { shards: 4 }))).toHaveLength(2);
    // Two GOPs of 3.5 frames each: under minShardFrames = 10, one shard does.
    expect(planShards(input([100, 2100], { shards: 4, minShardFrames: 10 }))).toHaveLength(1);
    expect(planShards(input([]))).toEqual([]);
    expect(planShards(input([5000], { shards: 8 }))).toEqual([{ from: 0, to: 1, costFrames: 5000 / FRAME - (2 * GOP) / FRAME + 1 }]);
  });

  it('handles 10,000 times quickly', () => {
    const times = Array.from({ length: 10_000 }, (_, i) => i * 33);
    const started = Date.now();
    const plan = planShards(input(times, { shards: 8 }));
    expect(Date.now() - started).toBeLessThan(1000);
    expect(plan).toHaveLength(8);
    expect(plan[plan.length - 1]?.to).toBe(10_000);
  });
});
