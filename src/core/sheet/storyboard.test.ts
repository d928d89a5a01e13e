import { describe, expect, it } from 'vitest';
import { planSheets } from './spriteLayout';
import { storyboardJson, storyboards } from './storyboard';
import type { SpriteParams } from '../job/types';

const grid: SpriteParams = {
  cellWidth: 160,
  cellHeight: 90,
  columns: 2,
  lines: 2,
  padding: 0,
  margin: 0,
  color: 'black',
  keepCells: false,
  webvtt: true,
};

describe('storyboards', () => {
  it("gives Mux's shape per sheet: url, tile size, duration s, tiles with start s and x/y px", () => {
    const times = [0, 1000, 2000, 3500, 4000];
    const boards = storyboards(times, planSheets(grid, 5, 'jpg'), 5005);
    expect(boards).toEqual([
      {
        url: 'sprite_000.jpg',
        tile_width: 160,
        tile_height: 90,
        duration: 5.005,
        tiles: [
          { start: 0, x: 0, y: 0 },
          { start: 1, x: 160, y: 0 },
          { start: 2, x: 0, y: 90 },
          { start: 3.5, x: 160, y: 90 },
        ],
      },
      { url: 'sprite_001.jpg', tile_width: 160, tile_height: 90, duration: 5.005, tiles: [{ start: 4, x: 0, y: 0 }] },
    ]);
  });

  it("includes the header in the tiles' y, as the VTT does", () => {
    const sheets = planSheets({ ...grid, header: true }, 3, 'png');
    const band = sheets[0]!.headerHeight;
    expect(storyboards([0, 1, 2], sheets, 10)[0]!.tiles.map((t) => t.y)).toEqual([band, band, band + 90]);
  });

  it('refuses a cell count that differs from the times', () => {
    expect(() => storyboards([0, 1], planSheets(grid, 3, 'jpg'), 10)).toThrow(RangeError);
  });
});

describe('storyboardJson', () => {
  it("is Mux's object itself for one sheet and an array for several", () => {
    const one = storyboards([0], planSheets(grid, 1, 'jpg'), 1000);
    expect(JSON.parse(storyboardJson(one))).toEqual(one[0]);
    const two = storyboards([0, 1, 2, 3, 4], planSheets(grid, 5, 'jpg'), 5000);
    expect(JSON.parse(storyboardJson(two))).toEqual(two);
    expect(storyboardJson(two).endsWith('}\n]\n')).toBe(true);
  });
});
