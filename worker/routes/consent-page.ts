/**
 * The consent page candidates open from the emailed link: `/c/{token}`. A plain HTML form in the
 * job ad's language, so it works without JavaScript on any phone. Every value a page shows goes
 * through hono/html's escaping; nothing is interpolated raw.
 * @module
 */
import { Hono } from 'hono';
import { html } from 'hono/html';
import type { Channel } from '../../shared/api/channels.ts';
import { formatPhone } from '../../shared/domain/phone.ts';
import type { AppEnv } from '../env.ts';
import { type Html, htmlPage, LINK_TOKEN, tokenPageHeaders } from '../lib/html-page.ts';
import { requestOrigin } from '../services/audit.ts';
import { type ClosedConsentLink, type ConsentDecisions, decideConsent, type OpenConsentLink, openConsentLink } from '../services/consent-links.ts';
import { type ConsentLanguage, consentWording } from '../services/consent-wording.ts';

const page = (language: ConsentLanguage, title: string, body: Html) => htmlPage({ language, title, body });

function consentForm(opened: OpenConsentLink, token: string, error?: string) {
  const w = consentWording(opened.language);
  const channelChoice = (channel: Channel) => html`<fieldset data-testid="consent-${channel}">
    <legend>${w.channel[channel]}</legend>
    <label><input type="radio" name="${channel}" value="grant" required /> ${w.allow}</label>
    <label><input type="radio" name="${channel}" value="decline" /> ${w.decline}</label>
  </fieldset>`;
  const phone = opened.candidate.phone;
  return page(
    opened.language,
    w.title,
    html`<p class="company" data-testid="consent-company">${opened.purpose.company}</p>
      <h1>${w.title}</h1>
      <p data-testid="consent-purpose">${w.purpose(opened.purpose)}</p>
      ${
        phone
          ? html`<p data-testid="consent-number">${w.messagesTo(formatPhone(phone))}</p>
              <p>${w.explainer}</p>
              ${error ? html`<p class="error" role="alert">${error}</p>` : ''}
              <form method="post" action="/c/${token}">
                ${opened.channels.map(channelChoice)}
                <button data-testid="consent-submit">${w.submit}</button>
              </form>`
          : html`<p data-testid="consent-no-number">${w.noNumber}</p>`
      }
      ${opened.privacyUrl ? html`<p><a href="${opened.privacyUrl}" data-testid="consent-privacy">${w.privacy}</a></p>` : ''}`,
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
  .use(tokenPageHeaders)
  .get('/:token', async (c) => {
    const token = c.req.param('token');
    const opened: OpenConsentLink | ClosedConsentLink = LINK_TOKEN.test(token)
      ? await openConsentLink(c.env.DB, token, c.var.clock.now())
      : { ok: false, reason: 'unknown', language: 'en' };
    if (!opened.ok) return c.html(closed(opened), closedStatus[opened.reason]);
    return c.html(consentForm(opened, token));
  })
  .post('/:token', async (c) => {
    const token = c.req.param('token');
    const opened: OpenConsentLink | ClosedConsentLink = LINK_TOKEN.test(token)
      ? await openConsentLink(c.env.DB, token, c.var.clock.now())
      : { ok: false, reason: 'unknown', language: 'en' };
    if (!opened.ok) return c.html(closed(opened), closedStatus[opened.reason]);
    // Nothing to consent to without a number (removed since the link went out): the form was not offered.
    if (!opened.candidate.phone) return c.html(consentForm(opened, token), 409);
    const decisions = parseDecisions(await c.req.parseBody(), opened.channels);
    const w = consentWording(opened.language);
    if (!decisions) return c.html(consentForm(opened, token, w.explainer), 422);
    const outcome = await decideConsent(c.env, opened, decisions, requestOrigin(c.req.raw), c.var.clock.now());
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
