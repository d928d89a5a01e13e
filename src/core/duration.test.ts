import { describe, expect, it } from 'vitest';
import { presentationDurationSec } from './duration';

describe('presentationDurationSec', () => {
  it('believes the container when it agrees with the streams (the shared media files)', () => {
    expect(presentationDurationSec(5.055, [5.005, 5.055])).toBe(5.055); // flower.mp4: the audio runs longer
    expect(presentationDurationSec(2.512722, [2.5, 2.512722])).toBe(2.512722); // bbb_2500ms.ts
    expect(presentationDurationSec(10, [null])).toBe(10); // WebM: streams give no duration
  });
  it('takes the longest stream when the container declares far more (an absurd mvhd)', () => {
    expect(presentationDurationSec(36000, [5.005, 5.055])).toBe(5.055);
    expect(presentationDurationSec(7.1, [5.005, null])).toBe(5.005);
  });
  it('believes a container shorter than its streams (an edit list trims them)', () => {
    expect(presentationDurationSec(2.0, [2.548])).toBe(2.0);
  });
  it('falls back to the streams, or null, when the container says nothing usable', () => {
    expect(presentationDurationSec(null, [3, 4])).toBe(4);
    expect(presentationDurationSec(Number.NaN, [3])).toBe(3);
    expect(presentationDurationSec(null, [null, 0])).toBeNull();
  });
});
