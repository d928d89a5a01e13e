import { CheckboxField, FieldProblemText, TextField } from './fields';
import { SpriteLayoutPreview } from './SpriteLayoutPreview';

/** Mode `sprite`: cell size, grid, spacing, background, kept cells, WebVTT (SPEC "Sprite sheets"). */
export function SpriteFields() {
  return (
    <div className="fieldgroup">
      <div className="grid3">
        <TextField field="cellWidth" label="Cell width" placeholder="160" />
        <TextField field="cellHeight" label="Cell height" placeholder="auto" />
        <TextField field="columns" label="Columns" placeholder="10" />
        <TextField field="lines" label="Lines" placeholder="10" />
        <TextField field="padding" label="Padding" placeholder="0" />
        <TextField field="margin" label="Margin" placeholder="0" />
        <TextField field="color" label="Background" placeholder="black" inputMode="text" />
      </div>
      <div className="checks">
        <CheckboxField field="keepCells" label="Keep cells" hint="also every cell as its own image" />
        <CheckboxField field="webvtt" label="WebVTT" hint="thumbnails.vtt for players' seek previews" />
      </div>
      {['cellWidth', 'cellHeight', 'columns', 'lines', 'padding', 'margin', 'color'].map((f) => (
        <FieldProblemText key={f} field={f as 'cellWidth'} />
      ))}
      <FieldProblemText field="sheet" />
      <SpriteLayoutPreview />
    </div>
  );
}
