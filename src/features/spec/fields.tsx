import type { ReactNode } from 'react';
import type { SpecInput } from '../../core/spec';
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
export function TextField(props: { field: TextKey; label: string; placeholder?: string; inputMode?: 'numeric' | 'decimal' | 'text' }) {
  const value = useStore((s) => s.specInput[props.field]) as string;
  const setSpecField = useStore((s) => s.setSpecField);
  const problem = useProblem(props.field);
  return (
    <label className="field">
      <span>{props.label}</span>
      <input
        type="text"
        inputMode={props.inputMode ?? 'numeric'}
        value={value}
        placeholder={props.placeholder}
        aria-invalid={problem ? true : undefined}
        aria-describedby={problem ? `${props.field}-problem` : undefined}
        onChange={(e) => setSpecField(props.field, e.target.value)}
      />
    </label>
  );
}

/** A select bound to one enum field of the form. */
export function SelectField<K extends 'fit' | 'format' | 'frameType'>(props: {
  field: K;
  label: string;
  options: { value: SpecInput[K]; label: string }[];
}) {
  const value = useStore((s) => s.specInput[props.field]);
  const setSpecField = useStore((s) => s.setSpecField);
  return (
    <label className="field">
      <span>{props.label}</span>
      <select value={value} onChange={(e) => setSpecField(props.field, e.target.value as SpecInput[K])}>
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}

/** A checkbox bound to one boolean field of the form. */
export function CheckboxField(props: { field: BoolKey; label: string; hint?: ReactNode }) {
  const checked = useStore((s) => s.specInput[props.field]) as boolean;
  const setSpecField = useStore((s) => s.setSpecField);
  return (
    <label className="field field--check">
      <input type="checkbox" checked={checked} onChange={(e) => setSpecField(props.field, e.target.checked)} />
      <span>{props.label}</span>
      {props.hint && <small className="hint">{props.hint}</small>}
    </label>
  );
}
