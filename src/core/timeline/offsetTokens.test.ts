import { describe, expect, it } from 'vitest';
import { appendToken, moveToken, offsetTokens, removeToken } from './offsetTokens';

describe('offsetTokens', () => {
  it('splits like parseOffsets and keeps character ranges', () => {
    const text = ' 1.5s,2000;  0:04.2\n50% ';
    const tokens = offsetTokens(text, 10_000);
    expect(tokens.map((t) => [t.text, t.ms])).toEqual([
      ['1.5s', 1500],
      ['2000', 2000],
      ['0:04.2', 4200],
      ['50%', 5000],
    ]);
    for (const t of tokens) expect(text.slice(t.start, t.end)).toBe(t.text);
  });

  it('gives null for invalid tokens and percentages of an unknown duration, no range check', () => {
    expect(offsetTokens('abc, -1s, 1:75, 50%, 99s', Number.NaN).map((t) => t.ms)).toEqual([null, null, null, null, 99_000]);
    expect(offsetTokens('', 1000)).toEqual([]);
    expect(offsetTokens(' ,; \n', 1000)).toEqual([]);
  });
});

describe('moveToken', () => {
  it('rewrites one token as m:ss.mmm and leaves the rest as typed', () => {
    expect(moveToken('1.5s,  2000 ;50%', 1, 62_500)).toBe('1.5s,  1:02.500 ;50%');
    expect(moveToken('1.5s', 0, 1234.6)).toBe('0:01.235');
    expect(moveToken('abc 2s', 0, 40)).toBe('0:00.040 2s');
  });

  it('ignores a missing index and clamps negative times', () => {
    expect(moveToken('1s', 3, 100)).toBe('1s');
    expect(moveToken('1s', 0, -5)).toBe('0:00.000');
  });
});

describe('removeToken', () => {
  it('removes a token and one neighbouring separator', () => {
    expect(removeToken('1s, 2s, 3s', 0)).toBe('2s, 3s');
    expect(removeToken('1s, 2s, 3s', 1)).toBe('1s, 3s');
    expect(removeToken('1s, 2s, 3s', 2)).toBe('1s, 2s');
    expect(removeToken('1s;\n 2s', 1)).toBe('1s');
  });

  it('keeps the other tokens and separators untouched', () => {
    expect(removeToken('  1.5s ;  abc,,2000  ', 1)).toBe('  1.5s ;  2000  ');
  });

  it('empties the field when the only token goes', () => {
    expect(removeToken(' 1s, ', 0)).toBe('');
    expect(removeToken('1s', 0)).toBe('');
    expect(removeToken('1s', 1)).toBe('1s');
  });
});

describe('appendToken', () => {
  it('appends after the last token with ", "', () => {
    expect(appendToken('', 1500)).toBe('0:01.500');
    expect(appendToken('1s, ', 1500)).toBe('1s, 0:01.500');
    expect(appendToken('1s 2s\n', 3_600_000)).toBe('1s 2s, 1:00:00.000');
    expect(offsetTokens(appendToken('abc', 5), 1000).at(-1)?.ms).toBe(5);
  });
});
