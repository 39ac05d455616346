/**
 * The CSV round trip of users and seats, as a pure plan: given the team as it is and the rows of
 * an edited file, what would change and what is wrong with each row. The worker applies a plan
 * only when it has no errors at all — a file with errors changes nothing (all or nothing), so an
 * admin never has to work out which half of a file went in.
 * @module
 */
import type { Role } from '../api/auth.ts';
import type { SeatImportChange, SeatImportError } from '../api/users.ts';
import { canAssignSeats } from './seats.ts';

export const SEAT_CSV_COLUMNS = ['email', 'name', 'role', 'seat'] as const;

/** How the `seat` column is written in the download, and the only spellings read back. */
export const SEAT_CSV_VALUES = { true: 'yes', false: 'no' } as const;

export type SeatCsvRow = { line: number; email: string; name: string; role: string; seat: string };

/** A member as the plan sees them; deactivated users are not part of the team for the CSV. */
export type PlanMember = { id: string; email: string; role: Role; seat: boolean };

export type SeatImportPlan = {
  changes: SeatImportChange[];
  errors: SeatImportError[];
  usedBefore: number;
  usedAfter: number;
};

const parseRole = (value: string): Role | null => (value === 'admin' || value === 'recruiter' ? value : null);
const parseSeat = (value: string): boolean | null => (value === SEAT_CSV_VALUES.true ? true : value === SEAT_CSV_VALUES.false ? false : null);

/**
 * Rows name users by email (case-insensitive). `name` is informational: names are each user's own
 * and are not changed by the file. Users missing from the file keep what they have.
 */
export function planSeatImport(members: readonly PlanMember[], rows: readonly SeatCsvRow[], purchased: number): SeatImportPlan {
  const byEmail = new Map(members.map((m) => [m.email.toLowerCase(), m]));
  const seen = new Map<string, number>();
  const errors: SeatImportError[] = [];
  const changes: SeatImportChange[] = [];
  const usedBefore = members.filter((m) => m.seat).length;

  for (const row of rows) {
    const email = row.email.trim();
    const key = email.toLowerCase();
    const fail = (code: SeatImportError['code'], message: string) => errors.push({ line: row.line, email: email || null, code, message });
    const firstLine = seen.get(key);
    if (firstLine !== undefined) {
      fail('duplicate_row', `${email} is already on line ${firstLine}.`);
      continue;
    }
    seen.set(key, row.line);
    const member = byEmail.get(key);
    if (!member) {
      fail('unknown_email', email ? `No user with the email ${email} in your team. Invite them first.` : 'The email is empty.');
      continue;
    }
    const role = parseRole(row.role.trim().toLowerCase());
    const seat = parseSeat(row.seat.trim().toLowerCase());
    if (!role) fail('bad_value', `role "${row.role}" must be admin or recruiter.`);
    if (seat === null) fail('bad_value', `seat "${row.seat}" must be ${SEAT_CSV_VALUES.true} or ${SEAT_CSV_VALUES.false}.`);
    if (!role || seat === null) continue;
    const change: SeatImportChange = { line: row.line, userId: member.id, email: member.email };
    if (role !== member.role) change.role = { from: member.role, to: role };
    if (seat !== member.seat) change.seat = { from: member.seat, to: seat };
    if (change.role || change.seat) changes.push(change);
  }

  // Revocations free seats before assignments take them, wherever they are in the file; the
  // assignments that do not fit are errors, in file order.
  let used = usedBefore - changes.filter((c) => c.seat?.to === false).length;
  const overflow = new Set<SeatImportChange>();
  for (const change of changes) {
    if (change.seat?.to !== true) continue;
    if (canAssignSeats({ purchased, used }).ok) used += 1;
    else overflow.add(change);
  }
  for (const change of overflow) {
    errors.push({
      line: change.line,
      email: change.email,
      code: 'over_seat_count',
      message: `Giving ${change.email} a seat would exceed the ${purchased} purchased seats.`,
    });
  }
  // A team without an admin could never manage seats again: the file must leave one.
  const demoted = new Set(changes.filter((c) => c.role?.to === 'recruiter').map((c) => c.userId));
  const promoted = changes.some((c) => c.role?.to === 'admin');
  const firstDemotion = changes.find((c) => c.role?.to === 'recruiter');
  if (firstDemotion && !promoted && !members.some((m) => m.role === 'admin' && !demoted.has(m.id))) {
    errors.push({
      line: firstDemotion.line,
      email: firstDemotion.email,
      code: 'no_admin_left',
      message: 'The file makes every admin a recruiter; keep at least one admin so someone can manage the team.',
    });
  }
  errors.sort((a, b) => a.line - b.line);
  return { changes: changes.filter((c) => !overflow.has(c)), errors, usedBefore, usedAfter: used };
}
