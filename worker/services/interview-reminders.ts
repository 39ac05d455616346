/**
 * The reminders scheduler, run by the cron (worker/index.ts) with one instant per run: claims the
 * due reminders exactly once (db/queries/interview-reminders.ts) and sends each through the
 * outbound gate under the name and seat of the recruiter who scheduled the interview. The gate
 * decides like for any message (consent, seat, number, WhatsApp window); quiet hours may hold a
 * reminder only until before the interview starts. A reminder that may not go is skipped with
 * the reason the recruiter reads in the panel.
 * @module
 */
import { remindersApply } from '../../shared/domain/interviews.ts';
import { findCandidate } from '../db/queries/candidates.ts';
import {
  CLAIM_EXPIRY_MS,
  claimDueReminders,
  markReminderSentStatement,
  markReminderSkippedStatement,
  type ReminderRow,
} from '../db/queries/interview-reminders.ts';
import { findInterview } from '../db/queries/interviews.ts';
import { findTemplate } from '../db/queries/templates.ts';
import { tenantName } from '../db/queries/tenants.ts';
import { findTeamMember } from '../db/queries/users.ts';
import type { Bindings } from '../env.ts';
import { ApiError } from '../lib/errors.ts';
import { interviewValues } from './interviews.ts';
import { sendOutbound } from './outbound.ts';
import { approvedTemplateRef, toTemplate } from './templates.ts';
import { renderTemplate, describeProblems } from '../../shared/domain/template.ts';
import { log } from '../lib/log.ts';

/** Reminders claimed per statement; a run claims again until none is due or it reached its share. */
export const CLAIM_BATCH = 200;
/**
 * The most one cron run sends: a run stays well inside a Cron Trigger's CPU limit (30 s by
 * default), and what is left is claimed by the next run, a minute later.
 */
export const MAX_PER_RUN = 1_000;
/** Reminders sent at once within a batch: their D1 round trips overlap. */
const CONCURRENCY = 25;

const stateReason: Record<string, string> = {
  awaiting_pick: 'Skipped: the candidate had not picked a time.',
  declined: 'Skipped: the candidate declined the interview.',
  reschedule_requested: 'Skipped: the candidate asked for another time.',
  cancelled: 'Skipped: the interview was cancelled.',
};

type Outcome = 'sent' | 'skipped' | 'lost_claim';

/** Sends one claimed reminder, or skips it with the reason. */
/** What a run reads once and many reminders share: tenants' names, recruiters. */
type RunCache = Map<string, Promise<unknown>>;
const cached = <T>(cache: RunCache, key: string, read: () => Promise<T>): Promise<T> => {
  let value = cache.get(key) as Promise<T> | undefined;
  if (!value) {
    value = read();
    cache.set(key, value);
  }
  return value;
};

async function dispatch(env: Bindings, reminder: ReminderRow, now: Date, cache: RunCache): Promise<Outcome> {
  const db = env.DB;
  const claimedAt = reminder.claimed_at!;
  const at = now.toISOString();
  const skip = async (reason: string): Promise<Outcome> => {
    const { meta } = await markReminderSkippedStatement(db, reminder.tenant_id, reminder.id, claimedAt, reason, at).run();
    return meta.changes ? 'skipped' : 'lost_claim';
  };
  const interview = await findInterview(db, reminder.tenant_id, reminder.interview_id);
  if (!interview?.starts_at) return skip(stateReason[interview?.state ?? 'cancelled'] ?? 'Skipped: the interview has no time.');
  if (!remindersApply(interview.state)) return skip(stateReason[interview.state] ?? `Skipped: the interview is ${interview.state}.`);
  const start = new Date(interview.starts_at);
  if (start.getTime() <= now.getTime()) return skip('Skipped: the interview had started when the reminder was due.');
  const [candidate, sender, template, company] = await Promise.all([
    findCandidate(db, reminder.tenant_id, interview.candidate_id),
    cached(cache, `user:${interview.created_by}`, () => findTeamMember(db, reminder.tenant_id, interview.created_by)),
    reminder.template_id ? cached(cache, `template:${reminder.template_id}`, () => findTemplate(db, reminder.tenant_id, reminder.template_id!)) : null,
    cached(cache, `tenant:${reminder.tenant_id}`, () => tenantName(db, reminder.tenant_id)),
  ]);
  if (!candidate || !sender) return skip('Skipped: the candidate or the recruiter is gone.');
  const values = await interviewValues(env, { ...interview, last_end: interview.ends_at }, candidate, sender.name, now, company?.name ?? '');
  const rendered = renderTemplate(reminder.body, values);
  if (!rendered.ok) return skip(`Skipped: ${describeProblems(rendered.problems)}`);
  let whatsappTemplate = null;
  try {
    whatsappTemplate = template ? approvedTemplateRef(toTemplate(template), reminder.channel, reminder.body, values) : null;
  } catch (error) {
    if (error instanceof ApiError) return skip(`Skipped: ${error.message}`);
    throw error;
  }
  const sent = await sendOutbound(
    env,
    {
      tenantId: reminder.tenant_id,
      candidate,
      channel: reminder.channel,
      body: rendered.text,
      whatsappTemplate,
      sender: { kind: 'recruiter', tenantId: reminder.tenant_id, userId: sender.id, hasSeat: sender.has_seat === 1 && !sender.deactivated_at },
      mustArriveBy: start,
      alsoInBatch: (messageId) => [markReminderSentStatement(db, reminder.tenant_id, reminder.id, claimedAt, messageId, at)],
    },
    now,
  );
  return sent.ok ? 'sent' : skip(`Not sent: ${sent.refusal.message}`);
}

export type ReminderRun = { sent: number; skipped: number };

/**
 * Sends every reminder due at `now`. Each is claimed by exactly one run (two overlapping runs take
 * disjoint sets), then sent or skipped; a run that dies leaves its claims to expire and be taken again.
 */
export async function sendDueReminders(env: Bindings, now: Date, maxPerRun = MAX_PER_RUN): Promise<ReminderRun> {
  const totals: ReminderRun = { sent: 0, skipped: 0 };
  const cache: RunCache = new Map();
  const expiredBefore = new Date(now.getTime() - CLAIM_EXPIRY_MS).toISOString();
  for (let taken = 0; taken < maxPerRun; ) {
    const claimed = await claimDueReminders(env.DB, now.toISOString(), expiredBefore, Math.min(CLAIM_BATCH, maxPerRun - taken));
    if (claimed.length === 0) return totals;
    taken += claimed.length;
    for (let i = 0; i < claimed.length; i += CONCURRENCY) {
      const outcomes = await Promise.all(
        claimed.slice(i, i + CONCURRENCY).map((reminder) =>
          // One reminder's failure (D1 hiccup) leaves its claim to expire and be taken again; the others go on.
          dispatch(env, reminder, now, cache).catch((error: unknown): Outcome => {
            log.error('interview_reminder.failed', { reminderId: reminder.id }, error);
            return 'lost_claim';
          }),
        ),
      );
      for (const outcome of outcomes) if (outcome !== 'lost_claim') totals[outcome]++;
    }
  }
  return totals;
}
