import { useRef, useState, type KeyboardEvent } from 'react';
import { formatTime } from '../../core/timeline/time';
import { BitmapImage } from '../../lib/BitmapImage';
import { useObjectUrl } from '../../lib/useObjectUrl';
import type { ResultFile } from '../../store/job';

type Sheet = Extract<ResultFile, { kind: 'sheet' }>;
type Cell = Sheet['cells'][number];

/** "0:01.000 · frame at 0:01.000", or why the cell is empty. */
function cellText(cell: Cell): string {
  return cell.actualMs === null
    ? `${formatTime(cell.requestedMs)}: could not be decoded`
    : `${formatTime(cell.requestedMs)} · frame at ${formatTime(cell.actualMs)}`;
}

/** The cell index an arrow key (or Home/End) moves to from `index` in a grid of `count` cells, `columns` wide; null for other keys. */
function nextCell(key: string, index: number, count: number, columns: number): number | null {
  const moves: Record<string, number> = { ArrowRight: 1, ArrowLeft: -1, ArrowDown: columns, ArrowUp: -columns };
  if (key === 'Home') return 0;
  if (key === 'End') return count - 1;
  const step = moves[key];
  if (step === undefined) return null;
  const next = index + step;
  return next >= 0 && next < count ? next : index;
}

/**
 * A sprite sheet, at full resolution when it fits and scaled down to the width of the page when not (the cell boxes
 * scale with it). Hovering or focusing a cell shows its requested and actual time. The cells are one tab stop: Tab
 * enters the sheet at the last cell visited, the arrow keys (and Home/End) move between cells.
 */
export function SheetView({ sheet }: { sheet: Sheet }) {
  const url = useObjectUrl(sheet.blob);
  const [active, setActive] = useState(0);
  const cellRefs = useRef<(HTMLSpanElement | null)[]>([]);
  if (!url) return null;
  const columns = Math.max(1, new Set(sheet.cells.map((c) => c.x)).size);

  const onKeyDown = (event: KeyboardEvent<HTMLSpanElement>, index: number) => {
    const next = nextCell(event.key, index, sheet.cells.length, columns);
    if (next === null) return;
    event.preventDefault();
    setActive(next);
    cellRefs.current[next]?.focus();
  };

  const pct = (value: number, of: number) => `${(100 * value) / of}%`;
  return (
    <figure className="sheet">
      <figcaption className="sheet__caption">
        <a href={url} download={sheet.name}>
          {sheet.name}
        </a>{' '}
        <span className="hint">
          {sheet.width} × {sheet.height} px, {sheet.cells.length} cells
        </span>
        <span className="hint"> · arrow keys move between cells</span>
      </figcaption>
      <div className="sheet__canvas" style={{ width: sheet.width, aspectRatio: `${sheet.width} / ${sheet.height}` }}>
        <BitmapImage blob={sheet.blob} label={`Sprite sheet ${sheet.name}`} width={sheet.width} height={sheet.height} />
        {sheet.cells.map((cell, i) => {
          const label = cellText(cell);
          return (
            <span
              key={cell.index}
              ref={(el) => {
                cellRefs.current[i] = el;
              }}
              role="img"
              className="sheet__cell"
              style={{
                left: pct(cell.x, sheet.width),
                top: pct(cell.y, sheet.height),
                width: pct(cell.width, sheet.width),
                height: pct(cell.height, sheet.height),
              }}
              data-label={label}
              title={label}
              tabIndex={i === active ? 0 : -1}
              aria-label={`Cell ${cell.index + 1}: ${label}`}
              onFocus={() => setActive(i)}
              onKeyDown={(e) => onKeyDown(e, i)}
            />
          );
        })}
      </div>
    </figure>
  );
}
