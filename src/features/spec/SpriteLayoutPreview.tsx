import { planSheets, type SheetPlan } from '../../core/sheet/spriteLayout';
import { useJobPlan } from './useJobPlan';

const DRAW_WIDTH = 280;

/** One sheet drawn to scale: its background, the header band (if any) and its cell rectangles. */
function SheetDrawing({ sheet, color, label }: { sheet: SheetPlan; color: string; label: string }) {
  const scale = DRAW_WIDTH / sheet.width;
  return (
    <svg
      width={DRAW_WIDTH}
      height={Math.max(1, Math.round(sheet.height * scale))}
      viewBox={`0 0 ${sheet.width} ${sheet.height}`}
      role="img"
      aria-label={label}
    >
      <rect x={0} y={0} width={sheet.width} height={sheet.height} fill={color} stroke="currentColor" />
      {sheet.headerHeight > 0 && (
        <rect x={0} y={0} width={sheet.width} height={sheet.headerHeight} fill="rgba(255,200,90,0.45)" stroke="currentColor" />
      )}
      {sheet.cells.map((cell) => (
        <rect
          key={cell.index}
          x={cell.x}
          y={cell.y}
          width={cell.width}
          height={cell.height}
          fill="rgba(122,162,255,0.55)"
          stroke="currentColor"
          strokeWidth={Math.max(1, 1 / scale)}
        />
      ))}
    </svg>
  );
}

/**
 * A live drawing of the sprite layout before anything is decoded: the first sheet's header band and cells, the
 * last sheet when it differs (it holds only the lines it uses unless "Fixed sheet size"), the sheet sizes in px
 * and the number of sheets.
 */
export function SpriteLayoutPreview() {
  const plan = useJobPlan();
  const spec = plan?.spec;
  if (!spec || spec.mode !== 'sprite') return null;
  const sheets = planSheets(spec.sprite, spec.timesMs.length, spec.format);
  const first = sheets[0];
  const last = sheets[sheets.length - 1];
  if (!first || !last) return null;
  const { columns, lines, color, fixedSheetSize } = spec.sprite;
  const lastDiffers = last.height !== first.height || (sheets.length === 1 && last.lines < lines);
  const lastSize = `${last.width} × ${last.height} px`;
  let lastText = '';
  if (sheets.length > 1 && last.height !== first.height)
    lastText = `; the last one ${lastSize}, ${last.lines} line${last.lines === 1 ? '' : 's'} of cells (it holds only the lines it uses)`;
  else if (lastDiffers) lastText = ` (${last.lines} of ${lines} lines used: the sheet holds only the lines it uses)`;
  else if (fixedSheetSize) lastText = ' (fixed sheet size: every sheet columns × lines)';
  return (
    <figure className="layout" aria-label="Sprite layout">
      <SheetDrawing sheet={first} color={color} label={`Sheet of ${columns} by ${lines} cells`} />
      {sheets.length > 1 && last.height !== first.height && (
        <SheetDrawing sheet={last} color={color} label={`Last sheet, ${last.lines} line${last.lines === 1 ? '' : 's'} of cells`} />
      )}
      <figcaption className="hint">
        {sheets.length} sheet{sheets.length === 1 ? '' : 's'} of {first.width} × {first.height} px{lastText}; {columns} × {lines} cells of{' '}
        {spec.sprite.cellWidth} × {spec.sprite.cellHeight} px
        {first.headerHeight > 0 ? `, a ${first.headerHeight} px header above them` : ''}; {spec.timesMs.length} cells in all.
      </figcaption>
    </figure>
  );
}
