import { plural } from '../ui/format.ts';
import { useId, useMemo, useState, type FormEvent } from 'react';
import type { Role } from '@shared/api/auth.ts';
import type { TeamMember, UpdateUserBody } from '@shared/api/users.ts';
import { canAssignSeats } from '@shared/domain/seats.ts';
import { useApi } from '../ui/api-context.tsx';
import { errorMessage } from '../ui/errors.ts';
import { SeatCsvImport } from './seat-csv-import.tsx';
import type { SectionProps } from './section-props.ts';
import { useLoaded } from './use-loaded.ts';

/** Rows drawn at once; a 10,000-user team is searched, not scrolled. */
const SHOWN = 200;

export function UsersSection({ user }: SectionProps) {
  const api = useApi();
  const loaded = useLoaded(() => api.team(), [api]);
  const team = loaded.data;
  const [query, setQuery] = useState('');
  const [changeError, setChangeError] = useState<string | null>(null);
  const [reinvited, setReinvited] = useState<string | null>(null);
  // One alert: a change's refusal, unless the reload after it failed too (the later news).
  const error = loaded.error ?? changeError;

  const matches = useMemo(() => {
    const q = query.trim().toLowerCase();
    return (team?.users ?? []).filter((u) => !q || u.email.toLowerCase().includes(q) || u.name.toLowerCase().includes(q));
  }, [team, query]);

  async function change(member: TeamMember, body: UpdateUserBody) {
    setChangeError(null);
    try {
      await api.updateUser(member.id, body);
    } catch (failure) {
      setChangeError(errorMessage(failure));
    }
    await loaded.reload();
  }

  async function reinvite(member: TeamMember) {
    setChangeError(null);
    setReinvited(null);
    try {
      await api.reinviteUser(member.id);
      setReinvited(`Invite sent again to ${member.email}; the earlier link no longer works.`);
    } catch (failure) {
      setChangeError(errorMessage(failure));
    }
  }

  if (!team)
    return error ? (
      <p className="alert" role="alert">
        {error}
      </p>
    ) : (
      <p className="muted">Loading the team…</p>
    );
  // Only to say why the toggles are off: the worker decides again (409 seats_exhausted).
  const full = !canAssignSeats(team.seats).ok;
  return (
    <>
      <section className="card" aria-label="Seats">
        <div className="row">
          <meter min={0} max={Math.max(team.seats.purchased, 1)} value={team.seats.used} aria-label="Seats in use" />
          <span data-testid="seat-usage">
            {team.seats.used} of {team.seats.purchased} seats in use
          </span>
        </div>
        {full && <p className="muted">All seats are taken: revoke one to give it to someone else.</p>}
      </section>
      {error && (
        <p className="alert" role="alert" data-testid="users-error">
          {error}
        </p>
      )}
      {reinvited && (
        <p className="muted" role="status" data-testid="reinvite-notice">
          {reinvited}
        </p>
      )}
      <section className="card" aria-label="Users">
        <div className="row">
          <input
            type="search"
            placeholder="Search by name or email"
            aria-label="Search users"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            data-testid="user-search"
          />
          <span className="muted">{matches.length > SHOWN ? `showing ${SHOWN} of ${matches.length}` : plural(matches.length, 'user')}</span>
        </div>
        <table className="grid">
          <thead>
            <tr>
              <th>Name</th>
              <th>Email</th>
              <th>Role</th>
              <th>Seat</th>
              <th>Status</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {matches.slice(0, SHOWN).map((member) => (
              <MemberRow
                key={member.id}
                member={member}
                self={member.id === user.id}
                seatsFull={full}
                onChange={(body) => void change(member, body)}
                onReinvite={() => void reinvite(member)}
              />
            ))}
          </tbody>
        </table>
      </section>
      <InviteForm onInvited={() => void loaded.reload()} />
      <SeatCsvImport onApplied={() => void loaded.reload()} />
    </>
  );
}

type MemberRowProps = { member: TeamMember; self: boolean; seatsFull: boolean; onChange(body: UpdateUserBody): void; onReinvite(): void };

function MemberRow({ member, self, seatsFull, onChange, onReinvite }: MemberRowProps) {
  const deactivated = member.status === 'deactivated';
  return (
    <tr data-testid="user-row" data-email={member.email}>
      <td>{member.name}</td>
      <td>{member.email}</td>
      <td>
        <select
          aria-label={`Role of ${member.name}`}
          value={member.role}
          disabled={self || deactivated}
          onChange={(e) => onChange({ role: e.target.value as Role })}
          data-testid="role-select"
        >
          <option value="recruiter">recruiter</option>
          <option value="admin">admin</option>
        </select>
      </td>
      <td>
        <input
          type="checkbox"
          aria-label={`Seat for ${member.name}`}
          checked={member.seat}
          disabled={deactivated || (!member.seat && seatsFull)}
          onChange={(e) => onChange({ seat: e.target.checked })}
          data-testid="seat-toggle"
        />
      </td>
      <td>{member.status}</td>
      <td className="row">
        {member.status === 'invited' && (
          <button type="button" className="button" onClick={onReinvite} data-testid="reinvite" aria-label={`Send the invite to ${member.name} again`}>
            Send invite again
          </button>
        )}
        {!self && (
          <button type="button" className="button" onClick={() => onChange({ active: deactivated })} data-testid="active-toggle">
            {deactivated ? 'Reactivate' : 'Deactivate'}
          </button>
        )}
      </td>
    </tr>
  );
}

function InviteForm({ onInvited }: { onInvited(): void }) {
  const api = useApi();
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('recruiter');
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null);
  const ids = { email: useId(), name: useId(), role: useId() };

  async function submit(event: FormEvent) {
    event.preventDefault();
    try {
      const invited = await api.inviteUser({ email: email.trim(), name: name.trim(), role });
      setOutcome({ ok: true, text: `Invited ${invited.email}: they set their password from the email.` });
      setEmail('');
      setName('');
      onInvited();
    } catch (failure) {
      setOutcome({ ok: false, text: errorMessage(failure) });
    }
  }

  return (
    <form className="card" aria-label="Invite" onSubmit={(e) => void submit(e)}>
      <h2>Invite a user</h2>
      <div className="row">
        <label htmlFor={ids.name}>Name</label>
        <input id={ids.name} required value={name} onChange={(e) => setName(e.target.value)} data-testid="invite-name" />
        <label htmlFor={ids.email}>Email</label>
        <input id={ids.email} type="email" required value={email} onChange={(e) => setEmail(e.target.value)} data-testid="invite-email" />
        <label htmlFor={ids.role}>Role</label>
        <select id={ids.role} value={role} onChange={(e) => setRole(e.target.value as Role)}>
          <option value="recruiter">recruiter</option>
          <option value="admin">admin</option>
        </select>
        <button type="submit" className="button button--primary" data-testid="invite-submit">
          Send invite
        </button>
      </div>
      {outcome && (
        <p className={outcome.ok ? 'ok' : 'alert'} role={outcome.ok ? 'status' : 'alert'}>
          {outcome.text}
        </p>
      )}
    </form>
  );
}
