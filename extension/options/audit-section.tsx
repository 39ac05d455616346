import { useEffect, useState } from 'react';
import type { AuditEvent } from '@shared/api/users.ts';
import { useApi } from '../panel/api-context.tsx';
import { errorMessage } from '../panel/errors.ts';

const who = (person: AuditEvent['actor']) => (person ? `${person.name} <${person.email}>` : '—');

/** Seat, role, invite and sign-in events, newest first; "Load older" pages back. */
export function AuditSection() {
  const api = useApi();
  const [events, setEvents] = useState<AuditEvent[]>([]);
  const [nextBefore, setNextBefore] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function load(before?: number) {
    try {
      const page = await api.auditEvents(before);
      setEvents((shown) => (before === undefined ? page.events : [...shown, ...page.events]));
      setNextBefore(page.nextBefore);
    } catch (failure) {
      setError(errorMessage(failure));
    }
  }
  // Once, on open; later pages come from "Load older".
  useEffect(() => void load(), []);

  return (
    <section className="card">
      {error && (
        <p className="alert" role="alert">
          {error}
        </p>
      )}
      <table className="grid" data-testid="audit-log">
        <thead>
          <tr>
            <th>When (UTC)</th>
            <th>What</th>
            <th>Who</th>
            <th>To whom</th>
            <th>Detail</th>
            <th>From</th>
          </tr>
        </thead>
        <tbody>
          {events.map((e) => (
            <tr key={e.seq} data-testid="audit-event" data-action={e.action}>
              <td>{e.at.replace('T', ' ').slice(0, 19)}</td>
              <td>{e.action}</td>
              <td>{who(e.actor)}</td>
              <td>{who(e.target)}</td>
              <td>{e.detail}</td>
              <td title={e.userAgent ?? ''}>{e.ip ?? 'unknown'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {nextBefore !== null && (
        <button type="button" className="button" onClick={() => void load(nextBefore)}>
          Load older
        </button>
      )}
    </section>
  );
}
