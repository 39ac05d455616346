/**
 * What the cron trigger runs, at one instant, so the sweeper, the holds, the reminders and the
 * digests agree on "now". The production entry calls it from `scheduled`; the sandbox room lets a
 * test run it at a test clock's instant (worker/sandbox/scheduler.ts).
 * @module
 */
import type { Bindings } from '../env.ts';
import { sweepOutbox } from './delivery.ts';
import { sendDigests } from './digest.ts';
import { sendDueReminders } from './interview-reminders.ts';
import { releaseDueHolds } from './quiet-hours.ts';

export async function runScheduledJobs(env: Bindings, now: Date) {
  const swept = await sweepOutbox(env, now);
  const holds = await releaseDueHolds(env, now);
  const reminders = await sendDueReminders(env, now);
  const digests = await sendDigests(env, now);
  return { swept, holds, reminders, digests };
}
