import { createRoute } from '@hono/zod-openapi';
import { DigestPreference } from '../../shared/api/digest.ts';
import { Me } from '../../shared/api/users.ts';
import { listActiveAdmins } from '../db/queries/users.ts';
import { readDigestPreference, writeDigestPreference } from '../db/queries/digest.ts';
import { errors, json } from '../lib/openapi-responses.ts';
import { createRouter } from '../lib/router.ts';
import { signedIn } from '../middleware/auth.ts';

export const meRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/digest',
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
      path: '/digest',
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
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/',
      tags: ['auth'],
      summary: 'The signed-in user, with their seat and whom to ask for one',
      ...signedIn,
      responses: { 200: json(Me, 'The signed-in user'), 401: errors[401] },
    }),
    async (c) => {
      const { userId, tenantId, tenantName, email, name, role, hasSeat } = c.get('user');
      const seatAdmins = hasSeat ? [] : await listActiveAdmins(c.env.DB, tenantId);
      return c.json({ id: userId, tenantId, tenantName, email, name, role, seat: hasSeat, seatAdmins }, 200);
    },
  );
