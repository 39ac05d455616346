/**
 * Worker-hosted pages for people without a session: set a password from an invite or reset link,
 * and ask for a reset link. Plain HTML forms, so they work without JavaScript on any device.
 * @module
 */
import { Hono } from 'hono';
import { html } from 'hono/html';
import type { AppEnv } from '../env.ts';
import { type Html, htmlPage, LINK_TOKEN, tokenPageHeaders } from '../lib/html-page.ts';
import { ApiError } from '../lib/errors.ts';
import { findAccountLink, MIN_PASSWORD_LENGTH, requestPasswordReset, setPasswordWithLink } from '../services/account-links.ts';
import { requestOrigin } from '../services/audit.ts';

const page = (title: string, body: Html) => htmlPage({ language: 'en', title: `${title} · Parley`, body });

const passwordForm = (token: string, email: string, purpose: 'invite' | 'reset', error?: string) =>
  page(
    purpose === 'invite' ? 'Welcome' : 'New password',
    html`<h1>${purpose === 'invite' ? 'Welcome to Parley' : 'Choose a new password'}</h1>
      <p>For <strong>${email}</strong>. At least ${MIN_PASSWORD_LENGTH} characters.</p>
      ${error ? html`<p class="error" role="alert" data-testid="password-error">${error}</p>` : ''}
      <form method="post" action="/account/password/${token}">
        <label for="password">Password</label>
        <input id="password" name="password" type="password" autocomplete="new-password" minlength="${MIN_PASSWORD_LENGTH}" required />
        <label for="confirm">The same password again</label>
        <input id="confirm" name="confirm" type="password" autocomplete="new-password" required />
        <button data-testid="password-submit">Set password</button>
      </form>`,
  );

const linkGone = () =>
  page(
    'Link expired',
    html`<h1>This link has expired or was already used</h1>
      <p>Ask your Parley admin for a new invite, or <a href="/account/forgot">request a new reset link</a>.</p>`,
  );

export const accountPageRoutes = new Hono<AppEnv>()
  .use(tokenPageHeaders)
  .get('/password/:token', async (c) => {
    const token = c.req.param('token');
    const link = LINK_TOKEN.test(token) ? await findAccountLink(c.env.DB, token, c.var.clock.now()) : null;
    if (!link) return c.html(linkGone(), 404);
    return c.html(passwordForm(token, link.email, link.purpose));
  })
  .post('/password/:token', async (c) => {
    const token = c.req.param('token');
    if (!LINK_TOKEN.test(token)) return c.html(linkGone(), 404);
    const form = await c.req.parseBody();
    const password = typeof form.password === 'string' ? form.password : '';
    const confirm = typeof form.confirm === 'string' ? form.confirm : '';
    const link = await findAccountLink(c.env.DB, token, c.var.clock.now());
    if (!link) return c.html(linkGone(), 404);
    if (password !== confirm) return c.html(passwordForm(token, link.email, link.purpose, 'The two passwords differ.'), 422);
    try {
      const { email } = await setPasswordWithLink(c.env, token, password, requestOrigin(c.req.raw), c.var.clock.now());
      return c.html(
        page('Password set', html`<h1 data-testid="password-done">Your password is set</h1><p>Sign in from the Parley extension with ${email}.</p>`),
      );
    } catch (error) {
      if (error instanceof ApiError && error.status === 422) return c.html(passwordForm(token, link.email, link.purpose, error.message), 422);
      throw error;
    }
  })
  .get('/forgot', (c) =>
    c.html(
      page(
        'Reset your password',
        html`<h1>Reset your Parley password</h1>
          <form method="post" action="/account/forgot">
            <label for="email">Work email</label>
            <input id="email" name="email" type="email" autocomplete="username" required />
            <button>Email me a link</button>
          </form>`,
      ),
    ),
  )
  .post('/forgot', async (c) => {
    const form = await c.req.parseBody();
    const email = typeof form.email === 'string' ? form.email.trim() : '';
    if (!/^[^@\s]+@[^@\s]+$/.test(email) || email.length > 320) throw new ApiError(422, 'validation_failed', 'An email address, please.');
    await requestPasswordReset(c.env, email, new URL(c.req.url).origin, requestOrigin(c.req.raw), c.var.clock.now());
    return c.html(
      page(
        'Check your email',
        html`<h1>Check your email</h1><p>If ${email} has a Parley account, a link to reset its password is on its way. It works for one hour.</p>`,
      ),
    );
  });
