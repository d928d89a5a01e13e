import { describe, expect, it } from 'vitest';
import { cappedJobWorkers, defaultJobWorkers, memoryBudgetBytes, oneDecoderThread, parseWorkersParam, workerBytes } from './workerCount';

describe('job worker count', () => {
  it('defaults to the cores on 1-2 cores, one less on more, within 1..8', () => {
    expect(defaultJobWorkers(1)).toBe(1);
    expect(defaultJobWorkers(2)).toBe(2);
    expect(defaultJobWorkers(4)).toBe(3);
    expect(defaultJobWorkers(8)).toBe(7);
    expect(defaultJobWorkers(9)).toBe(8);
    expect(defaultJobWorkers(32)).toBe(8);
    expect(defaultJobWorkers(undefined)).toBe(1);
    expect(defaultJobWorkers(0)).toBe(1);
  });

  it('reads ?workers=N', () => {
    expect(parseWorkersParam('2')).toBe(2);
    expect(parseWorkersParam('12')).toBe(8);
    expect(parseWorkersParam('0')).toBeNull();
    expect(parseWorkersParam('two')).toBeNull();
    expect(parseWorkersParam('1.5')).toBeNull();
    expect(parseWorkersParam(null)).toBeNull();
  });

  it('caps the workers for big frames', () => {
    // 8 GB device: a 2 GB budget.
    expect(memoryBudgetBytes(8)).toBe(2 * 1024 ** 3);
    expect(cappedJobWorkers(8, 1920, 1080, 8)).toBe(8);
    expect(cappedJobWorkers(8, 3840, 2160, 8)).toBe(Math.floor((2 * 1024 ** 3) / workerBytes(3840 * 2160)));
    expect(cappedJobWorkers(8, 3840, 2160, 8)).toBeLessThan(8);
    expect(cappedJobWorkers(8, 7680, 4320, 8)).toBeLessThan(cappedJobWorkers(8, 3840, 2160, 8));
    // Sprite sheets held open count too: two 16384 px sheets (1 GiB each) do not fit a 2 GB budget.
    expect(cappedJobWorkers(8, 1920, 1080, 8, 16384 * 16384 * 4)).toBe(1);
    expect(cappedJobWorkers(8, 1920, 1080, 8, 1600 * 900 * 4)).toBe(8);
    // Never below one.
    expect(cappedJobWorkers(4, 16384, 16384, 1)).toBe(1);
    expect(cappedJobWorkers(2, 640, 360, undefined)).toBe(2);
  });
});

describe('oneDecoderThread', () => {
  it('one thread when the lanes fill the cores (all of them, or all but the one the default leaves free)', () => {
    expect(oneDecoderThread(2, 2)).toBe(true);
    expect(oneDecoderThread(7, 8)).toBe(true);
    expect(oneDecoderThread(8, 8)).toBe(true);
    expect(oneDecoderThread(2, 3)).toBe(true);
    expect(oneDecoderThread(1, 1)).toBe(true);
    expect(oneDecoderThread(1, undefined)).toBe(true);
  });
  it('frame threads while cores would idle: one lane on 2 cores, a few lanes on many', () => {
    expect(oneDecoderThread(1, 2)).toBe(false);
    expect(oneDecoderThread(4, 8)).toBe(false);
    expect(oneDecoderThread(1, 16)).toBe(false);
  });
});
