import { describe, expect, it } from 'vitest';
import { NO_OVERRIDES, readOverrides, recordProbe } from './overrides';

describe('readOverrides', () => {
  it('is no override for a URL without hooks', () => {
    expect(readOverrides('')).toEqual(NO_OVERRIDES);
    expect(readOverrides('?mode=sprite')).toEqual(NO_OVERRIDES);
  });

  it('reads each hook of the page URL', () => {
    expect(readOverrides('?engineFault=hang&decoder=ffmpeg&workers=3&probe=mediabunny')).toEqual({
      fault: 'hang',
      decoder: 'ffmpeg',
      workers: 3,
      probe: 'mediabunny',
      recordProbes: true,
    });
    expect(readOverrides('?engineFault=slow').fault).toBe('slow');
  });

  it('ignores unknown values, and records probes for any ?probe=', () => {
    expect(readOverrides('?engineFault=boom&decoder=vaapi&workers=0&probe=')).toEqual({ ...NO_OVERRIDES, recordProbes: true });
  });
});

describe('recordProbe', () => {
  it('keeps probes in window.snapframeProbes only when ?probe= asked for it', () => {
    const holder = globalThis as { snapframeProbes?: unknown[] };
    delete holder.snapframeProbes;
    recordProbe(NO_OVERRIDES, { name: 'a.mp4', error: 'no' });
    expect(holder.snapframeProbes).toBeUndefined();
    recordProbe(readOverrides('?probe=ffprobe'), { name: 'a.mp4', error: 'no' });
    expect(holder.snapframeProbes).toEqual([{ name: 'a.mp4', error: 'no' }]);
    delete holder.snapframeProbes;
  });
});
