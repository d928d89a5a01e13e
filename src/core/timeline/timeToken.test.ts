import { describe, expect, it } from 'vitest';
import { readTime, scaleDecimal } from './timeToken';

describe('scaleDecimal', () => {
  it.each([
    ['0', 3, 0n],
    ['1.5', 3, 1500n],
    ['.5', 0, 1n],
    ['0.4999', 0, 0n],
    ['2.5', 0, 3n],
    ['1.0005', 3, 1001n],
    ['1.00049999999999999999', 3, 1000n],
    ['123456789012345678901234567890', 0, 123456789012345678901234567890n],
  ])('rounds %s · 10^%d half up to %d', (text, shift, expected) => {
    expect(scaleDecimal(text, shift)).toBe(expected);
  });
});

describe('readTime', () => {
  it('reports problems without throwing', () => {
    expect(readTime('abc', 1000)).toEqual({ ok: false, problem: 'malformed' });
    expect(readTime('1:60', 1000)).toEqual({ ok: false, problem: 'fieldRange' });
    expect(readTime('-1:60', 1000)).toEqual({ ok: false, problem: 'fieldRange' });
    expect(readTime('-abc', 1000)).toEqual({ ok: false, problem: 'malformed' });
    expect(readTime('-2s', 1000)).toEqual({ ok: false, problem: 'negative' });
    expect(readTime('-5%', Number.NaN)).toEqual({ ok: false, problem: 'negative' });
    expect(readTime('5%', -1)).toEqual({ ok: false, problem: 'noDuration' });
    expect(readTime('1e30', 1000)).toEqual({ ok: false, problem: 'malformed' });
    expect(readTime('1000000000000000000000', 1000)).toEqual({ ok: false, problem: 'tooLarge' });
  });

  it('reads a valid time', () => {
    expect(readTime(' 2S ', 1000)).toEqual({ ok: true, ms: 2000 });
    expect(readTime('-0s', 1000)).toEqual({ ok: true, ms: 0 });
  });
});
