import { createRoute } from '@hono/zod-openapi';
import { Session, SignInBody } from '../../shared/api/auth.ts';
import { PasswordResetBody } from '../../shared/api/users.ts';
import { errors, json } from '../lib/openapi-responses.ts';
import { createRouter } from '../lib/router.ts';
import { signedIn } from '../middleware/auth.ts';
import { requestPasswordReset } from '../services/account-links.ts';
import { requestOrigin } from '../services/audit.ts';
import { signIn, signOut, signOutEverywhere } from '../services/sessions.ts';

export const authRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'post',
      path: '/sessions',
      tags: ['auth'],
      summary: 'Sign in with email and password',
      request: { body: { content: { 'application/json': { schema: SignInBody } }, required: true } },
      responses: {
        201: json(Session, 'Signed in'),
        401: errors[401],
        403: errors[403],
        422: errors[422],
        429: errors[429],
      },
    }),
    async (c) => {
      const { email, password } = c.req.valid('json');
      return c.json(await signIn(c.env.DB, email, password, requestOrigin(c.req.raw), c.var.clock.now()), 201);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/password-resets',
      tags: ['auth'],
      summary: 'Email a password reset link (answers the same whether or not the email has an account)',
      request: { body: { content: { 'application/json': { schema: PasswordResetBody } }, required: true } },
      responses: { 202: { description: 'If the email has an account, a link is on its way' }, 422: errors[422] },
    }),
    (c) => {
      // After the answer, so an email with an account and one without take the same time to answer.
      c.executionCtx.waitUntil(requestPasswordReset(c.env, c.req.valid('json').email, new URL(c.req.url).origin, requestOrigin(c.req.raw), c.var.clock.now()));
      return c.body(null, 202);
    },
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/sessions/current',
      tags: ['auth'],
      summary: 'Sign out this session',
      ...signedIn,
      responses: { 204: { description: 'Signed out' }, 401: errors[401] },
    }),
    async (c) => {
      await signOut(c.env, c.get('user'), c.var.clock.now());
      return c.body(null, 204);
    },
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/sessions',
      tags: ['auth'],
      summary: 'Sign out everywhere: every session of the signed-in user, this one included',
      ...signedIn,
      responses: { 204: { description: 'Signed out everywhere' }, 401: errors[401] },
    }),
    async (c) => {
      await signOutEverywhere(c.env, c.get('user'), requestOrigin(c.req.raw), c.var.clock.now());
      return c.body(null, 204);
    },
  );
