import { createRoute, z } from '@hono/zod-openapi';
import { json } from '../lib/openapi-responses.ts';
import { createRouter } from '../lib/router.ts';

const Health = z.object({ ok: z.literal(true), service: z.literal('parley') });

export const healthRoutes = createRouter().openapi(
  createRoute({
    method: 'get',
    path: '/health',
    tags: ['meta'],
    responses: { 200: json(Health, 'The worker is up') },
  }),
  (c) => c.json({ ok: true as const, service: 'parley' as const }, 200),
);
