import { formatTime } from '../../core/timeline/time';
import { BitmapImage } from '../../lib/BitmapImage';
import { useObjectUrl } from '../../lib/useObjectUrl';
import type { ResultFile } from '../../store/job';

type Sheet = Extract<ResultFile, { kind: 'sheet' }>;

/** A sprite sheet at full resolution; hovering (or focusing) a cell shows its requested and actual time. */
export function SheetView({ sheet }: { sheet: Sheet }) {
  const url = useObjectUrl(sheet.blob);
  if (!url) return null;
  return (
    <figure className="sheet">
      <figcaption className="sheet__caption">
        <a href={url} download={sheet.name}>
          {sheet.name}
        </a>{' '}
        <span className="hint">
          {sheet.width} × {sheet.height} px, {sheet.cells.length} cells
        </span>
      </figcaption>
      <div className="sheet__scroll">
        <div className="sheet__canvas" style={{ width: sheet.width, height: sheet.height }}>
          <BitmapImage blob={sheet.blob} label={`Sprite sheet ${sheet.name}`} width={sheet.width} height={sheet.height} />
          {sheet.cells.map((cell) => {
            const label =
              cell.actualMs === null
                ? `${formatTime(cell.requestedMs)}: could not be decoded`
                : `${formatTime(cell.requestedMs)} · frame at ${formatTime(cell.actualMs)}`;
            return (
              <span
                key={cell.index}
                className="sheet__cell"
                style={{ left: cell.x, top: cell.y, width: cell.width, height: cell.height }}
                data-label={label}
                title={label}
                tabIndex={0}
                aria-label={`Cell ${cell.index + 1}: ${label}`}
              />
            );
          })}
        </div>
      </div>
    </figure>
  );
}
