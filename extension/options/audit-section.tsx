import { useState } from 'react';
import type { AuditAction, AuditEvent } from '@shared/api/users.ts';
import { useApi } from '../ui/api-context.tsx';
import { EmptyState } from '../ui/empty-state.tsx';
import { errorMessage } from '../ui/errors.ts';
import { Field } from '../ui/field.tsx';
import { useLoaded } from './use-loaded.ts';

const who = (person: AuditEvent['actor']) => (person ? `${person.name} <${person.email}>` : '—');

/** Names for the subjects of actions, where the code's word is not the one admins use. */
const subjects: Record<string, string> = {
  ats_integration: 'ATS webhook',
  integration: 'Provider',
  sending_number: 'Sending number',
  sign_in: 'Sign-in',
  sign_out: 'Sign-out',
  seats: 'Seats',
  interview_settings: 'Interview settings',
  usage_prices: 'Usage prices',
  usage_settings: 'Usage settings',
};

/** "sign_in.succeeded" → "Sign-in succeeded", "ats_integration.created" → "ATS webhook created". */
export function auditActionLabel(action: AuditAction | string): string {
  const [subject = action, verb = ''] = action.split('.');
  const words = (text: string) => text.replace(/_/g, ' ');
  const named = subjects[subject] ?? `${words(subject).charAt(0).toUpperCase()}${words(subject).slice(1)}`;
  return `${named} ${words(verb)}`.trim();
}

/** A CSV cell: quoted, and a leading formula character neutralised so a spreadsheet shows it as text. */
const csvCell = (value: string) => `"${(/^[=+\-@\t\r]/.test(value) ? `'${value}` : value).replace(/"/g, '""')}"`;

export function auditCsv(events: readonly AuditEvent[]): string {
  const header = ['at', 'action', 'what', 'actor', 'target', 'detail', 'ip', 'user_agent'];
  const rows = events.map((e) => [e.at, e.action, auditActionLabel(e.action), who(e.actor), who(e.target), e.detail, e.ip ?? '', e.userAgent ?? '']);
  return [header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n');
}

const matches = (event: AuditEvent, needle: string) =>
  [auditActionLabel(event.action), event.action, who(event.actor), who(event.target), event.detail, event.ip ?? ''].some((text) =>
    text.toLowerCase().includes(needle),
  );

/** Every audit event, newest first, in readable words: filtered by action and text, exported as CSV. */
export function AuditSection() {
  const api = useApi();
  // The newest page on open; "Load older" appends to it.
  const log = useLoaded(() => api.auditEvents(), [api]);
  const [olderError, setOlderError] = useState<string | null>(null);
  const [action, setAction] = useState('');
  const [query, setQuery] = useState('');
  const [exporting, setExporting] = useState(false);
  const error = log.error ?? olderError;
  const events = log.data?.events ?? [];
  const nextBefore = log.data?.nextBefore ?? null;
  const actions = [...new Set(events.map((e) => e.action))].sort((a, b) => auditActionLabel(a).localeCompare(auditActionLabel(b)));
  const needle = query.trim().toLowerCase();
  const shown = events.filter((e) => (!action || e.action === action) && (!needle || matches(e, needle)));

  async function loadOlder(before: number) {
    try {
      const page = await api.auditEvents(before);
      log.setData((current) => ({ events: [...(current?.events ?? []), ...page.events], nextBefore: page.nextBefore }));
    } catch (failure) {
      setOlderError(errorMessage(failure));
    }
  }

  /** The whole log, every page, as the filters show it: the export is what the admin sees, not only what is loaded. */
  async function exportCsv() {
    setExporting(true);
    try {
      let page = await api.auditEvents();
      const all = [...page.events];
      while (page.nextBefore !== null) {
        page = await api.auditEvents(page.nextBefore);
        all.push(...page.events);
      }
      const filtered = all.filter((e) => (!action || e.action === action) && (!needle || matches(e, needle)));
      const link = document.createElement('a');
      link.href = URL.createObjectURL(new Blob([auditCsv(filtered)], { type: 'text/csv' }));
      link.download = 'parley-audit-log.csv';
      link.click();
      URL.revokeObjectURL(link.href);
    } catch (failure) {
      setOlderError(errorMessage(failure));
    } finally {
      setExporting(false);
    }
  }

  return (
    <section className="card audit">
      <div className="audit__filters">
        <Field label="Action">
          <select value={action} onChange={(event) => setAction(event.target.value)} data-testid="audit-action-filter">
            <option value="">All actions</option>
            {actions.map((code) => (
              <option key={code} value={code}>
                {auditActionLabel(code)}
              </option>
            ))}
          </select>
        </Field>
        <Field label="Search">
          <input
            type="search"
            value={query}
            placeholder="Name, email, detail, address"
            onChange={(event) => setQuery(event.target.value)}
            data-testid="audit-search"
          />
        </Field>
        <button type="button" className="button" onClick={() => void exportCsv()} disabled={exporting} data-testid="audit-export">
          {exporting ? 'Exporting…' : 'Export CSV'}
        </button>
      </div>
      {error && (
        <p className="alert" role="alert">
          {error}
        </p>
      )}
      <table className="table" data-testid="audit-log">
        <caption className="visually-hidden">Audit log, newest first</caption>
        <thead>
          <tr>
            <th scope="col">When (UTC)</th>
            <th scope="col">What</th>
            <th scope="col">Who</th>
            <th scope="col">To whom</th>
            <th scope="col">Detail</th>
            <th scope="col">From</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((e) => (
            <tr key={e.seq} data-testid="audit-event" data-action={e.action}>
              <td className="audit__when">{e.at.replace('T', ' ').slice(0, 19)}</td>
              <td title={e.action}>{auditActionLabel(e.action)}</td>
              <td>{who(e.actor)}</td>
              <td>{who(e.target)}</td>
              <td className="audit__detail">{e.detail}</td>
              <td title={e.userAgent ?? ''}>{e.ip ?? 'unknown'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {log.data && shown.length === 0 && (
        <EmptyState title={events.length === 0 ? 'Nothing recorded yet.' : 'No event matches.'}>
          {events.length === 0 ? 'Seats, roles, sign-ins and settings changes appear here.' : 'Change the action or the search, or load older events.'}
        </EmptyState>
      )}
      {nextBefore !== null && (
        <button type="button" className="button" onClick={() => void loadOlder(nextBefore)}>
          Load older
        </button>
      )}
    </section>
  );
}
