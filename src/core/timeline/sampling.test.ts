import { describe, expect, it } from 'vitest';
import { InvalidParameterError } from '../job/errors';
import { MAX_SAMPLE_TIMES, planSampleTimes } from './sampling';
import type { SampleParams } from '../job/types';

const params = (overrides: Partial<SampleParams> = {}): SampleParams => ({
  startMs: 0,
  intervalSec: 1,
  count: null,
  percent: null,
  ...overrides,
});

function refusal(p: SampleParams, durationMs: number): InvalidParameterError {
  try {
    planSampleTimes(p, durationMs);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidParameterError);
    return error as InvalidParameterError;
  }
  throw new Error('expected an InvalidParameterError');
}

describe('planSampleTimes, interval > 0 (Alibaba)', () => {
  it('takes t = s + k·i while t < duration', () => {
    expect(planSampleTimes(params(), 5000)).toEqual([0, 1000, 2000, 3000, 4000]);
    expect(planSampleTimes(params(), 5001)).toEqual([0, 1000, 2000, 3000, 4000, 5000]);
    expect(planSampleTimes(params({ intervalSec: 2, startMs: 500 }), 5000)).toEqual([500, 2500, 4500]);
  });

  it('lets the bound giving fewer snapshots win', () => {
    expect(planSampleTimes(params({ count: 3 }), 10_000)).toEqual([0, 1000, 2000]);
    expect(planSampleTimes(params({ count: 100 }), 3000)).toEqual([0, 1000, 2000]);
    expect(planSampleTimes(params({ count: 1 }), 3000)).toEqual([0]);
  });

  it('takes the one start time when the interval is longer than the video', () => {
    expect(planSampleTimes(params({ intervalSec: 60 }), 10_000)).toEqual([0]);
    expect(planSampleTimes(params({ intervalSec: 60, startMs: 9999 }), 10_000)).toEqual([9999]);
  });

  it('does not lose the last time to binary fractions', () => {
    expect(planSampleTimes(params({ intervalSec: 0.7 }), 7001)).toHaveLength(11);
    expect(planSampleTimes(params({ intervalSec: 0.7 }), 7001).at(-1)).toBe(7000);
    expect(planSampleTimes(params({ intervalSec: 0.7 }), 7000)).toHaveLength(10);
    expect(planSampleTimes(params({ intervalSec: 0.1 }), 1000)).toEqual([0, 100, 200, 300, 400, 500, 600, 700, 800, 900]);
    expect(planSampleTimes(params({ intervalSec: 0.3 }), 900.5)).toEqual([0, 300, 600, 900]);
  });

  it('rounds to whole ms and keeps times unique', () => {
    expect(planSampleTimes(params({ intervalSec: 0.0015 }), 6)).toEqual([0, 2, 3, 5]);
    expect(planSampleTimes(params({ intervalSec: 0.001, startMs: 0.4 }), 3)).toEqual([0, 1, 2]);
  });

  it('accepts a fractional duration', () => {
    expect(planSampleTimes(params(), 2000.4)).toEqual([0, 1000, 2000]);
  });
});

describe('planSampleTimes, interval 0 (count spread evenly)', () => {
  it('spreads t = s + k·(duration − s)/n', () => {
    expect(planSampleTimes(params({ intervalSec: 0, count: 4 }), 10_000)).toEqual([0, 2500, 5000, 7500]);
    expect(planSampleTimes(params({ intervalSec: 0, count: 4, startMs: 2000 }), 10_000)).toEqual([2000, 4000, 6000, 8000]);
    expect(planSampleTimes(params({ intervalSec: 0, count: 3 }), 10_000)).toEqual([0, 3333, 6667]);
    expect(planSampleTimes(params({ intervalSec: 0, count: 1, startMs: 1234 }), 10_000)).toEqual([1234]);
  });

  it('allows a count larger than the frame count (times may show the same frame)', () => {
    // 1 s at 25 fps has 25 frames; 100 evenly spread times are 10 ms apart.
    const times = planSampleTimes(params({ intervalSec: 0, count: 100 }), 1000);
    expect(times).toHaveLength(100);
    expect(times.slice(0, 3)).toEqual([0, 10, 20]);
    expect(times.at(-1)).toBe(990);
  });

  it('collapses times closer than 1 ms, staying within the duration', () => {
    const times = planSampleTimes(params({ intervalSec: 0, count: 5000 }), 1000);
    expect(times).toHaveLength(1001);
    expect(times[0]).toBe(0);
    expect(times.at(-1)).toBe(1000);
    expect(times.every((t, i) => i === 0 || t > (times[i - 1] ?? Infinity))).toBe(true);
  });

  it('asks for a count', () => {
    const error = refusal(params({ intervalSec: 0 }), 10_000);
    expect(error.field).toBe('count');
    expect(error.message).toMatch(/^With an interval of 0, give a count/);
  });
});

describe('planSampleTimes, percent (Tencent SampleType=Percent)', () => {
  it('takes a time every p % of the duration from the start', () => {
    expect(planSampleTimes(params({ percent: 10 }), 10_000)).toEqual([0, 1000, 2000, 3000, 4000, 5000, 6000, 7000, 8000, 9000]);
    expect(planSampleTimes(params({ percent: 25, startMs: 1000 }), 10_000)).toEqual([1000, 3500, 6000, 8500]);
    expect(planSampleTimes(params({ percent: 100 }), 10_000)).toEqual([0]);
    expect(planSampleTimes(params({ percent: 33.3 }), 1000)).toEqual([0, 333, 666, 999]);
  });

  it('ignores the interval and honours the count', () => {
    expect(planSampleTimes(params({ percent: 33.3, intervalSec: 0, count: 2 }), 1000)).toEqual([0, 333]);
    expect(planSampleTimes(params({ percent: 50, intervalSec: -1 }), 1000)).toEqual([0, 500]);
  });

  it.each([0, -5, 100.01, Number.NaN, Number.POSITIVE_INFINITY])('refuses %d %', (percent) => {
    const error = refusal(params({ percent }), 10_000);
    expect(error.field).toBe('interval');
    expect(error.message).toMatch(/above 0% and at most 100%/);
  });
});

describe('planSampleTimes, refusals', () => {
  it('refuses a start at or past the end', () => {
    const atEnd = refusal(params({ startMs: 10_000 }), 10_000);
    expect(atEnd.field).toBe('start');
    expect(atEnd.message).toBe('Start must be before the end of the video (0:10.000); 0:10.000 is not. Use an earlier start.');
    expect(refusal(params({ startMs: 12_000 }), 10_000).field).toBe('start');
    expect(planSampleTimes(params({ startMs: 9999 }), 10_000)).toEqual([9999]);
  });

  it('refuses a negative start', () => {
    expect(refusal(params({ startMs: -1 }), 10_000).field).toBe('start');
  });

  it.each([-1, -0.001, Number.NaN])('refuses the interval %d', (intervalSec) => {
    const error = refusal(params({ intervalSec }), 10_000);
    expect(error.field).toBe('interval');
  });

  it('refuses an interval between 0 and 1 ms', () => {
    const error = refusal(params({ intervalSec: 0.0005 }), 10_000);
    expect(error.field).toBe('interval');
    expect(error.message).toMatch(/at least 0\.001 s/);
    expect(planSampleTimes(params({ intervalSec: 0.001, count: 3 }), 10_000)).toEqual([0, 1, 2]);
  });

  it.each([0, -1, 1.5, Number.NaN])('refuses the count %d', (count) => {
    const error = refusal(params({ count }), 10_000);
    expect(error.field).toBe('count');
    expect(error.message).toMatch(/whole number of at least 1/);
  });

  it.each([Number.NaN, Number.POSITIVE_INFINITY, 0, -1])('refuses to sample a duration of %d', (durationMs) => {
    const error = refusal(params({ count: 3 }), durationMs);
    expect(error.field).toBe('interval');
    expect(error.message).toMatch(/duration/);
  });

  it('refuses plans over the limit, naming the bound that sets it, without looping', () => {
    const hour = 3_600_000;
    const byInterval = refusal(params({ intervalSec: 0.001 }), hour);
    expect(byInterval.field).toBe('interval');
    expect(byInterval.message).toBe(
      `This plan would take ${hour} snapshots; the limit is ${MAX_SAMPLE_TIMES}. Use a longer interval or set a count.`,
    );
    expect(refusal(params({ intervalSec: 0.001, count: 200_000 }), hour).field).toBe('count');
    expect(refusal(params({ intervalSec: 0, count: MAX_SAMPLE_TIMES + 1 }), hour).field).toBe('count');
    expect(refusal(params({ percent: 1e-12 }), hour).field).toBe('interval');
    expect(planSampleTimes(params({ intervalSec: 0.001, count: MAX_SAMPLE_TIMES }), hour)).toHaveLength(MAX_SAMPLE_TIMES);
  });
});
