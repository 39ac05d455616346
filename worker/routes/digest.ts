import { createRoute } from '@hono/zod-openapi';
import { DigestPreference } from '../../shared/api/digest.ts';
import { readDigestPreference, writeDigestPreference } from '../db/queries/digest.ts';
import { errors, json } from '../lib/openapi-responses.ts';
import { createRouter } from '../lib/router.ts';
import { signedIn } from '../middleware/auth.ts';

export const digestRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/v1/me/digest',
      tags: ['notifications'],
      summary: 'Whether the user gets the email digest of unanswered replies',
      ...signedIn,
      responses: { 200: json(DigestPreference, 'The preference'), 401: errors[401] },
    }),
    async (c) => {
      const { tenantId, userId } = c.get('user');
      return c.json({ enabled: (await readDigestPreference(c.env.DB, tenantId, userId))?.enabled === 1 }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/v1/me/digest',
      tags: ['notifications'],
      summary: 'Turn the email digest of unanswered replies on or off',
      ...signedIn,
      request: { body: { content: { 'application/json': { schema: DigestPreference } }, required: true } },
      responses: { 200: json(DigestPreference, 'The preference now'), 401: errors[401], 422: errors[422] },
    }),
    async (c) => {
      const { tenantId, userId } = c.get('user');
      const { enabled } = c.req.valid('json');
      await writeDigestPreference(c.env.DB, tenantId, userId, enabled, c.var.clock.now().toISOString());
      return c.json({ enabled }, 200);
    },
  );
