import { useState } from 'react';
import type { AuditEvent } from '@shared/api/users.ts';
import { useApi } from '../ui/api-context.tsx';
import { errorMessage } from '../ui/errors.ts';
import { useLoaded } from './use-loaded.ts';

const who = (person: AuditEvent['actor']) => (person ? `${person.name} <${person.email}>` : '—');

/** Seat, role, invite and sign-in events, newest first; "Load older" pages back. */
export function AuditSection() {
  const api = useApi();
  // The newest page on open; "Load older" appends to it.
  const log = useLoaded(() => api.auditEvents(), [api]);
  const [olderError, setOlderError] = useState<string | null>(null);
  const error = log.error ?? olderError;
  const events = log.data?.events ?? [];
  const nextBefore = log.data?.nextBefore ?? null;

  async function loadOlder(before: number) {
    try {
      const page = await api.auditEvents(before);
      log.setData((shown) => ({ events: [...(shown?.events ?? []), ...page.events], nextBefore: page.nextBefore }));
    } catch (failure) {
      setOlderError(errorMessage(failure));
    }
  }

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
        <button type="button" className="button" onClick={() => void loadOlder(nextBefore)}>
          Load older
        </button>
      )}
    </section>
  );
}
