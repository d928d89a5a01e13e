import { describe, expect, it } from 'vitest';
import type { Job } from '../../store/job';
import { runToastText, tabTitle } from './messages';

describe('tab title', () => {
  it('shows the run progress, then a check mark until acknowledged', () => {
    expect(tabTitle('Snapframe', { ended: 0, total: 0, active: false }, false)).toBe('Snapframe');
    expect(tabTitle('Snapframe', { ended: 3, total: 10, active: true }, false)).toBe('(3/10) Snapframe');
    expect(tabTitle('Snapframe', { ended: 10, total: 10, active: false }, false)).toBe('✓ Snapframe');
    expect(tabTitle('Snapframe', { ended: 10, total: 10, active: false }, true)).toBe('Snapframe');
  });
});

describe('the one toast of a run', () => {
  const job = (status: Job['status'], name: string, message?: string) =>
    ({ status, source: { name }, outputs: [], error: message ? { message } : undefined }) as unknown as Job;

  it('says the counts so far and what the last job did, while the run goes on', () => {
    expect(runToastText({ ended: 1, total: 6, active: true }, '1 failed, 5 to go', job('failed', 'b.mp4', 'It broke.'))).toBe(
      '1 of 6 jobs ended (1 failed). b.mp4 failed: It broke.',
    );
    expect(runToastText({ ended: 1, total: 2, active: true }, '1 cancelled, 1 to go', job('cancelled', 'a.webm'))).toBe(
      '1 of 2 jobs ended (1 cancelled). a.webm was cancelled.',
    );
  });

  it('says the whole run once it is over, failures first as the counts put them', () => {
    expect(runToastText({ ended: 8, total: 8, active: false }, '2 failed, 6 done', job('cancelled', 'z.mp4'))).toBe(
      'All 8 jobs have ended: 2 failed, 6 done. Last: z.mp4 was cancelled.',
    );
  });
});
