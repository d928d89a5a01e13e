import type { FormEvent } from 'react';
import type { FieldProblem, OffsetsSpecInput } from '../../core/spec';
import { MAX_SIDE_PX, MIN_SIDE_PX, resolveOutputSize } from '../../core/geometry';
import { formatTime } from '../../core/time';
import type { SourceInfo } from '../../core/types';
import { useStore } from '../../store';
import { pauseNativePreview } from '../source/NativePreview';

function Problem({ problems, field }: { problems: FieldProblem[]; field: FieldProblem['field'] }) {
  const problem = problems.find((p) => p.field === field);
  return problem ? (
    <p role="alert" id={`${field}-problem`} className="error">
      {problem.message}
    </p>
  ) : null;
}

function SizeField({ field, label, placeholder }: { field: 'width' | 'height' | 'quality'; label: string; placeholder: string }) {
  const value = useStore((s) => s.specInput[field]);
  const setSpecField = useStore((s) => s.setSpecField);
  const invalid = useStore((s) => s.specProblems.some((p) => p.field === field));
  return (
    <label className="field">
      <span>{label}</span>
      <input
        type="text"
        inputMode="numeric"
        value={value}
        placeholder={placeholder}
        aria-invalid={invalid}
        aria-describedby={invalid ? `${field}-problem` : undefined}
        onChange={(e) => setSpecField(field as keyof OffsetsSpecInput, e.target.value)}
      />
    </label>
  );
}

/** A typed side in [8, 4096] px, else null. */
function side(text: string): number | null {
  const value = Number(text.trim().replace(/px$/i, ''));
  return Number.isInteger(value) && value >= MIN_SIDE_PX && value <= MAX_SIDE_PX ? value : null;
}

/** The output size the form would give now, to show in the empty size fields. */
function placeholderSize(info: SourceInfo | null | undefined, width: string, height: string) {
  if (!info) return { width: 'source', height: 'source' };
  const size = resolveOutputSize(info, side(width), side(height));
  return { width: String(size.width), height: String(size.height) };
}

/** The snapshot spec for mode `offsets` (SPEC.md): times, output size, quality. */
export function SpecForm() {
  const source = useStore((s) => s.source);
  const offsetsText = useStore((s) => s.specInput.offsetsText);
  const problems = useStore((s) => s.specProblems);
  const previewTimeMs = useStore((s) => s.previewTimeMs);
  const setSpecField = useStore((s) => s.setSpecField);
  const addOffset = useStore((s) => s.addOffset);
  const createJob = useStore((s) => s.createJob);
  const ready = source?.status === 'ready';
  const typed = useStore((s) => s.specInput);
  const placeholder = placeholderSize(source?.info, typed.width, typed.height);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    createJob();
  };

  return (
    <form className="panel spec" aria-labelledby="spec-heading" onSubmit={onSubmit} noValidate>
      <h2 id="spec-heading">Snapshots</h2>
      <label className="field">
        <span>Time offsets</span>
        <textarea
          rows={3}
          value={offsetsText}
          placeholder="e.g. 1500, 2.5s, 0:04.2, 50%"
          aria-invalid={problems.some((p) => p.field === 'offsets')}
          aria-describedby="offsets-help"
          onChange={(e) => setSpecField('offsetsText', e.target.value)}
        />
      </label>
      <p id="offsets-help" className="hint">
        Milliseconds (1500), seconds (1.5s), timecodes (0:01.5) or percentages (10%), separated by commas or spaces.
        Each snapshot is the frame on screen at that time.
      </p>
      <Problem problems={problems} field="offsets" />
      <button
        type="button"
        className="button"
        disabled={!ready}
        onClick={() => {
          pauseNativePreview();
          addOffset(useStore.getState().previewTimeMs);
        }}
      >
        Add current time
      </button>
      {ready && <span className="hint"> Preview at {formatTime(previewTimeMs)}</span>}
      <div className="spec__sizes">
        <SizeField field="width" label="Width" placeholder={placeholder.width} />
        <SizeField field="height" label="Height" placeholder={placeholder.height} />
        <SizeField field="quality" label="Quality" placeholder="85" />
      </div>
      <p className="hint">Width and height in px (8–4096); leave one empty to keep the aspect ratio. JPG quality 1–100.</p>
      <Problem problems={problems} field="width" />
      <Problem problems={problems} field="height" />
      <Problem problems={problems} field="quality" />
      <button type="submit" className="button button--primary" disabled={!ready}>
        Create snapshots
      </button>
    </form>
  );
}
