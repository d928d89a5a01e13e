import { describe, expect, it } from 'vitest';
import { InvalidParameterError } from '../job/errors';
import { formatTime, formatVttTime, parseFieldTime, parseOffsets, parseTime } from './time';

const TEN_S = 10_000;

function thrown(fn: () => unknown): InvalidParameterError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidParameterError);
    return error as InvalidParameterError;
  }
  throw new Error('expected an InvalidParameterError');
}

describe('parseTime', () => {
  it.each([
    ['1500', 1500],
    ['0', 0],
    ['1500ms', 1500],
    ['1500MS', 1500],
    ['1500.4', 1500],
    ['1500.5', 1501],
    ['0.5ms', 1],
    ['1.5s', 1500],
    ['1.5S', 1500],
    ['.5s', 500],
    ['2s', 2000],
    ['1.0005s', 1001],
    ['1.0004999s', 1000],
    ['0.0015s', 2],
    ['00:01:02.500', 62_500],
    ['1:02.5', 62_500],
    ['0:01.5', 1500],
    ['01:02:03', 3_723_000],
    ['1:02:03.0004', 3_723_000],
    ['0:00', 0],
    ['90:00', 5_400_000],
    ['0:59.9995', 60_000],
    ['10%', 1000],
    ['12.5%', 1250],
    ['0%', 0],
    ['100%', TEN_S],
    ['0.005%', 1],
    ['  1.5s \t', 1500],
    ['-0', 0],
  ])('reads %j as %d ms', (token, ms) => {
    expect(parseTime(token, TEN_S)).toBe(ms);
  });

  it('takes percentages of the given duration, rounding half up', () => {
    expect(parseTime('50%', 3)).toBe(2);
    expect(parseTime('50%', 1001)).toBe(501);
    expect(parseTime('33.3333%', 90_000)).toBe(30_000);
    expect(parseTime('10%', 10_000.4)).toBe(1000);
    expect(parseTime('15%', 10_000.5)).toBe(1500);
  });

  it.each([
    'abc',
    '1.2.3',
    '1:75',
    '1:60',
    '1:60:00',
    '%',
    's',
    'ms',
    '',
    '   ',
    '1.',
    '1,5s',
    '+5',
    '1e3',
    'NaN',
    'Infinity',
    '1:2:3:4',
    '1:023',
    '1::2',
    '1500 ms',
    '5m',
    '--5',
    '0x10',
    '١٥٠٠',
  ])('refuses %j', (token) => {
    const error = thrown(() => parseTime(token, TEN_S));
    expect(error.field).toBe('offsets');
    expect(error.code).toBe('InvalidParameter');
    expect(error.message).toContain('is not a time');
    expect(error.message).toContain('Write times as 1500 (ms), 1.5s, 0:01.5 or 10%.');
  });

  it('says why a timecode field is out of range', () => {
    expect(thrown(() => parseTime('1:75', TEN_S)).message).toBe(
      'Time offset "1:75" is not a time (minutes and seconds must be below 60). Write times as 1500 (ms), 1.5s, 0:01.5 or 10%.',
    );
  });

  it.each(['-5', '-1s', '-0:01', '-10%', '-0.5'])('refuses the negative time %j', (token) => {
    const error = thrown(() => parseTime(token, TEN_S));
    expect(error.message).toBe(`Time offset "${token}" is negative. Times run from 0 (the first frame) to the end of the video.`);
  });

  it('refuses percentages when the duration is unknown', () => {
    expect(thrown(() => parseTime('10%', Number.NaN)).message).toContain("the video's duration is unknown");
    expect(thrown(() => parseTime('10%', Number.POSITIVE_INFINITY)).message).toContain('duration is unknown');
    expect(parseTime('1.5s', Number.NaN)).toBe(1500);
  });

  it('refuses times beyond the safe integer range', () => {
    expect(parseTime(String(Number.MAX_SAFE_INTEGER), TEN_S)).toBe(Number.MAX_SAFE_INTEGER);
    expect(thrown(() => parseTime('99999999999999999999', TEN_S)).message).toContain('is too large');
    expect(thrown(() => parseTime('9999999999999999s', TEN_S)).message).toContain('is too large');
  });

  it('does not check the upper bound', () => {
    expect(parseTime('12s', TEN_S)).toBe(12_000);
    expect(parseTime('150%', TEN_S)).toBe(15_000);
  });
});

describe('parseOffsets', () => {
  it('splits on commas, semicolons and whitespace, keeping order and duplicates', () => {
    expect(parseOffsets('1500, 1.5s;0:01.5\n10%\t 0 ,, ;  2s', TEN_S)).toEqual([1500, 1500, 1500, 1000, 0, 2000]);
  });

  it('accepts both ends of the range', () => {
    expect(parseOffsets('0 10s 100% 0:10', TEN_S)).toEqual([0, TEN_S, TEN_S, TEN_S]);
  });

  it('accepts 100% of a non-integer duration', () => {
    expect(parseOffsets('100%', 10_000.6)).toEqual([10_001]);
  });

  it('reports every bad entry in one error', () => {
    const error = thrown(() => parseOffsets('1s abc -5 2s 12s 10001', TEN_S));
    expect(error.field).toBe('offsets');
    expect(error.message).toBe(
      'Time offsets: "abc" is not a time, "-5" is negative, "12s" is past the end of the video (0:10.000), ' +
        '"10001" is past the end of the video (0:10.000). Use times from 0:00.000 to 0:10.000. ' +
        'Write times as 1500 (ms), 1.5s, 0:01.5 or 10%.',
    );
  });

  it('leaves out the format hint when every entry is well-formed', () => {
    const error = thrown(() => parseOffsets('-1s, 11s', TEN_S));
    expect(error.message).toBe(
      'Time offsets: "-1s" is negative, "11s" is past the end of the video (0:10.000). Use times from 0:00.000 to 0:10.000.',
    );
  });

  it('splits "5 s" into two entries, the second malformed', () => {
    expect(thrown(() => parseOffsets('5 s', TEN_S)).message).toContain('"s" is not a time');
  });

  it('lists at most ten entries and counts the rest', () => {
    const text = Array.from({ length: 13 }, (_, i) => `x${i}`).join(',');
    const message = thrown(() => parseOffsets(text, TEN_S)).message;
    expect(message).toContain('"x9" is not a time, and 3 more.');
    expect(message).not.toContain('"x10"');
  });

  it('shortens very long entries in the message', () => {
    const message = thrown(() => parseOffsets('a'.repeat(500), TEN_S)).message;
    expect(message).toContain(`"${'a'.repeat(24)}…" is not a time`);
    expect(message.length).toBeLessThan(200);
  });

  it.each(['', '   ', ' ,;\n,'])('asks for at least one offset when given %j', (text) => {
    const error = thrown(() => parseOffsets(text, TEN_S));
    expect(error.field).toBe('offsets');
    expect(error.message).toMatch(/^Add at least one time offset/);
  });

  it('has no upper bound when the duration is unknown', () => {
    expect(parseOffsets('99999s 1:00:00', Number.NaN)).toEqual([99_999_000, 3_600_000]);
  });
});

describe('formatTime', () => {
  it.each([
    [0, '0:00.000'],
    [1500, '0:01.500'],
    [62_500, '1:02.500'],
    [59_999, '0:59.999'],
    [599_999, '9:59.999'],
    [3_599_999, '59:59.999'],
    [3_600_000, '1:00:00.000'],
    [3_723_004, '1:02:03.004'],
    [36_000_000, '10:00:00.000'],
    [1499.5, '0:01.500'],
    [1499.4, '0:01.499'],
    [59_999.5, '1:00.000'],
    [-1500, '-0:01.500'],
    [-0.4, '0:00.000'],
  ])('formats %d ms as %j', (ms, text) => {
    expect(formatTime(ms)).toBe(text);
  });

  it.each([0, 1, 999, 1000, 59_999, 60_000, 62_500, 3_599_999, 3_600_000, 86_399_999, 123_456_789])(
    'round-trips %d ms through parseTime',
    (ms) => {
      expect(parseTime(formatTime(ms), Number.NaN)).toBe(ms);
    },
  );

  it('refuses NaN and Infinity', () => {
    expect(() => formatTime(Number.NaN)).toThrow(RangeError);
    expect(() => formatTime(Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });
});

describe('formatVttTime', () => {
  it.each([
    [0, '00:00:00.000'],
    [1500, '00:00:01.500'],
    [62_500, '00:01:02.500'],
    [3_723_004, '01:02:03.004'],
    [360_000_000, '100:00:00.000'],
    [999.5, '00:00:01.000'],
  ])('formats %d ms as %j', (ms, text) => {
    expect(formatVttTime(ms)).toBe(text);
  });

  it('refuses negative and non-finite times', () => {
    expect(() => formatVttTime(-1)).toThrow(RangeError);
    expect(() => formatVttTime(Number.NaN)).toThrow(RangeError);
  });
});

describe('parseFieldTime', () => {
  it('reads the same formats as parseTime', () => {
    expect(parseFieldTime('start', 'Start', '1.5s', TEN_S)).toBe(1500);
    expect(parseFieldTime('start', 'Start', '10%', TEN_S)).toBe(1000);
    expect(parseFieldTime('start', 'Start', '0:05', TEN_S)).toBe(5000);
  });

  it('names its own field and label', () => {
    const error = thrown(() => parseFieldTime('start', 'Start', 'abc', TEN_S));
    expect(error.field).toBe('start');
    expect(error.message).toBe('Start "abc" is not a time. Write times as 1500 (ms), 1.5s, 0:01.5 or 10%.');
    const negative = thrown(() => parseFieldTime('start', 'Start', '-2s', TEN_S));
    expect(negative.message).toBe('Start "-2s" is negative. Times run from 0 (the first frame) to the end of the video.');
  });
});
