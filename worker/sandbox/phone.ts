/**
 * The simulated phone: what each candidate number received, and a form to reply as the
 * candidate. Replies are signed like a provider's webhook and dispatched to the same inbound
 * route a real provider calls. Mounted only on dev and test stacks (worker/sandbox/index.ts).
 * @module
 */
import { Hono } from 'hono';
import { html, raw } from 'hono/html';
import { Channel } from '../../shared/api/channels.ts';
import { sandboxSecret, signSandboxBody, SANDBOX_SIGNATURE_HEADER, type SandboxInbound, type SandboxStatus } from '../providers/sandbox.ts';
import { findEnabledIntegration } from '../db/queries/integrations.ts';
import { insertTraffic, sandboxPhones, takeUnreceipted, trafficOf } from '../db/queries/sandbox.ts';
import type { AppEnv, Bindings } from '../env.ts';
import { ApiError } from '../lib/errors.ts';
import { newId } from '../lib/ids.ts';

export type Dispatch = (request: Request, env: Bindings) => Promise<Response>;

const E164 = /^\+[1-9]\d{6,14}$/;

function requirePhoneNumber(value: string): string {
  // A malformed escape (`%E0%A4%A`) is no number either: 400, not decodeURIComponent's URIError as a 500.
  let number: string;
  try {
    number = decodeURIComponent(value);
  } catch {
    number = '';
  }
  if (!E164.test(number)) throw new ApiError(400, 'bad_request', 'A phone number in E.164 form, such as +14155550101.');
  return number;
}

const page = (title: string, body: ReturnType<typeof html>) => html`<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>${title}</title>
    <style>
      ${raw(PHONE_CSS)}
    </style>
  </head>
  <body>
    <main class="phone">${body}</main>
  </body>
</html>`;

export function sandboxPhoneRoutes(dispatch: Dispatch) {
  return new Hono<AppEnv>()
    .get('/phone', async (c) => {
      const results = await sandboxPhones(c.env.DB);
      return c.html(
        page(
          'Sandbox phones',
          html`<header><h1>Sandbox phones</h1><p>Every number Parley's sandbox provider delivered to.</p></header>
            <ul class="phones">
              ${results.map(
                (r) =>
                  html`<li><a data-testid="phone-link" href="/sandbox/phone/${encodeURIComponent(r.phone_number)}">${r.phone_number}</a> <span>${r.count} messages</span></li>`,
              )}
            </ul>
            ${results.length === 0 ? html`<p class="empty">Nothing delivered yet. Send a message from the Parley panel.</p>` : ''}
            <form method="get" action="/sandbox/open"><label>Open a phone <input name="number" placeholder="+14155550101" /></label><button>Open</button></form>`,
        ),
      );
    })
    .get('/open', (c) => c.redirect(`/sandbox/phone/${encodeURIComponent(requirePhoneNumber(c.req.query('number') ?? ''))}`, 303))
    .get('/phone/:number', async (c) => {
      const number = requirePhoneNumber(c.req.param('number'));
      const traffic = await trafficOf(c.env.DB, number);
      await sendReceipts(c.env, dispatch, new URL(c.req.url), number);
      const lastInbound = [...traffic].reverse().find((t) => t.direction === 'to_phone');
      return c.html(
        page(
          `Phone ${number}`,
          html`<header><a href="/sandbox/phone">‹ Phones</a><h1 data-testid="phone-number">${number}</h1></header>
            <ol class="thread" data-testid="phone-thread">
              ${traffic.map(
                (t) => html`<li class="bubble ${t.direction}" data-testid="phone-message" data-direction="${t.direction}">
                  <span class="meta">${t.direction === 'to_phone' ? `From ${t.parley_number}` : 'You'} · ${t.channel.toUpperCase()} · ${t.created_at.slice(11, 16)} UTC</span>
                  <span class="body">${t.body}</span>
                </li>`,
              )}
            </ol>
            ${
              lastInbound
                ? html`<form method="post" action="/sandbox/phone/${encodeURIComponent(number)}/reply" class="reply">
                  <input type="hidden" name="to" value="${lastInbound.parley_number}" />
                  <input type="hidden" name="channel" value="${lastInbound.channel}" />
                  <input type="hidden" name="integrationId" value="${lastInbound.integration_id}" />
                  <label for="reply">Reply to ${lastInbound.parley_number} as the candidate</label>
                  <textarea id="reply" name="body" rows="2" required data-testid="phone-reply"></textarea>
                  <button data-testid="phone-send">Send</button>
                </form>`
                : html`<p class="empty">This phone has received nothing from Parley yet, so there is no one to reply to.</p>`
            }
            <script>
              // Reload to show new messages, but never while the candidate is typing a reply.
              setInterval(() => { const t = document.getElementById('reply'); if (!t || !t.value) location.reload(); }, 2000);
            </script>`,
        ),
      );
    })
    .post('/phone/:number/reply', async (c) => {
      const from = requirePhoneNumber(c.req.param('number'));
      const form = await c.req.parseBody();
      const channel = Channel.safeParse(form.channel);
      const body = typeof form.body === 'string' ? form.body.trim() : '';
      const to = typeof form.to === 'string' ? form.to : '';
      const integrationId = typeof form.integrationId === 'string' ? form.integrationId : '';
      if (!channel.success || !body || !E164.test(to) || !integrationId) {
        throw new ApiError(422, 'validation_failed', 'A reply needs a body, a channel, the Parley number and the integration.');
      }
      const integration = await findEnabledIntegration(c.env.DB, integrationId, 'sandbox');
      if (!integration) throw new ApiError(404, 'not_found', 'The sandbox integration was not found.');

      const inbound: SandboxInbound = { messageId: newId('sbx'), channel: channel.data, from, to, body };
      const rawBody = JSON.stringify(inbound);
      await insertTraffic(c.env.DB, {
        integrationId: integration.id,
        providerMessageId: inbound.messageId,
        direction: 'from_phone',
        phoneNumber: from,
        parleyNumber: to,
        channel: inbound.channel,
        body,
        at: c.var.clock.now().toISOString(),
      });
      const webhook = new Request(new URL(`/webhooks/sandbox/${integration.id}`, c.req.url), {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          [SANDBOX_SIGNATURE_HEADER]: await signSandboxBody(sandboxSecret(integration), rawBody),
        },
        body: rawBody,
      });
      const response = await dispatch(webhook, c.env);
      if (!response.ok) throw new ApiError(502, 'provider_error', `Parley's webhook answered ${response.status}: ${await response.text()}`);
      return c.redirect(`/sandbox/phone/${encodeURIComponent(from)}`, 303);
    });
}

/**
 * The phone has shown these messages: report them delivered (WhatsApp: read) like a provider's
 * status callback, signed, through the sandbox webhook — once per message.
 */
async function sendReceipts(env: Bindings, dispatch: Dispatch, pageUrl: URL, number: string): Promise<void> {
  for (const row of await takeUnreceipted(env.DB, number)) {
    const integration = await findEnabledIntegration(env.DB, row.integration_id, 'sandbox');
    if (!integration) continue;
    const receipt: SandboxStatus = { statusOf: row.provider_message_id, status: row.channel === 'whatsapp' ? 'read' : 'delivered' };
    const rawBody = JSON.stringify(receipt);
    await dispatch(
      new Request(new URL(`/webhooks/sandbox/${integration.id}`, pageUrl), {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', [SANDBOX_SIGNATURE_HEADER]: await signSandboxBody(sandboxSecret(integration), rawBody) },
        body: rawBody,
      }),
      env,
    );
  }
}

const PHONE_CSS = `
  :root { color-scheme: light dark; font-family: system-ui, sans-serif; }
  body { margin: 0; background: #e7e9ee; display: flex; justify-content: center; }
  .phone { width: 100%; max-width: 420px; min-height: 100vh; background: Canvas; padding: 16px; box-sizing: border-box; }
  header h1 { font-size: 1.25rem; margin: 8px 0; }
  .thread { list-style: none; padding: 0; display: flex; flex-direction: column; gap: 8px; }
  .bubble { max-width: 80%; padding: 8px 12px; border-radius: 14px; display: flex; flex-direction: column; gap: 2px; }
  .bubble.to_phone { align-self: flex-start; background: #dfe3ea; color: #111; }
  .bubble.from_phone { align-self: flex-end; background: #1f6feb; color: #fff; }
  .meta { font-size: 0.7rem; opacity: 0.75; }
  .body { white-space: pre-wrap; overflow-wrap: anywhere; }
  .reply { display: grid; gap: 6px; margin-top: 16px; }
  .reply label { font-size: 0.8rem; }
  textarea, input { font: inherit; padding: 8px; border-radius: 8px; border: 1px solid #99a; }
  button { font: inherit; padding: 8px 14px; border-radius: 8px; border: 0; background: #1f6feb; color: #fff; cursor: pointer; }
  .empty { color: GrayText; }
  .phones li { margin: 6px 0; }
`;
