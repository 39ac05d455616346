/**
 * The provider port. To add a provider:
 *  1. implement `ProviderAdapter` in `worker/providers/<provider>.ts` — build and send one message
 *     (mapping the provider's errors to a readable reason and to retryable / permanent /
 *     unconfirmed), verify + parse the provider's webhook into `InboundEvent`s, and check
 *     credentials for the options page's "Test";
 *  2. list it in `registry.ts` under the `provider` value integrations store;
 *  3. test the exact HTTP the adapter sends against a fake of the provider's server
 *     (`test/fakes/`), and its webhooks with signatures computed independently.
 * Adapters never touch Parley's tables: the services decide what a send or an event means.
 * @module
 */
import type { Channel } from '../../shared/api/channels.ts';
import type { WhatsappTemplateRef } from '../../shared/api/messages.ts';
import type { Bindings } from '../env.ts';

export type Integration = {
  id: string;
  tenantId: string;
  provider: string;
  /** What is not secret: account SID, phone number ID, API base for local fakes. */
  config: Record<string, unknown>;
  /** Opened from the sealed column; never logged, never returned by a route. */
  credentials: Record<string, string>;
};

export type OutboundMessage = {
  channel: Channel;
  from: string;
  to: string;
  body: string;
  /** Outside WhatsApp's 24-hour window only a template may be sent. */
  template: WhatsappTemplateRef | null;
  /** Parley's message id: echoed back in status callbacks where the provider allows. */
  reference: string;
  /** Where the provider should post this message's delivery statuses. */
  statusCallbackUrl: string;
};

/** What a refused send means for Parley beyond failing this message. */
export type SendConsequence = 'consent_revoked';

/**
 * A provider's answer to a send. `retryable`: nothing was accepted (429, 5xx),
 * so sending again is safe. `unconfirmed`: no answer in time — the provider may have accepted it,
 * so it is looked up before any resend. `permanent`: the provider refused for a reason that a
 * resend will not fix.
 */
export type SendResult =
  | { ok: true; providerMessageId: string }
  | { ok: false; failure: 'retryable'; reason: string; retryAfterSeconds?: number }
  | { ok: false; failure: 'unconfirmed'; reason: string }
  | { ok: false; failure: 'permanent'; reason: string; consequence?: SendConsequence };

export type InboundAttachment = {
  contentType: string;
  sizeBytes: number | null;
  url: string | null;
  providerMediaId: string | null;
};

export type InboundEvent =
  | {
      kind: 'message';
      providerMessageId: string;
      channel: Channel;
      from: string;
      to: string;
      body: string;
      attachments: InboundAttachment[];
      /** The provider's own keyword flag (Twilio Advanced Opt-Out's OptOutType), when it sent one. */
      optOutType: 'STOP' | 'START' | 'HELP' | null;
    }
  | {
      kind: 'status';
      providerMessageId: string;
      /** Parley's message id when the provider echoes it (our status-callback URL, Meta's biz_opaque_callback_data). */
      reference: string | null;
      status: 'sent' | 'delivered' | 'read' | 'failed';
      /** Readable, for `failed`. */
      reason: string | null;
      consequence?: SendConsequence;
    };

/** A webhook the adapter refused: the route answers it without changing anything. */
export type WebhookVerdict = { ok: true; events: InboundEvent[] } | { ok: false; status: 400 | 401 | 403; reason: string };

export type CredentialCheck = { ok: boolean; message: string };

export interface ProviderAdapter {
  readonly provider: string;
  send(message: OutboundMessage, integration: Integration, env: Bindings): Promise<SendResult>;
  /**
   * After an unconfirmed send: the provider's id for the message if it was accepted after all,
   * null if it was not. Providers that cannot be asked leave it out, and Parley does not resend.
   */
  findAccepted?(message: OutboundMessage, integration: Integration, since: string, env: Bindings): Promise<string | null>;
  /**
   * Checks the signature over the raw request, then parses it. Must not read Parley's tables.
   * @param publicUrl the URL the provider was told to call (what Twilio signs), not the one the request claims.
   */
  parseWebhook(request: Request, integration: Integration, publicUrl: string): Promise<WebhookVerdict>;
  /** Meta's GET handshake: the challenge to echo, or null to refuse. */
  verifyHandshake?(query: URLSearchParams, integration: Integration): string | null;
  checkCredentials(integration: Integration, env: Bindings): Promise<CredentialCheck>;
}

/** A send that got no answer within the budget: providers differ, Parley's timeout does not. */
export function providerTimeoutMs(env: Bindings): number {
  const configured = Number(env.PROVIDER_TIMEOUT_MS);
  return Number.isFinite(configured) && configured > 0 ? configured : 10_000;
}

/**
 * A fetch to a provider, classified. Any failure without an answer is "unconfirmed": workerd
 * reports a refused connection and one dropped after the provider read the request alike
 * ("Network connection lost."), and the second may have been accepted — so the message is looked
 * up before it is sent again (services/delivery.ts), never resent blind.
 */
export async function providerFetch(
  url: string,
  init: RequestInit,
  env: Bindings,
): Promise<{ response: Response } | { failure: 'unconfirmed'; reason: string }> {
  try {
    const response = await fetch(url, { ...init, signal: AbortSignal.timeout(providerTimeoutMs(env)) });
    // The body is read here, under the same timeout and classification: an answer whose headers
    // came in time but whose body did not is unconfirmed too (the provider may have accepted).
    const body = await response.arrayBuffer();
    return { response: new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers }) };
  } catch (error) {
    const name = (error as Error)?.name;
    if (name === 'TimeoutError' || name === 'AbortError') {
      return { failure: 'unconfirmed', reason: `The provider did not answer within ${providerTimeoutMs(env) / 1000} s.` };
    }
    return { failure: 'unconfirmed', reason: `The connection to the provider broke before its answer (${(error as Error)?.message ?? 'network error'}).` };
  }
}
