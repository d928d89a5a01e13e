import { describe, expect, it } from 'vitest';
import { planSampleTimes } from '../timeline/sampling';
import { planSheets } from './spriteLayout';
import type { SpriteParams } from '../job/types';
import { spriteCues, thumbnailsVtt, type VttCue } from './vtt';

const sprite = (overrides: Partial<SpriteParams> = {}): SpriteParams => ({
  cellWidth: 160,
  cellHeight: 90,
  columns: 2,
  lines: 1,
  padding: 4,
  margin: 2,
  color: 'black',
  keepCells: false,
  webvtt: true,
  ...overrides,
});

/** A tiny WebVTT reader for the cue shape we write: timings line, then the `sheet#xywh=` line. */
function parseVtt(text: string): VttCue[] {
  const [header, ...blocks] = text.split('\n\n');
  expect(header).toBe('WEBVTT');
  const stamp = (s: string): number => {
    const m = /^(\d{2,}):(\d{2}):(\d{2})\.(\d{3})$/.exec(s);
    if (!m) throw new Error(`bad timestamp ${s}`);
    return ((Number(m[1]) * 60 + Number(m[2])) * 60 + Number(m[3])) * 1000 + Number(m[4]);
  };
  return blocks
    .filter((b) => b !== '')
    .map((block) => {
      const [timing, target, ...rest] = block.split('\n');
      expect(rest).toEqual([]);
      const t = /^(\S+) --> (\S+)$/.exec(timing ?? '');
      const x = /^([^#\s]+)#xywh=(\d+),(\d+),(\d+),(\d+)$/.exec(target ?? '');
      if (!t || !x) throw new Error(`bad cue ${block}`);
      return {
        startMs: stamp(t[1] ?? ''),
        endMs: stamp(t[2] ?? ''),
        sheetName: x[1] ?? '',
        x: Number(x[2]),
        y: Number(x[3]),
        width: Number(x[4]),
        height: Number(x[5]),
      };
    });
}

describe('spriteCues', () => {
  it('gives one consecutive cue per cell; coordinates restart on each sheet', () => {
    const sheets = planSheets(sprite(), 3, 'jpg');
    expect(spriteCues([0, 2000, 4000], sheets, 5000)).toEqual([
      { startMs: 0, endMs: 2000, sheetName: 'sprite_000.jpg', x: 2, y: 2, width: 160, height: 90 },
      { startMs: 2000, endMs: 4000, sheetName: 'sprite_000.jpg', x: 166, y: 2, width: 160, height: 90 },
      { startMs: 4000, endMs: 5000, sheetName: 'sprite_001.jpg', x: 2, y: 2, width: 160, height: 90 },
    ]);
  });

  it('starts at the sampling start and ends the last cue at the rounded duration', () => {
    const cues = spriteCues([1500, 3500], planSheets(sprite(), 2, 'png'), 4999.6);
    expect(cues.map((c) => [c.startMs, c.endMs])).toEqual([
      [1500, 3500],
      [3500, 5000],
    ]);
  });

  it('gives the last cue 1 ms when its time is at or past the duration', () => {
    const sheets = planSheets(sprite(), 2, 'jpg');
    expect(spriteCues([0, 1000], sheets, 1000).at(-1)).toMatchObject({ startMs: 1000, endMs: 1001 });
    expect(spriteCues([0, 1000], sheets, 1000.4).at(-1)).toMatchObject({ startMs: 1000, endMs: 1001 });
    expect(spriteCues([0, 1000], sheets, Number.NaN).at(-1)).toMatchObject({ startMs: 1000, endMs: 1001 });
  });

  it('gives nothing for no cell', () => {
    expect(spriteCues([], [], 1000)).toEqual([]);
  });

  it('refuses times that do not match the cells', () => {
    const sheets = planSheets(sprite(), 3, 'jpg');
    expect(() => spriteCues([0, 1000], sheets, 5000)).toThrow(/3 cells but there are 2 times/);
    expect(() => spriteCues([0, 1000, 1000], sheets, 5000)).toThrow(/strictly ascending/);
    expect(() => spriteCues([0, 3000, 2000], sheets, 5000)).toThrow(/strictly ascending/);
    expect(() => spriteCues([-1, 1000, 2000], sheets, 5000)).toThrow(/whole ms/);
    expect(() => spriteCues([0, 1000.5, 2000], sheets, 5000)).toThrow(/whole ms/);
  });

  it('covers a whole hour of seek previews without gap or overlap (18 sheets of 10 × 10)', () => {
    const durationMs = 3_600_000;
    const times = planSampleTimes({ startMs: 0, intervalSec: 2, count: null, percent: null }, durationMs);
    const grid = sprite({ columns: 10, lines: 10, padding: 0, margin: 0 });
    const sheets = planSheets(grid, times.length, 'jpg');
    const cues = spriteCues(times, sheets, durationMs);
    expect(cues).toHaveLength(1800);
    expect(sheets).toHaveLength(18);
    expect(cues[0]?.startMs).toBe(0);
    expect(cues.at(-1)?.endMs).toBe(durationMs);
    cues.forEach((cue, k) => {
      expect(cue.endMs).toBeGreaterThan(cue.startMs);
      if (k > 0) expect(cue.startMs).toBe(cues[k - 1]?.endMs);
      expect(cue.sheetName).toBe(`sprite_${String(Math.floor(k / 100)).padStart(3, '0')}.jpg`);
      expect(cue.x).toBe((k % 10) * 160);
      expect(cue.y).toBe((Math.floor(k / 10) % 10) * 90);
      expect(cue.x + cue.width).toBeLessThanOrEqual(1600);
      expect(cue.y + cue.height).toBeLessThanOrEqual(900);
    });
  });
});

describe('thumbnailsVtt', () => {
  it('writes WEBVTT and one block per cue with HH:MM:SS.mmm timings', () => {
    const cues = spriteCues([0, 2000, 4000], planSheets(sprite(), 3, 'jpg'), 5000);
    expect(thumbnailsVtt(cues)).toBe(
      'WEBVTT\n\n' +
        '00:00:00.000 --> 00:00:02.000\nsprite_000.jpg#xywh=2,2,160,90\n\n' +
        '00:00:02.000 --> 00:00:04.000\nsprite_000.jpg#xywh=166,2,160,90\n\n' +
        '00:00:04.000 --> 00:00:05.000\nsprite_001.jpg#xywh=2,2,160,90\n\n',
    );
  });

  it('writes just the header for no cue', () => {
    expect(thumbnailsVtt([])).toBe('WEBVTT\n\n');
  });

  it('writes hours past one hour and parses back to the same cues', () => {
    const times = [0, 3_599_999, 3_600_000, 36_061_001];
    const cues = spriteCues(times, planSheets(sprite({ columns: 1, lines: 3 }), 4, 'webp'), 40_000_000);
    const text = thumbnailsVtt(cues);
    expect(text).toContain('00:59:59.999 --> 01:00:00.000\nsprite_000.webp#xywh=2,96,160,90\n');
    expect(text).toContain('10:01:01.001 --> 11:06:40.000\nsprite_001.webp#xywh=2,2,160,90\n');
    expect(parseVtt(text)).toEqual(cues);
  });
});
