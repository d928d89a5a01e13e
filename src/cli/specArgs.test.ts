import { describe, expect, it } from 'vitest';
import { UsageError, argumentProblems, specInputFrom } from './specArgs';

describe('specInputFrom', () => {
  it('sets the mode from the options and keeps the page defaults elsewhere', () => {
    expect(specInputFrom({ offsets: '1.5s, 10%' }, null)).toMatchObject({
      mode: 'offsets',
      offsetsText: '1.5s, 10%',
      format: 'jpg',
      quality: '85',
    });
    expect(specInputFrom({ interval: '2', count: '5' }, null)).toMatchObject({ mode: 'sample', interval: '2', count: '5' });
    expect(specInputFrom({ sprite: '10x5', cell: '160x', vtt: false, keepCells: true }, null)).toMatchObject({
      mode: 'sprite',
      columns: '10',
      lines: '5',
      cellWidth: '160',
      cellHeight: '',
      webvtt: false,
      keepCells: true,
    });
    expect(specInputFrom({ offsets: '0', keyframes: true, deinterlace: 'off', userData: '{"a":1}' }, null)).toMatchObject({
      frameType: 'keyframe',
      deinterlace: 'off',
      userDataText: '{"a":1}',
    });
    expect(specInputFrom({ offsets: '0' }, { deinterlace: 'on' }).deinterlace).toBe('on');
    expect(specInputFrom({ offsets: '0' }, null).deinterlace).toBe('auto');
  });

  it('options override the spec file; sampling options keep a sprite file a sprite', () => {
    const file = { mode: 'sprite' as const, columns: '4', lines: '4', interval: '0', count: '16' };
    expect(specInputFrom({ count: '8' }, file)).toMatchObject({ mode: 'sprite', columns: '4', count: '8' });
    expect(specInputFrom({ width: '320' }, { mode: 'offsets', offsetsText: '1000' })).toMatchObject({
      mode: 'offsets',
      offsetsText: '1000',
      width: '320',
    });
  });

  it('refuses conflicting and missing modes, and malformed sizes', () => {
    expect(() => specInputFrom({ offsets: '1', interval: '2' }, null)).toThrow(/--offsets cannot be used with --interval/);
    expect(() => specInputFrom({ width: '320' }, null)).toThrow(/Say what to take/);
    expect(() => specInputFrom({ offsets: '1', cell: '160x90' }, null)).toThrow(/--cell only apply to sprite sheets/);
    expect(() => specInputFrom({ sprite: 'ten' }, null)).toThrow(UsageError);
  });
});

describe('argumentProblems', () => {
  it("reports what no video could fix, with the option and the page's sentence", () => {
    expect(argumentProblems(specInputFrom({ offsets: '1s', quality: '101' }, null))).toEqual([
      '--quality: Quality must be a whole number from 1 to 100 (empty means 85); "101" is too large.',
    ]);
    expect(argumentProblems(specInputFrom({ offsets: 'soon' }, null))[0]).toMatch(/^--offsets: /);
    expect(argumentProblems(specInputFrom({ sprite: '10x10', color: 'blurple' }, null))[0]).toMatch(
      /^--color: Background must be a CSS colour/,
    );
  });

  it('leaves what depends on the video to the video (times past a short end, plans too long for a long one)', () => {
    expect(argumentProblems(specInputFrom({ offsets: '0:30:00, 95%' }, null))).toEqual([]);
    expect(argumentProblems(specInputFrom({ interval: '0.01' }, null))).toEqual([]);
    expect(argumentProblems(specInputFrom({ height: '4096', offsets: '0' }, null))).toEqual([]);
  });
});
