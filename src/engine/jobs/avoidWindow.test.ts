import { describe, expect, it } from 'vitest';
import type { OutputSpec } from '../../core/job/types';
import { avoidFor } from './avoidWindow';

const spec: OutputSpec = {
  width: 320,
  height: 180,
  fit: 'black',
  resolutionAdaptive: false,
  format: 'jpg',
  quality: 85,
  frameType: 'accurate',
};

describe('avoidFor', () => {
  it('is empty when the option is off', () => {
    expect(avoidFor(spec, [0, 1000], 0, 10_000)).toEqual({});
  });
  it('gives the 2 s window before the next time and the end of the run of nearby times', () => {
    const on = { ...spec, avoidBadFrames: true };
    // 0, 250, 500 are nearby; 5000 is not.
    expect(avoidFor(on, [0, 250, 500, 5000], 0, 10_000)).toEqual({ avoid: { untilMs: 249.5, aheadMs: 1000 } });
    expect(avoidFor(on, [0, 250, 500, 5000], 3, 10_000)).toEqual({ avoid: { untilMs: 7000, aheadMs: 5500 } });
    // A run spans at most 10 s.
    const dense = Array.from({ length: 30 }, (_, i) => i * 1000);
    expect(avoidFor(on, dense, 0, 60_000).avoid?.aheadMs).toBe(10_500);
  });
});
