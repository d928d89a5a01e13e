/**
 * The frame rate packets show by their presentation times: what a header's frame rate is checked against
 * (core/damage/headerCheck.ts).
 */

/** Fewest gaps between packets that tell a rate. */
const MIN_GAPS = 8;
/** Share of the gaps that must lie within 10 % of the median for the spacing to count as regular. */
const REGULAR_SHARE = 0.8;

/**
 * The rate of a run of packets spaced regularly (a constant frame rate), from the median gap between their sorted
 * presentation times; packets out of presentation order (B-frames) are sorted first.
 * @param timesMs presentation times of consecutive video packets, ms, in any order
 * @returns frames per second, or null when there are fewer than 9 distinct times or the gaps are irregular (a
 *   variable frame rate: no single rate to check a header against)
 */
export function regularRate(timesMs: readonly number[]): number | null {
  const sorted = [...new Set(timesMs.filter(Number.isFinite))].sort((a, b) => a - b);
  const gaps = sorted.slice(1).map((t, i) => t - (sorted[i] as number));
  if (gaps.length < MIN_GAPS) return null;
  const median = [...gaps].sort((a, b) => a - b)[Math.floor(gaps.length / 2)] as number;
  if (!(median > 0)) return null;
  const near = gaps.filter((g) => Math.abs(g - median) <= median * 0.1).length;
  return near >= gaps.length * REGULAR_SHARE ? 1000 / median : null;
}

/**
 * Times that agree with a neighbour: a time more than `gapMs` from both the time before it and the time after it (a
 * damaged timestamp, 39 hours off) is dropped.
 * @param timesMs times in file order, ms
 */
export function dropStrayTimes(timesMs: readonly number[], gapMs = 10_000): number[] {
  if (timesMs.length < 3) return [...timesMs];
  return timesMs.filter((t, i) => {
    const before = timesMs[i - 1];
    const after = timesMs[i + 1];
    return (before !== undefined && Math.abs(t - before) <= gapMs) || (after !== undefined && Math.abs(t - after) <= gapMs);
  });
}
