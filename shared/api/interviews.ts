/**
 * Interviews by SMS and WhatsApp: the contract between the worker and the panel.
 *
 * Routes (worker/routes/interviews.ts, mounted at `/v1/interviews`; signed in, tenant-scoped):
 * - `GET    /v1/interviews?candidateId=…`                      → InterviewList (upcoming first)
 * - `POST   /v1/interviews`                                    ScheduleInterviewBody → Interview (201; the invitation is sent)
 * - `GET    /v1/interviews/{interviewId}`                      → Interview
 * - `POST   /v1/interviews/{interviewId}/reschedule`           RescheduleInterviewBody → Interview (the candidate is re-invited)
 * - `POST   /v1/interviews/{interviewId}/cancel`               CancelInterviewBody → Interview (the candidate is told)
 * - `POST   /v1/interviews/{interviewId}/reminders`            ReminderInput → Interview (201)
 * - `PATCH  /v1/interviews/{interviewId}/reminders/{reminderId}` ReminderPatch → Interview
 * - `DELETE /v1/interviews/{interviewId}/reminders/{reminderId}` → Interview
 * - `GET|PUT /v1/interview-settings`                           InterviewSettings (PUT: admins)
 *
 * The candidate's page (no session, worker/routes/interview-page.ts): `GET|POST /i/{token}` and,
 * once confirmed, `GET /i/{token}/interview.ics` (RFC 5545).
 *
 * Times are ISO 8601 instants (UTC); the panel shows them in the recruiter's and the candidate's
 * zone. The rules (state machine, slots, reply keywords, reminder instants) are
 * shared/domain/interviews.ts.
 * @module
 */
import { z } from 'zod';
import { checkTemplate, describeProblems } from '../domain/template.ts';
import { LanguageTag } from './candidates.ts';
import { Channel } from './channels.ts';
import { MAX_BODY_CHARS } from './messages.ts';

/**
 * - `invited`: a fixed time was sent, the candidate has not answered.
 * - `awaiting_pick`: slots were offered, the candidate has not picked one.
 * - `confirmed`: the candidate confirmed the time or picked a slot.
 * - `declined`: the candidate declined (reminders are cancelled).
 * - `reschedule_requested`: the candidate asked for another time; the recruiter reschedules or cancels.
 * - `cancelled`: the recruiter cancelled; final.
 */
export const InterviewState = z.enum(['invited', 'awaiting_pick', 'confirmed', 'declined', 'reschedule_requested', 'cancelled']).meta({ id: 'InterviewState' });
export type InterviewState = z.infer<typeof InterviewState>;

/** `fixed`: the recruiter set the time. `self_schedule`: the candidate picks one of the offered slots. */
export const InterviewKind = z.enum(['fixed', 'self_schedule']).meta({ id: 'InterviewKind' });
export type InterviewKind = z.infer<typeof InterviewKind>;

/** `pending` until the scheduler claims it; `sent` once handed to the outbound gate (a quiet-hours hold included). */
export const ReminderState = z.enum(['pending', 'sent', 'skipped', 'cancelled']).meta({ id: 'ReminderState' });
export type ReminderState = z.infer<typeof ReminderState>;

/** The longest a reminder may be sent ahead: 14 days. */
export const MAX_REMINDER_OFFSET_MINUTES = 14 * 24 * 60;
/** Interviews last 5 minutes to 8 hours. */
export const MIN_DURATION_MINUTES = 5;
export const MAX_DURATION_MINUTES = 8 * 60;
/** The most slots one invitation offers (a page a phone can scroll). */
export const MAX_SLOTS = 30;

const Instant = z.iso.datetime({ offset: true }).transform((text) => new Date(text).toISOString());
const Duration = z.number().int().min(MIN_DURATION_MINUTES).max(MAX_DURATION_MINUTES);
/** An IANA zone the runtime knows ("Europe/Berlin"). */
export const TimeZone = z
  .string()
  .min(1)
  .max(64)
  .refine((zone) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: zone });
      return true;
    } catch {
      return false;
    }
  }, 'an IANA time zone such as "Europe/Berlin"');

export const InterviewSlot = z
  .object({
    id: z.string(),
    startsAt: z.iso.datetime(),
    endsAt: z.iso.datetime(),
    /** False when the same interviewer confirmed an overlapping interview meanwhile. */
    available: z.boolean(),
  })
  .meta({ id: 'InterviewSlot' });
export type InterviewSlot = z.infer<typeof InterviewSlot>;

export const Reminder = z
  .object({
    id: z.string(),
    /** Minutes before the interview's start. */
    offsetMinutes: z.number().int(),
    channel: Channel,
    /** The template its wording came from, if any. */
    templateId: z.string().nullable(),
    /** The wording with merge fields, rendered when it is sent (so a rescheduled time is the one sent). */
    body: z.string(),
    state: ReminderState,
    /** When it is due (UTC): the start minus the offset; null while no time is confirmed or set. */
    dueAt: z.iso.datetime().nullable(),
    /** Why it was skipped or cancelled, in words for the recruiter. */
    reason: z.string().nullable(),
    /** The message it became, once sent. */
    messageId: z.string().nullable(),
  })
  .meta({ id: 'Reminder' });
export type Reminder = z.infer<typeof Reminder>;

export const Interview = z
  .object({
    id: z.string(),
    candidateId: z.string(),
    title: z.string(),
    kind: InterviewKind,
    state: InterviewState,
    /** The confirmed or proposed time; null while the candidate is picking a slot. */
    startsAt: z.iso.datetime().nullable(),
    endsAt: z.iso.datetime().nullable(),
    durationMinutes: z.number().int(),
    /** Offered slots (self-scheduling), earliest first; empty for a fixed interview. */
    slots: z.array(InterviewSlot),
    location: z.string().nullable(),
    videoLink: z.string().nullable(),
    interviewer: z.object({ userId: z.string(), name: z.string() }),
    channel: Channel,
    candidateTimeZone: z.string(),
    /** The language of the invitation, the page and the reminders. */
    language: z.string(),
    reminders: z.array(Reminder),
    /** The message the last invitation or update became, for the thread. */
    lastMessageId: z.string().nullable(),
    /** Raised on every change the candidate is told about (the .ics SEQUENCE). */
    sequence: z.number().int(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'Interview' });
export type Interview = z.infer<typeof Interview>;

export const InterviewList = z.object({ interviews: z.array(Interview) }).meta({ id: 'InterviewList' });
export type InterviewList = z.infer<typeof InterviewList>;

/** Slots: a list of starts, or a range cut into back-to-back slots of the duration (every `stepMinutes`, default the duration). */
export const SlotOffer = z.union([
  z.object({ starts: z.array(Instant).min(1).max(MAX_SLOTS) }),
  z.object({
    range: z
      .object({ from: Instant, to: Instant, stepMinutes: z.number().int().min(5).max(MAX_DURATION_MINUTES).optional() })
      .refine((r) => r.from < r.to, 'the range ends before it starts'),
  }),
]);
export type SlotOffer = z.infer<typeof SlotOffer>;

/** A time: fixed (`startsAt`) or offered slots. */
export const InterviewTime = z.union([
  z.object({ kind: z.literal('fixed'), startsAt: Instant, durationMinutes: Duration }),
  z.object({ kind: z.literal('self_schedule'), durationMinutes: Duration, slots: SlotOffer }),
]);
export type InterviewTime = z.infer<typeof InterviewTime>;

/** Wording the recruiter edited before sending; else the tenant's template for the purpose and language. */
const MessageText = z
  .string()
  .trim()
  .min(1, 'the text is empty')
  .max(MAX_BODY_CHARS)
  .superRefine((text, ctx) => {
    const problems = checkTemplate(text);
    if (problems.length) ctx.addIssue({ code: 'custom', message: describeProblems(problems) });
  });

export const ReminderInput = z
  .object({
    offsetMinutes: z.number().int().min(1).max(MAX_REMINDER_OFFSET_MINUTES),
    /** Default: the interview's channel. */
    channel: Channel.optional(),
    /** The wording: a template's (templateId), or this text; neither → the `interview_reminder` template. */
    templateId: z.string().min(1).max(64).optional(),
    body: MessageText.optional(),
  })
  .meta({ id: 'ReminderInput' });
export type ReminderInput = z.infer<typeof ReminderInput>;

export const ScheduleInterviewBody = z
  .object({
    candidateId: z.string().min(1).max(64),
    title: z.string().trim().min(1).max(120),
    time: InterviewTime,
    location: z.string().trim().min(1).max(300).nullable().default(null),
    videoLink: z
      .url({ protocol: /^https?$/ })
      .max(500)
      .nullable()
      .default(null),
    /** A user of the tenant; default the recruiter scheduling. */
    interviewerUserId: z.string().min(1).max(64).optional(),
    channel: Channel,
    /** Default: the zone of the candidate's phone number (UTC when it names none). */
    candidateTimeZone: TimeZone.optional(),
    /** Default: the candidate's language, one Parley ships (en, de, fr, es, nl), else en. */
    language: LanguageTag.optional(),
    /** The invitation's text with merge fields; default the `interview_invitation` template. */
    body: MessageText.optional(),
    /** Default: the tenant's default reminders (interview settings). */
    reminders: z.array(ReminderInput).max(10).optional(),
  })
  .meta({ id: 'ScheduleInterviewBody' });
export type ScheduleInterviewBody = z.infer<typeof ScheduleInterviewBody>;

export const RescheduleInterviewBody = z
  .object({
    time: InterviewTime,
    location: z.string().trim().min(1).max(300).nullable().optional(),
    videoLink: z
      .url({ protocol: /^https?$/ })
      .max(500)
      .nullable()
      .optional(),
    /** The update's text; default the `interview_update` template. */
    body: MessageText.optional(),
  })
  .meta({ id: 'RescheduleInterviewBody' });
export type RescheduleInterviewBody = z.infer<typeof RescheduleInterviewBody>;

export const CancelInterviewBody = z
  .object({
    /** Tell the candidate (default), with this text or the `interview_update` template. */
    notifyCandidate: z.boolean().default(true),
    body: MessageText.optional(),
  })
  .meta({ id: 'CancelInterviewBody' });
export type CancelInterviewBody = z.infer<typeof CancelInterviewBody>;

/** Only pending reminders change; a sent one stays as it went. */
export const ReminderPatch = ReminderInput.partial()
  .refine((patch) => Object.keys(patch).length > 0, 'nothing to change')
  .meta({ id: 'ReminderPatch' });
export type ReminderPatch = z.infer<typeof ReminderPatch>;

export const DefaultReminder = z.object({
  offsetMinutes: z.number().int().min(1).max(MAX_REMINDER_OFFSET_MINUTES),
  /** null: the interview's channel. */
  channel: Channel.nullable(),
});

/** The reminders every new interview starts with (an admin setting); 24 h and 1 h until changed. */
export const InterviewSettings = z
  .object({
    defaultReminders: z
      .array(DefaultReminder)
      .max(10)
      .refine((list) => new Set(list.map((r) => `${r.offsetMinutes}/${r.channel}`)).size === list.length, 'each reminder once'),
  })
  .meta({ id: 'InterviewSettings' });
export type InterviewSettings = z.infer<typeof InterviewSettings>;

export const InterviewQuery = z.object({ candidateId: z.string().min(1).max(64) });
export const InterviewIdParam = z.object({ interviewId: z.string().min(1).max(64) });
export const ReminderIdParam = InterviewIdParam.extend({ reminderId: z.string().min(1).max(64) });
