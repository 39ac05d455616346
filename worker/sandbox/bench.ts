/**
 * Reference routes for `npm run bench`: an empty route and a floor route doing exactly one D1
 * insert — the least durable work a webhook can do. Webhook throughput is reported against both.
 * Mounted only on dev and test stacks (worker/sandbox/index.ts).
 * @module
 */
import { Hono } from 'hono';
import { insertBenchFloor } from '../db/queries/sandbox.ts';
import type { AppEnv } from '../env.ts';

export const benchRoutes = new Hono<AppEnv>()
  .post('/bench/empty', (c) => c.json({ ok: true }))
  .post('/bench/floor', async (c) => {
    await insertBenchFloor(c.env.DB, await c.req.text(), c.var.clock.now().toISOString());
    return c.json({ ok: true });
  });
