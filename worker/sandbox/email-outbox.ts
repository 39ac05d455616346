/**
 * The sandbox email outbox: what Parley would have emailed (invites, password resets), so a person
 * or a test can follow the links locally. Mounted only on dev and test stacks (worker/sandbox/index.ts).
 * @module
 */
import { Hono } from 'hono';
import { html } from 'hono/html';
import { sandboxEmails } from '../db/queries/sandbox.ts';
import type { AppEnv } from '../env.ts';

export const sandboxEmailRoutes = new Hono<AppEnv>().get('/', async (c) => {
  const to = c.req.query('to');
  const results = await sandboxEmails(c.env.DB, to);
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
