import { useEffect, useState, type FormEvent } from 'react';
import type { ComplianceSettings } from '@shared/api/compliance.ts';
import { DEFAULT_OPT_IN, type OptInMode } from '@shared/domain/consent.ts';
import { useApi } from '../panel/api-context.tsx';
import { errorMessage } from '../panel/errors.ts';

const modeLabel: Record<OptInMode, string> = {
  single: 'Single opt-in: an identification message first, then the conversation opens',
  double: 'Double opt-in: the candidate confirms by replying START',
};

function ModeSelect({ value, onChange, label }: { value: OptInMode; onChange(mode: OptInMode): void; label: string }) {
  return (
    <select aria-label={label} value={value} onChange={(event) => onChange(event.target.value as OptInMode)}>
      {(['double', 'single'] as const).map((mode) => (
        <option key={mode} value={mode}>
          {modeLabel[mode]}
        </option>
      ))}
    </select>
  );
}

/** Admins: single or double opt-in per country (from the candidate's phone number), and the default for the rest. */
export function ComplianceSection() {
  const api = useApi();
  const [settings, setSettings] = useState<ComplianceSettings>({ defaultOptIn: DEFAULT_OPT_IN, countries: [] });
  const [notice, setNotice] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);

  useEffect(() => {
    api.complianceSettings().then(setSettings, (error: unknown) => setNotice({ kind: 'error', text: errorMessage(error) }));
  }, [api]);

  const setCountry = (index: number, change: Partial<ComplianceSettings['countries'][number]>) =>
    setSettings((s) => ({ ...s, countries: s.countries.map((row, i) => (i === index ? { ...row, ...change } : row)) }));

  async function save(event: FormEvent) {
    event.preventDefault();
    try {
      setSettings(await api.putComplianceSettings(settings));
      setNotice({ kind: 'ok', text: 'Saved.' });
    } catch (error) {
      setNotice({ kind: 'error', text: errorMessage(error) });
    }
  }

  return (
    <form onSubmit={save} data-testid="compliance-form">
      <p>The country comes from the candidate's phone number; the opt-in message's language from the job ad.</p>
      <label>
        Countries not listed below{' '}
        <ModeSelect label="Default opt-in" value={settings.defaultOptIn} onChange={(defaultOptIn) => setSettings((s) => ({ ...s, defaultOptIn }))} />
      </label>
      <ul>
        {settings.countries.map((row, index) => (
          <li key={index}>
            <input
              aria-label="Country code"
              value={row.country}
              maxLength={2}
              size={3}
              placeholder="DE"
              onChange={(event) => setCountry(index, { country: event.target.value.toUpperCase() })}
            />{' '}
            <ModeSelect label={`Opt-in for ${row.country || 'this country'}`} value={row.optIn} onChange={(optIn) => setCountry(index, { optIn })} />{' '}
            <button type="button" onClick={() => setSettings((s) => ({ ...s, countries: s.countries.filter((_, i) => i !== index) }))}>
              Remove
            </button>
          </li>
        ))}
      </ul>
      <button type="button" onClick={() => setSettings((s) => ({ ...s, countries: [...s.countries, { country: '', optIn: 'double' }] }))}>
        Add a country
      </button>{' '}
      <button type="submit">Save</button>
      {notice && (
        <p role={notice.kind === 'error' ? 'alert' : 'status'} className={notice.kind === 'error' ? 'alert' : 'muted'}>
          {notice.text}
        </p>
      )}
    </form>
  );
}
