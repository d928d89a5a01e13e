import { describe, expect, it } from 'vitest';
import { durationFromPacketsSec, parsePacketTimes, presentationDurationSec } from './duration';

describe('presentationDurationSec', () => {
  it('believes the container when it agrees with the streams (the test media files)', () => {
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

describe('durationFromPacketsSec and parsePacketTimes (a live MKV: no Duration, no Cues)', () => {
  // ffprobe -show_entries packet=pts_time,duration_time -of csv=p=0 of h264-live.mkv (e2e/support/clips.ts):
  // video packets in decode order (B-frames: the last is not the latest), AAC packets of 21 ms.
  const csv = [
    '0.000000,0.021000',
    '0.021000,0.041000',
    '0.146000,0.041000',
    'N/A,0.041000',
    '2.521000,0.041000',
    '2.479000,0.041000',
    '2.517000,0.021000',
    '',
  ].join('\n');
  it('reads pts and duration, leaving out packets without a pts', () => {
    const packets = parsePacketTimes(csv);
    expect(packets).toHaveLength(6);
    expect(packets[0]).toEqual({ ptsSec: 0, durationSec: 0.021 });
    expect(parsePacketTimes('1.5,N/A\n')).toEqual([{ ptsSec: 1.5, durationSec: null }]);
  });
  it('is where the latest packet of any stream ends, minus the container start_time', () => {
    expect(durationFromPacketsSec(parsePacketTimes(csv), 0)).toBeCloseTo(2.562, 9);
    expect(durationFromPacketsSec(parsePacketTimes(csv), 0.021)).toBeCloseTo(2.541, 9);
  });
  it('uses the largest pts when packets have no duration, and is null without timed packets', () => {
    expect(
      durationFromPacketsSec(
        [
          { ptsSec: 3, durationSec: null },
          { ptsSec: 2, durationSec: null },
        ],
        1,
      ),
    ).toBe(2);
    expect(durationFromPacketsSec([], 0)).toBeNull();
    expect(durationFromPacketsSec([{ ptsSec: 1, durationSec: null }], 1)).toBeNull();
  });
});
