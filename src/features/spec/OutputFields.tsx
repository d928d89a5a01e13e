import { useStore } from '../../store';
import { CheckboxField, FieldProblemText, SelectField, TextField } from './fields';
import { HdrField } from './HdrField';
import { usePlaceholderSize } from './useJobPlan';

/** Output geometry and format, every mode (SPEC "Output geometry and format"). */
export function OutputFields() {
  const mode = useStore((s) => s.specInput.mode);
  const placeholder = usePlaceholderSize();
  return (
    <div className="fieldgroup">
      {mode !== 'sprite' && (
        <div className="grid3">
          <TextField field="width" label="Width" placeholder={placeholder.width} />
          <TextField field="height" label="Height" placeholder={placeholder.height} />
          <CheckboxField field="resolutionAdaptive" label="Long/short side" hint="width = long side" />
        </div>
      )}
      <div className="grid3">
        <SelectField
          field="fit"
          label="Fit"
          options={[
            { value: 'black', label: 'Black bars' },
            { value: 'white', label: 'White bars' },
            { value: 'gauss', label: 'Blurred frame' },
            { value: 'stretch', label: 'Stretch' },
          ]}
        />
        <SelectField
          field="format"
          label="Format"
          options={[
            { value: 'jpg', label: 'JPG' },
            { value: 'png', label: 'PNG' },
            { value: 'webp', label: 'WebP' },
          ]}
        />
        <TextField field="quality" label="Quality" placeholder="85" />
        <SelectField
          field="frameType"
          label="Frame type"
          options={[
            { value: 'accurate', label: 'Exact frame' },
            { value: 'keyframe', label: 'Nearest keyframe before (faster)' },
          ]}
        />
        <HdrField />
      </div>
      {mode !== 'sprite' && (
        <p className="hint">Width and height in px (8–4096); leave one empty to keep the aspect ratio. Quality 1–100.</p>
      )}
      <FieldProblemText field="width" />
      <FieldProblemText field="height" />
      <FieldProblemText field="quality" />
      <UserDataField />
    </div>
  );
}

/** Alibaba `UserData`: any JSON up to 64 KB, carried unchanged into manifest.json (SPEC "Jobs"). */
function UserDataField() {
  const value = useStore((s) => s.specInput.userDataText);
  const setSpecField = useStore((s) => s.setSpecField);
  const invalid = useStore((s) => s.specProblems.some((p) => p.field === 'userDataText'));
  return (
    <details className="userdata" open={value !== '' || invalid}>
      <summary>User data</summary>
      <div className="field">
        <label htmlFor="user-data">User data (JSON)</label>
        <textarea
          id="user-data"
          rows={2}
          value={value}
          placeholder='{"project": "trailer-42"}'
          aria-invalid={invalid || undefined}
          onChange={(e) => setSpecField('userDataText', e.target.value)}
        />
      </div>
      <p className="hint">Any JSON up to 64 KB; written unchanged into manifest.json.</p>
      <FieldProblemText field="userDataText" />
    </details>
  );
}
