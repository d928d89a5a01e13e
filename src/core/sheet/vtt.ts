/**
 * The WebVTT index of a sprite job, `thumbnails.vtt` (docs/SPEC.md "Sprite sheets", Tencent `WebVttUrl`): one cue
 * per cell pointing at `sprite_NNN.jpg#xywh=x,y,w,h`, as video.js, Plyr, Vidstack and JW Player read for seek previews.
 */
import type { SheetPlan } from './spriteLayout';
import { formatVttTime } from '../timeline/time';

/** One cue: the time range it covers (ms, end exclusive) and the cell it shows (sheet file name, px in that sheet). */
export interface VttCue {
  startMs: number;
  endMs: number;
  sheetName: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * One cue per cell, in cell order.
 *
 * @param timesMs the sampled times, integer ms, strictly ascending, one per cell (the plan of core/timeline/sampling.ts).
 * @param sheets the sheets of core/sheet/spriteLayout.ts `planSheets`, holding exactly `timesMs.length` cells in order.
 * @param durationMs the video's duration, ms.
 * @returns cue k runs from t_k to t_{k+1}; the last runs to round(durationMs), or to t_last + 1 ms when t_last is at
 *   or past it. Cues are consecutive and never overlap; they cover [t_0, end) (t_0 is the sampling start). Each cue
 *   points at its cell's sheet and the cell's coordinates inside that sheet (they restart at every sheet).
 * @throws RangeError when the cell count differs from the number of times, a time is negative or not a whole
 *   number, or the times are not strictly ascending.
 * Source: docs/SPEC.md "Sprite sheets" ("one cue per cell, consecutive and non-overlapping, covering the whole sampled range";
 *   vidstack/player#1652 and vlanard/videoscripts#18 for the per-sheet coordinates bug avoided here).
 */
export function spriteCues(timesMs: number[], sheets: SheetPlan[], durationMs: number): VttCue[] {
  const cells = sheets.flatMap((sheet) => sheet.cells.map((cell) => ({ sheet, cell })));
  if (cells.length !== timesMs.length) {
    throw new RangeError(`The sheets hold ${cells.length} cells but there are ${timesMs.length} times; they must match.`);
  }
  timesMs.forEach((t, k) => {
    if (!Number.isSafeInteger(t) || t < 0) throw new RangeError(`Cue times must be whole ms ≥ 0; time ${k} is ${t}.`);
    const before = timesMs[k - 1];
    if (before !== undefined && t <= before) {
      throw new RangeError(`Cue times must be strictly ascending; time ${k} (${t} ms) follows ${before} ms.`);
    }
  });
  const endOfVideo = Number.isFinite(durationMs) ? Math.round(durationMs) : -Infinity;
  return cells.map(({ sheet, cell }, k) => {
    const startMs = timesMs[k] ?? 0;
    const next = timesMs[k + 1];
    const endMs = next ?? (endOfVideo > startMs ? endOfVideo : startMs + 1);
    return { startMs, endMs, sheetName: sheet.name, x: cell.x, y: cell.y, width: cell.width, height: cell.height };
  });
}

/**
 * The text of `thumbnails.vtt`.
 *
 * @param cues the cues, in order (see {@link spriteCues}).
 * @returns `WEBVTT\n\n`, then per cue `HH:MM:SS.mmm --> HH:MM:SS.mmm\n<sheet>#xywh=x,y,w,h\n\n` (timestamps by
 *   `formatVttTime`, always with hours). The sheet name is relative, so the VTT works next to the sheets.
 * @throws RangeError when a cue time is negative or not finite (from `formatVttTime`).
 * Source: W3C WebVTT (file body, cue timings); Media Fragments URI 1.0 (`#xywh=`); Tencent CreateImageSprite
 *   `WebVttUrl`.
 */
export function thumbnailsVtt(cues: VttCue[]): string {
  const blocks = cues.map(
    (cue) =>
      `${formatVttTime(cue.startMs)} --> ${formatVttTime(cue.endMs)}\n` +
      `${cue.sheetName}#xywh=${cue.x},${cue.y},${cue.width},${cue.height}\n\n`,
  );
  return `WEBVTT\n\n${blocks.join('')}`;
}
