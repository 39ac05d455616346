/**
 * The cron's run on demand, at an instant the caller names: how the e2e tests move a test clock
 * past a reminder's time without waiting for it (and run twice to see it go once). Mounted only on
 * dev and test stacks (worker/sandbox/index.ts).
 * @module
 */
import { Hono } from 'hono';
import type { AppEnv } from '../env.ts';
import { ApiError } from '../lib/errors.ts';
import { runScheduledJobs } from '../services/scheduled-jobs.ts';

export const sandboxSchedulerRoutes = new Hono<AppEnv>().post('/', async (c) => {
  const at = c.req.query('at');
  const now = at === undefined ? c.var.clock.now() : new Date(at);
  if (Number.isNaN(now.getTime())) throw new ApiError(422, 'validation_failed', 'at: an ISO 8601 instant, e.g. 2026-12-05T09:00:00Z');
  return c.json({ at: now.toISOString(), ...(await runScheduledJobs(c.env, now)) });
});
