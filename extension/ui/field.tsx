/**
 * A form field as every page shows one: the label above, a hint and an inline error below, tied
 * to the control (`aria-describedby`, `aria-invalid`) so screen readers say them with it.
 * @module
 */
import { cloneElement, type ReactElement, useId } from 'react';

type ControlProps = { id?: string; 'aria-describedby'?: string; 'aria-invalid'?: boolean };

type Props = {
  label: string;
  hint?: string;
  error?: string | null;
  /** One input, select or textarea; it gets the id, description and invalid state. */
  children: ReactElement<ControlProps>;
};

export function Field({ label, hint, error, children }: Props) {
  const id = useId();
  const described = [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ');
  return (
    <div className="field">
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      {cloneElement(children, { id, ...(described ? { 'aria-describedby': described } : {}), ...(error ? { 'aria-invalid': true } : {}) })}
      {hint && (
        <span className="field__hint" id={`${id}-hint`}>
          {hint}
        </span>
      )}
      {error && (
        <span className="field__error" id={`${id}-error`} role="alert">
          {error}
        </span>
      )}
    </div>
  );
}
