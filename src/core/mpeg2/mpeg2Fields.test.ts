import { describe, expect, it } from 'vitest';
import { mpeg2CodedFrames } from './mpeg2Fields';
import { summarizeInterlacing } from '../probe/interlacing';
import fixture from '../fixtures/interlace-headers.json';

/**
 * The fixture holds 12 bytes from each sequence header, extension and picture start code of the first 30 frames of
 * three MPEG-2 streams (320x240, 25 fps, GOP 12, 2 B-frames) made with Debian's ffmpeg 5.1 from `testsrc2` at 50 fps
 * woven by `tinterlace`: `-flags +ildct+ilme -top 1`, `-top 0` (ffprobe: `tt`, `bb`), and a progressive encode.
 */
const es = (key: 'mpeg2-tff' | 'mpeg2-bff' | 'mpeg2-prog') => Uint8Array.from(Buffer.from(fixture[key], 'base64'));

/** A picture start code and a picture coding extension with the given structure and flags. */
function picture(structure: 1 | 2 | 3, topFieldFirst: 0 | 1, progressiveFrame: 0 | 1): number[] {
  return [0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0xb5, 0x8f, 0xff, 0xfc | structure, (topFieldFirst << 7) | 0x20, progressiveFrame << 7, 0, 0];
}
/** A sequence extension with the given progressive_sequence. */
const sequenceExtension = (progressive: 0 | 1) => [0, 0, 1, 0xb5, 0x14, 0x80 | (progressive << 3), 0, 0, 0, 0];

describe('mpeg2CodedFrames', () => {
  it('reads ffmpeg mpeg2video frame pictures: top field first, bottom field first, progressive', () => {
    expect(summarizeInterlacing(mpeg2CodedFrames(es('mpeg2-tff')), 'mpeg2video')).toEqual({
      fieldOrder: 'tff',
      coding: ['frame'],
      codingName: 'frame pictures',
      framesRead: 30,
    });
    expect(summarizeInterlacing(mpeg2CodedFrames(es('mpeg2-bff')), 'mpeg2video')).toMatchObject({ fieldOrder: 'bff', framesRead: 30 });
    expect(summarizeInterlacing(mpeg2CodedFrames(es('mpeg2-prog')), 'mpeg2video')).toMatchObject({
      fieldOrder: 'progressive',
      framesRead: 30,
    });
  });
  it('pairs field pictures into frames (which ffmpeg cannot encode)', () => {
    const bytes = Uint8Array.from([
      ...sequenceExtension(0),
      ...picture(2, 0, 0),
      ...picture(1, 0, 0),
      ...picture(3, 1, 0),
      ...picture(1, 0, 0),
    ]);
    expect(mpeg2CodedFrames(bytes)).toEqual([
      { interlaced: true, topFieldFirst: false, coding: 'field' },
      { interlaced: true, topFieldFirst: true, coding: 'frame' },
      { interlaced: true, topFieldFirst: true, coding: 'field' },
    ]);
    expect(summarizeInterlacing(mpeg2CodedFrames(bytes), 'mpeg2video')).toMatchObject({
      fieldOrder: 'mixed',
      codingName: 'field pictures + frame pictures',
    });
  });
  it('a progressive sequence has progressive frames whatever progressive_frame says; MPEG-1 pictures are progressive', () => {
    expect(mpeg2CodedFrames(Uint8Array.from([...sequenceExtension(1), ...picture(3, 1, 0)]))).toEqual([
      { interlaced: false, topFieldFirst: null, coding: 'frame' },
    ]);
    expect(mpeg2CodedFrames(Uint8Array.from([0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]))).toEqual([
      { interlaced: false, topFieldFirst: null, coding: 'frame' },
    ]);
  });
});
