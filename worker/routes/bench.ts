/**
 * Reference routes for `npm run bench`: an empty route and a floor route doing exactly one D1
 * insert — the least durable work a webhook can do. Webhook throughput is reported against both.
 * Served only when SANDBOX_ENABLED is "true".
 * @module
 */
import { Hono } from 'hono';
import type { AppEnv } from '../env.ts';
import { ApiError } from '../lib/errors.ts';

export const benchRoutes = new Hono<AppEnv>()
  .use('/bench/*', async (c, next) => {
    if (c.env.SANDBOX_ENABLED !== 'true') throw new ApiError(404, 'not_found', 'The bench routes are not enabled here.');
    await next();
  })
  .post('/bench/empty', (c) => c.json({ ok: true }))
  .post('/bench/floor', async (c) => {
    await c.env.DB.prepare(`INSERT INTO bench_floor (payload, created_at) VALUES (?, ?)`)
      .bind(await c.req.text(), c.var.clock.now().toISOString())
      .run();
    return c.json({ ok: true });
  });
