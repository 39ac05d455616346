import { useState, type FormEvent } from 'react';
import type { ComplianceSettings } from '@shared/api/compliance.ts';
import { DEFAULT_OPT_IN, type OptInMode } from '@shared/domain/consent.ts';
import { DEFAULT_QUIET_HOURS, type QuietHours } from '@shared/domain/quiet-hours.ts';
import { useApi } from '../ui/api-context.tsx';
import { errorMessage } from '../ui/errors.ts';
import { useLoaded } from './use-loaded.ts';

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

/** The night in the candidate's local time, as two time fields. */
function QuietFields({ value, onChange, label }: { value: QuietHours; onChange(quiet: QuietHours): void; label: string }) {
  return (
    <span className="quiet-hours">
      quiet from{' '}
      <input type="time" required aria-label={`${label} start`} value={value.start} onChange={(event) => onChange({ ...value, start: event.target.value })} />{' '}
      to <input type="time" required aria-label={`${label} end`} value={value.end} onChange={(event) => onChange({ ...value, end: event.target.value })} />
    </span>
  );
}

type CountryRow = { country: string; optIn: OptInMode; quietHours: QuietHours };
/** What the form edits: quiet hours always filled in, so a save sends every row's. */
type Form = { defaultOptIn: OptInMode; defaultQuietHours: QuietHours; countries: CountryRow[] };

const toForm = (settings: ComplianceSettings): Form => {
  const defaultQuietHours = settings.defaultQuietHours ?? DEFAULT_QUIET_HOURS;
  return {
    defaultOptIn: settings.defaultOptIn,
    defaultQuietHours,
    countries: settings.countries.map((row) => ({ ...row, quietHours: row.quietHours ?? defaultQuietHours })),
  };
};

type Notice = { kind: 'ok' | 'error'; text: string };

/** What the form shows until the stored settings arrive, or if they cannot be read. */
const defaultForm: Form = { defaultOptIn: DEFAULT_OPT_IN, defaultQuietHours: DEFAULT_QUIET_HOURS, countries: [] };

/**
 * Admins: single or double opt-in and quiet hours per country (from the candidate's phone
 * number), and the default for the rest.
 */
export function ComplianceSection() {
  const api = useApi();
  // The form edits the loaded settings themselves; a save replaces them with what the worker stored.
  const stored = useLoaded(async () => toForm(await api.complianceSettings()), [api]);
  const settings = stored.data ?? defaultForm;
  const setSettings = (change: (form: Form) => Form) => stored.setData((form) => change(form ?? defaultForm));
  const [saved, setSaved] = useState<Notice | null>(null);
  const notice: Notice | null = saved ?? (stored.error ? { kind: 'error', text: stored.error } : null);

  const setCountry = (index: number, change: Partial<CountryRow>) =>
    setSettings((s) => ({ ...s, countries: s.countries.map((row, i) => (i === index ? { ...row, ...change } : row)) }));

  async function save(event: FormEvent) {
    event.preventDefault();
    try {
      stored.setData(toForm(await api.putComplianceSettings(settings)));
      setSaved({ kind: 'ok', text: 'Saved.' });
    } catch (error) {
      setSaved({ kind: 'error', text: errorMessage(error) });
    }
  }

  return (
    <form onSubmit={save} data-testid="compliance-form">
      <p>
        The country comes from the candidate's phone number; the opt-in message's language from the job ad. Quiet hours are the candidate's night in the time
        zone of their number: a message a recruiter starts then waits until they end (a reply within an hour of the candidate's own message goes at once). The
        same start and end mean no quiet hours.
      </p>
      <p>
        <label>
          Countries not listed below{' '}
          <ModeSelect label="Default opt-in" value={settings.defaultOptIn} onChange={(defaultOptIn) => setSettings((s) => ({ ...s, defaultOptIn }))} />
        </label>{' '}
        <QuietFields
          label="Default quiet hours"
          value={settings.defaultQuietHours}
          onChange={(defaultQuietHours) => setSettings((s) => ({ ...s, defaultQuietHours }))}
        />
      </p>
      <ul>
        {settings.countries.map((row, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows are edited in place, the country code too; the position is the row's identity.
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
            <QuietFields
              label={`Quiet hours for ${row.country || 'this country'}`}
              value={row.quietHours}
              onChange={(quietHours) => setCountry(index, { quietHours })}
            />{' '}
            <button type="button" onClick={() => setSettings((s) => ({ ...s, countries: s.countries.filter((_, i) => i !== index) }))}>
              Remove
            </button>
          </li>
        ))}
      </ul>
      <button
        type="button"
        onClick={() => setSettings((s) => ({ ...s, countries: [...s.countries, { country: '', optIn: 'double', quietHours: s.defaultQuietHours }] }))}
      >
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
