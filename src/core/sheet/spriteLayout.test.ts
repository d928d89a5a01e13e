import { describe, expect, it } from 'vitest';
import { InvalidParameterError } from '../job/errors';
import { headerMetrics } from './sheetText';
import { MAX_SHEET_SIDE_PX, checkSpriteLayout, headerHeight, planSheets, sheetCount, sheetSize, type SpriteGrid } from './spriteLayout';
import type { SpriteParams } from '../job/types';

const params = (overrides: Partial<SpriteParams> = {}): SpriteParams => ({
  cellWidth: 160,
  cellHeight: 90,
  columns: 10,
  lines: 10,
  padding: 0,
  margin: 0,
  color: 'black',
  keepCells: false,
  webvtt: true,
  ...overrides,
});

function refusal(grid: SpriteGrid): InvalidParameterError {
  try {
    checkSpriteLayout(grid);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidParameterError);
    return error as InvalidParameterError;
  }
  throw new Error('expected an InvalidParameterError');
}

describe('sheetSize', () => {
  it("follows 2·margin + n·cell + (n − 1)·padding (Alibaba's example config)", () => {
    const alibaba = { cellWidth: 120, cellHeight: 68, columns: 3, lines: 10, padding: 20, margin: 50 };
    expect(sheetSize(alibaba)).toEqual({ width: 500, height: 960 });
  });

  it('is the cell itself for a 1 × 1 grid without borders', () => {
    expect(sheetSize(params({ columns: 1, lines: 1, padding: 30 }))).toEqual({ width: 160, height: 90 });
  });

  it('is 1600 × 900 for seek previews', () => {
    expect(sheetSize(params())).toEqual({ width: 1600, height: 900 });
  });
});

describe('checkSpriteLayout', () => {
  it('accepts the edges of every range', () => {
    expect(MAX_SHEET_SIDE_PX).toBe(16384);
    expect(() => checkSpriteLayout(params({ cellWidth: 8, cellHeight: 4096, columns: 1, lines: 4 }))).not.toThrow();
    expect(() => checkSpriteLayout(params({ cellWidth: 4096, cellHeight: 8, columns: 4, lines: 1 }))).not.toThrow();
  });

  it.each([
    [{ columns: 0 }, 'columns', 'Columns must be a whole number of at least 1; 0 is not.'],
    [{ columns: 1.5 }, 'columns', 'Columns must be a whole number of at least 1; 1.5 is not.'],
    [{ lines: -2 }, 'lines', 'Lines must be a whole number of at least 1; -2 is not.'],
    [{ lines: Number.NaN }, 'lines', 'Lines must be a whole number of at least 1; NaN is not.'],
    [{ cellWidth: 7 }, 'cellWidth', 'Cell width must be a whole number of pixels from 8 to 4096; 7 is not.'],
    [{ cellHeight: 4097 }, 'cellHeight', 'Cell height must be a whole number of pixels from 8 to 4096; 4097 is not.'],
    [{ cellWidth: 100.5 }, 'cellWidth', 'Cell width must be a whole number of pixels from 8 to 4096; 100.5 is not.'],
    [{ padding: -1 }, 'padding', 'Padding must be a whole number of pixels, 0 or more; -1 is not.'],
    [{ margin: 0.5 }, 'margin', 'Margin must be a whole number of pixels, 0 or more; 0.5 is not.'],
  ])('refuses %j', (overrides, field, message) => {
    const error = refusal(params(overrides));
    expect(error.field).toBe(field);
    expect(error.message).toBe(message);
  });

  it('refuses a sheet wider than 16384 px, naming the limit', () => {
    const error = refusal(params({ cellWidth: 4002, columns: 5, lines: 1 }));
    expect(error.field).toBe('columns');
    expect(error.message).toBe(
      'The sheet would be 20010 px wide; the limit is 16384 px per side. Use fewer columns, smaller cells or less padding.',
    );
  });

  it('refuses a sheet higher than 16384 px, mentioning the margin when there is one', () => {
    const error = refusal(params({ cellHeight: 90, lines: 200, margin: 4 }));
    expect(error.field).toBe('lines');
    expect(error.message).toBe(
      'The sheet would be 18008 px high; the limit is 16384 px per side. Use fewer lines, smaller cells, less padding or a smaller margin.',
    );
  });

  it('allows exactly 16384 px and refuses one more', () => {
    expect(() => checkSpriteLayout(params({ cellWidth: 4096, columns: 4 }))).not.toThrow();
    expect(refusal(params({ cellWidth: 4096, columns: 4, padding: 1 })).message).toMatch(/^The sheet would be 16387 px wide/);
    expect(refusal(params({ cellWidth: 4094, columns: 4, margin: 5 })).message).toMatch(/^The sheet would be 16386 px wide/);
  });

  it('checks the fields before the size', () => {
    expect(refusal(params({ columns: 0, cellWidth: 4096 })).field).toBe('columns');
  });
});

describe('planSheets', () => {
  const grid = params({ cellWidth: 100, cellHeight: 50, columns: 3, lines: 2, padding: 2, margin: 1 });

  it('lays cells left to right, top to bottom, restarting coordinates on each sheet', () => {
    const sheets = planSheets(grid, 8, 'jpg');
    expect(sheets.map((s) => [s.index, s.name, s.width, s.height, s.cells.length])).toEqual([
      [0, 'sprite_000.jpg', 306, 104, 6],
      // The last sheet holds only the line it uses: 2·1 + 50.
      [1, 'sprite_001.jpg', 306, 52, 2],
    ]);
    expect(sheets.map((s) => [s.headerHeight, s.lines])).toEqual([
      [0, 2],
      [0, 1],
    ]);
    expect(sheets[0]?.cells.map((c) => [c.index, c.x, c.y])).toEqual([
      [0, 1, 1],
      [1, 103, 1],
      [2, 205, 1],
      [3, 1, 53],
      [4, 103, 53],
      [5, 205, 53],
    ]);
    expect(sheets[1]?.cells).toEqual([
      { index: 6, x: 1, y: 1, width: 100, height: 50 },
      { index: 7, x: 103, y: 1, width: 100, height: 50 },
    ]);
  });

  it('keeps every sheet columns × lines with fixedSheetSize', () => {
    const fixed = planSheets({ ...grid, fixedSheetSize: true }, 8, 'jpg');
    expect(fixed.map((s) => [s.width, s.height, s.lines])).toEqual([
      [306, 104, 2],
      [306, 104, 2],
    ]);
  });

  it('trims a single partly used sheet too: 3 seek-preview cells make 1600 × 90, not 1600 × 900', () => {
    const [only] = planSheets(params(), 3, 'jpg');
    expect([only?.width, only?.height, only?.lines]).toEqual([1600, 90, 1]);
    expect(planSheets(params({ fixedSheetSize: true }), 3, 'jpg')[0]?.height).toBe(900);
  });

  it('puts the header above the cells: every y includes it, on every sheet, and the height grows by it', () => {
    const withHeader = { ...grid, header: true };
    const band = headerHeight(withHeader);
    expect(band).toBe(headerMetrics(306).height);
    expect(band).toBeGreaterThan(0);
    expect(headerHeight(grid)).toBe(0);
    const sheets = planSheets(withHeader, 8, 'jpg');
    expect(sheets.map((s) => [s.height, s.headerHeight])).toEqual([
      [104 + band, band],
      [52 + band, band],
    ]);
    expect(sheets[0]?.cells.map((c) => c.y)).toEqual([1, 1, 1, 53, 53, 53].map((y) => y + band));
    expect(sheets[1]?.cells.map((c) => [c.x, c.y])).toEqual([
      [1, 1 + band],
      [103, 1 + band],
    ]);
  });

  it('counts the header in the 16384 px limit', () => {
    const tall = params({ cellHeight: 4096, lines: 4, header: true });
    expect(refusal(tall).field).toBe('lines');
    expect(() => checkSpriteLayout({ ...tall, header: false })).not.toThrow();
  });

  it('keeps every cell inside its sheet, with the margin as border', () => {
    for (const sheet of planSheets(grid, 6, 'png')) {
      for (const cell of sheet.cells) {
        expect(cell.x + cell.width).toBeLessThanOrEqual(sheet.width - grid.margin);
        expect(cell.y + cell.height).toBeLessThanOrEqual(sheet.height - grid.margin);
      }
    }
  });

  it('makes exactly one full sheet for columns × lines cells, and none for no cell', () => {
    expect(planSheets(grid, 6, 'webp').map((s) => s.name)).toEqual(['sprite_000.webp']);
    expect(planSheets(grid, 7, 'png').map((s) => s.name)).toEqual(['sprite_000.png', 'sprite_001.png']);
    expect(planSheets(grid, 0, 'jpg')).toEqual([]);
  });

  it('numbers past 999 sheets with more digits', () => {
    const sheets = planSheets(params({ columns: 1, lines: 1 }), 1001, 'jpg');
    expect(sheets.at(-1)?.name).toBe('sprite_1000.jpg');
    expect(sheets.at(-1)?.cells).toEqual([{ index: 1000, x: 0, y: 0, width: 160, height: 90 }]);
  });

  it('refuses a bad layout or cell count', () => {
    expect(() => planSheets(params({ columns: 0 }), 5, 'jpg')).toThrow(InvalidParameterError);
    expect(() => planSheets(grid, -1, 'jpg')).toThrow(RangeError);
    expect(() => planSheets(grid, 2.5, 'jpg')).toThrow(RangeError);
  });
});

describe('sheetCount', () => {
  it.each([
    [0, 0],
    [1, 1],
    [100, 1],
    [101, 2],
    [1800, 18],
  ])('%d cells on 10 × 10 sheets make %d sheets', (cells, sheets) => {
    expect(sheetCount({ columns: 10, lines: 10 }, cells)).toBe(sheets);
  });
});
