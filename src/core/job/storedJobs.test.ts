import { describe, expect, it } from 'vitest';
import {
  INPUT_KEEP_CAP_BYTES,
  freeForSaving,
  inputMismatch,
  interruptedMessage,
  megabytes,
  newestFirst,
  quotaProblem,
  restoredStatus,
  shouldKeepInput,
} from './storedJobs';

const source = { name: 'clip.mp4' } as { name: string } as Parameters<typeof interruptedMessage>[0]['source'];

describe('quota rules', () => {
  const estimate = { usageBytes: 100e6, quotaBytes: 1100e6 };

  it('leaves the margin free: 80 % of quota − usage', () => {
    expect(freeForSaving(estimate)).toBe(800e6);
    expect(freeForSaving({ usageBytes: 2e9, quotaBytes: 1e9 })).toBe(0);
  });

  it('keeps an input below the cap that takes at most half the free space', () => {
    expect(shouldKeepInput(10e6, estimate)).toBe(true);
    expect(shouldKeepInput(INPUT_KEEP_CAP_BYTES, { usageBytes: 0, quotaBytes: 10e9 })).toBe(true);
    expect(shouldKeepInput(INPUT_KEEP_CAP_BYTES + 1, { usageBytes: 0, quotaBytes: 10e9 })).toBe(false);
    expect(shouldKeepInput(200e6, { usageBytes: 0, quotaBytes: 450e6 })).toBe(false); // 200 > 360 / 2
    expect(shouldKeepInput(1, null)).toBe(false);
  });

  it('says, with the figures, when an output does not fit', () => {
    expect(quotaProblem(1e6, 0, estimate)).toBeNull();
    expect(quotaProblem(1e6, 799.5e6, estimate)).toBe(
      "This job's results will not survive a page reload: the browser's storage for this site is nearly full " +
        '(0.5 MB free to use, an image needs 1.0 MB). Download them now, or use "Clear results" to make room.',
    );
  });

  it('formats megabytes', () => {
    expect(megabytes(12_345_678)).toBe('12.3 MB');
  });
});

describe('restoring', () => {
  it('turns queued and processing into interrupted, keeps the ends', () => {
    expect(restoredStatus('queued')).toBe('interrupted');
    expect(restoredStatus('processing')).toBe('interrupted');
    expect(restoredStatus('finished')).toBe('finished');
    expect(restoredStatus('failed')).toBe('failed');
    expect(restoredStatus('cancelled')).toBe('cancelled');
  });

  it('explains an interruption, and whether the file must be chosen again', () => {
    expect(interruptedMessage({ source, done: 3, total: 10, inputKept: true }, 3)).toBe(
      'This job was interrupted by a page reload after 3 of 10 images (the 3 files made before are shown). Re-run it to make them all.',
    );
    expect(interruptedMessage({ source, done: 0, total: 1, inputKept: false }, 0)).toBe(
      'This job was interrupted by a page reload after 0 of 1 images (nothing was saved). Re-run it and choose clip.mp4 again to make them all.',
    );
  });

  it('orders records newest first', () => {
    expect(newestFirst([{ seq: 1 }, { seq: 3 }, { seq: 2 }]).map((r) => r.seq)).toEqual([3, 2, 1]);
  });
});

describe('inputMismatch', () => {
  const expected = { name: 'clip.mp4', size: 1000 };
  it('accepts the same name and size', () => {
    expect(inputMismatch(expected, { name: 'clip.mp4', size: 1000 })).toBeNull();
  });
  it('names both files when the name differs', () => {
    expect(inputMismatch(expected, { name: 'other.mp4', size: 1000 })).toBe(
      'other.mp4 is not clip.mp4: choose clip.mp4 (1000 bytes) to re-run this job.',
    );
  });
  it('gives both sizes when only the size differs', () => {
    expect(inputMismatch(expected, { name: 'clip.mp4', size: 999 })).toBe(
      "clip.mp4 is 999 bytes, the job's video was 1000 bytes: choose clip.mp4 (1000 bytes) to re-run this job.",
    );
  });
});
