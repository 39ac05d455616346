/**
 * A template as the recruiter fills it: its text rendered with what Parley knows, and an input in
 * the text for each value it does not (a native date or time picker for the interview's day and
 * hour). Never template syntax: the panel's composer and the interview invitation both use it.
 * @module
 */
import { type KeyboardEvent, useEffect, useRef } from 'react';
import { type EnteredValues, MERGE_FIELD_LABELS, type MergeField, type MergeForm, type MergeValues, mergeFieldInput } from '@shared/domain/template.ts';

type Props = {
  form: Extract<MergeForm, { ok: true }>;
  entered: EnteredValues;
  /** The entered values as the candidate reads them (`enteredMergeValues`): a later use of a field echoes them. */
  values: MergeValues;
  onChange(field: MergeField, value: string): void;
  /** The element naming the message ("Message Ada by SMS"). */
  labelledBy: string;
  /** What explains the message (its length, what is missing), for `aria-describedby`. */
  describedBy?: string;
  disabled?: boolean;
  /** Takes the focus to the first input when mounted: the template was just inserted. */
  focusFirst?: boolean;
  onKeyDown?(event: KeyboardEvent): void;
};

export function MergeFieldForm({ form, entered, values, onChange, labelledBy, describedBy, disabled = false, focusFirst = false, onKeyDown }: Props) {
  const first = useRef<HTMLInputElement>(null);
  // Inserting a template is asking to fill it: the first blank takes the focus the picker had.
  useEffect(() => {
    if (focusFirst) first.current?.focus();
  }, [focusFirst]);

  return (
    <fieldset
      aria-labelledby={labelledBy}
      aria-describedby={describedBy || undefined}
      className={form.inputs.length > 0 ? 'merge-form' : 'merge-form merge-form--plain'}
      data-testid="merge-form"
      onKeyDown={onKeyDown}
    >
      {form.parts.map((part, index) => {
        // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one template never move; a new template remounts the form.
        if (part.kind === 'text') return <span key={index}>{part.text}</span>;
        const label = MERGE_FIELD_LABELS[part.field];
        if (part.kind === 'echo')
          return (
            // biome-ignore lint/suspicious/noArrayIndexKey: as above.
            <span key={index} className="merge-form__echo" data-testid="merge-echo">
              {values[part.field] || part.fallback || label}
            </span>
          );
        const kind = mergeFieldInput(part.field);
        const value = entered[part.field] ?? '';
        const required = form.required.includes(part.field);
        const hint = part.fallback ?? label;
        return (
          <input
            // biome-ignore lint/suspicious/noArrayIndexKey: as above.
            key={index}
            ref={part.field === form.inputs[0] ? first : undefined}
            type={kind}
            className={`merge-form__field merge-form__field--${kind}`}
            aria-label={label}
            placeholder={hint}
            required={required}
            aria-required={required}
            disabled={disabled}
            value={value}
            // Grows with what it holds, so the sentence around it reads on.
            size={kind === 'text' || kind === 'url' ? Math.min(40, Math.max(6, (value || hint).length + 1)) : undefined}
            onChange={(event) => onChange(part.field, event.target.value)}
            data-testid={`merge-field-${part.field}`}
          />
        );
      })}
    </fieldset>
  );
}

/** What still stands between the message and Send: blanks in the form, or marks left in the free text. */
export function FillStatus({ id, missing, marks }: { id: string; missing: readonly MergeField[]; marks: readonly string[] }) {
  if (missing.length > 0)
    return (
      <p id={id} className="merge-status muted" data-testid="merge-missing">
        To send, fill in: {missing.map((field) => MERGE_FIELD_LABELS[field].toLowerCase()).join(', ')}.
      </p>
    );
  if (marks.length > 0)
    return (
      <p id={id} className="merge-status merge-status--marks" data-testid="merge-holes">
        Replace {marks.join(', ')} before sending.
      </p>
    );
  return null;
}
