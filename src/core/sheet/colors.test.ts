import { describe, expect, it } from 'vitest';
import { CSS_NAMED_COLORS, cssColorToHex, normalizeCssColor } from './colors';

describe('CSS_NAMED_COLORS', () => {
  it('holds the 148 CSS named colours as six hex digits', () => {
    expect(CSS_NAMED_COLORS.size).toBe(148);
    for (const [name, hex] of CSS_NAMED_COLORS) {
      expect(name).toMatch(/^[a-z]+$/);
      expect(hex).toMatch(/^[0-9a-f]{6}$/);
    }
    expect(CSS_NAMED_COLORS.get('rebeccapurple')).toBe('663399');
    expect(CSS_NAMED_COLORS.get('grey')).toBe(CSS_NAMED_COLORS.get('gray'));
  });
});

describe('normalizeCssColor', () => {
  it.each([
    ['black', 'black'],
    [' DarkSlateGray ', 'darkslategray'],
    ['#000', '#000'],
    ['#1E90FF', '#1e90ff'],
  ])('accepts %j as %j', (text, value) => {
    expect(normalizeCssColor(text)).toBe(value);
  });

  it.each(['', 'blak', 'transparent', '#ffff', '#12345', '#gggggg', 'rgb(0, 0, 0)', '000000', '# 000'])('refuses %j', (text) => {
    expect(normalizeCssColor(text)).toBeNull();
  });
});

describe('cssColorToHex', () => {
  it.each([
    ['black', '#000000'],
    ['White', '#ffffff'],
    ['navy', '#000080'],
    ['#F80', '#ff8800'],
    ['#1e90ff', '#1e90ff'],
  ])('turns %j into %j', (color, hex) => {
    expect(cssColorToHex(color)).toBe(hex);
  });

  it('refuses what is not a colour', () => {
    expect(() => cssColorToHex('nope')).toThrow(RangeError);
  });
});
