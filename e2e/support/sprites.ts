/**
 * Sprite sheets as docs/SPEC.md "Sprite sheets" defines them, computed independently of the app: where each cell goes,
 * how big a sheet is, and what the manifest of a sprite job holds.
 */
import type { ManifestFile } from './zip';

export interface SpriteGrid {
  cellWidth: number;
  cellHeight: number;
  columns: number;
  lines: number;
  padding: number;
  margin: number;
}

/** A cell's place: its global index (= the time's index), its sheet, and its rectangle inside that sheet (px). */
export interface ExpectedCell {
  index: number;
  sheetIndex: number;
  sheetName: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Sheet size: 2·margin + columns·cellWidth + (columns − 1)·padding wide, likewise high. */
export function expectedSheetSize(g: SpriteGrid): { width: number; height: number } {
  return {
    width: 2 * g.margin + g.columns * g.cellWidth + (g.columns - 1) * g.padding,
    height: 2 * g.margin + g.lines * g.cellHeight + (g.lines - 1) * g.padding,
  };
}

/** `sprite_000.jpg`, `sprite_001.jpg`, … */
export const sheetName = (index: number, ext: string) => `sprite_${String(index).padStart(3, '0')}.${ext}`;

/** Every slot of one sheet (columns × lines, left to right, top to bottom), used or not. */
export function slotRects(g: SpriteGrid): Array<{ x: number; y: number; width: number; height: number }> {
  const out = [];
  for (let line = 0; line < g.lines; line++) {
    for (let column = 0; column < g.columns; column++) {
      out.push({
        x: g.margin + column * (g.cellWidth + g.padding),
        y: g.margin + line * (g.cellHeight + g.padding),
        width: g.cellWidth,
        height: g.cellHeight,
      });
    }
  }
  return out;
}

/** Where `count` cells go: left to right, top to bottom, a new sheet after columns × lines; coordinates per sheet. */
export function expectedCells(g: SpriteGrid, count: number, ext = 'jpg'): ExpectedCell[] {
  const slots = slotRects(g);
  const perSheet = g.columns * g.lines;
  return Array.from({ length: count }, (_, index) => {
    const sheetIndex = Math.floor(index / perSheet);
    return { index, sheetIndex, sheetName: sheetName(sheetIndex, ext), ...slots[index % perSheet]! };
  });
}

/** `<base>_cell_0007_00012000ms.jpg` (Alibaba KeepCellPic, UI contract). */
export function cellFileName(base: string, index: number, requestedMs: number, ext = 'jpg'): string {
  return `${base}_cell_${String(index).padStart(4, '0')}_${String(Math.round(requestedMs)).padStart(8, '0')}ms.${ext}`;
}

/** One cell in a sheet's manifest entry. */
export interface ManifestCell {
  index: number;
  requestedMs: number;
  actualMs: number | null;
  x: number;
  y: number;
  width: number;
  height: number;
}

/** A manifest.json `files` entry of any kind (sprite jobs have sheets, cells and the VTT). */
export type AnyManifestFile = Partial<ManifestFile> & {
  name: string;
  kind?: string;
  bytes?: number;
  width?: number;
  height?: number;
  cells?: ManifestCell[];
  [key: string]: unknown;
};
