/** Selectors over raw job state (store/selectors.ts): estimates, run progress, ended jobs. Pure: no DOM. */
import { describe, expect, it } from 'vitest';
import type { Job } from './job';
import {
  canRetry,
  finishedJobsOldestFirst,
  jobElapsedMs,
  jobFraction,
  jobRemainingMs,
  newlyEnded,
  readySources,
  runCounts,
  runCountsText,
  runProgress,
} from './selectors';

type Timing = Pick<Job, 'status' | 'done' | 'total' | 'startedAt' | 'firstStepAt' | 'lastStepAt'>;
const running = (t: Partial<Timing>): Timing => ({
  status: 'processing',
  done: 0,
  total: 10,
  startedAt: 1_000,
  firstStepAt: null,
  lastStepAt: null,
  ...t,
});

describe('jobRemainingMs', () => {
  it('is null before the first image and for jobs not running', () => {
    expect(jobRemainingMs(running({}), 5_000)).toBeNull();
    expect(jobRemainingMs(running({ status: 'queued', startedAt: null }), 5_000)).toBeNull();
    expect(jobRemainingMs(running({ status: 'finished', done: 10, firstStepAt: 2_000, lastStepAt: 9_000 }), 9_000)).toBeNull();
  });

  it('with one image done: elapsed / done × remaining', () => {
    // 1 image in 4 s (start-up included) -> 9 left × 4 s.
    expect(jobRemainingMs(running({ done: 1, firstStepAt: 5_000, lastStepAt: 5_000 }), 5_000)).toBe(36_000);
  });

  it('from the second image on: the rate after the first image (start-up left out)', () => {
    // First image at 5 s (slow start), then 4 more in 2 s: 0.5 s each; 5 left -> 2.5 s.
    expect(jobRemainingMs(running({ done: 5, firstStepAt: 5_000, lastStepAt: 7_000 }), 7_000)).toBe(2_500);
  });

  it('counts down between images, never below 0', () => {
    const t = running({ done: 5, firstStepAt: 5_000, lastStepAt: 7_000 });
    expect(jobRemainingMs(t, 8_000)).toBe(1_500);
    expect(jobRemainingMs(t, 60_000)).toBe(0);
  });

  it('is 0 when every image is done', () => {
    expect(jobRemainingMs(running({ done: 10, firstStepAt: 2_000, lastStepAt: 3_000 }), 3_000)).toBe(0);
  });
});

describe('job progress', () => {
  it('fraction and elapsed time', () => {
    expect(jobFraction({ done: 3, total: 12 })).toBe(0.25);
    expect(jobFraction({ done: 0, total: 0 })).toBe(0);
    expect(jobElapsedMs({ startedAt: null, finishedAt: null }, 9)).toBe(0);
    expect(jobElapsedMs({ startedAt: 1_000, finishedAt: null }, 4_000)).toBe(3_000);
    expect(jobElapsedMs({ startedAt: 1_000, finishedAt: 2_500 }, 4_000)).toBe(1_500);
  });

  it('Retry applies to failed and cancelled jobs only', () => {
    expect(['queued', 'processing', 'finished', 'failed', 'cancelled'].filter((s) => canRetry({ status: s as Job['status'] }))).toEqual([
      'failed',
      'cancelled',
    ]);
  });
});

describe('runProgress', () => {
  const jobs = [
    { id: 'a', status: 'finished' },
    { id: 'b', status: 'processing' },
    { id: 'c', status: 'queued' },
    { id: 'old', status: 'finished' },
  ] as const;

  it('counts the ended jobs of the current run only', () => {
    expect(runProgress(jobs, ['a', 'b', 'c'])).toEqual({ ended: 1, total: 3, active: true });
    expect(runProgress(jobs, ['a'])).toEqual({ ended: 1, total: 1, active: false });
    expect(runProgress(jobs, [])).toEqual({ ended: 0, total: 0, active: false });
    expect(runProgress(jobs, ['gone', 'a'])).toEqual({ ended: 1, total: 1, active: false });
  });
});

describe('newlyEnded', () => {
  it('lists jobs that went from queued/processing to an end state', () => {
    const prev = [
      { id: 'a', status: 'processing' },
      { id: 'b', status: 'queued' },
      { id: 'c', status: 'finished' },
      { id: 'd', status: 'queued' },
    ] as { id: string; status: Job['status'] }[];
    const next = [
      { id: 'a', status: 'finished' },
      { id: 'b', status: 'cancelled' },
      { id: 'c', status: 'finished' },
      { id: 'd', status: 'processing' },
    ] as { id: string; status: Job['status'] }[];
    expect(newlyEnded(prev, next).map((j) => j.id)).toEqual(['a', 'b']);
    expect(newlyEnded(next, next)).toEqual([]);
  });

  it('does not count jobs absent before (loaded after a reload, already ended)', () => {
    const loaded = [
      { id: 'x', status: 'finished' },
      { id: 'y', status: 'interrupted' },
    ] as { id: string; status: Job['status'] }[];
    expect(newlyEnded([], loaded)).toEqual([]);
  });
});

describe('lists', () => {
  it('ready sources and finished jobs oldest first', () => {
    expect(readySources([{ status: 'ready' }, { status: 'error' }, { status: 'probing' }])).toHaveLength(1);
    const jobs = [
      { seq: 3, status: 'finished' },
      { seq: 2, status: 'failed' },
      { seq: 1, status: 'finished' },
    ] as const;
    expect(finishedJobsOldestFirst(jobs).map((j) => j.seq)).toEqual([1, 3]);
  });
});

describe('runCounts and runCountsText', () => {
  const job = (id: string, status: Job['status'], name = `${id}.mp4`) => ({ id, status, source: { name } }) as unknown as Job;
  it('counts the run only, failures first in the text', () => {
    const jobs = [job('a', 'finished'), job('b', 'failed'), job('c', 'processing'), job('d', 'cancelled'), job('e', 'failed')];
    const counts = runCounts(jobs, ['a', 'b', 'c', 'd']);
    expect(counts).toEqual({ done: 1, failed: 1, cancelled: 1, active: 1, failedNames: ['b.mp4'] });
    expect(runCountsText(counts)).toBe('1 failed, 1 done, 1 cancelled, 1 to go');
  });
  it('leaves zero counts out', () => {
    expect(runCountsText({ done: 6, failed: 0, cancelled: 0, active: 0, failedNames: [] })).toBe('6 done');
  });
});
