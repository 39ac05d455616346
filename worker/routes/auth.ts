import { createRoute } from '@hono/zod-openapi';
import { Session, SignInBody, User } from '../../shared/api/auth.ts';
import { revokeSession } from '../db/queries/sessions.ts';
import { nowIso } from '../lib/ids.ts';
import { errors, json } from '../lib/openapi-responses.ts';
import { createRouter } from '../lib/router.ts';
import { requireSession } from '../middleware/auth.ts';
import { signIn } from '../services/sessions.ts';

export const authRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'post',
      path: '/v1/auth/sessions',
      tags: ['auth'],
      summary: 'Sign in with email and password',
      request: { body: { content: { 'application/json': { schema: SignInBody } }, required: true } },
      responses: { 201: json(Session, 'Signed in'), 401: errors[401], 422: errors[422] },
    }),
    async (c) => {
      const { email, password } = c.req.valid('json');
      return c.json(await signIn(c.env.DB, email, password), 201);
    },
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/v1/auth/sessions/current',
      tags: ['auth'],
      summary: 'Sign out this session',
      security: [{ bearer: [] }],
      middleware: [requireSession],
      responses: { 204: { description: 'Signed out' }, 401: errors[401] },
    }),
    async (c) => {
      const user = c.get('user');
      await revokeSession(c.env.DB, user.tenantId, user.sessionId, nowIso());
      return c.body(null, 204);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/v1/me',
      tags: ['auth'],
      summary: 'The signed-in user',
      security: [{ bearer: [] }],
      middleware: [requireSession],
      responses: { 200: json(User, 'The signed-in user'), 401: errors[401] },
    }),
    (c) => {
      const { userId, tenantId, tenantName, email, name, role } = c.get('user');
      return c.json({ id: userId, tenantId, tenantName, email, name, role }, 200);
    },
  );
