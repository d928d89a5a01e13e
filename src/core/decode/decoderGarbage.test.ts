import { describe, expect, it } from 'vitest';
import { firstGarbageLine, trustedFromSec } from './decoderGarbage';

const clean = ['[hevc @ 0x1] Stream #0: hevc', '[Parsed_showinfo_3 @ 0x2] n: 0 pts: 1 pts_time:0.1'];
const refsMissing = ['[hevc @ 0x55d2] Could not find ref with POC 32', '[hevc @ 0x55d2] Could not find ref with POC 29'];

describe('firstGarbageLine', () => {
  it('finds the lines ffmpeg prints when references or parameter sets are missing, without the [context] prefix', () => {
    expect(firstGarbageLine([...clean, ...refsMissing])).toBe('Could not find ref with POC 32');
    expect(firstGarbageLine(['[hevc @ 0x1] PPS id out of range: 0'])).toBe('PPS id out of range: 0');
    expect(firstGarbageLine(['[h264 @ 0x1] co located POCs unavailable'])).toBe('co located POCs unavailable');
    expect(firstGarbageLine(['[hevc @ 0x1] Error constructing the frame RPS.'])).toBe('Error constructing the frame RPS.');
    expect(firstGarbageLine(['[hevc @ 0x1] Skipping invalid undecodable NALU: 1'])).toBe('Skipping invalid undecodable NALU: 1');
    expect(firstGarbageLine(['[h264 @ 0x1] missing picture in access unit with size 3'])).toBe(
      'missing picture in access unit with size 3',
    );
  });
  it('finds the H.264 lines for frames and fields built on references the decoder never had', () => {
    expect(firstGarbageLine([...clean, '[h264 @ 0x1] reference picture missing during reorder'])).toBe(
      'reference picture missing during reorder',
    );
    expect(firstGarbageLine(['[h264 @ 0x1] Missing reference picture, default is 65580'])).toBe(
      'Missing reference picture, default is 65580',
    );
    expect(firstGarbageLine(['[h264 @ 0x1] mmco: unref short failure'])).toBe('mmco: unref short failure');
    // ffmpeg withholds pictures before a random access point with these; they are not garbage lines.
    expect(firstGarbageLine(['[h264 @ 0x1] non-existing PPS 0 referenced', '[h264 @ 0x1] no frame!'])).toBeNull();
  });
  it('is null for a clean log', () => {
    expect(firstGarbageLine(clean)).toBeNull();
  });
});

describe('trustedFromSec', () => {
  const decoded = [
    { sec: 2.858, key: false },
    { sec: 2.942, key: false },
    { sec: 3.483, key: true },
    { sec: 3.525, key: false },
  ];
  it('trusts everything when the decoder said nothing of missing data', () => {
    expect(trustedFromSec(decoded, clean)).toBe(-Infinity);
  });
  it('trusts frames from the first keyframe decoded when it did', () => {
    expect(trustedFromSec(decoded, refsMissing)).toBe(3.483);
  });
  it('trusts nothing when it did and no keyframe was decoded', () => {
    expect(
      trustedFromSec(
        decoded.filter((f) => !f.key),
        refsMissing,
      ),
    ).toBe(Infinity);
    expect(trustedFromSec([], refsMissing)).toBe(Infinity);
  });
});
