/**
 * The sandbox email outbox: what Parley would have emailed (invites, password resets), so a person
 * or a test can follow the links locally. Served only when SANDBOX_ENABLED is "true".
 * @module
 */
import { Hono } from 'hono';
import { html } from 'hono/html';
import type { AppEnv } from '../env.ts';
import { ApiError } from '../lib/errors.ts';

type EmailRow = { seq: number; to_address: string; subject: string; body: string; created_at: string };

export const sandboxEmailRoutes = new Hono<AppEnv>()
  .use('/sandbox/email', async (c, next) => {
    if (c.env.SANDBOX_ENABLED !== 'true') throw new ApiError(404, 'not_found', 'The sandbox is not enabled here.');
    await next();
  })
  .get('/sandbox/email', async (c) => {
    const to = c.req.query('to');
    const { results } = await (to
      ? c.env.DB.prepare(`SELECT * FROM sandbox_emails WHERE to_address = ? COLLATE NOCASE ORDER BY seq DESC LIMIT 50`).bind(to)
      : c.env.DB.prepare(`SELECT * FROM sandbox_emails ORDER BY seq DESC LIMIT 50`)
    ).all<EmailRow>();
    return c.html(html`<!doctype html>
      <html lang="en">
        <head><meta charset="utf-8" /><title>Sandbox email</title></head>
        <body style="font-family: system-ui, sans-serif; max-width: 720px; margin: 24px auto">
          <h1>Sandbox email outbox</h1>
          <form><label>To <input name="to" value="${to ?? ''}" /></label> <button>Filter</button></form>
          ${results.map(
            (e) => html`<article data-testid="email" style="border-top: 1px solid #ccc; padding: 8px 0">
              <p><strong data-testid="email-subject">${e.subject}</strong> to ${e.to_address} · ${e.created_at}</p>
              <pre data-testid="email-body" style="white-space: pre-wrap">${e.body}</pre>
            </article>`,
          )}
        </body>
      </html>`);
  });
