/**
 * Interviews: the recruiter schedules (a fixed time or slots to pick), reschedules and cancels;
 * the candidate confirms, declines, picks or asks for another time (by reply or on the page).
 * Every message — invitation, update, cancellation — goes through the outbound gate
 * (services/outbound.ts) with the interview's own rows in the message's batch, so a refusal
 * (seat, consent, number, WhatsApp window) stores neither. Every change is an audit event.
 * @module
 */
import type { Channel } from '../../shared/api/channels.ts';
import {
  type CancelInterviewBody,
  type Interview,
  type InterviewKind,
  type InterviewSettings,
  type InterviewTime,
  MAX_SLOTS,
  type Reminder,
  type ReminderInput,
  type ReminderPatch,
  type RescheduleInterviewBody,
  type ScheduleInterviewBody,
} from '../../shared/api/interviews.ts';
import type { TemplatePurpose } from '../../shared/api/templates.ts';
import type { AuditAction } from '../../shared/api/users.ts';
import {
  candidateTime,
  DEFAULT_INTERVIEW_SETTINGS,
  endOf,
  type InterviewEvent,
  interviewLanguageOf,
  nextInterviewState,
  reminderDueAt,
  slotsFromRange,
  slotsFromStarts,
} from '../../shared/domain/interviews.ts';
import { timeZonesOfPhone } from '../../shared/domain/phone-time-zones.ts';
import { mergeValuesOf, type MergeValues, renderTemplate } from '../../shared/domain/template.ts';
import { insertAuditStatement } from '../db/queries/audit.ts';
import type { CandidateRow } from '../db/queries/candidates.ts';
import * as reminders from '../db/queries/interview-reminders.ts';
import * as queries from '../db/queries/interviews.ts';
import { findTemplate, findTemplateByPurpose, type TemplateRow } from '../db/queries/templates.ts';
import { tenantName } from '../db/queries/tenants.ts';
import { findTeamMember } from '../db/queries/users.ts';
import type { Bindings, SessionUser } from '../env.ts';
import { ApiError, notFound } from '../lib/errors.ts';
import { newId } from '../lib/ids.ts';
import type { Actor } from './audit.ts';
import { requireCandidate } from './candidates.ts';
import { provisionDefaultTemplates } from './default-templates.ts';
import { interviewLinkPath, interviewLinkToken, linkExpiry } from './interview-links.ts';
import { publicUrl } from './integrations.ts';
import { notifyTenant } from './notifier.ts';
import { type OutboundSender, sendOutbound } from './outbound.ts';
import { requireSeat } from './seats.ts';
import { approvedTemplateRef, incomplete, toTemplate } from './templates.ts';

// ---- settings -------------------------------------------------------------------------------------

export async function interviewSettings(db: D1Database, tenantId: string): Promise<InterviewSettings> {
  const row = await queries.interviewSettingsOf(db, tenantId);
  return row ? { defaultReminders: JSON.parse(row.default_reminders) } : DEFAULT_INTERVIEW_SETTINGS;
}

export async function saveInterviewSettings(db: D1Database, tenantId: string, input: InterviewSettings, actor: Actor, now: Date): Promise<InterviewSettings> {
  const before = await interviewSettings(db, tenantId);
  await db.batch([
    queries.saveInterviewSettingsStatement(db, tenantId, JSON.stringify(input.defaultReminders), now.toISOString()),
    auditStatement(db, tenantId, 'interview_settings.updated', actor, `default reminders: ${JSON.stringify(before)} → ${JSON.stringify(input)}`, now),
  ]);
  return interviewSettings(db, tenantId);
}

// ---- reading --------------------------------------------------------------------------------------

const toReminder = (row: reminders.ReminderRow): Reminder => ({
  id: row.id,
  offsetMinutes: row.offset_minutes,
  channel: row.channel,
  templateId: row.template_id,
  body: row.body,
  // A claim is the scheduler's business: for people it is still pending until it went.
  state: row.state === 'sending' ? 'pending' : row.state,
  dueAt: row.due_at,
  reason: row.reason,
  messageId: row.message_id,
});

async function toInterviews(db: D1Database, tenantId: string, rows: readonly queries.InterviewView[]): Promise<Interview[]> {
  const [reminderRows, slots] = await Promise.all([
    reminders.remindersOf(
      db,
      tenantId,
      rows.map((row) => row.id),
    ),
    Promise.all(rows.map((row) => (row.kind === 'self_schedule' ? queries.slotsOf(db, tenantId, row.id) : Promise.resolve([])))),
  ]);
  return rows.map((row, index) => ({
    id: row.id,
    candidateId: row.candidate_id,
    title: row.title,
    kind: row.kind,
    state: row.state,
    startsAt: row.starts_at,
    endsAt: row.ends_at,
    durationMinutes: row.duration_minutes,
    slots: (slots[index] ?? []).map((slot) => ({ id: slot.id, startsAt: slot.starts_at, endsAt: slot.ends_at, available: slot.available === 1 })),
    location: row.location,
    videoLink: row.video_link,
    interviewer: { userId: row.interviewer_user_id, name: row.interviewer_name },
    channel: row.channel,
    candidateTimeZone: row.candidate_time_zone,
    language: row.language,
    reminders: reminderRows.filter((r) => r.interview_id === row.id).map(toReminder),
    lastMessageId: row.last_message_id,
    sequence: row.sequence,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  }));
}

export async function listCandidateInterviews(db: D1Database, tenantId: string, candidateId: string, now: Date): Promise<Interview[]> {
  await requireCandidate(db, tenantId, candidateId);
  return toInterviews(db, tenantId, await queries.listInterviews(db, tenantId, candidateId, now.toISOString()));
}

export async function requireInterview(db: D1Database, tenantId: string, interviewId: string): Promise<queries.InterviewView> {
  const row = await queries.findInterview(db, tenantId, interviewId);
  if (!row) throw notFound('The interview');
  return row;
}

export async function getInterview(db: D1Database, tenantId: string, interviewId: string): Promise<Interview> {
  const [interview] = await toInterviews(db, tenantId, [await requireInterview(db, tenantId, interviewId)]);
  return interview!;
}

// ---- messages -------------------------------------------------------------------------------------

/** The tenant's template for a purpose in the interview's language (else English), provisioning the defaults a tenant created before they existed. */
export async function purposeTemplate(db: D1Database, tenantId: string, purpose: TemplatePurpose, language: string, now: Date): Promise<TemplateRow> {
  const find = async () => (await findTemplateByPurpose(db, tenantId, purpose, language)) ?? findTemplateByPurpose(db, tenantId, purpose, 'en');
  const found = await find();
  if (found) return found;
  await provisionDefaultTemplates(db, tenantId, now.toISOString());
  const provisioned = await find();
  if (!provisioned) throw new ApiError(409, 'conflict', `Your company has no ${purpose.replaceAll('_', ' ')} template; ask an admin to add one.`);
  return provisioned;
}

/** What an interview message's merge fields hold: the candidate, the sender, and the interview in the candidate's zone and language. */
export async function interviewValues(
  env: Bindings,
  interview: Pick<
    queries.InterviewRow,
    'id' | 'title' | 'starts_at' | 'ends_at' | 'location' | 'video_link' | 'candidate_time_zone' | 'language' | 'tenant_id'
  > & { interviewer_name: string; last_end: string | null },
  candidate: CandidateRow,
  senderName: string,
  now: Date,
  /** The tenant's name when the caller has it (the scheduler reads it once per run). */
  companyName?: string,
): Promise<MergeValues> {
  const company = companyName ?? (await tenantName(env.DB, interview.tenant_id))?.name ?? '';
  const token = await interviewLinkToken(env, interview.id, linkExpiry(interview.last_end ? new Date(interview.last_end) : null, now));
  const time = interview.starts_at ? candidateTime(new Date(interview.starts_at), interview.candidate_time_zone, interview.language) : null;
  return mergeValuesOf({
    candidate: { name: candidate.name, jobTitle: candidate.job_title },
    companyName: company,
    recruiterName: senderName,
    interview: {
      date: time?.date ?? '',
      time: time?.time ?? '',
      timezone: time?.timezone ?? interview.candidate_time_zone,
      location: interview.location ?? interview.video_link,
      title: interview.title,
      interviewer: interview.interviewer_name,
      link: `${publicUrl(env)}${interviewLinkPath(token)}`,
    },
  });
}

type Composed = { body: string; whatsappTemplate: ReturnType<typeof approvedTemplateRef> };

/** The message text: the recruiter's own (edited before sending) or the purpose's template, rendered. */
function compose(template: TemplateRow, ownText: string | undefined, channel: Channel, values: MergeValues): Composed {
  const source = ownText ?? template.body;
  const rendered = renderTemplate(source, values);
  if (!rendered.ok) throw incomplete(rendered.problems);
  return { body: rendered.text, whatsappTemplate: approvedTemplateRef(toTemplate(template), channel, source, values) };
}

const recruiterSender = (user: SessionUser): OutboundSender => ({ kind: 'recruiter', tenantId: user.tenantId, userId: user.userId, hasSeat: user.hasSeat });

// ---- audit ----------------------------------------------------------------------------------------

/** Who changed an interview: a recruiter (with their address and browser), or the candidate (no person). */
export type InterviewActor = Actor | { candidate: string; origin: Actor['origin'] };

export function auditStatement(db: D1Database, tenantId: string, action: AuditAction, actor: InterviewActor, detail: string, now: Date) {
  return insertAuditStatement(db, {
    tenantId,
    action,
    actor: 'person' in actor ? actor.person : null,
    target: null,
    detail: 'person' in actor ? detail : `${actor.candidate}: ${detail}`,
    ip: actor.origin.ip,
    userAgent: actor.origin.userAgent,
    at: now.toISOString(),
  });
}

const describeInterview = (i: { id: string; title: string; starts_at: string | null }, candidate: { name: string }) =>
  `"${i.title}" with ${candidate.name} (${i.id})${i.starts_at ? ` at ${i.starts_at}` : ''}`;

// ---- time plans -----------------------------------------------------------------------------------

type TimePlan = { kind: InterviewKind; durationMinutes: number; start: Date | null; slots: Date[] };

function planTime(time: InterviewTime, now: Date): TimePlan {
  if (time.kind === 'fixed') {
    const start = new Date(time.startsAt);
    if (start.getTime() <= now.getTime()) throw new ApiError(422, 'validation_failed', 'time.startsAt: the interview starts in the past.');
    return { kind: 'fixed', durationMinutes: time.durationMinutes, start, slots: [] };
  }
  const offer = time.slots;
  const plan =
    'starts' in offer
      ? slotsFromStarts(
          offer.starts.map((s) => new Date(s)),
          now,
        )
      : slotsFromRange(
          { from: new Date(offer.range.from), to: new Date(offer.range.to), stepMinutes: offer.range.stepMinutes },
          time.durationMinutes,
          now,
          MAX_SLOTS,
        );
  if (!plan.ok) throw new ApiError(422, 'validation_failed', `time.slots: ${plan.message}`);
  return { kind: 'self_schedule', durationMinutes: time.durationMinutes, start: null, slots: plan.starts };
}

const slotRows = (plan: TimePlan) =>
  plan.slots.map((start) => ({ id: newId('slot'), start: start.toISOString(), end: endOf(start, plan.durationMinutes).toISOString() }));

/**
 * A reminder's due instant for an interview starting at `start` (null while no time is set), or why
 * it is skipped: its time had already passed when the interview was (re)scheduled.
 */
export function reminderTiming(start: Date | null, offsetMinutes: number, now: Date): { dueAt: string | null; skipReason: string | null } {
  if (!start) return { dueAt: null, skipReason: null };
  const due = reminderDueAt(start, offsetMinutes);
  if (due.getTime() < now.getTime()) {
    return { dueAt: due.toISOString(), skipReason: `Skipped: its time (${due.toISOString()}) had passed when the interview was scheduled.` };
  }
  return { dueAt: due.toISOString(), skipReason: null };
}

// ---- reminders' wording ---------------------------------------------------------------------------

type ReminderWording = { templateId: string | null; body: string };

async function reminderWording(
  db: D1Database,
  tenantId: string,
  input: Pick<ReminderInput, 'templateId' | 'body'>,
  language: string,
  now: Date,
): Promise<ReminderWording> {
  if (input.body !== undefined) return { templateId: input.templateId ?? null, body: input.body };
  if (input.templateId !== undefined) {
    const template = await findTemplate(db, tenantId, input.templateId);
    if (!template) throw notFound('The template');
    return { templateId: template.id, body: template.body };
  }
  const template = await purposeTemplate(db, tenantId, 'interview_reminder', language, now);
  return { templateId: template.id, body: template.body };
}

// ---- the recruiter's changes ----------------------------------------------------------------------

/**
 * Schedules an interview and sends the invitation: at a fixed time (`invited`) or with slots to
 * pick (`awaiting_pick`). The interview, its slots, reminders and audit event are written in the
 * invitation's batch: refused by the gate, nothing is stored.
 */
export async function scheduleInterview(env: Bindings, user: SessionUser, input: ScheduleInterviewBody, actor: Actor, now: Date): Promise<Interview> {
  const db = env.DB;
  const candidate = await requireCandidate(db, user.tenantId, input.candidateId);
  await requireSeat(db, user);
  const interviewer =
    input.interviewerUserId === undefined ? { id: user.userId, name: user.name } : await findTeamMember(db, user.tenantId, input.interviewerUserId);
  if (!interviewer || ('deactivated_at' in interviewer && interviewer.deactivated_at)) throw notFound('The interviewer');
  const plan = planTime(input.time, now);
  const language = interviewLanguageOf(input.language ?? candidate.language);
  const zone = input.candidateTimeZone ?? (candidate.phone ? timeZonesOfPhone(candidate.phone)[0] : undefined) ?? 'UTC';
  const slots = slotRows(plan);
  const at = now.toISOString();
  const row: queries.NewInterview = {
    id: newId('ivw'),
    tenant_id: user.tenantId,
    candidate_id: candidate.id,
    title: input.title,
    kind: plan.kind,
    state: plan.kind === 'fixed' ? 'invited' : 'awaiting_pick',
    starts_at: plan.start?.toISOString() ?? null,
    ends_at: plan.start ? endOf(plan.start, plan.durationMinutes).toISOString() : null,
    duration_minutes: plan.durationMinutes,
    location: input.location,
    video_link: input.videoLink,
    interviewer_user_id: interviewer.id,
    channel: input.channel,
    candidate_time_zone: zone,
    language,
    created_by: user.userId,
    created_at: at,
  };
  const reminderInputs: ReminderInput[] =
    input.reminders ??
    (await interviewSettings(db, user.tenantId)).defaultReminders.map((r) => ({
      offsetMinutes: r.offsetMinutes,
      ...(r.channel ? { channel: r.channel } : {}),
    }));
  const reminderRows = await Promise.all(
    reminderInputs.map(async (r) => {
      const wording = await reminderWording(db, user.tenantId, r, language, now);
      const timing = reminderTiming(plan.start, r.offsetMinutes, now);
      return reminders.insertReminderStatement(db, {
        id: newId('rem'),
        tenantId: user.tenantId,
        interviewId: row.id,
        offsetMinutes: r.offsetMinutes,
        channel: r.channel ?? input.channel,
        ...wording,
        state: timing.skipReason ? 'skipped' : 'pending',
        dueAt: timing.dueAt,
        reason: timing.skipReason,
        now: at,
      });
    }),
  );
  const template = await purposeTemplate(db, user.tenantId, plan.kind === 'fixed' ? 'interview_invitation' : 'interview_slots', language, now);
  const lastEnd = slots.at(-1)?.end ?? row.ends_at;
  const values = await interviewValues(env, { ...row, interviewer_name: interviewer.name, last_end: lastEnd }, candidate, user.name, now);
  const message = compose(template, input.body, input.channel, values);
  const sent = await sendOutbound(
    env,
    {
      tenantId: user.tenantId,
      candidate,
      channel: input.channel,
      ...message,
      sender: recruiterSender(user),
      alsoInBatch: (messageId) => [
        queries.insertInterviewStatement(db, row),
        queries.setLastMessageStatement(db, user.tenantId, row.id, messageId),
        ...queries.insertSlotStatements(db, user.tenantId, row.id, slots),
        ...reminderRows,
        auditStatement(
          db,
          user.tenantId,
          'interview.scheduled',
          actor,
          `${describeInterview(row, candidate)}${slots.length ? `, ${slots.length} slots offered` : ''}, invitation ${messageId} by ${input.channel}`,
          now,
        ),
      ],
    },
    now,
  );
  if (!sent.ok) throw new ApiError(sent.refusal.status, sent.refusal.code, sent.refusal.message);
  return getInterview(db, user.tenantId, row.id);
}

/**
 * A new time (or new slots): the candidate is re-invited with the update (or slots) template, and
 * every reminder not being sent right now is timed again for the new start — those already sent
 * or cancelled included, since they were about the old time.
 */
export async function rescheduleInterview(
  env: Bindings,
  user: SessionUser,
  interviewId: string,
  input: RescheduleInterviewBody,
  actor: Actor,
  now: Date,
): Promise<Interview> {
  const db = env.DB;
  await requireSeat(db, user);
  const interview = await requireInterview(db, user.tenantId, interviewId);
  const plan = planTime(input.time, now);
  const to = nextInterviewState(interview.state, { kind: 'reschedule', selfSchedule: plan.kind === 'self_schedule' });
  if (!to) throw new ApiError(409, 'conflict', `The interview is ${interview.state}; it cannot be rescheduled.`);
  const candidate = await requireCandidate(db, user.tenantId, interview.candidate_id);
  const slots = slotRows(plan);
  const at = now.toISOString();
  const changed = {
    ...interview,
    kind: plan.kind,
    starts_at: plan.start?.toISOString() ?? null,
    ends_at: plan.start ? endOf(plan.start, plan.durationMinutes).toISOString() : null,
    duration_minutes: plan.durationMinutes,
    location: input.location === undefined ? interview.location : input.location,
    video_link: input.videoLink === undefined ? interview.video_link : input.videoLink,
  };
  const existing = await reminders.remindersOf(db, user.tenantId, [interview.id]);
  const retimed = existing
    .filter((r) => r.state !== 'sending')
    .map((r) => reminders.resetReminderStatement(db, { tenantId: user.tenantId, id: r.id, ...reminderTiming(plan.start, r.offset_minutes, now), now: at }));
  const template = await purposeTemplate(db, user.tenantId, plan.kind === 'fixed' ? 'interview_update' : 'interview_slots', interview.language, now);
  const values = await interviewValues(env, { ...changed, last_end: slots.at(-1)?.end ?? changed.ends_at }, candidate, user.name, now);
  const message = compose(template, input.body, interview.channel, values);
  const sent = await sendOutbound(
    env,
    {
      tenantId: user.tenantId,
      candidate,
      channel: interview.channel,
      ...message,
      sender: recruiterSender(user),
      alsoInBatch: (messageId) => [
        queries.rescheduleStatement(db, {
          tenantId: user.tenantId,
          interviewId: interview.id,
          from: interview.state,
          to,
          kind: plan.kind,
          time: changed.starts_at && changed.ends_at ? { start: changed.starts_at, end: changed.ends_at } : null,
          durationMinutes: plan.durationMinutes,
          location: changed.location,
          videoLink: changed.video_link,
          now: at,
        }),
        queries.setLastMessageStatement(db, user.tenantId, interview.id, messageId),
        queries.deleteSlotsStatement(db, user.tenantId, interview.id),
        ...queries.insertSlotStatements(db, user.tenantId, interview.id, slots),
        ...retimed,
        auditStatement(
          db,
          user.tenantId,
          'interview.rescheduled',
          actor,
          `${describeInterview(interview, candidate)} → ${changed.starts_at ?? `${slots.length} slots`}, update ${messageId}`,
          now,
        ),
      ],
    },
    now,
  );
  if (!sent.ok) throw new ApiError(sent.refusal.status, sent.refusal.code, sent.refusal.message);
  return getInterview(db, user.tenantId, interview.id);
}

/**
 * Cancels the interview and its pending reminders, and tells the candidate unless asked not to.
 * A cancellation the gate refuses to send (consent withdrawn, …) still cancels; the audit event
 * says the candidate was not told, and why.
 */
export async function cancelInterview(
  env: Bindings,
  user: SessionUser,
  interviewId: string,
  input: CancelInterviewBody,
  actor: Actor,
  now: Date,
): Promise<Interview> {
  const db = env.DB;
  const interview = await requireInterview(db, user.tenantId, interviewId);
  if (!nextInterviewState(interview.state, { kind: 'cancel' })) throw new ApiError(409, 'conflict', 'The interview is already cancelled.');
  const candidate = await requireCandidate(db, user.tenantId, interview.candidate_id);
  const at = now.toISOString();
  const statements = (note: string) => [
    queries.cancelStatement(db, user.tenantId, interview.id, interview.state, at),
    reminders.cancelPendingRemindersStatement(db, user.tenantId, interview.id, 'The interview was cancelled.', at),
    auditStatement(db, user.tenantId, 'interview.cancelled', actor, `${describeInterview(interview, candidate)}; ${note}`, now),
  ];
  if (input.notifyCandidate) {
    await requireSeat(db, user);
    const template = await purposeTemplate(db, user.tenantId, 'interview_cancelled', interview.language, now);
    const values = await interviewValues(env, { ...interview, last_end: interview.ends_at }, candidate, user.name, now);
    const sent = await sendOutbound(
      env,
      {
        tenantId: user.tenantId,
        candidate,
        channel: interview.channel,
        ...compose(template, input.body, interview.channel, values),
        sender: recruiterSender(user),
        alsoInBatch: (messageId) => [
          ...statements(`the candidate is told (${messageId})`),
          queries.setLastMessageStatement(db, user.tenantId, interview.id, messageId),
        ],
      },
      now,
    );
    if (sent.ok) return getInterview(db, user.tenantId, interview.id);
    await db.batch(statements(`the candidate could not be told: ${sent.refusal.message}`));
  } else {
    await db.batch(statements('the candidate is not told'));
  }
  notifyTenant(env, user.tenantId);
  return getInterview(db, user.tenantId, interview.id);
}

// ---- reminders, by the recruiter ------------------------------------------------------------------

export async function addReminder(db: D1Database, user: SessionUser, interviewId: string, input: ReminderInput, actor: Actor, now: Date): Promise<Interview> {
  const interview = await requireInterview(db, user.tenantId, interviewId);
  if (interview.state === 'cancelled' || interview.state === 'declined') {
    throw new ApiError(409, 'conflict', `The interview is ${interview.state}; it gets no reminders.`);
  }
  const wording = await reminderWording(db, user.tenantId, input, interview.language, now);
  const timing = reminderTiming(interview.starts_at ? new Date(interview.starts_at) : null, input.offsetMinutes, now);
  if (timing.skipReason) throw new ApiError(422, 'validation_failed', `offsetMinutes: that reminder's time (${timing.dueAt}) has passed.`);
  const id = newId('rem');
  await db.batch([
    reminders.insertReminderStatement(db, {
      id,
      tenantId: user.tenantId,
      interviewId,
      offsetMinutes: input.offsetMinutes,
      channel: input.channel ?? interview.channel,
      ...wording,
      state: 'pending',
      dueAt: timing.dueAt,
      reason: null,
      now: now.toISOString(),
    }),
    auditStatement(db, user.tenantId, 'interview.reminder_added', actor, `${id} on ${interview.id}: ${input.offsetMinutes} min before`, now),
  ]);
  return getInterview(db, user.tenantId, interviewId);
}

async function requirePendingReminder(db: D1Database, tenantId: string, interviewId: string, reminderId: string) {
  const reminder = (await reminders.remindersOf(db, tenantId, [interviewId])).find((r) => r.id === reminderId);
  if (!reminder) throw notFound('The reminder');
  if (reminder.state !== 'pending')
    throw new ApiError(409, 'conflict', `The reminder is ${reminder.state === 'sending' ? 'being sent' : reminder.state}; it can no longer change.`);
  return reminder;
}

export async function updateReminder(
  db: D1Database,
  user: SessionUser,
  interviewId: string,
  reminderId: string,
  patch: ReminderPatch,
  actor: Actor,
  now: Date,
): Promise<Interview> {
  const interview = await requireInterview(db, user.tenantId, interviewId);
  const reminder = await requirePendingReminder(db, user.tenantId, interviewId, reminderId);
  const offsetMinutes = patch.offsetMinutes ?? reminder.offset_minutes;
  const wording =
    patch.body !== undefined || patch.templateId !== undefined
      ? await reminderWording(db, user.tenantId, patch, interview.language, now)
      : { templateId: reminder.template_id, body: reminder.body };
  const timing = reminderTiming(interview.starts_at ? new Date(interview.starts_at) : null, offsetMinutes, now);
  if (timing.skipReason) throw new ApiError(422, 'validation_failed', `offsetMinutes: that reminder's time (${timing.dueAt}) has passed.`);
  const [updated] = await db.batch([
    reminders.updatePendingReminderStatement(db, {
      tenantId: user.tenantId,
      interviewId,
      id: reminderId,
      offsetMinutes,
      channel: patch.channel ?? reminder.channel,
      ...wording,
      dueAt: timing.dueAt,
      now: now.toISOString(),
    }),
    auditStatement(db, user.tenantId, 'interview.reminder_updated', actor, `${reminderId} on ${interviewId}: ${JSON.stringify(patch)}`, now),
  ]);
  if (!updated?.meta.changes) throw new ApiError(409, 'conflict', 'The reminder was sent meanwhile; it can no longer change.');
  return getInterview(db, user.tenantId, interviewId);
}

export async function deleteReminder(db: D1Database, user: SessionUser, interviewId: string, reminderId: string, actor: Actor, now: Date): Promise<Interview> {
  await requireInterview(db, user.tenantId, interviewId);
  const [deleted] = await db.batch([
    reminders.deleteReminderStatement(db, user.tenantId, interviewId, reminderId),
    auditStatement(db, user.tenantId, 'interview.reminder_deleted', actor, `${reminderId} on ${interviewId}`, now),
  ]);
  if (!deleted?.meta.changes) throw notFound('The reminder');
  return getInterview(db, user.tenantId, interviewId);
}

// ---- the candidate's answers ----------------------------------------------------------------------

export type CandidateAnswer = { kind: 'confirm' } | { kind: 'decline' } | { kind: 'ask_reschedule' } | { kind: 'pick'; slotId: string };

export type AnswerOutcome =
  | { ok: true; interview: queries.InterviewView }
  | { ok: false; reason: 'not_open' }
  /** The interviewer confirmed an overlapping interview meanwhile. */
  | { ok: false; reason: 'taken' };

const answerAction: Record<CandidateAnswer['kind'], AuditAction> = {
  confirm: 'interview.confirmed',
  pick: 'interview.confirmed',
  decline: 'interview.declined',
  ask_reschedule: 'interview.reschedule_requested',
};

/**
 * The candidate's answer, from a reply or the page. Applied only from the state it was judged in,
 * and a confirmation only while the interviewer is free then (one conditional UPDATE), so two
 * answers racing change the interview once and two overlapping confirmations never both win.
 * Confirming times the pending reminders; declining cancels them.
 */
export async function answerInterview(
  env: Bindings,
  interview: queries.InterviewView,
  answer: CandidateAnswer,
  actor: InterviewActor,
  now: Date,
  how: string,
): Promise<AnswerOutcome> {
  const db = env.DB;
  const event: InterviewEvent = answer.kind === 'pick' ? { kind: 'pick' } : answer;
  const to = nextInterviewState(interview.state, event);
  if (!to) return { ok: false, reason: 'not_open' };
  let time: { start: string; end: string } | null = null;
  if (answer.kind === 'pick') {
    const slot = await queries.findSlot(db, interview.tenant_id, interview.id, answer.slotId);
    if (!slot) return { ok: false, reason: 'not_open' };
    time = { start: slot.starts_at, end: slot.ends_at };
  }
  const at = now.toISOString();
  const changed = await queries
    .answerStatement(db, { tenantId: interview.tenant_id, interviewId: interview.id, from: interview.state, to, time, now: at })
    .first<{ id: string }>();
  if (!changed) {
    const current = await queries.findInterview(db, interview.tenant_id, interview.id);
    // Still open in the state judged: the only thing that stopped it is the interviewer's overlap.
    return { ok: false, reason: to === 'confirmed' && current?.state === interview.state ? 'taken' : 'not_open' };
  }
  const start = time?.start ?? interview.starts_at;
  const pending = (await reminders.remindersOf(db, interview.tenant_id, [interview.id])).filter((r) => r.state === 'pending');
  const followUp =
    to === 'confirmed'
      ? pending.map((r) =>
          reminders.retimeReminderStatement(db, {
            tenantId: interview.tenant_id,
            id: r.id,
            ...reminderTiming(start ? new Date(start) : null, r.offset_minutes, now),
            now: at,
          }),
        )
      : to === 'declined'
        ? [reminders.cancelPendingRemindersStatement(db, interview.tenant_id, interview.id, 'The candidate declined the interview.', at)]
        : [];
  const detail = `${how}: "${interview.title}" (${interview.id})${start ? ` at ${start}` : ''} is ${to}`;
  await db.batch([...followUp, auditStatement(db, interview.tenant_id, answerAction[answer.kind], actor, detail, now)]);
  notifyTenant(env, interview.tenant_id);
  const updated = await queries.findInterview(db, interview.tenant_id, interview.id);
  return { ok: true, interview: updated! };
}
