/**
 * The consent page candidates open from the emailed link: `/c/{token}`. A plain HTML form in the
 * job ad's language, so it works without JavaScript on any phone. Every value a page shows goes
 * through hono/html's escaping; nothing is interpolated raw.
 * @module
 */
import { Hono } from 'hono';
import { html } from 'hono/html';
import type { Channel } from '../../shared/api/channels.ts';
import type { AppEnv } from '../env.ts';
import { requestOrigin } from '../services/audit.ts';
import { type ClosedConsentLink, type ConsentDecisions, decideConsent, type OpenConsentLink, openConsentLink } from '../services/consent.ts';
import { type ConsentLanguage, consentWording } from '../services/consent-wording.ts';

const TOKEN = /^[A-Za-z0-9_-]{40,64}$/;

const page = (language: ConsentLanguage, title: string, body: ReturnType<typeof html>) => html`<!doctype html>
<html lang="${language}">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <meta name="referrer" content="no-referrer" />
    <meta name="robots" content="noindex" />
    <title>${title}</title>
    <style>
      :root { color-scheme: light dark; font: 16px/1.5 system-ui, sans-serif; }
      main { max-width: 460px; margin: 6vh auto; padding: 0 16px; display: grid; gap: 12px; }
      form { display: grid; gap: 12px; }
      fieldset { border: 1px solid #99a; border-radius: 8px; display: grid; gap: 6px; }
      label { display: flex; gap: 8px; align-items: center; }
      button { font: inherit; padding: 10px 12px; border-radius: 8px; background: #2452c9; color: #fff; border: 0; }
      .error { color: #b42318; }
    </style>
  </head>
  <body>
    <main>${body}</main>
  </body>
</html>`;

function consentForm(opened: OpenConsentLink, token: string, error?: string) {
  const w = consentWording(opened.language);
  const channelChoice = (channel: Channel) => html`<fieldset data-testid="consent-${channel}">
    <legend>${w.channel[channel]}</legend>
    <label><input type="radio" name="${channel}" value="grant" required /> ${w.allow}</label>
    <label><input type="radio" name="${channel}" value="decline" /> ${w.decline}</label>
  </fieldset>`;
  return page(
    opened.language,
    w.title,
    html`<h1>${w.title}</h1>
      <p data-testid="consent-purpose">${w.purpose(opened.purpose)}</p>
      <p>${w.explainer}</p>
      ${error ? html`<p class="error" role="alert">${error}</p>` : ''}
      <form method="post" action="/c/${token}">
        ${opened.channels.map(channelChoice)}
        <button data-testid="consent-submit">${w.submit}</button>
      </form>`,
  );
}

const closed = ({ reason, language }: ClosedConsentLink) => {
  const w = consentWording(language);
  return page(language, w.linkGoneTitle, html`<h1>${w.linkGoneTitle}</h1><p data-testid="consent-link-gone">${w.linkGone[reason]}</p>`);
};
const closedStatus = { unknown: 404, expired: 410, used: 410 } as const;

const parseDecisions = (form: Record<string, unknown>, channels: Channel[]): ConsentDecisions | null => {
  const decisions: ConsentDecisions = {};
  for (const channel of channels) {
    const value = form[channel];
    if (value !== 'grant' && value !== 'decline') return null;
    decisions[channel] = value;
  }
  return decisions;
};

export const consentPageRoutes = new Hono<AppEnv>()
  .get('/c/:token', async (c) => {
    const token = c.req.param('token');
    const opened: OpenConsentLink | ClosedConsentLink = TOKEN.test(token) ? await openConsentLink(c.env.DB, token) : { ok: false, reason: 'unknown', language: 'en' };
    if (!opened.ok) return c.html(closed(opened), closedStatus[opened.reason]);
    return c.html(consentForm(opened, token));
  })
  .post('/c/:token', async (c) => {
    const token = c.req.param('token');
    const opened: OpenConsentLink | ClosedConsentLink = TOKEN.test(token) ? await openConsentLink(c.env.DB, token) : { ok: false, reason: 'unknown', language: 'en' };
    if (!opened.ok) return c.html(closed(opened), closedStatus[opened.reason]);
    const decisions = parseDecisions(await c.req.parseBody(), opened.channels);
    const w = consentWording(opened.language);
    if (!decisions) return c.html(consentForm(opened, token, w.explainer), 422);
    const outcome = await decideConsent(c.env, opened, decisions, requestOrigin(c.req.raw));
    if (outcome === 'used') return c.html(closed({ ok: false, reason: 'used', language: opened.language }), 410);
    return c.html(
      page(
        opened.language,
        w.done,
        html`<h1 data-testid="consent-done">${w.done}</h1>
          ${outcome.awaitingStart ? html`<p>${w.startNote}</p>` : ''}
          <p>${w.doneDetail}</p>`,
      ),
    );
  });
