import { type FormEvent, useMemo, useState } from 'react';
import { ComplianceSettings } from '@shared/api/compliance.ts';
import { DEFAULT_OPT_IN, type OptInMode } from '@shared/domain/consent.ts';
import { phoneCountries } from '@shared/domain/phone.ts';
import { DEFAULT_QUIET_HOURS, type QuietHours } from '@shared/domain/quiet-hours.ts';
import { useApi } from '../ui/api-context.tsx';
import { errorMessage } from '../ui/errors.ts';
import { Field } from '../ui/field.tsx';
import { countryFlag, countryName, quietHoursLabel } from '../ui/format.ts';
import { Segmented } from '../ui/segmented.tsx';
import { useLoaded } from './use-loaded.ts';

const optInOptions = [
  { value: 'double', label: 'Double', description: 'Double opt-in: the candidate confirms by replying START' },
  { value: 'single', label: 'Single', description: 'Single opt-in: an identification message first, then the conversation opens' },
] as const;
const optInLabel: Record<OptInMode, string> = { double: 'Double opt-in', single: 'Single opt-in' };

/** The same start and end mean no quiet hours (shared/domain/quiet-hours.ts). */
const NO_QUIET_HOURS: QuietHours = { start: '00:00', end: '00:00' };

/** The candidate's night in their local time: on with two times, or none. */
function QuietHoursCell({ value, onChange, label }: { value: QuietHours; onChange(quiet: QuietHours): void; label: string }) {
  const on = value.start !== value.end;
  return (
    <span className="quiet-hours">
      <label className="quiet-hours__toggle">
        <input
          type="checkbox"
          checked={on}
          aria-label={`${label} on`}
          onChange={(event) => onChange(event.target.checked ? DEFAULT_QUIET_HOURS : NO_QUIET_HOURS)}
        />
        {on && <span aria-hidden="true">From</span>}
      </label>
      {on ? (
        <>
          <input
            type="time"
            required
            aria-label={`${label} start`}
            value={value.start}
            onChange={(event) => onChange({ ...value, start: event.target.value })}
          />
          <span>to</span>
          <input type="time" required aria-label={`${label} end`} value={value.end} onChange={(event) => onChange({ ...value, end: event.target.value })} />
        </>
      ) : (
        <span className="muted">None</span>
      )}
    </span>
  );
}

type CountryRow = { country: string; optIn: OptInMode; quietHours: QuietHours };
/** What the form edits: quiet hours always filled in, so a save sends every row's. */
type Form = { defaultOptIn: OptInMode; defaultQuietHours: QuietHours; countries: CountryRow[]; privacyUrl: string };

const toForm = (settings: ComplianceSettings): Form => {
  const defaultQuietHours = settings.defaultQuietHours ?? DEFAULT_QUIET_HOURS;
  return {
    defaultOptIn: settings.defaultOptIn,
    defaultQuietHours,
    countries: settings.countries.map((row) => ({ ...row, quietHours: row.quietHours ?? defaultQuietHours })),
    privacyUrl: settings.privacyUrl ?? '',
  };
};

type Notice = { kind: 'ok' | 'error'; text: string };

/** What the form shows until the stored settings arrive, or if they cannot be read. */
const defaultForm: Form = { defaultOptIn: DEFAULT_OPT_IN, defaultQuietHours: DEFAULT_QUIET_HOURS, countries: [], privacyUrl: '' };

/** The privacy address as the worker will judge it: in words, before Save. */
function privacyUrlProblem(text: string): string | null {
  if (!text.trim()) return null;
  const checked = ComplianceSettings.shape.privacyUrl.safeParse(text.trim());
  return checked.success ? null : 'Enter a web address starting with https://';
}

/**
 * Admins: Global Compliance Settings — single or double opt-in and quiet hours per country (from
 * the candidate's phone number), the default for every other country, and the privacy policy
 * the consent page links to.
 */
export function ComplianceSection() {
  const api = useApi();
  // The form edits the loaded settings themselves; a save replaces them with what the worker stored.
  const stored = useLoaded(async () => toForm(await api.complianceSettings()), [api]);
  const settings = stored.data ?? defaultForm;
  const setSettings = (change: (form: Form) => Form) => stored.setData((form) => change(form ?? defaultForm));
  const [saved, setSaved] = useState<Notice | null>(null);
  const [query, setQuery] = useState('');
  const notice: Notice | null = saved ?? (stored.error ? { kind: 'error', text: stored.error } : null);
  const privacyProblem = privacyUrlProblem(settings.privacyUrl);

  const countries = useMemo(
    () =>
      phoneCountries()
        .map((code) => ({ code, name: countryName(code) }))
        .sort((a, b) => a.name.localeCompare(b.name)),
    [],
  );
  const own = new Map(settings.countries.map((row) => [row.country, row]));
  const needle = query.trim().toLowerCase();
  const shown = countries
    .filter((country) => !needle || country.name.toLowerCase().includes(needle) || country.code.toLowerCase() === needle)
    // Countries with their own rules first: what the admin set is what they look for.
    .sort((a, b) => Number(own.has(b.code)) - Number(own.has(a.code)));

  const setCountry = (code: string, change: Partial<CountryRow>) =>
    setSettings((s) => ({ ...s, countries: s.countries.map((row) => (row.country === code ? { ...row, ...change } : row)) }));
  const addCountry = (code: string) =>
    setSettings((s) => ({ ...s, countries: [...s.countries, { country: code, optIn: s.defaultOptIn, quietHours: s.defaultQuietHours }] }));
  const removeCountry = (code: string) => setSettings((s) => ({ ...s, countries: s.countries.filter((row) => row.country !== code) }));

  async function save(event: FormEvent) {
    event.preventDefault();
    if (privacyProblem) return;
    const { privacyUrl, ...rules } = settings;
    try {
      stored.setData(toForm(await api.putComplianceSettings({ ...rules, privacyUrl: privacyUrl.trim() || null })));
      setSaved({ kind: 'ok', text: 'Saved.' });
    } catch (error) {
      setSaved({ kind: 'error', text: errorMessage(error) });
    }
  }

  const quiet = quietHoursLabel(settings.defaultQuietHours);
  const defaultSummary = `${optInLabel[settings.defaultOptIn]} · ${quiet === 'None' ? 'no quiet hours' : `quiet ${quiet}`}`;
  return (
    <form onSubmit={save} className="compliance" data-testid="compliance-form">
      <p className="muted">
        The country comes from the candidate's phone number. Double opt-in asks the candidate to confirm by replying START; single opt-in sends an
        identification message first. Quiet hours are the candidate's night in their number's time zone: a message started then waits until they end (a reply
        within an hour of the candidate's own message goes at once).
      </p>
      <div className="card">
        <Field label="Privacy policy" hint="Linked from the consent page candidates open, so they can tell the request is genuine." error={privacyProblem}>
          <input
            type="url"
            inputMode="url"
            placeholder="https://example.com/privacy"
            value={settings.privacyUrl}
            onChange={(event) => setSettings((s) => ({ ...s, privacyUrl: event.target.value }))}
            data-testid="compliance-privacy-url"
          />
        </Field>
      </div>
      <table className="table compliance__table">
        <caption className="visually-hidden">Opt-in and quiet hours by country</caption>
        <thead>
          <tr>
            <th scope="col">Country</th>
            <th scope="col">Opt-in</th>
            <th scope="col">Quiet hours (candidate's time)</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          <tr data-testid="compliance-default" data-highlight="true">
            <th scope="row">
              <span aria-hidden="true">🌐</span> All other countries <span className="muted">(default)</span>
            </th>
            <td>
              <Segmented
                label="Opt-in for all other countries"
                value={settings.defaultOptIn}
                options={optInOptions}
                onChange={(defaultOptIn) => setSettings((s) => ({ ...s, defaultOptIn }))}
              />
            </td>
            <td>
              <QuietHoursCell
                label="Default quiet hours"
                value={settings.defaultQuietHours}
                onChange={(defaultQuietHours) => setSettings((s) => ({ ...s, defaultQuietHours }))}
              />
            </td>
            <td />
          </tr>
        </tbody>
      </table>
      <div className="compliance__search">
        <Field label="Find a country" hint={`${settings.countries.length} with their own rules; every other country follows the default.`}>
          <input type="search" value={query} placeholder="Germany, DE…" onChange={(event) => setQuery(event.target.value)} data-testid="compliance-search" />
        </Field>
      </div>
      <div className="compliance__list">
        <table className="table">
          <caption className="visually-hidden">Countries</caption>
          <thead>
            <tr>
              <th scope="col">Country</th>
              <th scope="col">Opt-in</th>
              <th scope="col">Quiet hours (candidate's time)</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {shown.map(({ code, name }) => {
              const row = own.get(code);
              return (
                <tr key={code} data-testid="compliance-country" data-country={code} data-highlight={row ? 'true' : undefined}>
                  <th scope="row">
                    <span aria-hidden="true">{countryFlag(code)}</span> {name} <span className="muted">{code}</span>
                  </th>
                  {row ? (
                    <>
                      <td>
                        <Segmented label={`Opt-in for ${name}`} value={row.optIn} options={optInOptions} onChange={(optIn) => setCountry(code, { optIn })} />
                      </td>
                      <td>
                        <QuietHoursCell label={`Quiet hours for ${name}`} value={row.quietHours} onChange={(quietHours) => setCountry(code, { quietHours })} />
                      </td>
                      <td>
                        <button type="button" className="button button--small" onClick={() => removeCountry(code)} aria-label={`Use the default for ${name}`}>
                          Use default
                        </button>
                      </td>
                    </>
                  ) : (
                    <>
                      <td colSpan={2} className="muted">
                        Default: {defaultSummary}
                      </td>
                      <td>
                        <button type="button" className="button button--small" onClick={() => addCountry(code)} aria-label={`Set own rules for ${name}`}>
                          Set own rules
                        </button>
                      </td>
                    </>
                  )}
                </tr>
              );
            })}
            {shown.length === 0 && (
              <tr>
                <td colSpan={4} className="muted">
                  No country matches “{query}”.
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      <div className="compliance__actions">
        <button type="submit" className="button button--primary" disabled={privacyProblem !== null} data-testid="compliance-save">
          Save changes
        </button>
        {notice && (
          <p role={notice.kind === 'error' ? 'alert' : 'status'} className={notice.kind === 'error' ? 'alert' : 'muted'}>
            {notice.text}
          </p>
        )}
      </div>
    </form>
  );
}
