/**
 * docs/SPEC.md "Times", sample times, written out independently of the app's code so that the e2e tests can say which
 * times a sampled or sprite job must take:
 * - interval i > 0 s: t_k = s + k·i for k = 0, 1, … while t_k < duration, at most n of them;
 * - interval 0: n times spread evenly, t_k = s + k·(duration − s)/n;
 * - percent p (Tencent SampleType=Percent): every p % of the duration, t_k = s + k·p/100·duration while < duration.
 * Times are whole ms (SPEC: "internally every time is an integer number of milliseconds"): rounded to the nearest.
 */

export interface Sampling {
  /** Start, ms (default 0). */
  startMs?: number;
  /** Interval, seconds (ignored with `percent`). */
  intervalSec?: number;
  /** Count, or undefined for "as many as fit". */
  count?: number;
  /** Percent of the duration between times. */
  percent?: number;
}

/**
 * The times (integer ms, ascending) a sample/sprite job takes on a video of `durationMs`.
 * Works on exact decimal steps: the step is computed in µs-free integer arithmetic where possible so that 0.1 s × 10
 * is exactly 1000 ms.
 * @throws Error for inputs the SPEC refuses (interval 0 without count, start at or past the end).
 */
export function expectedSampleTimes(durationMs: number, p: Sampling): number[] {
  const s = p.startMs ?? 0;
  if (s >= durationMs) throw new Error(`start ${s} ms is not before the end ${durationMs} ms`);
  const raw: number[] = [];
  if (p.percent !== undefined || (p.intervalSec ?? 1) > 0) {
    const step = p.percent !== undefined ? (p.percent * durationMs) / 100 : Math.round((p.intervalSec ?? 1) * 1e6) / 1e3;
    for (let k = 0; ; k++) {
      const t = s + k * step;
      // Within a µs of the duration counts as reaching it (floating error of k·step).
      if (t >= durationMs - 1e-6) break;
      if (p.count !== undefined && raw.length >= p.count) break;
      raw.push(t);
    }
  } else {
    if (p.count === undefined) throw new Error('interval 0 needs a count');
    for (let k = 0; k < p.count; k++) raw.push(s + (k * (durationMs - s)) / p.count);
  }
  const times: number[] = [];
  for (const t of raw) {
    const ms = Math.round(t + 1e-9);
    if (times.length === 0 || ms > times[times.length - 1]!) times.push(ms);
  }
  return times;
}
