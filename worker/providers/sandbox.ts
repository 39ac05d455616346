/**
 * The sandbox provider: a first-class provider whose "network" is the simulated phone at
 * /sandbox/phone. Sends are recorded as what the phone received; the phone's replies come back
 * as signed webhooks to /webhooks/sandbox/{integrationId}, the route and code path every
 * provider's inbound traffic takes.
 * @module
 */
import { z } from 'zod';
import { Channel } from '../../shared/api/channels.ts';
import { hmacSha256Hex, timingSafeEqual } from '../lib/crypto.ts';
import { insertTraffic } from '../db/queries/sandbox.ts';
import { clockOf } from '../lib/clock.ts';
import { newId } from '../lib/ids.ts';
import type { ProviderAdapter, Integration, WebhookVerdict } from './port.ts';

export const SANDBOX_SIGNATURE_HEADER = 'X-Sandbox-Signature';

/** The sandbox's webhook body: one message from a simulated phone. */
export const SandboxInbound = z.object({
  messageId: z.string().min(1).max(100),
  channel: Channel,
  from: z.string().regex(/^\+[1-9]\d{6,14}$/),
  to: z.string().regex(/^\+[1-9]\d{6,14}$/),
  body: z.string().min(1).max(1600),
});
export type SandboxInbound = z.infer<typeof SandboxInbound>;

/** The sandbox's delivery receipt: the simulated phone showed the message (SMS) or it was read (WhatsApp). */
export const SandboxStatus = z.object({
  statusOf: z.string().min(1).max(100),
  status: z.enum(['delivered', 'read']),
});
export type SandboxStatus = z.infer<typeof SandboxStatus>;

export function sandboxSecret(integration: Pick<Integration, 'id' | 'config'>): string {
  const secret = integration.config.webhookSecret;
  if (typeof secret !== 'string' || secret.length < 16) throw new Error(`integration ${integration.id} has no sandbox webhook secret`);
  return secret;
}

/** `sha256=<hex HMAC of the raw body>`, the shape Meta and most providers use. */
export async function signSandboxBody(secret: string, rawBody: string): Promise<string> {
  return `sha256=${await hmacSha256Hex(secret, rawBody)}`;
}

export const sandboxAdapter: ProviderAdapter = {
  provider: 'sandbox',

  async send(message, integration, env) {
    const providerMessageId = newId('sbx');
    // The simulated network keeps its own time, as a provider's servers do.
    const receivedAt = clockOf(env).now().toISOString();
    await insertTraffic(env.DB, {
      integrationId: integration.id,
      providerMessageId,
      direction: 'to_phone',
      phoneNumber: message.to,
      parleyNumber: message.from,
      channel: message.channel,
      body: message.body,
      at: receivedAt,
    });
    return { ok: true, providerMessageId };
  },

  async parseWebhook(request, integration): Promise<WebhookVerdict> {
    const raw = await request.text();
    const signature = request.headers.get(SANDBOX_SIGNATURE_HEADER) ?? '';
    const expected = await signSandboxBody(sandboxSecret(integration), raw);
    if (!signature || !timingSafeEqual(signature, expected)) {
      return { ok: false, status: 403, reason: 'The webhook signature is missing or wrong.' };
    }
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      return { ok: false, status: 400, reason: 'The webhook body is not JSON.' };
    }
    const receipt = SandboxStatus.safeParse(json);
    if (receipt.success) {
      const { statusOf, status } = receipt.data;
      return { ok: true, events: [{ kind: 'status', providerMessageId: statusOf, reference: null, status, reason: null }] };
    }
    const parsed = SandboxInbound.safeParse(json);
    if (!parsed.success) return { ok: false, status: 400, reason: `Invalid sandbox webhook: ${parsed.error.issues[0]?.message}` };
    const { messageId, channel, from, to, body } = parsed.data;
    return { ok: true, events: [{ kind: 'message', providerMessageId: messageId, channel, from, to, body, attachments: [], optOutType: null }] };
  },

  async checkCredentials(integration) {
    sandboxSecret(integration);
    return { ok: true, message: 'The sandbox is ready: messages go to the simulated phone at /sandbox/phone.' };
  },
};
