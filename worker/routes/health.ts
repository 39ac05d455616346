import { createRoute, z } from '@hono/zod-openapi';
import { latestMigration } from '../db/queries/health.ts';
import { json } from '../lib/openapi-responses.ts';
import { createRouter } from '../lib/router.ts';
import { log } from '../lib/log.ts';

const Health = z.object({
  ok: z.boolean(),
  service: z.literal('parley'),
  database: z.enum(['ok', 'unreachable']),
  /** The last D1 migration applied, e.g. "0012_hold_retime_events.sql": which schema this database has. */
  migration: z.string().nullable(),
});

export const healthRoutes = createRouter().openapi(
  createRoute({
    method: 'get',
    path: '/',
    tags: ['meta'],
    summary: 'Whether the worker and its database answer, and the database schema version',
    responses: { 200: json(Health, 'The worker and its database are up'), 503: json(Health, 'The database does not answer') },
  }),
  async (c) => {
    try {
      const migration = await latestMigration(c.env.DB);
      return c.json({ ok: true, service: 'parley' as const, database: 'ok' as const, migration }, 200);
    } catch (error) {
      log.error('health.database_unreachable', {}, error);
      return c.json({ ok: false, service: 'parley' as const, database: 'unreachable' as const, migration: null }, 503);
    }
  },
);
