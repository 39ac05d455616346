import { useId, useState, type FormEvent } from 'react';
import { normalisePhone } from '@shared/domain/phone.ts';

type Props = {
  candidateName: string;
  /** What the ATS page shows, if anything: a number without a country code is offered for completion. */
  pageText: string | null;
  onConfirm(e164: string): void;
};

/**
 * Shown when Parley has no number it can text: the ATS page showed none, or one the worker could
 * not place (no country code). The check is the worker's own rule, so what passes here is stored.
 */
export function PhonePrompt({ candidateName, pageText, onConfirm }: Props) {
  const ids = { input: useId(), hint: useId(), error: useId() };
  const [value, setValue] = useState(pageText ?? '');
  const [invalid, setInvalid] = useState(false);

  function submit(event: FormEvent) {
    event.preventDefault();
    const phone = normalisePhone(value);
    setInvalid(!phone);
    if (phone) onConfirm(phone.e164);
  }

  return (
    <form className="phone-prompt" data-testid="phone-prompt" onSubmit={submit}>
      <label htmlFor={ids.input} className="composer__label">
        {pageText ? `Confirm ${candidateName}'s mobile number` : `Enter ${candidateName}'s mobile number`}
      </label>
      <p id={ids.hint} className="muted">
        {pageText ? 'The ATS shows this number without a country code, so Parley cannot text it yet.' : 'This ATS page shows no phone number Parley can read.'}{' '}
        Include the country code, e.g. +44 7911 123456.
      </p>
      <input
        id={ids.input}
        type="tel"
        autoComplete="off"
        value={value}
        onChange={(event) => setValue(event.target.value)}
        aria-describedby={invalid ? `${ids.hint} ${ids.error}` : ids.hint}
        aria-invalid={invalid}
        data-testid="phone-input"
      />
      {invalid && (
        <p id={ids.error} className="alert" role="alert">
          That is not a phone number Parley can text. Check the digits and the country code.
        </p>
      )}
      <button type="submit" className="button button--primary" data-testid="phone-confirm">
        Use this number
      </button>
    </form>
  );
}
