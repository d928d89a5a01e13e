import { hdrSource } from '../../core/color/hdr/colorInfo';
import { useStore } from '../../store';
import { CheckboxField, FieldProblemText, SelectField, TextField } from './fields';
import { HdrField } from './HdrField';
import { DeinterlaceField, DeinterlaceHint } from './DeinterlaceField';
import { usePlaceholderSize } from './useJobPlan';

const FORMATS = [
  { value: 'jpg', label: 'JPG' },
  { value: 'png', label: 'PNG' },
  { value: 'webp', label: 'WebP' },
] as const;

/** The output's size and format, on the main path (SPEC "Output geometry and format"): Width, Height, Format. */
export function SizeFields() {
  const mode = useStore((s) => s.specInput.mode);
  const placeholder = usePlaceholderSize();
  return (
    <div className="fieldgroup">
      <div className="grid3">
        {mode !== 'sprite' && <TextField field="width" label="Width" placeholder={placeholder.width} />}
        {mode !== 'sprite' && <TextField field="height" label="Height" placeholder={placeholder.height} />}
        <SelectField field="format" label="Format" options={[...FORMATS]} />
      </div>
      {mode !== 'sprite' && <p className="hint">In px (8–4096). Leave one empty to keep the video's shape.</p>}
      <FieldProblemText field="width" />
      <FieldProblemText field="height" />
    </div>
  );
}

/** The output settings under "More options": fit, quality, frame type, long/short side, HDR (not for SDR videos), deinterlacing, user data. */
export function OutputFields() {
  const mode = useStore((s) => s.specInput.mode);
  // Hidden once the video is known to be SDR (it would change nothing); shown for an HDR video and before any video.
  const hdr = useStore((s) => !s.source?.info || hdrSource(s.source.info.color) !== null);
  return (
    <div className="fieldgroup">
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
        <TextField field="quality" label="Quality" placeholder="85" />
        <SelectField
          field="frameType"
          label="Frame type"
          options={[
            { value: 'accurate', label: 'Exact frame' },
            { value: 'keyframe', label: 'Nearest keyframe before (faster)' },
          ]}
        />
        {hdr && <HdrField />}
        <DeinterlaceField />
      </div>
      <p className="hint">
        Fit: what fills the space when Width and Height do not match the video&apos;s shape. Quality 1–100 (JPG and WebP).
      </p>
      <DeinterlaceHint />
      {mode !== 'sprite' && (
        <CheckboxField
          field="resolutionAdaptive"
          label="Long/short side"
          hint="Width is the long side and Height the short one, for portrait videos too (Tencent ResolutionAdaptive)"
        />
      )}
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
          aria-describedby="user-data-hint"
          onChange={(e) => setSpecField('userDataText', e.target.value)}
        />
      </div>
      <p id="user-data-hint" className="hint">
        Any JSON up to 64 KB, written unchanged into manifest.json (Alibaba UserData).
      </p>
      <FieldProblemText field="userDataText" />
    </details>
  );
}
