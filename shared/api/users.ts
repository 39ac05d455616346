/**
 * The team of a tenant as admins manage it: users, roles, seats, invites, the CSV round trip and
 * the audit log.
 * @module
 */
import { z } from 'zod';
import { Role, User } from './auth.ts';

/** invited: has not set a password yet. deactivated: can no longer sign in; holds no seat. */
export const UserStatus = z.enum(['active', 'invited', 'deactivated']);
export type UserStatus = z.infer<typeof UserStatus>;

export const TeamMember = z
  .object({
    id: z.string(),
    email: z.string(),
    name: z.string(),
    role: Role,
    seat: z.boolean(),
    status: UserStatus,
    lastSignInAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'TeamMember' });
export type TeamMember = z.infer<typeof TeamMember>;

export const SeatUsage = z.object({ purchased: z.number().int().min(0), used: z.number().int().min(0) }).meta({ id: 'SeatUsage' });
export type SeatUsage = z.infer<typeof SeatUsage>;

export const Team = z.object({ users: z.array(TeamMember), seats: SeatUsage }).meta({ id: 'Team' });
export type Team = z.infer<typeof Team>;

export const UserIdParam = z.object({ userId: z.string().min(1).max(64) });

export const UpdateUserBody = z
  .object({ role: Role.optional(), seat: z.boolean().optional(), active: z.boolean().optional() })
  .strict()
  .refine((body) => Object.keys(body).length > 0, 'say what to change: role, seat or active')
  .meta({ id: 'UpdateUserBody' });
export type UpdateUserBody = z.infer<typeof UpdateUserBody>;

export const InviteBody = z.object({ email: z.email().max(320), name: z.string().trim().min(1).max(200), role: Role }).meta({ id: 'InviteBody' });
export type InviteBody = z.infer<typeof InviteBody>;

/** Whom a user without a seat should ask for one. */
export const SeatContact = z.object({ name: z.string(), email: z.string() });
export type SeatContact = z.infer<typeof SeatContact>;

export const Me = User.extend({ seat: z.boolean(), seatAdmins: z.array(SeatContact) }).meta({ id: 'Me' });
export type Me = z.infer<typeof Me>;

/** 10,000 users at ~100 bytes a row, with room to spare. */
export const MAX_SEAT_CSV_BYTES = 2_000_000;

export const SeatImportBody = z
  .object({
    csv: z.string().min(1, 'the file is empty').max(MAX_SEAT_CSV_BYTES, 'the file is larger than 2 MB'),
    /** true: report what would change and every row's error, change nothing. */
    dryRun: z.boolean(),
  })
  .meta({ id: 'SeatImportBody' });
export type SeatImportBody = z.infer<typeof SeatImportBody>;

export const SeatImportErrorCode = z.enum(['missing_columns', 'unknown_email', 'bad_value', 'duplicate_row', 'over_seat_count', 'no_admin_left']);
export type SeatImportErrorCode = z.infer<typeof SeatImportErrorCode>;

export const SeatImportChange = z.object({
  /** 1-based line in the file; the header is line 1. */
  line: z.number().int(),
  userId: z.string(),
  email: z.string(),
  role: z.object({ from: Role, to: Role }).optional(),
  seat: z.object({ from: z.boolean(), to: z.boolean() }).optional(),
});
export type SeatImportChange = z.infer<typeof SeatImportChange>;

export const SeatImportError = z.object({
  line: z.number().int(),
  email: z.string().nullable(),
  code: SeatImportErrorCode,
  message: z.string(),
});
export type SeatImportError = z.infer<typeof SeatImportError>;

export const SeatImportReport = z
  .object({
    rows: z.number().int(),
    changes: z.array(SeatImportChange),
    errors: z.array(SeatImportError),
    seats: z.object({ purchased: z.number().int(), usedBefore: z.number().int(), usedAfter: z.number().int() }),
    /** A file with any error applies nothing; fix the file and upload it again. */
    applied: z.boolean(),
  })
  .meta({ id: 'SeatImportReport' });
export type SeatImportReport = z.infer<typeof SeatImportReport>;

export const AuditAction = z.enum([
  'seat.assigned',
  'seat.revoked',
  'role.changed',
  'user.invited',
  'user.deactivated',
  'user.reactivated',
  'password.set',
  'password.reset_requested',
  'sign_in.succeeded',
  'sign_in.failed',
  'sign_in.throttled',
  'sign_out.everywhere',
  'seats.imported',
  // Settings an admin changes: what was changed is in the detail, never a credential or secret.
  'integration.created',
  'integration.disabled',
  'sending_number.saved',
  'sending_number.removed',
  'ats_integration.created',
  'ats_integration.updated',
  'ats_integration.disabled',
  'template.created',
  'template.updated',
  'template.deleted',
  'compliance.updated',
  // Interviews (issue 14): the recruiter's changes, the candidate's answers, reminders, the defaults.
  'interview.scheduled',
  'interview.rescheduled',
  'interview.cancelled',
  'interview.confirmed',
  'interview.declined',
  'interview.reschedule_requested',
  'interview.reminder_added',
  'interview.reminder_updated',
  'interview.reminder_deleted',
  'interview_settings.updated',
  'usage_settings.updated',
  'usage_prices.updated',
  // Site profiles (issue 18): an ATS taught by pointing and clicking.
  'site_profile.created',
  'site_profile.updated',
  'site_profile.deleted',
]);
export type AuditAction = z.infer<typeof AuditAction>;

export const AuditEvent = z
  .object({
    seq: z.number().int(),
    at: z.iso.datetime(),
    action: AuditAction,
    actor: SeatContact.nullable(),
    target: SeatContact.nullable(),
    detail: z.string(),
    ip: z.string().nullable(),
    userAgent: z.string().nullable(),
  })
  .meta({ id: 'AuditEvent' });
export type AuditEvent = z.infer<typeof AuditEvent>;

export const AuditQuery = z.object({
  /** Page back from this seq (exclusive). */
  before: z.coerce.number().int().min(1).optional(),
});

export const AuditLog = z.object({ events: z.array(AuditEvent), nextBefore: z.number().int().nullable() }).meta({ id: 'AuditLog' });
export type AuditLog = z.infer<typeof AuditLog>;

export const PasswordResetBody = z.object({ email: z.email().max(320) }).meta({ id: 'PasswordResetBody' });
