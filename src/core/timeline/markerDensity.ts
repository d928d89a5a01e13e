/**
 * How many marks the timeline draws: a timeline ~1000 px wide cannot show 10,000 markers or ticks one by one (and
 * 10,000 positioned buttons cost the browser seconds of style and layout on every keystroke). Marks closer than a
 * few pixels are drawn as one; zooming in shows them apart again.
 */
import { fractionOf, type TimelineView } from './timelineView';

/** Marks closer than this are drawn as one, px: a marker is 2 px wide with a ~10 px hit area. */
export const MIN_MARK_GAP_PX = 4;

/**
 * The marks to draw in the visible window: at most one per MIN_MARK_GAP_PX-wide column of the track (the first mark
 * of each column, in the input order), plus the one whose `keep` is true wherever it lies in its column.
 * @param marks marks with a time `ms`, any order
 * @param view the visible window (ms)
 * @param widthPx the track's width, px (0 before layout: every visible mark is kept)
 * @param keep marks that must be drawn if visible (the selected marker)
 * @returns the marks to draw, in input order, and how many visible marks were merged away
 */
export function marksToDraw<T extends { ms: number }>(
  marks: readonly T[],
  view: TimelineView,
  widthPx: number,
  keep: (mark: T) => boolean = () => false,
): { drawn: T[]; merged: number } {
  const columns = widthPx > 0 ? Math.max(1, Math.floor(widthPx / MIN_MARK_GAP_PX)) : Infinity;
  const taken = new Set<number>();
  const drawn: T[] = [];
  let merged = 0;
  for (const mark of marks) {
    const at = fractionOf(view, mark.ms);
    if (at < 0 || at > 1) continue;
    const column = Number.isFinite(columns) ? Math.min(columns - 1, Math.floor(at * columns)) : drawn.length;
    if (keep(mark) || !taken.has(column)) {
      taken.add(column);
      drawn.push(mark);
    } else {
      merged++;
    }
  }
  return { drawn, merged };
}
