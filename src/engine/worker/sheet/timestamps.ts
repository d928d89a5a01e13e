/// <reference lib="webworker" />
/**
 * A cell's time written on it (as vcsi's timestamps): white text on a translucent black band, in one of nine
 * places, sized from the cell (core/sheet/sheetText.ts `timestampPlacement`, `timestampFontPx`).
 */
import type { Rect } from '../../../core/output/geometry';
import { timestampFontPx, timestampPlacement } from '../../../core/sheet/sheetText';
import type { TimestampPosition } from '../../../core/job/types';
import { ensureSheetFont, sheetFont } from './font';

/** The band behind the text: black at 60 % (vcsi's `--timestamp-background-color 000000aa`). */
const BAND = 'rgba(0, 0, 0, 0.6)';

/**
 * Writes `label` on the cell `cell` of a sheet.
 * @param context the sheet's canvas; the cell's picture is already drawn.
 * @throws InternalError when the font cannot be loaded
 */
export async function drawTimestamp(
  context: OffscreenCanvasRenderingContext2D,
  cell: Rect,
  label: string,
  position: TimestampPosition,
): Promise<void> {
  await ensureSheetFont();
  const fontPx = timestampFontPx(cell.height);
  context.save();
  context.font = sheetFont(fontPx);
  const { box, textX, textY } = timestampPlacement(cell, position, context.measureText(label).width, fontPx);
  context.beginPath();
  context.rect(cell.x, cell.y, cell.width, cell.height);
  context.clip();
  context.fillStyle = BAND;
  context.fillRect(box.x, box.y, box.width, box.height);
  context.fillStyle = '#ffffff';
  context.textBaseline = 'middle';
  context.textAlign = 'left';
  context.fillText(label, textX, textY);
  context.restore();
}
