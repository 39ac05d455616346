/**
 * The admin's work on the team: the list with seat usage, role/seat/active changes, invites, and
 * the CSV round trip. Every change writes its audit event in the same D1 batch.
 * @module
 */
import Papa from 'papaparse';
import type { InviteBody, SeatImportReport, Team, TeamMember, UpdateUserBody } from '../../shared/api/users.ts';
import { planSeatImport, SEAT_CSV_COLUMNS, SEAT_CSV_VALUES, type SeatCsvRow } from '../../shared/domain/seat-import.ts';
import { canAssignSeats } from '../../shared/domain/seats.ts';
import { type AuditRecord, insertAuditEventsStatement, insertAuditStatement } from '../db/queries/audit.ts';
import { spendAccountTokensStatement } from '../db/queries/account-tokens.ts';
import { revokeUserSessions } from '../db/queries/sessions.ts';
import {
  assertAdminLeftStatement,
  assertSeatCountStatement,
  assignSeatStatement,
  bulkSeatAndRoleStatements,
  findTeamMember,
  insertInvitedUserSql,
  listTeamMembers,
  NO_ADMIN_LEFT,
  revokeSeatStatement,
  seatUsage,
  setActiveStatement,
  tenantOfEmail,
  setRoleStatement,
  type TeamMemberRow,
} from '../db/queries/users.ts';
import { emailSenderFor } from '../email/registry.ts';
import type { Bindings, SessionUser } from '../env.ts';
import { ApiError, notFound } from '../lib/errors.ts';
import { prepareAll } from '../db/queries/sql.ts';
import { newId } from '../lib/ids.ts';
import { accountLinkPath, newAccountLink } from './account-link-tokens.ts';
import { inviteElsewhereEmail, inviteEmail } from './account-links.ts';
import { disconnectSessions, reauthorizeUsers } from './notifier.ts';
import { personOf, type RequestOrigin } from './audit.ts';

export const toTeamMember = (row: TeamMemberRow): TeamMember => ({
  id: row.id,
  email: row.email,
  name: row.name,
  role: row.role,
  seat: row.has_seat === 1,
  status: row.deactivated_at ? 'deactivated' : row.has_password ? 'active' : 'invited',
  lastSignInAt: row.last_sign_in_at,
});

export async function getTeam(db: D1Database, tenantId: string): Promise<Team> {
  const [rows, seats] = await Promise.all([listTeamMembers(db, tenantId), seatUsage(db, tenantId)]);
  return { users: rows.map(toTeamMember), seats };
}

type Audit = (action: AuditRecord['action'], target: TeamMemberRow, detail?: string) => D1PreparedStatement;

function auditor(db: D1Database, actor: SessionUser, origin: RequestOrigin, at: string): Audit {
  return (action, target, detail = '') =>
    insertAuditStatement(db, {
      tenantId: actor.tenantId,
      action,
      actor: personOf(actor),
      target: { id: target.id, name: target.name, email: target.email },
      detail,
      ip: origin.ip,
      userAgent: origin.userAgent,
      at,
    });
}

/**
 * One user's role, seat or active state. A seat is taken first, alone, because only that
 * statement knows atomically whether one is free; the rest follows in one batch.
 */
export async function updateUser(
  env: Bindings,
  actor: SessionUser,
  userId: string,
  change: UpdateUserBody,
  origin: RequestOrigin,
  now: Date,
): Promise<TeamMember> {
  const db = env.DB;
  const member = await findTeamMember(db, actor.tenantId, userId);
  if (!member) throw notFound('The user');
  if (userId === actor.userId && (change.role === 'recruiter' || change.active === false)) {
    throw new ApiError(409, 'conflict', 'You cannot demote or deactivate yourself. Ask another admin.');
  }
  const deactivated = member.deactivated_at !== null && change.active !== true;
  if (change.seat === true && deactivated) {
    throw new ApiError(409, 'conflict', `${member.name} is deactivated. Reactivate them before giving them a seat.`);
  }
  const at = now.toISOString();
  const audit = auditor(db, actor, origin, at);
  const statements: D1PreparedStatement[] = [];

  if (change.active === true && member.deactivated_at) {
    statements.push(setActiveStatement(db, actor.tenantId, userId, true, at), audit('user.reactivated', member));
  }
  if (change.seat === true && member.has_seat === 0) {
    if (statements.length) await db.batch(statements.splice(0));
    const taken = await assignSeatStatement(db, actor.tenantId, userId).run();
    if (!taken.meta.changes) {
      const refusal = canAssignSeats(await seatUsage(db, actor.tenantId));
      throw new ApiError(409, 'seats_exhausted', refusal.ok ? 'The seat could not be assigned. Try again.' : refusal.refusal.message);
    }
    statements.push(audit('seat.assigned', member));
  }
  if (change.seat === false && member.has_seat === 1) {
    statements.push(revokeSeatStatement(db, actor.tenantId, userId), audit('seat.revoked', member));
  }
  if (change.role && change.role !== member.role) {
    statements.push(setRoleStatement(db, actor.tenantId, userId, change.role), audit('role.changed', member, `${member.role} → ${change.role}`));
  }
  if (change.active === false && !member.deactivated_at) {
    statements.push(
      setActiveStatement(db, actor.tenantId, userId, false, at),
      revokeUserSessions(db, actor.tenantId, userId, at),
      audit('user.deactivated', member, member.has_seat ? 'seat released' : ''),
    );
  }
  const losesAdmin = member.role === 'admin' && !member.deactivated_at && (change.role === 'recruiter' || change.active === false);
  if (losesAdmin) statements.push(assertAdminLeftStatement(db, actor.tenantId));
  try {
    if (statements.length) await db.batch(statements);
  } catch (error) {
    if (!String(error).includes(NO_ADMIN_LEFT)) throw error;
    throw new ApiError(409, 'conflict', `${member.name} is the team's last active admin. Make someone else an admin first.`);
  }
  // A deactivated user's open panels and inbox stop hearing the team's messages at once.
  if (change.active === false && !member.deactivated_at) await disconnectSessions(env, actor.tenantId, { userId });
  else if ((change.role && change.role !== member.role) || (change.seat === false && member.has_seat === 1))
    await reauthorizeUsers(env, actor.tenantId, [userId]);
  const updated = await findTeamMember(db, actor.tenantId, userId);
  if (!updated) throw notFound('The user');
  return toTeamMember(updated);
}

/**
 * Creates the user without a password and emails them a link to set one. An email that has an
 * account with another tenant is answered exactly like a new one (an admin must not learn who
 * uses Parley elsewhere); nothing is created and the account's owner is told instead.
 */
export async function inviteUser(
  env: Bindings,
  actor: SessionUser,
  invite: InviteBody,
  linkOrigin: string,
  origin: RequestOrigin,
  now: Date,
): Promise<TeamMember> {
  const db = env.DB;
  const tenantOfAccount = await tenantOfEmail(db, invite.email);
  if (tenantOfAccount === actor.tenantId) throw new ApiError(409, 'conflict', `${invite.email} is already in your team.`);
  const at = now.toISOString();
  const row: TeamMemberRow = {
    id: newId('usr'),
    email: invite.email,
    name: invite.name,
    role: invite.role,
    has_seat: 0,
    has_password: 0,
    deactivated_at: null,
    last_sign_in_at: null,
  };
  let email: { to: string; subject: string; text: string };
  if (tenantOfAccount) {
    await auditor(db, actor, origin, at)('user.invited', row, `as ${row.role}`).run();
    email = inviteElsewhereEmail(row, actor.name, actor.tenantName);
  } else {
    const link = await newAccountLink(db, { tenantId: actor.tenantId, userId: row.id }, 'invite', now);
    await db.batch([
      ...prepareAll(db, [insertInvitedUserSql({ id: row.id, tenantId: actor.tenantId, email: row.email, name: row.name, role: row.role, createdAt: at })]),
      link.statement,
      auditor(db, actor, origin, at)('user.invited', row, `as ${row.role}`),
    ]);
    email = inviteEmail(row, actor.name, actor.tenantName, `${linkOrigin}${accountLinkPath(link.token)}`);
  }
  await emailSenderFor(env)
    .send({ tenantId: actor.tenantId, ...email })
    .catch((error: unknown) => {
      throw new ApiError(502, 'provider_error', `${row.email} was invited, but the email could not be sent: ${String(error)}`);
    });
  return toTeamMember(row);
}

/**
 * Emails an invited user a new link, for an invite that was lost or expired. Only while they have
 * not set a password (after that it is a password reset, theirs to ask for); the new link retires
 * the older ones, so only the latest email's link works.
 */
export async function reinviteUser(
  env: Bindings,
  actor: SessionUser,
  userId: string,
  linkOrigin: string,
  origin: RequestOrigin,
  now: Date,
): Promise<TeamMember> {
  const db = env.DB;
  const member = await findTeamMember(db, actor.tenantId, userId);
  if (!member) throw notFound('The user');
  if (member.deactivated_at) throw new ApiError(409, 'conflict', `${member.email} is deactivated: reactivate them before inviting them again.`);
  if (member.has_password) throw new ApiError(409, 'conflict', `${member.email} has set a password already: they can reset it from the sign-in form.`);
  const at = now.toISOString();
  const link = await newAccountLink(db, { tenantId: actor.tenantId, userId: member.id }, 'invite', now);
  await db.batch([
    spendAccountTokensStatement(db, actor.tenantId, member.id, at),
    link.statement,
    auditor(db, actor, origin, at)('user.invited', member, `invite sent again, as ${member.role}`),
  ]);
  const email = inviteEmail(member, actor.name, actor.tenantName, `${linkOrigin}${accountLinkPath(link.token)}`);
  await emailSenderFor(env)
    .send({ tenantId: actor.tenantId, ...email })
    .catch((error: unknown) => {
      throw new ApiError(502, 'provider_error', `The invite to ${member.email} could not be sent: ${String(error)}`);
    });
  return toTeamMember(member);
}

const seatCell = (seat: boolean) => (seat ? SEAT_CSV_VALUES.true : SEAT_CSV_VALUES.false);

/** The team as CSV (email, name, role, seat); deactivated users are left out — they hold nothing. */
export async function exportTeamCsv(db: D1Database, tenantId: string): Promise<string> {
  const rows = (await listTeamMembers(db, tenantId)).filter((m) => !m.deactivated_at);
  return Papa.unparse(
    { fields: [...SEAT_CSV_COLUMNS], data: rows.map((m) => [m.email, m.name, m.role, seatCell(m.has_seat === 1)]) },
    // A name such as "=HYPERLINK(…)" must stay text when the file is opened in a spreadsheet.
    { escapeFormulae: true, newline: '\n' },
  );
}

export const MAX_SEAT_CSV_ROWS = 20_000;

function parseSeatCsv(csv: string): { rows: SeatCsvRow[]; missing: string[] } {
  const parsed = Papa.parse<Record<string, string>>(csv, {
    header: true,
    skipEmptyLines: 'greedy',
    transformHeader: (header) => header.trim().toLowerCase(),
  });
  const fields = parsed.meta.fields ?? [];
  const missing = ['email', 'role', 'seat'].filter((column) => !fields.includes(column));
  if (parsed.data.length > MAX_SEAT_CSV_ROWS) {
    throw new ApiError(422, 'validation_failed', `The file has ${parsed.data.length} rows; at most ${MAX_SEAT_CSV_ROWS} at once.`);
  }
  // Papa reports each row's start (`meta.cursor` is the end); counting lines keeps quoted newlines honest.
  const rows = parsed.data.map((record, index) => ({
    line: index + 2,
    email: record.email ?? '',
    name: record.name ?? '',
    role: record.role ?? '',
    seat: record.seat ?? '',
  }));
  return { rows, missing };
}

/**
 * The dry run and the apply of an edited CSV. Both plan the same way; the apply writes only a
 * plan without errors, in one batch that also re-checks the seat count (someone may have
 * assigned seats since the plan was read) — so a file applies entirely or not at all.
 */
export async function importTeamCsv(
  env: Bindings,
  actor: SessionUser,
  csv: string,
  dryRun: boolean,
  origin: RequestOrigin,
  now: Date,
): Promise<SeatImportReport> {
  const db = env.DB;
  const { rows, missing } = parseSeatCsv(csv);
  const [members, seats] = await Promise.all([listTeamMembers(db, actor.tenantId), seatUsage(db, actor.tenantId)]);
  const active = members.filter((m) => !m.deactivated_at).map((m) => ({ id: m.id, email: m.email, role: m.role, seat: m.has_seat === 1 }));
  const plan = missing.length
    ? {
        changes: [],
        errors: [
          { line: 1, email: null, code: 'missing_columns' as const, message: `The header is missing: ${missing.join(', ')}. Start from a downloaded file.` },
        ],
        usedBefore: seats.used,
        usedAfter: seats.used,
      }
    : planSeatImport(active, rows, seats.purchased);
  const report: SeatImportReport = {
    rows: rows.length,
    changes: plan.changes,
    errors: plan.errors,
    seats: { purchased: seats.purchased, usedBefore: plan.usedBefore, usedAfter: plan.usedAfter },
    applied: false,
  };
  if (dryRun) return report;
  if (plan.errors.length) {
    throw new ApiError(
      422,
      'import_has_errors',
      `The file has ${plan.errors.length} errors and was not applied. Run the dry run, fix the rows, and upload again.`,
    );
  }
  if (plan.changes.length === 0) return { ...report, applied: true };

  const ids = { revokeSeat: [] as string[], assignSeat: [] as string[], makeAdmin: [] as string[], makeRecruiter: [] as string[] };
  const events: { action: AuditRecord['action']; targetUserId: string; detail: string }[] = [];
  for (const change of plan.changes) {
    if (change.seat) {
      (change.seat.to ? ids.assignSeat : ids.revokeSeat).push(change.userId);
      events.push({ action: change.seat.to ? 'seat.assigned' : 'seat.revoked', targetUserId: change.userId, detail: 'CSV import' });
    }
    if (change.role) {
      (change.role.to === 'admin' ? ids.makeAdmin : ids.makeRecruiter).push(change.userId);
      events.push({ action: 'role.changed', targetUserId: change.userId, detail: `${change.role.from} → ${change.role.to} (CSV import)` });
    }
  }
  const at = now.toISOString();
  const shared = { tenantId: actor.tenantId, actor: personOf(actor), ip: origin.ip, userAgent: origin.userAgent, at };
  try {
    await db.batch([
      ...bulkSeatAndRoleStatements(db, actor.tenantId, ids),
      assertSeatCountStatement(db, actor.tenantId),
      assertAdminLeftStatement(db, actor.tenantId),
      insertAuditEventsStatement(db, shared, events),
      insertAuditStatement(db, { ...shared, action: 'seats.imported', target: null, detail: `${rows.length} rows, ${plan.changes.length} users changed` }),
    ]);
  } catch (error) {
    if (String(error).includes(NO_ADMIN_LEFT)) {
      throw new ApiError(
        409,
        'conflict',
        'Admins were changed while the file was being applied and it would leave no admin; nothing was changed. Run the dry run again.',
      );
    }
    if (!String(error).includes('malformed JSON')) throw error;
    throw new ApiError(409, 'seats_exhausted', 'Seats were assigned while the file was being applied; nothing was changed. Run the dry run again.');
  }
  await reauthorizeUsers(env, actor.tenantId, [...ids.revokeSeat, ...ids.makeAdmin, ...ids.makeRecruiter]);
  return { ...report, applied: true };
}
