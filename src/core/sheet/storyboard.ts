/**
 * `storyboard.json`, the JSON index of a sprite job in Mux's storyboard shape, beside `thumbnails.vtt`:
 * the same cells, for players and tools that read Mux's JSON instead of WebVTT.
 * Source: Mux, "Storyboards" guide (docs.mux.com/docs/storyboard-guide) and the API reference "Retrieve storyboard
 * metadata in JSON format" (GET image.mux.com/{PLAYBACK_ID}/storyboard.json): `url`, `tile_width`, `tile_height`,
 * `duration` (s), `tiles` with `start` (s), `x`, `y` (px in the image). imgix documents the same shape.
 */
import type { SheetPlan } from './spriteLayout';

/** The name of the JSON index. */
export const STORYBOARD_FILE_NAME = 'storyboard.json';

/** One storyboard in Mux's shape: one sprite image and its tiles. */
export interface MuxStoryboard {
  /** The sheet's file name, relative (the JSON works next to the sheets, as the VTT does). */
  url: string;
  /** Tile size, px. */
  tile_width: number;
  tile_height: number;
  /** The video's duration, s. */
  duration: number;
  /** One tile per cell of the sheet, in time order: start time s, top-left corner px (header included). */
  tiles: { start: number; x: number; y: number }[];
}

/**
 * The storyboards of a sprite job.
 *
 * @param timesMs the sampled times, ms, one per cell (the plan of core/timeline/sampling.ts), in cell order.
 * @param sheets the sheets of core/sheet/spriteLayout.ts `planSheets`, holding exactly `timesMs.length` cells.
 * @param durationMs the video's duration, ms.
 * @returns one {@link MuxStoryboard} per sheet, in order; each tile's `start` is its time in seconds (ms / 1000,
 *   exact to the ms) and x/y its cell's corner in that sheet, px (coordinates restart at every sheet, header
 *   included, as in thumbnails.vtt).
 * @throws RangeError when the number of cells differs from the number of times.
 */
export function storyboards(timesMs: readonly number[], sheets: readonly SheetPlan[], durationMs: number): MuxStoryboard[] {
  const cellCount = sheets.reduce((n, sheet) => n + sheet.cells.length, 0);
  if (cellCount !== timesMs.length) {
    throw new RangeError(`The sheets hold ${cellCount} cells but there are ${timesMs.length} times; they must match.`);
  }
  return sheets.map((sheet) => ({
    url: sheet.name,
    tile_width: sheet.cells[0]?.width ?? 0,
    tile_height: sheet.cells[0]?.height ?? 0,
    duration: durationMs / 1000,
    tiles: sheet.cells.map((cell) => ({ start: (timesMs[cell.index] ?? 0) / 1000, x: cell.x, y: cell.y })),
  }));
}

/**
 * The text of `storyboard.json`: Mux's object itself when there is one sheet (what a Mux client reads), else a
 * JSON array of one such object per sheet (Mux makes a single image; our sheets are split at columns × lines).
 * Indented by 2 spaces, ending with a newline.
 */
export function storyboardJson(boards: readonly MuxStoryboard[]): string {
  const value = boards.length === 1 ? boards[0] : boards;
  return `${JSON.stringify(value, null, 2)}\n`;
}
