import { describe, expect, it } from 'vitest';
import { runEndText, tabTitle } from './messages';

describe('tab title', () => {
  it('shows the run progress, then a check mark until acknowledged', () => {
    expect(tabTitle('Snapframe', { ended: 0, total: 0, active: false }, false)).toBe('Snapframe');
    expect(tabTitle('Snapframe', { ended: 3, total: 10, active: true }, false)).toBe('(3/10) Snapframe');
    expect(tabTitle('Snapframe', { ended: 10, total: 10, active: false }, false)).toBe('✓ Snapframe');
    expect(tabTitle('Snapframe', { ended: 10, total: 10, active: false }, true)).toBe('Snapframe');
  });

  it('announces the end of a run of several jobs only', () => {
    expect(runEndText({ ended: 2, total: 2, active: false })).toBe('All 2 jobs have ended.');
    expect(runEndText({ ended: 1, total: 1, active: false })).toBeNull();
    expect(runEndText({ ended: 1, total: 2, active: true })).toBeNull();
  });
});
