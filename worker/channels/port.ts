/**
 * The provider port. To add a provider:
 *  1. implement `ChannelAdapter` in `worker/channels/<provider>.ts` — build and send one message,
 *     and verify + parse the provider's webhook into `InboundEvent`s;
 *  2. list it in `registry.ts` under the `provider` value integrations store;
 *  3. test the exact HTTP the adapter sends against a fake of the provider's server.
 * Adapters never touch Parley's tables: the services decide what a send or an event means.
 * @module
 */
import type { Channel } from '../../shared/api/channels.ts';
import type { Bindings } from '../env.ts';

export type Integration = {
  id: string;
  tenantId: string;
  provider: string;
  config: Record<string, unknown>;
};

export type OutboundMessage = {
  channel: Channel;
  from: string;
  to: string;
  body: string;
  /** Parley's message id, for providers that accept a client reference. */
  reference: string;
};

/** A provider's answer to a send: accepted with its id, or refused with a reason people can read. */
export type SendResult =
  | { ok: true; providerMessageId: string }
  | { ok: false; reason: string; retryable: boolean };

export type InboundEvent = {
  kind: 'message';
  providerMessageId: string;
  channel: Channel;
  from: string;
  to: string;
  body: string;
};

/** A webhook the adapter refused: the route answers it without changing anything. */
export type WebhookVerdict =
  | { ok: true; events: InboundEvent[] }
  | { ok: false; status: 400 | 401 | 403; reason: string };

export interface ChannelAdapter {
  readonly provider: string;
  send(message: OutboundMessage, integration: Integration, env: Bindings): Promise<SendResult>;
  /** Checks the signature over the raw request, then parses it. Must not read Parley's tables. */
  parseWebhook(request: Request, integration: Integration): Promise<WebhookVerdict>;
}
