import { describe, expect, it } from 'vitest';
import { InvalidParameterError } from './errors';
import { DEFAULT_SPEC_INPUT, checkJobSpec, requestedTimes, validateJobSpec, type SpecInput } from './spec';
import type { SourceInfo } from './types';
import { testSource } from '../fixtures/sourceInfo';

const source = testSource();

const input = (overrides: Partial<SpecInput> = {}): SpecInput => ({
  ...DEFAULT_SPEC_INPUT,
  offsetsText: '1.5s',
  quality: '',
  ...overrides,
});

/** checkJobSpec without the planned times, as the offsets tests compare it. */
const checkOffsetsSpec = (i: SpecInput, s: SourceInfo) => {
  const { spec, problems } = checkJobSpec(i, s);
  return { spec, problems };
};

describe('checkJobSpec, mode offsets', () => {
  it('fills in the defaults', () => {
    expect(checkOffsetsSpec(input(), source)).toEqual({
      spec: {
        mode: 'offsets',
        offsetsMs: [1500],
        width: 1920,
        height: 1080,
        fit: 'black',
        resolutionAdaptive: false,
        format: 'jpg',
        quality: 85,
        frameType: 'accurate',
        hdr: 'hable',
        deinterlace: 'auto',
      },
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
    expect(spec).toMatchObject({ mode: 'offsets', offsetsMs: [0, 1000, 1500, 5000] });
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
        field: 'offsetsText',
        message:
          'Time offsets: "abc" is not a time, "12s" is past the end of the video (0:10.000). ' +
          'Use times from 0:00.000 to 0:10.000. Write times as 1500 (ms), 1.5s, 0:01.5 or 10%.',
      },
    ]);
    expect(checkOffsetsSpec(input({ offsetsText: ' ' }), source).problems[0]?.message).toMatch(/^Add at least one time offset/);
  });

  it('collects one problem per field, in form order', () => {
    const { spec, problems } = checkOffsetsSpec(
      input({ offsetsText: '-1', width: '1', height: '99999', quality: '0', userDataText: '{' }),
      source,
    );
    expect(spec).toBeNull();
    expect(problems.map((p) => p.field)).toEqual(['offsetsText', 'width', 'height', 'quality', 'userDataText']);
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
      expect(problems[0]?.field).toBe('userDataText');
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
        { field: 'userDataText', message: 'User data must be at most 64 KB (65536 bytes as UTF-8); this is 65537 bytes. Shorten it.' },
      ]);
    });

    it('measures the JSON without surrounding whitespace', () => {
      const exact = JSON.stringify(`${'é'.repeat(32_766)}aa`);
      expect(checkOffsetsSpec(input({ userDataText: `\n  ${exact}  \n` }), source).problems).toEqual([]);
    });
  });
});

describe('validateJobSpec', () => {
  it('returns the spec', () => {
    expect(validateJobSpec(input({ offsetsText: '2s 1s' }), source)).toMatchObject({ offsetsMs: [1000, 2000] });
  });

  it('throws the first problem as InvalidParameterError', () => {
    let caught: unknown;
    try {
      validateJobSpec(input({ width: '5', quality: '0' }), source);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(InvalidParameterError);
    expect((caught as InvalidParameterError).field).toBe('width');
    expect((caught as InvalidParameterError).code).toBe('InvalidParameter');
    expect((caught as InvalidParameterError).message).toBe('Width must be a whole number of pixels from 8 to 4096; "5" is too small.');
  });
});

describe('DEFAULT_SPEC_INPUT', () => {
  it('is the form a newcomer finds', () => {
    expect(DEFAULT_SPEC_INPUT).toEqual({
      mode: 'offsets',
      offsetsText: '',
      start: '',
      interval: '',
      count: '',
      width: '',
      height: '',
      fit: 'black',
      resolutionAdaptive: false,
      format: 'jpg',
      quality: '85',
      frameType: 'accurate',
      hdr: 'hable',
      deinterlace: 'auto',
      cellWidth: '',
      cellHeight: '',
      columns: '',
      lines: '',
      padding: '',
      margin: '',
      color: '',
      keepCells: false,
      webvtt: true,
      header: false,
      timestamps: false,
      timestampPosition: 'bottom-right',
      fixedSheetSize: false,
      animation: false,
      animationFps: '',
      animationWidth: '',
      trickplay: [],
      userDataText: '',
      avoidBadFrames: false,
      cutThreshold: '',
      shotPick: 'start',
      shotOffset: '',
      shotSheet: false,
    });
  });
});

describe('checkJobSpec, output geometry', () => {
  const portrait: SourceInfo = { ...source, width: 1080, height: 1920, rotation: 90 };

  it('keeps fit and resolutionAdaptive', () => {
    const { spec } = checkJobSpec(input({ width: '320', height: '240', fit: 'gauss' }), source);
    expect(spec).toMatchObject({ width: 320, height: 240, fit: 'gauss', resolutionAdaptive: false });
  });

  it('swaps the typed sides for a portrait video with resolutionAdaptive', () => {
    expect(checkJobSpec(input({ width: '640', height: '360', resolutionAdaptive: true }), portrait).spec).toMatchObject({
      width: 360,
      height: 640,
      resolutionAdaptive: true,
    });
    expect(checkJobSpec(input({ width: '640', resolutionAdaptive: true }), portrait).spec).toMatchObject({ width: 360, height: 640 });
    expect(checkJobSpec(input({ width: '640', resolutionAdaptive: true }), source).spec).toMatchObject({ width: 640, height: 360 });
  });

  it('checks the follower of a short side with resolutionAdaptive', () => {
    const tall: SourceInfo = { ...source, width: 100, height: 4096 };
    const { problems } = checkJobSpec(input({ height: '200', resolutionAdaptive: true }), tall);
    expect(problems).toEqual([
      {
        field: 'height',
        message:
          "With a height of 200 px, the width follows the video's aspect ratio (100×4096) and would be 8192 px, above 4096. " +
          'Use a smaller height, or also set the width.',
      },
    ]);
    expect(checkJobSpec(input({ width: '200', resolutionAdaptive: true }), tall).spec).toMatchObject({ width: 5, height: 200 });
  });

  it('refuses choices outside the lists (e.g. from old stored settings)', () => {
    const bad = input({ fit: 'zoom' as never, format: 'gif' as never, frameType: 'any' as never });
    expect(checkJobSpec(bad, source).problems).toEqual([
      { field: 'fit', message: 'Fit must be one of black, white, gauss, stretch; "zoom" is not.' },
      { field: 'format', message: 'Format must be one of jpg, png, webp; "gif" is not.' },
      { field: 'frameType', message: 'Frame type must be one of accurate, keyframe; "any" is not.' },
    ]);
    expect(checkJobSpec(input({ mode: 'gif' as never }), source).problems.map((p) => p.field)).toEqual(['mode']);
  });
});

describe('checkJobSpec, planned times', () => {
  it('lists the offsets sorted and unique', () => {
    expect(checkJobSpec(input({ offsetsText: '5s 1s 1000' }), source).plannedTimesMs).toEqual([1000, 5000]);
  });

  it('lists the times even when other fields have problems', () => {
    const result = checkJobSpec(input({ offsetsText: '2s 1s', width: '1' }), source);
    expect(result.spec).toBeNull();
    expect(result.plannedTimesMs).toEqual([1000, 2000]);
    const sampled = checkJobSpec(input({ mode: 'sample', interval: '5', quality: '0' }), source);
    expect(sampled.spec).toBeNull();
    expect(sampled.plannedTimesMs).toEqual([0, 5000]);
  });

  it('is empty when the times are invalid', () => {
    expect(checkJobSpec(input({ offsetsText: 'abc' }), source).plannedTimesMs).toEqual([]);
    expect(checkJobSpec(input({ mode: 'sample', start: '20s' }), source).plannedTimesMs).toEqual([]);
  });
});

describe('requestedTimes', () => {
  const specOf = (overrides: Partial<SpecInput>) => {
    const { spec } = checkJobSpec(input(overrides), source);
    if (!spec) throw new Error('the spec should hold');
    return spec;
  };

  it('is the offsets of an offsets job and the planned times of sample and sprite jobs, ms', () => {
    expect(requestedTimes(specOf({ offsetsText: '3s, 1.5s' }))).toEqual([1500, 3000]);
    expect(requestedTimes(specOf({ mode: 'sample', interval: '4' }))).toEqual([0, 4000, 8000]);
    expect(requestedTimes(specOf({ mode: 'sprite', interval: '5' }))).toEqual([0, 5000]);
  });

  it('is empty for a shots job (its times come with its cuts)', () => {
    expect(requestedTimes(specOf({ mode: 'shots' }))).toEqual([]);
  });
});

describe('checkJobSpec, mode sample', () => {
  const sample = (overrides: Partial<SpecInput> = {}): SpecInput => input({ mode: 'sample', offsetsText: 'not checked', ...overrides });

  it('takes a snapshot every second from 0 by default (Alibaba Interval = 1)', () => {
    const { spec, problems, plannedTimesMs } = checkJobSpec(sample(), source);
    expect(problems).toEqual([]);
    expect(spec).toEqual({
      mode: 'sample',
      sampling: { startMs: 0, intervalSec: 1, count: null, percent: null },
      timesMs: [0, 1000, 2000, 3000, 4000, 5000, 6000, 7000, 8000, 9000],
      width: 1920,
      height: 1080,
      fit: 'black',
      resolutionAdaptive: false,
      format: 'jpg',
      quality: 85,
      frameType: 'accurate',
      hdr: 'hable',
      deinterlace: 'auto',
    });
    expect(plannedTimesMs).toEqual(spec?.mode === 'sample' ? spec.timesMs : null);
  });

  it.each([
    [{ start: '1.5s', interval: '3' }, { startMs: 1500, intervalSec: 3, count: null, percent: null }, [1500, 4500, 7500]],
    [{ start: '0:02', interval: '2s', count: '2' }, { startMs: 2000, intervalSec: 2, count: 2, percent: null }, [2000, 4000]],
    [
      { start: '50%', interval: '0', count: '5' },
      { startMs: 5000, intervalSec: 0, count: 5, percent: null },
      [5000, 6000, 7000, 8000, 9000],
    ],
    [{ interval: '25%' }, { startMs: 0, intervalSec: 0, count: null, percent: 25 }, [0, 2500, 5000, 7500]],
    [{ interval: ' 0.5 ', count: '3' }, { startMs: 0, intervalSec: 0.5, count: 3, percent: null }, [0, 500, 1000]],
    [{ start: '2500', interval: '100' }, { startMs: 2500, intervalSec: 100, count: null, percent: null }, [2500]],
  ])('reads %j', (fields, sampling, timesMs) => {
    const { spec, problems } = checkJobSpec(sample(fields), source);
    expect(problems).toEqual([]);
    expect(spec).toMatchObject({ mode: 'sample', sampling, timesMs });
  });

  it.each([
    [{ start: 'abc' }, 'start', 'Start "abc" is not a time. Write times as 1500 (ms), 1.5s, 0:01.5 or 10%.'],
    [{ start: '-1s' }, 'start', 'Start "-1s" is negative. Times run from 0 (the first frame) to the end of the video.'],
    [{ start: '10s' }, 'start', 'Start must be before the end of the video (0:10.000); 0:10.000 is not. Use an earlier start.'],
    [{ start: '100%' }, 'start', 'Start must be before the end of the video (0:10.000); 0:10.000 is not. Use an earlier start.'],
    [
      { interval: 'often' },
      'interval',
      'Interval must be a number of seconds (2, 0.5, or 0 to spread the count evenly) or a percentage of the duration (10%); "often" is not.',
    ],
    [{ interval: '-2' }, 'interval', 'Interval must be 0 (spread the count evenly) or a number of seconds from 0.001; -2 is negative.'],
    [{ interval: '0%' }, 'interval', 'A percentage interval must be above 0% and at most 100%; 0% is not.'],
    [{ interval: '150%' }, 'interval', 'A percentage interval must be above 0% and at most 100%; 150% is not.'],
    [{ interval: '1e3' }, 'interval', expect.stringMatching(/"1e3" is not\.$/)],
    [
      { interval: '0' },
      'count',
      'With an interval of 0, give a count: that many snapshots are spread evenly from the start to the end of the video.',
    ],
    [{ count: '0' }, 'count', 'Count must be a whole number of at least 1 (empty means as many as fit); "0" is too small.'],
    [{ count: '2.5' }, 'count', 'Count must be a whole number of at least 1 (empty means as many as fit); "2.5" is not.'],
  ])('refuses %j', (fields, field, message) => {
    const { spec, problems, plannedTimesMs } = checkJobSpec(sample(fields), source);
    expect(spec).toBeNull();
    expect(problems).toEqual([{ field, message }]);
    expect(plannedTimesMs).toEqual([]);
  });

  it('does not check the fields of other modes', () => {
    const other = sample({ offsetsText: 'garbage', cellWidth: '1', columns: '0', color: 'nope' });
    expect(checkJobSpec(other, source).problems).toEqual([]);
  });

  it('refuses sampling a video of unknown duration', () => {
    const { problems } = checkJobSpec(sample({ count: '3' }), { ...source, durationMs: Number.NaN });
    expect(problems.map((p) => p.field)).toEqual(['interval']);
  });
});

describe('checkJobSpec, mode sprite', () => {
  const sprite = (overrides: Partial<SpecInput> = {}): SpecInput => input({ mode: 'sprite', interval: '2', ...overrides });

  it('fills in the defaults: 160 px wide cells, 10 × 10, no gaps, black, WebVTT on', () => {
    const { spec, problems } = checkJobSpec(sprite(), source);
    expect(problems).toEqual([]);
    expect(spec).toEqual({
      mode: 'sprite',
      sampling: { startMs: 0, intervalSec: 2, count: null, percent: null },
      timesMs: [0, 2000, 4000, 6000, 8000],
      sprite: {
        cellWidth: 160,
        cellHeight: 90,
        columns: 10,
        lines: 10,
        padding: 0,
        margin: 0,
        color: 'black',
        keepCells: false,
        webvtt: true,
        header: false,
        timestamps: false,
        timestampPosition: 'bottom-right',
        fixedSheetSize: false,
      },
      width: 160,
      height: 90,
      fit: 'black',
      resolutionAdaptive: false,
      format: 'jpg',
      quality: 85,
      frameType: 'accurate',
      hdr: 'hable',
      deinterlace: 'auto',
    });
  });

  it('reads every sprite field', () => {
    const fields = {
      cellWidth: '120px',
      cellHeight: '68',
      columns: '3',
      lines: '10',
      padding: '20',
      margin: '50',
      color: ' #1E90FF ',
      keepCells: true,
      webvtt: false,
      fit: 'white' as const,
    };
    const { spec } = checkJobSpec(sprite(fields), source);
    expect(spec).toMatchObject({
      width: 120,
      height: 68,
      fit: 'white',
      sprite: {
        cellWidth: 120,
        cellHeight: 68,
        columns: 3,
        lines: 10,
        padding: 20,
        margin: 50,
        color: '#1e90ff',
        keepCells: true,
        webvtt: false,
      },
    });
  });

  it('lets one cell side follow the aspect ratio, and ignores width and height', () => {
    expect(checkJobSpec(sprite({ cellWidth: '320', width: 'junk' }), source).spec).toMatchObject({ width: 320, height: 180 });
    expect(checkJobSpec(sprite({ cellHeight: '45' }), source).spec).toMatchObject({ width: 80, height: 45 });
    const portrait: SourceInfo = { ...source, width: 1080, height: 1920 };
    expect(checkJobSpec(sprite(), portrait).spec).toMatchObject({ width: 160, height: 284 });
    expect(checkJobSpec(sprite({ cellWidth: '160', cellHeight: '90', resolutionAdaptive: true }), portrait).spec).toMatchObject({
      width: 90,
      height: 160,
    });
  });

  it('does not limit the number of sheets', () => {
    const long: SourceInfo = { ...source, durationMs: 3_600_000 };
    const { spec } = checkJobSpec(sprite({ interval: '1', columns: '2', lines: '2' }), long);
    expect(spec?.mode === 'sprite' ? spec.timesMs.length : 0).toBe(3600);
  });

  it.each([
    [{ cellWidth: '7' }, 'cellWidth', 'Cell width must be a whole number of pixels from 8 to 4096; "7" is too small.'],
    [{ cellHeight: 'tall' }, 'cellHeight', 'Cell height must be a whole number of pixels from 8 to 4096; "tall" is not.'],
    [{ columns: '0' }, 'columns', 'Columns must be a whole number of at least 1 (empty means 10); "0" is too small.'],
    [{ lines: '1.5' }, 'lines', 'Lines must be a whole number of at least 1 (empty means 10); "1.5" is not.'],
    [{ padding: '-1' }, 'padding', 'Padding must be a whole number of pixels, 0 or more (empty means 0); "-1" is too small.'],
    [{ margin: 'x' }, 'margin', 'Margin must be a whole number of pixels, 0 or more (empty means 0); "x" is not.'],
    [
      { color: 'blurple' },
      'color',
      'Background must be a CSS colour name (black, white, navy…) or a hex colour (#000, #1e90ff); "blurple" is not.',
    ],
    [
      { cellWidth: '4002', columns: '5' },
      'columns',
      'The sheet would be 20010 px wide; the limit is 16384 px per side. Use fewer columns, smaller cells or less padding.',
    ],
    [
      { cellHeight: '90', lines: '200', padding: '1' },
      'lines',
      'The sheet would be 18199 px high; the limit is 16384 px per side. Use fewer lines, smaller cells or less padding.',
    ],
  ])('refuses %j', (fields, field, message) => {
    const { spec, problems, plannedTimesMs } = checkJobSpec(sprite(fields), source);
    expect(spec).toBeNull();
    expect(problems).toEqual([{ field, message }]);
    expect(plannedTimesMs).toEqual([0, 2000, 4000, 6000, 8000]);
  });

  it('refuses a cell side that follows the aspect ratio out of [8, 4096]', () => {
    const wide: SourceInfo = { ...source, width: 4096, height: 100 };
    expect(checkJobSpec(sprite(), wide).problems).toEqual([
      {
        field: 'cellWidth',
        message:
          "With the default cell width of 160 px, the cell height follows the video's aspect ratio (4096×100) and would be 4 px, " +
          'below 8. Use a larger cell width, or also set the cell height.',
      },
    ]);
    expect(checkJobSpec(sprite({ cellHeight: '200' }), wide).problems).toEqual([
      {
        field: 'cellHeight',
        message:
          "With a cell height of 200 px, the cell width follows the video's aspect ratio (4096×100) and would be 8192 px, " +
          'above 4096. Use a smaller cell height, or also set the cell width.',
      },
    ]);
    const tall: SourceInfo = { ...source, width: 100, height: 4096 };
    expect(checkJobSpec(sprite(), tall).problems).toEqual([
      {
        field: 'cellWidth',
        message:
          "With the default cell width of 160 px, the cell height follows the video's aspect ratio (100×4096) and would be " +
          '6554 px, above 4096. Use a smaller cell width, or also set the cell height.',
      },
    ]);
    expect(checkJobSpec(sprite({ cellWidth: '160', cellHeight: '8' }), wide).problems).toEqual([]);
    expect(checkJobSpec(sprite({ cellHeight: '8' }), wide).spec).toMatchObject({ width: 328, height: 8 });
  });

  it('lists every problem in form order', () => {
    const { problems } = checkJobSpec(
      sprite({ start: 'x', count: '0', cellWidth: '1', columns: '0', color: '??', quality: '0', userDataText: '{' }),
      source,
    );
    expect(problems.map((p) => p.field)).toEqual(['start', 'count', 'quality', 'cellWidth', 'columns', 'color', 'userDataText']);
  });
});

describe('checkJobSpec, contact sheet and animated preview', () => {
  it('carries header, timestamps, their position and the fixed sheet size into the sprite spec', () => {
    const { spec } = checkJobSpec(
      input({ mode: 'sprite', header: true, timestamps: true, timestampPosition: 'top', fixedSheetSize: true }),
      source,
    );
    expect(spec?.mode === 'sprite' && spec.sprite).toMatchObject({
      header: true,
      timestamps: true,
      timestampPosition: 'top',
      fixedSheetSize: true,
    });
  });

  it('refuses a timestamp position outside the nine (old stored settings)', () => {
    const { problems } = checkJobSpec(input({ mode: 'sprite', timestamps: true, timestampPosition: 'middle' as never }), source);
    expect(problems.map((p) => p.field)).toEqual(['timestampPosition']);
  });

  it('adds the animation to sample and sprite specs only when asked, sized from the images', () => {
    const sample = checkJobSpec(input({ mode: 'sample', animation: true, animationFps: '4', width: '640' }), source).spec;
    expect(sample?.mode === 'sample' && sample.animation).toEqual({ frameRate: 4, width: 320, height: 180 });
    const sprite = checkJobSpec(input({ mode: 'sprite', animation: true }), source).spec;
    expect(sprite?.mode === 'sprite' && sprite.animation).toEqual({ frameRate: 2, width: 160, height: 90 });
    const off = checkJobSpec(input({ mode: 'sample' }), source).spec;
    expect(off && 'animation' in off).toBe(false);
    const offsets = checkJobSpec(input({ mode: 'offsets', animation: true }), source).spec;
    expect(offsets && 'animation' in offsets).toBe(false);
  });

  it('names the animation field that is wrong', () => {
    const { problems } = checkJobSpec(input({ mode: 'sample', animation: true, animationFps: '0' }), source);
    expect(problems.map((p) => p.field)).toEqual(['animationFps']);
  });
});

describe('checkJobSpec, HDR', () => {
  it('carries the operator or off into the spec (default hable)', () => {
    for (const hdr of ['hable', 'reinhard', 'bt2390', 'off'] as const) {
      expect(checkJobSpec(input({ offsetsText: '1s', hdr }), source).spec?.hdr).toBe(hdr);
    }
    expect(checkJobSpec(input({ offsetsText: '1s' }), source).spec?.hdr).toBe('hable');
  });
  it('refuses an unknown operator, naming the choices', () => {
    const { spec, problems } = checkJobSpec(input({ offsetsText: '1s', hdr: 'aces' as never }), source);
    expect(spec).toBeNull();
    expect(problems).toEqual([{ field: 'hdr', message: 'HDR must be one of hable, reinhard, bt2390, off; "aces" is not.' }]);
  });
});

describe('checkJobSpec: avoid dark or blurry frames, mode shots', () => {
  it('carries "Avoid dark or blurry frames" into the spec only when on', () => {
    expect(checkJobSpec(input({ offsetsText: '1s', avoidBadFrames: true }), source).spec).toMatchObject({ avoidBadFrames: true });
    expect('avoidBadFrames' in (checkJobSpec(input({ offsetsText: '1s' }), source).spec ?? {})).toBe(false);
  });

  it('reads a shots spec: threshold, pick, offset, and the sprite fields for a contact sheet', () => {
    const { spec, plannedTimesMs } = checkJobSpec(input({ mode: 'shots', width: '320' }), source);
    expect(plannedTimesMs).toEqual([]);
    expect(spec).toMatchObject({ mode: 'shots', shots: { threshold: 10, pick: 'start', offsetMs: 500 }, sprite: null, width: 320 });
    const sheet = checkJobSpec(
      input({ mode: 'shots', cutThreshold: '27.5', shotPick: 'sharpest', shotOffset: '1s', shotSheet: true, columns: '4' }),
      source,
    );
    expect(sheet.spec).toMatchObject({
      shots: { threshold: 27.5, pick: 'sharpest', offsetMs: 1000 },
      sprite: { columns: 4, cellWidth: 160 },
    });
  });

  it('names a bad cut threshold', () => {
    for (const cutThreshold of ['abc', '101', '-1']) {
      const { problems } = checkJobSpec(input({ mode: 'shots', cutThreshold }), source);
      expect(problems[0]?.field).toBe('cutThreshold');
      expect(problems[0]?.message).toContain('Cut threshold must be a number from 0 to 100');
    }
  });
});
