import { describe, expect, it } from 'vitest';
import { offsetNotes } from './offsetNotes';

const D = 17_000;
const texts = (text: string, d = D) => offsetNotes(text, d).map((n) => `${n.kind}: ${n.text}`);

describe('offsetNotes', () => {
  it('says nothing about a good list or a blank one', () => {
    expect(texts('1.5s, 0:04.2, 50%, 2500')).toEqual([]);
    expect(texts('   ')).toEqual([]);
  });
  it('names a time past the end with the duration', () => {
    expect(texts('1s, 99:00')).toEqual(['problem: 99:00 is past the end (0:17.000).']);
  });
  it('names entries that are not times, and negative ones', () => {
    expect(texts('abc, -5s')).toEqual(['problem: "abc" is not a time.', 'problem: "-5s" is negative: times run from 0:00.000.']);
  });
  it('says to use a dot for a comma decimal, and does not also explain its halves', () => {
    expect(texts('1,5s')).toEqual(['problem: "1,5s": use a dot for decimals (1.5s); a comma separates two times.']);
    expect(texts('1s, 1,5s, 2s')).toEqual(['problem: "1,5s": use a dot for decimals (1.5s); a comma separates two times.']);
  });
  it('a comma-space list is not a comma decimal', () => {
    expect(texts('1s, 5s')).toEqual([]);
  });
  it('explains bare numbers that look like seconds, and says when entries merge', () => {
    expect(texts('1.5, 2')).toEqual([
      'hint: 1.5 is read as 1.5 milliseconds (0:00.002); bare numbers are milliseconds. For seconds write 1.5s.',
      'hint: 2 is read as 2 milliseconds (0:00.002); bare numbers are milliseconds. For seconds write 2s.',
      'hint: 1.5, 2 all fall on 0:00.002: they make one snapshot.',
    ]);
  });
  it('leaves bare numbers of 100 and more alone (they read as ms on purpose)', () => {
    expect(texts('1500, 250')).toEqual([]);
  });
  it('cannot bound times when the duration is unknown, and says percentages are not times then', () => {
    expect(texts('99:00, 50%', NaN)).toEqual(['problem: "50%" is not a time.']);
  });
});
