/**
 * Sample times (docs/SPEC.md "Times", sample rules): the times a `sample` or `sprite` job takes, planned from a
 * start, an interval or a percentage, and a count. All times are integer ms from the start of the presentation.
 */
import { InvalidParameterError } from '../job/errors';
import { formatTime } from './time';
import type { SampleParams } from '../job/types';

/**
 * Most times one plan may hold. A guard against plans that would hang the page (an interval of 1 ms over a film),
 * not a vendor rule: 100 000 snapshots are already hours of decoding in a browser.
 */
export const MAX_SAMPLE_TIMES = 100_000;

/** Smallest interval above 0, seconds: times are whole ms, so a shorter interval would only repeat times. */
export const MIN_INTERVAL_SEC = 0.001;

/**
 * `s + k·step` with the error of binary fractions removed: a value within 1e-6 ms of a whole ms is that whole ms,
 * so that 0.7 s × 10 lands on 7000 ms, not 7000.000000000001 (which would drop a time at the end).
 */
function timeAt(startMs: number, k: number, stepMs: number): number {
  const exact = startMs + k * stepMs;
  const whole = Math.round(exact);
  return Math.abs(exact - whole) < 1e-6 ? whole : exact;
}

/** How many k ≥ 0 have timeAt(s, k, step) < duration, computed without looping. */
function countFitting(startMs: number, stepMs: number, durationMs: number): number {
  let k = Math.max(1, Math.ceil((durationMs - startMs) / stepMs));
  if (k > 2 * MAX_SAMPLE_TIMES) return k; // Far past the limit: the caller refuses it, precision does not matter.
  // Correct the estimate by at most a step either way for floating-point error.
  while (k > 1 && timeAt(startMs, k - 1, stepMs) >= durationMs) k--;
  while (timeAt(startMs, k, stepMs) < durationMs) k++;
  return k;
}

function checkParams(params: SampleParams, durationMs: number): void {
  const { startMs, intervalSec, count, percent } = params;
  if (!Number.isFinite(durationMs) || durationMs <= 0) {
    throw new InvalidParameterError(
      'interval',
      "Sampling needs the video's duration, and this video does not say how long it is. Use time offsets instead.",
    );
  }
  const end = formatTime(durationMs);
  if (!Number.isFinite(startMs) || startMs < 0) {
    throw new InvalidParameterError('start', `Start must be from 0:00.000 to before the end of the video (${end}); ${startMs} ms is not.`);
  }
  if (startMs >= durationMs) {
    throw new InvalidParameterError(
      'start',
      `Start must be before the end of the video (${end}); ${formatTime(startMs)} is not. Use an earlier start.`,
    );
  }
  if (percent !== null) {
    if (!Number.isFinite(percent) || percent <= 0 || percent > 100) {
      throw new InvalidParameterError('interval', `A percentage interval must be above 0% and at most 100%; ${percent}% is not.`);
    }
  } else if (!Number.isFinite(intervalSec) || intervalSec < 0) {
    throw new InvalidParameterError(
      'interval',
      `Interval must be 0 (spread the count evenly) or a number of seconds from ${MIN_INTERVAL_SEC}; ${intervalSec} is negative.`,
    );
  } else if (intervalSec > 0 && intervalSec < MIN_INTERVAL_SEC) {
    throw new InvalidParameterError(
      'interval',
      `Interval must be 0 (spread the count evenly) or at least ${MIN_INTERVAL_SEC} s (1 ms); ${intervalSec} s is shorter.`,
    );
  }
  if (count !== null && (!Number.isInteger(count) || count < 1)) {
    throw new InvalidParameterError('count', `Count must be a whole number of at least 1 (or empty: as many as fit); ${count} is not.`);
  }
  if (percent === null && intervalSec === 0 && count === null) {
    throw new InvalidParameterError(
      'count',
      'With an interval of 0, give a count: that many snapshots are spread evenly from the start to the end of the video.',
    );
  }
}

/**
 * Plans the times of a sampled job.
 *
 * @param params start `startMs` (ms ≥ 0; non-integers allowed), `intervalSec` (seconds ≥ 0), `count` (whole ≥ 1, or
 *   null: as many as fit), `percent` (in (0, 100], or null).
 * @param durationMs the video's duration, ms (> 0, finite).
 * @returns the times, integer ms (each rounded to the nearest ms), ascending, without duplicates (times closer than
 *   1 ms collapse into one), each in [0, round(duration)]. Never empty.
 *   - percent set (Tencent SampleType=Percent): t_k = s + k·p/100·duration while t_k < duration, at most `count`.
 *   - interval > 0 (Alibaba): t_k = s + k·interval·1000 while t_k < duration, at most `count` ("if both are given, the
 *     one giving fewer snapshots wins"). An interval longer than the video gives the one time s.
 *   - interval 0 (Alibaba): `count` times spread evenly, t_k = s + k·(duration − s)/count, k = 0 … count − 1.
 *   A count above the number of frames is allowed: several times then show the same frame.
 * @throws InvalidParameterError('start') when s is negative or s ≥ duration (start at or past the end);
 *   ('interval') when the duration is unknown, the interval is negative or between 0 and 0.001 s, or the percentage is
 *   not in (0, 100]; ('count') when the count is not a whole number ≥ 1, or is missing with an interval of 0;
 *   ('count' or 'interval', whichever bounds the plan) when the plan would pass {@link MAX_SAMPLE_TIMES} times.
 * Source: docs/SPEC.md "Times" (sample times); Alibaba SubmitSnapshotJob `SpecifiedOffsetTime`, `Interval`,
 *   `Count`; Tencent SampleSnapshot `SampleType`, `SampleInterval`.
 */
export function planSampleTimes(params: SampleParams, durationMs: number): number[] {
  checkParams(params, durationMs);
  const { startMs, intervalSec, count, percent } = params;
  let stepMs: number;
  let total: number;
  if (percent === null && intervalSec === 0) {
    total = count ?? 1;
    stepMs = (durationMs - startMs) / total;
  } else {
    stepMs = percent !== null ? (percent / 100) * durationMs : intervalSec * 1000;
    const fitting = countFitting(startMs, stepMs, durationMs);
    total = count === null ? fitting : Math.min(count, fitting);
  }
  if (total > MAX_SAMPLE_TIMES) {
    const countBinds = count !== null && count <= total;
    throw new InvalidParameterError(
      countBinds ? 'count' : 'interval',
      `This plan would take ${total} snapshots; the limit is ${MAX_SAMPLE_TIMES}. ` +
        (countBinds ? 'Use a smaller count.' : 'Use a longer interval or set a count.'),
    );
  }
  const times: number[] = [];
  for (let k = 0; k < total; k++) {
    const t = Math.round(timeAt(startMs, k, stepMs));
    if (times.length === 0 || t > (times[times.length - 1] ?? -1)) times.push(t);
  }
  return times;
}
