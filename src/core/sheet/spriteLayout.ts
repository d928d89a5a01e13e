/**
 * Sprite sheet grid math (docs/SPEC.md "Sprite sheets"): sheet size, layout checks, and where every cell goes.
 * All sizes and coordinates are integer px; a cell's x/y is its top-left corner inside its own sheet.
 */
import { InvalidParameterError } from '../job/errors';
import { MAX_SIDE_PX, MIN_SIDE_PX } from '../output/geometry';
import { spriteSheetFileName } from '../output/naming';
import { headerMetrics } from './sheetText';
import type { ImageFormat, SpriteParams } from '../job/types';

/** Largest sheet side, px (SPEC "Sprite sheets"; also the canvas side every current browser can allocate). */
export const MAX_SHEET_SIDE_PX = 16384;

/** One cell of a sheet. `index` is the global cell index (0-based, across sheets), which is also the time's index. */
export interface CellRect {
  index: number;
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * One sheet: its index (0-based), file name, full size (px, header included), the cells it holds, in order, the
 * height of its metadata header (px, 0 without one) and how many lines of cells it has.
 */
export interface SheetPlan {
  index: number;
  name: string;
  width: number;
  height: number;
  cells: CellRect[];
  headerHeight: number;
  lines: number;
}

/** The parameters that decide the grid (`header` adds the band above it; absent = none). */
export type SpriteGrid = Pick<SpriteParams, 'cellWidth' | 'cellHeight' | 'columns' | 'lines' | 'padding' | 'margin'> &
  Partial<Pick<SpriteParams, 'header'>>;

/**
 * The height of the metadata header above a sheet's cells, px: 0 without `header`, else core/sheet/sheetText.ts
 * `headerMetrics` of the sheet's width (the same on every sheet of a job).
 */
export function headerHeight(p: SpriteGrid): number {
  return p.header ? headerMetrics(sheetSize(p).width).height : 0;
}

/** The height of a sheet of `lines` lines of cells under a header of `header` px: header + 2·margin + lines·cell + gaps. */
function heightOf(p: SpriteGrid, lines: number, header: number): number {
  return header + 2 * p.margin + lines * p.cellHeight + (lines - 1) * p.padding;
}

/**
 * The size of one sheet.
 *
 * @param p cell size (px), columns and lines (counts), padding (gap between cells, px), margin (border, px).
 * @returns width = 2·margin + columns·cellWidth + (columns − 1)·padding, height likewise with lines and cellHeight,
 *   px. Does not check the values (see {@link checkSpriteLayout}).
 * Source: docs/SPEC.md "Sprite sheets" (Alibaba SpriteSnapshotConfig `Padding`, `Margin`).
 */
export function sheetSize(p: SpriteGrid): { width: number; height: number } {
  return {
    width: 2 * p.margin + p.columns * p.cellWidth + (p.columns - 1) * p.padding,
    height: 2 * p.margin + p.lines * p.cellHeight + (p.lines - 1) * p.padding,
  };
}

const isWhole = (value: number, min: number, max = Number.MAX_SAFE_INTEGER): boolean =>
  Number.isSafeInteger(value) && value >= min && value <= max;

/**
 * Checks that a sprite layout can be made, before anything is decoded.
 *
 * @param p the grid: cellWidth/cellHeight px, columns/lines counts, padding/margin px.
 * @throws InvalidParameterError naming the field and the allowed range, for the first problem in this order:
 *   'columns' / 'lines' not a whole number ≥ 1; 'cellWidth' / 'cellHeight' not a whole number in [8, 4096];
 *   'padding' / 'margin' not a whole number ≥ 0; 'columns' when the sheet would be wider than
 *   {@link MAX_SHEET_SIDE_PX}, 'lines' when it would be higher (the message gives the size and the limit).
 * Source: docs/SPEC.md "Sprite sheets" (a sheet over 16384 px on a side is InvalidParameter, before decoding);
 *   Alibaba SpriteSnapshotConfig `CellWidth`/`CellHeight` range [8, 4096].
 */
export function checkSpriteLayout(p: SpriteGrid): void {
  for (const [field, label] of [
    ['columns', 'Columns'],
    ['lines', 'Lines'],
  ] as const) {
    if (!isWhole(p[field], 1)) {
      throw new InvalidParameterError(field, `${label} must be a whole number of at least 1; ${p[field]} is not.`);
    }
  }
  for (const [field, label] of [
    ['cellWidth', 'Cell width'],
    ['cellHeight', 'Cell height'],
  ] as const) {
    if (!isWhole(p[field], MIN_SIDE_PX, MAX_SIDE_PX)) {
      throw new InvalidParameterError(
        field,
        `${label} must be a whole number of pixels from ${MIN_SIDE_PX} to ${MAX_SIDE_PX}; ${p[field]} is not.`,
      );
    }
  }
  for (const [field, label] of [
    ['padding', 'Padding'],
    ['margin', 'Margin'],
  ] as const) {
    if (!isWhole(p[field], 0)) {
      throw new InvalidParameterError(field, `${label} must be a whole number of pixels, 0 or more; ${p[field]} is not.`);
    }
  }
  const grid = sheetSize(p);
  const size = { width: grid.width, height: grid.height + headerHeight(p) };
  const also = p.margin > 0 ? ', less padding or a smaller margin' : ' or less padding';
  if (size.width > MAX_SHEET_SIDE_PX) {
    throw new InvalidParameterError(
      'columns',
      `The sheet would be ${size.width} px wide; the limit is ${MAX_SHEET_SIDE_PX} px per side. ` +
        `Use fewer columns, smaller cells${also}.`,
    );
  }
  if (size.height > MAX_SHEET_SIDE_PX) {
    throw new InvalidParameterError(
      'lines',
      `The sheet would be ${size.height} px high; the limit is ${MAX_SHEET_SIDE_PX} px per side. ` +
        `Use fewer lines, smaller cells${also}.`,
    );
  }
}

/**
 * Lays out `cellCount` cells on as many sheets as needed.
 *
 * @param p the sprite parameters (only the grid is used).
 * @param cellCount number of cells (one per sampled time), whole ≥ 0; 0 gives no sheet.
 * @param format the image format, which gives the sheets' extension.
 * @returns the sheets in order, named `sprite_000.<ext>`, `sprite_001.<ext>`, …; cells left to right, top to bottom,
 *   `columns × lines` per sheet, the rest starting a new sheet. Cell k sits at column c = k mod columns, line
 *   l = ⌊k / columns⌋ mod lines of sheet ⌊k / (columns·lines)⌋, at x = margin + c·(cellWidth + padding),
 *   y = header + margin + l·(cellHeight + padding), where header = {@link headerHeight} (0 without `header`):
 *   coordinates restart at each sheet and include the header, so `#xywh` points at the right pixels. Every sheet is
 *   {@link sheetSize} wide; it is as high as its header and grid, where the last sheet holds only the lines it uses
 *   (⌈cells / columns⌉, as Mux's and Bunny's storyboards) unless `fixedSheetSize`, which keeps every sheet
 *   columns × lines.
 * @throws InvalidParameterError as {@link checkSpriteLayout}; RangeError when `cellCount` is not a whole number ≥ 0.
 * Source: docs/SPEC.md "Sprite sheets" (coordinates restart at every sheet, unlike vidstack/player#1652);
 *   contact sheets (header, last sheet's lines).
 */
export function planSheets(p: SpriteParams, cellCount: number, format: ImageFormat): SheetPlan[] {
  checkSpriteLayout(p);
  if (!Number.isSafeInteger(cellCount) || cellCount < 0) {
    throw new RangeError(`A cell count must be a whole number ≥ 0, got ${cellCount}.`);
  }
  const { width } = sheetSize(p);
  const header = headerHeight(p);
  const perSheet = p.columns * p.lines;
  const sheets: SheetPlan[] = [];
  for (let index = 0; index * perSheet < cellCount; index++) {
    const cells: CellRect[] = [];
    const first = index * perSheet;
    const held = Math.min(perSheet, cellCount - first);
    const lines = p.fixedSheetSize ? p.lines : Math.ceil(held / p.columns);
    for (let k = first; k < Math.min(first + perSheet, cellCount); k++) {
      const slot = k - first;
      const column = slot % p.columns;
      const line = Math.floor(slot / p.columns);
      cells.push({
        index: k,
        x: p.margin + column * (p.cellWidth + p.padding),
        y: header + p.margin + line * (p.cellHeight + p.padding),
        width: p.cellWidth,
        height: p.cellHeight,
      });
    }
    sheets.push({
      index,
      name: spriteSheetFileName(index, format),
      width,
      height: heightOf(p, lines, header),
      cells,
      headerHeight: header,
      lines,
    });
  }
  return sheets;
}

/**
 * How many sheets `cellCount` cells need: ⌈cellCount / (columns · lines)⌉ (0 for no cell).
 *
 * @param p columns and lines, whole ≥ 1 (not checked here; see {@link checkSpriteLayout}).
 * @param cellCount number of cells, whole ≥ 0.
 * Source: docs/SPEC.md "Sprite sheets" (more cells than columns × lines start a new sheet).
 */
export function sheetCount(p: Pick<SpriteParams, 'columns' | 'lines'>, cellCount: number): number {
  return Math.ceil(cellCount / (p.columns * p.lines));
}
