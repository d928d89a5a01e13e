import { planSheets } from '../../core/spriteLayout';
import { useJobPlan } from './useJobPlan';

const DRAW_WIDTH = 280;

/**
 * A live drawing of the sprite layout before anything is decoded: the first sheet's cell rectangles, the sheet size
 * in px and the number of sheets.
 */
export function SpriteLayoutPreview() {
  const plan = useJobPlan();
  const spec = plan?.spec;
  if (!spec || spec.mode !== 'sprite') return null;
  const sheets = planSheets(spec.sprite, spec.timesMs.length, spec.format);
  const first = sheets[0];
  if (!first) return null;
  const scale = DRAW_WIDTH / first.width;
  const used = new Set(first.cells.map((c) => c.index));
  const { columns, lines } = spec.sprite;
  return (
    <figure className="layout" aria-label="Sprite layout">
      <svg
        width={DRAW_WIDTH}
        height={Math.max(1, Math.round(first.height * scale))}
        viewBox={`0 0 ${first.width} ${first.height}`}
        role="img"
        aria-label={`Sheet of ${columns} by ${lines} cells`}
      >
        <rect x={0} y={0} width={first.width} height={first.height} fill={spec.sprite.color} stroke="currentColor" />
        {first.cells.map((cell) => (
          <rect
            key={cell.index}
            x={cell.x}
            y={cell.y}
            width={cell.width}
            height={cell.height}
            fill={used.has(cell.index) ? 'rgba(122,162,255,0.55)' : 'none'}
            stroke="currentColor"
            strokeWidth={Math.max(1, 1 / scale)}
          />
        ))}
      </svg>
      <figcaption className="hint">
        {sheets.length} sheet{sheets.length === 1 ? '' : 's'} of {first.width} × {first.height} px, {columns} × {lines}{' '}
        cells of {spec.sprite.cellWidth} × {spec.sprite.cellHeight} px; {spec.timesMs.length} cells in all.
      </figcaption>
    </figure>
  );
}
