import { useId, type ReactNode } from 'react';
import type { SpecInput } from '../../core/job/spec';
import { useStore } from '../../store';

type TextKey = { [K in keyof SpecInput]: SpecInput[K] extends string ? K : never }[keyof SpecInput];
type BoolKey = { [K in keyof SpecInput]: SpecInput[K] extends boolean ? K : never }[keyof SpecInput];

function useProblem(field: keyof SpecInput) {
  return useStore((s) => s.specProblems.find((p) => p.field === field));
}

/** A problem of one field, announced to screen readers (role=alert) and tied to the field by id. */
export function FieldProblemText({ field }: { field: keyof SpecInput | 'sheet' }) {
  const problem = useStore((s) => s.specProblems.find((p) => p.field === field));
  return problem ? (
    <p role="alert" id={`${field}-problem`} className="error">
      {problem.message}
    </p>
  ) : null;
}

/** A text field bound to one string field of the form. */
export function TextField(props: {
  field: TextKey;
  label: string;
  placeholder?: string;
  inputMode?: 'numeric' | 'decimal' | 'text';
  /** Help under the field (e.g. the vendors' names for it), tied to it by aria-describedby. */
  hint?: ReactNode;
}) {
  const value = useStore((s) => s.specInput[props.field]) as string;
  const setSpecField = useStore((s) => s.setSpecField);
  const problem = useProblem(props.field);
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{props.label}</label>
      <input
        id={id}
        type="text"
        inputMode={props.inputMode ?? 'numeric'}
        value={value}
        placeholder={props.placeholder}
        aria-invalid={problem ? true : undefined}
        aria-describedby={[problem ? `${props.field}-problem` : '', props.hint ? `${id}-hint` : ''].join(' ').trim() || undefined}
        onChange={(e) => setSpecField(props.field, e.target.value)}
      />
      {props.hint && (
        <small id={`${id}-hint`} className="hint field__hint">
          {props.hint}
        </small>
      )}
    </div>
  );
}

/** A select bound to one enum field of the form. */
export function SelectField<K extends 'fit' | 'format' | 'frameType' | 'timestampPosition' | 'hdr' | 'deinterlace' | 'shotPick'>(props: {
  field: K;
  label: string;
  options: { value: SpecInput[K]; label: string }[];
  disabled?: boolean;
}) {
  const value = useStore((s) => s.specInput[props.field]);
  const setSpecField = useStore((s) => s.setSpecField);
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{props.label}</label>
      <select id={id} value={value} disabled={props.disabled} onChange={(e) => setSpecField(props.field, e.target.value as SpecInput[K])}>
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** A checkbox bound to one boolean field of the form. */
export function CheckboxField(props: { field: BoolKey; label: string; hint?: ReactNode }) {
  const checked = useStore((s) => s.specInput[props.field]) as boolean;
  const setSpecField = useStore((s) => s.setSpecField);
  const id = useId();
  return (
    <div className="field field--check">
      <input
        id={id}
        type="checkbox"
        checked={checked}
        aria-describedby={props.hint ? `${id}-hint` : undefined}
        onChange={(e) => setSpecField(props.field, e.target.checked)}
      />
      <label htmlFor={id}>{props.label}</label>
      {props.hint && (
        <small id={`${id}-hint`} className="hint">
          {props.hint}
        </small>
      )}
    </div>
  );
}
