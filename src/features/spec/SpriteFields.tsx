import { useStore } from '../../store';
import { CheckboxField, FieldProblemText, SelectField, TextField } from './fields';
import { SpriteLayoutPreview } from './SpriteLayoutPreview';

/** The nine places of vcsi's `--timestamp-position`, in reading order. */
const POSITIONS = [
  { value: 'top-left', label: 'Top left' },
  { value: 'top', label: 'Top' },
  { value: 'top-right', label: 'Top right' },
  { value: 'left', label: 'Left' },
  { value: 'center', label: 'Centre' },
  { value: 'right', label: 'Right' },
  { value: 'bottom-left', label: 'Bottom left' },
  { value: 'bottom', label: 'Bottom' },
  { value: 'bottom-right', label: 'Bottom right' },
] as const;

/** Sprite sheets on the main path (SPEC "Sprite sheets"): cell width and the grid. */
export function SpriteGridFields() {
  return (
    <div className="fieldgroup">
      <div className="grid3">
        <TextField field="cellWidth" label="Cell width" placeholder="160" hint="px" />
        <TextField field="columns" label="Columns" placeholder="10" hint="Alibaba Columns, Tencent ColumnCount" />
        <TextField field="lines" label="Rows" placeholder="10" hint="Alibaba Lines, Tencent RowCount" />
      </div>
      {['cellWidth', 'columns', 'lines'].map((f) => (
        <FieldProblemText key={f} field={f as 'cellWidth'} />
      ))}
      <FieldProblemText field="sheet" />
    </div>
  );
}

/**
 * Sprite sheets under "More options": cell height, spacing, background, kept cells, WebVTT; the contact-sheet
 * options: header, timestamps and their position, fixed sheet size; and the drawing of the layout.
 */
export function SpriteFields() {
  const timestamps = useStore((s) => s.specInput.timestamps);
  return (
    <div className="fieldgroup">
      <div className="grid3">
        <TextField field="cellHeight" label="Cell height" placeholder="auto" />
        <TextField field="padding" label="Padding" placeholder="0" />
        <TextField field="margin" label="Margin" placeholder="0" />
        <TextField field="color" label="Background" placeholder="black" inputMode="text" />
      </div>
      <div className="checks">
        <CheckboxField field="keepCells" label="Keep cells" hint="also every cell as its own image" />
        <CheckboxField field="webvtt" label="WebVTT" hint="thumbnails.vtt + storyboard.json for seek previews" />
        <CheckboxField field="header" label="Header" hint="file details above the cells" />
        <CheckboxField field="timestamps" label="Timestamps" hint="each cell's time written on it" />
        <CheckboxField field="fixedSheetSize" label="Fixed sheet size" hint="every sheet columns × rows, the last one too" />
      </div>
      <div className="grid3">
        <SelectField field="timestampPosition" label="Timestamp position" options={[...POSITIONS]} disabled={!timestamps} />
      </div>
      {['cellHeight', 'padding', 'margin', 'color'].map((f) => (
        <FieldProblemText key={f} field={f as 'cellWidth'} />
      ))}
      <FieldProblemText field="timestampPosition" />
      <SpriteLayoutPreview />
    </div>
  );
}
