/**
 * The reminders bench's routes (scripts/lib/reminders-bench.ts): the due scan timed inside the
 * worker, one scheduler run as the cron makes it, and the counts that say none was lost or sent
 * twice. Mounted only on dev and test stacks (worker/sandbox/index.ts).
 * @module
 */
import { Hono } from 'hono';
import { dueReminderCount } from '../db/queries/interview-reminders.ts';
import { reminderBenchCounts } from '../db/queries/sandbox.ts';
import type { AppEnv } from '../env.ts';
import { CLAIM_BATCH, sendDueReminders } from '../services/interview-reminders.ts';
import { REMINDER_BENCH_PREFIX } from './reminders-bench-data.ts';

export const remindersBenchRoutes = new Hono<AppEnv>()
  .post('/bench/reminders/scan', async (c) => {
    // Elapsed time in this isolate, not a rule's "now": the monotonic timer measures it.
    const started = performance.now();
    // What the scheduler's claim looks up each time: up to one claim batch of due reminders.
    const due = await dueReminderCount(c.env.DB, c.var.clock.now().toISOString(), CLAIM_BATCH);
    return c.json({ due, ms: performance.now() - started });
  })
  .post('/bench/reminders/run', async (c) => c.json(await sendDueReminders(c.env, c.var.clock.now())))
  .get('/bench/reminders/status', async (c) => c.json(await reminderBenchCounts(c.env.DB, REMINDER_BENCH_PREFIX, c.var.clock.now().toISOString())));
