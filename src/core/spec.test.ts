import { describe, expect, it } from 'vitest';
import { InvalidParameterError } from './errors';
import { checkOffsetsSpec, validateOffsetsSpec, type OffsetsSpecInput } from './spec';
import type { SourceInfo } from './types';

const source: SourceInfo = {
  name: 'flower.mp4',
  size: 1_234_567,
  container: 'mov,mp4,m4a,3gp,3g2,mj2',
  durationMs: 10_000,
  startTimeMs: 0,
  videoDurationMs: 10000,
  codec: 'h264',
  codecLongName: 'H.264 / AVC / MPEG-4 AVC / MPEG-4 part 10',
  codedWidth: 1920,
  codedHeight: 1080,
  width: 1920,
  height: 1080,
  rotation: 0,
  sampleAspectRatio: [1, 1],
  frameRate: 25,
  frameCount: 250,
  hasAudio: false,
};

const input = (overrides: Partial<OffsetsSpecInput> = {}): OffsetsSpecInput => ({
  offsetsText: '1.5s',
  width: '',
  height: '',
  quality: '',
  ...overrides,
});

describe('checkOffsetsSpec', () => {
  it('fills in the defaults', () => {
    expect(checkOffsetsSpec(input(), source)).toEqual({
      spec: { mode: 'offsets', offsetsMs: [1500], width: 1920, height: 1080, format: 'jpg', quality: 85, frameType: 'accurate' },
      problems: [],
    });
    expect('userData' in (checkOffsetsSpec(input(), source).spec ?? {})).toBe(false);
  });

  it('keeps the chosen format, frame type and quality', () => {
    const { spec } = checkOffsetsSpec(input({ format: 'webp', frameType: 'keyframe', quality: ' 100 ' }), source);
    expect(spec).toMatchObject({ format: 'webp', frameType: 'keyframe', quality: 100 });
  });

  it('sorts the offsets and removes duplicates', () => {
    const { spec } = checkOffsetsSpec(input({ offsetsText: '5s, 1500, 0:01.5 10% 0 10%' }), source);
    expect(spec?.offsetsMs).toEqual([0, 1000, 1500, 5000]);
  });

  it('resolves the size from one side', () => {
    expect(checkOffsetsSpec(input({ width: '640' }), source).spec).toMatchObject({ width: 640, height: 360 });
    expect(checkOffsetsSpec(input({ height: '360px' }), source).spec).toMatchObject({ width: 640, height: 360 });
    expect(checkOffsetsSpec(input({ width: '100', height: '100' }), source).spec).toMatchObject({ width: 100, height: 100 });
  });

  it.each([
    ['5', 'Width must be a whole number of pixels from 8 to 4096; "5" is too small.'],
    ['-640', 'Width must be a whole number of pixels from 8 to 4096; "-640" is too small.'],
    ['4097', 'Width must be a whole number of pixels from 8 to 4096; "4097" is too large.'],
    ['12.5', 'Width must be a whole number of pixels from 8 to 4096; "12.5" is not.'],
    ['abc', 'Width must be a whole number of pixels from 8 to 4096; "abc" is not.'],
    ['1e3', 'Width must be a whole number of pixels from 8 to 4096; "1e3" is not.'],
  ])('refuses the width %j', (width, message) => {
    expect(checkOffsetsSpec(input({ width }), source)).toEqual({ spec: null, problems: [{ field: 'width', message }] });
  });

  it('accepts both ends of the side range', () => {
    expect(checkOffsetsSpec(input({ width: '8', height: '4096' }), source).spec).toMatchObject({ width: 8, height: 4096 });
    expect(checkOffsetsSpec(input({ width: '4096', height: '8' }), source).problems).toEqual([]);
  });

  it('refuses a height out of range', () => {
    expect(checkOffsetsSpec(input({ height: '7' }), source).problems).toEqual([
      { field: 'height', message: 'Height must be a whole number of pixels from 8 to 4096; "7" is too small.' },
    ]);
  });

  it('refuses a given side whose follower would pass 4096 px', () => {
    const tall = { ...source, width: 100, height: 4096 };
    const { spec, problems } = checkOffsetsSpec(input({ width: '200' }), tall);
    expect(spec).toBeNull();
    expect(problems).toEqual([
      {
        field: 'width',
        message:
          "With a width of 200 px, the height follows the video's aspect ratio (100×4096) and would be 8192 px, above 4096. " +
          'Use a smaller width, or also set the height.',
      },
    ]);
    expect(checkOffsetsSpec(input({ width: '100' }), tall).spec).toMatchObject({ width: 100, height: 4096 });
    expect(checkOffsetsSpec(input({ width: '200', height: '200' }), tall).spec).toMatchObject({ width: 200, height: 200 });
  });

  it('uses the source size even above 4096 px when no side is given', () => {
    const eightK = { ...source, width: 7680, height: 4320 };
    expect(checkOffsetsSpec(input(), eightK).spec).toMatchObject({ width: 7680, height: 4320 });
  });

  it.each([
    ['0', 'too small'],
    ['101', 'too large'],
    ['85%', 'not'],
    ['8.5', 'not'],
  ])('refuses the quality %j', (quality, reason) => {
    expect(checkOffsetsSpec(input({ quality }), source).problems).toEqual([
      { field: 'quality', message: `Quality must be a whole number from 1 to 100 (empty means 85); "${quality}" is ${reason}.` },
    ]);
  });

  it('accepts quality 1 and 100', () => {
    expect(checkOffsetsSpec(input({ quality: '1' }), source).spec?.quality).toBe(1);
    expect(checkOffsetsSpec(input({ quality: '100' }), source).spec?.quality).toBe(100);
  });

  it('passes on the offsets message', () => {
    expect(checkOffsetsSpec(input({ offsetsText: 'abc 12s' }), source).problems).toEqual([
      {
        field: 'offsets',
        message:
          'Time offsets: "abc" is not a time, "12s" is past the end of the video (0:10.000). ' +
          'Use times from 0:00.000 to 0:10.000. Write times as 1500 (ms), 1.5s, 0:01.5 or 10%.',
      },
    ]);
    expect(checkOffsetsSpec(input({ offsetsText: ' ' }), source).problems[0]?.message).toMatch(/^Add at least one time offset/);
  });

  it('collects one problem per field, in form order', () => {
    const { spec, problems } = checkOffsetsSpec(
      { offsetsText: '-1', width: '1', height: '99999', quality: '0', userDataText: '{' },
      source,
    );
    expect(spec).toBeNull();
    expect(problems.map((p) => p.field)).toEqual(['offsets', 'width', 'height', 'quality', 'userData']);
  });

  describe('userData', () => {
    it('stores parsed JSON unchanged', () => {
      const value = { MessageCallback: { CallbackURL: 'http://example.com' }, Extend: { localId: 'xxx', n: [1, 2.5, null] } };
      expect(checkOffsetsSpec(input({ userDataText: JSON.stringify(value) }), source).spec?.userData).toEqual(value);
    });

    it.each([
      ['"text"', 'text'],
      ['42', 42],
      ['null', null],
      ['  [true]  ', [true]],
    ])('accepts any JSON value, e.g. %j', (userDataText, value) => {
      const { spec } = checkOffsetsSpec(input({ userDataText }), source);
      expect(spec && 'userData' in spec).toBe(true);
      expect(spec?.userData).toEqual(value);
    });

    it('leaves userData out when the text is empty', () => {
      expect('userData' in (checkOffsetsSpec(input({ userDataText: ' \n ' }), source).spec ?? { userData: 1 })).toBe(false);
    });

    it.each(['{', "{'a': 1}", '{"a": 1,}', 'undefined', 'abc'])('refuses the malformed JSON %j', (userDataText) => {
      const { spec, problems } = checkOffsetsSpec(input({ userDataText }), source);
      expect(spec).toBeNull();
      expect(problems).toHaveLength(1);
      expect(problems[0]?.field).toBe('userData');
      expect(problems[0]?.message).toMatch(/^User data must be valid JSON, such as \{"localId": "abc"\}/);
    });

    it('allows exactly 64 KB of UTF-8 and refuses one byte more', () => {
      // A JSON string of n "é" (2 bytes each) and m "a": 2 + 2n + m bytes.
      const exact = JSON.stringify(`${'é'.repeat(32_766)}aa`);
      expect(new TextEncoder().encode(exact).length).toBe(65_536);
      expect(checkOffsetsSpec(input({ userDataText: exact }), source).problems).toEqual([]);
      const over = JSON.stringify(`${'é'.repeat(32_767)}a`);
      expect(new TextEncoder().encode(over).length).toBe(65_537);
      expect(checkOffsetsSpec(input({ userDataText: over }), source).problems).toEqual([
        { field: 'userData', message: 'User data must be at most 64 KB (65536 bytes as UTF-8); this is 65537 bytes. Shorten it.' },
      ]);
    });

    it('measures the JSON without surrounding whitespace', () => {
      const exact = JSON.stringify(`${'é'.repeat(32_766)}aa`);
      expect(checkOffsetsSpec(input({ userDataText: `\n  ${exact}  \n` }), source).problems).toEqual([]);
    });
  });
});

describe('validateOffsetsSpec', () => {
  it('returns the spec', () => {
    expect(validateOffsetsSpec(input({ offsetsText: '2s 1s' }), source).offsetsMs).toEqual([1000, 2000]);
  });

  it('throws the first problem as InvalidParameterError', () => {
    let caught: unknown;
    try {
      validateOffsetsSpec(input({ width: '5', quality: '0' }), source);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(InvalidParameterError);
    expect((caught as InvalidParameterError).field).toBe('width');
    expect((caught as InvalidParameterError).code).toBe('InvalidParameter');
    expect((caught as InvalidParameterError).message).toBe('Width must be a whole number of pixels from 8 to 4096; "5" is too small.');
  });
});
