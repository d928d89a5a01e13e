/// <reference lib="webworker" />
/**
 * The metadata header of a contact sheet (as vcsi's header): three lines of the file's facts in a band above
 * the cells, on the sheet's background, in the shipped font. What to write and the band's geometry are
 * core/sheet/sheetText.ts; this draws it.
 */
import { headerMetrics, textColorOn } from '../../../core/sheet/sheetText';
import { ensureSheetFont, sheetFont } from './font';

/**
 * The longest start of `text` that fits `maxWidth` px in the context's current font, with `…` when cut.
 * @returns `text` when it fits.
 */
export function fitText(context: OffscreenCanvasRenderingContext2D, text: string, maxWidth: number): string {
  if (context.measureText(text).width <= maxWidth) return text;
  let low = 0;
  let high = text.length;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (context.measureText(`${text.slice(0, mid)}…`).width <= maxWidth) low = mid;
    else high = mid - 1;
  }
  return `${text.slice(0, low)}…`;
}

/**
 * Writes the header lines into the top band of a sheet.
 *
 * @param context the sheet's canvas, already filled with `background`.
 * @param sheetWidth the sheet's width, px (gives the font size, line height and padding: core `headerMetrics`).
 * @param lines the lines (core `headerLines`): the first in bold. A line too long for the sheet ends in `…`.
 * @param background the sheet colour: the text is black on light colours, white on dark ones.
 * @param margin the sheet's margin, px: the text starts there, in line with the cells (at least the padding).
 * @throws InternalError when the font cannot be loaded
 */
export async function drawHeader(
  context: OffscreenCanvasRenderingContext2D,
  sheetWidth: number,
  lines: readonly string[],
  background: string,
  margin: number,
): Promise<void> {
  await ensureSheetFont();
  const metrics = headerMetrics(sheetWidth);
  const left = Math.max(metrics.padding, margin);
  context.save();
  context.fillStyle = textColorOn(background);
  context.textBaseline = 'middle';
  context.textAlign = 'left';
  lines.forEach((line, k) => {
    context.font = sheetFont(metrics.fontPx, k === 0 ? 700 : 400);
    const y = metrics.padding + k * metrics.lineHeight + metrics.lineHeight / 2;
    context.fillText(fitText(context, line, sheetWidth - 2 * left), left, y);
  });
  context.restore();
}
