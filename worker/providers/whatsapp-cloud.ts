/**
 * Meta's WhatsApp Business Cloud API: text and template messages, the verify handshake and
 * `X-Hub-Signature-256` over the raw body. Sources: developers.facebook.com/docs/graph-api/webhooks/
 * getting-started (handshake, signature) and developers.facebook.com/documentation/business-messaging/
 * whatsapp/messages/text-messages (sending).
 * @module
 */
import { hmacSha256Hex, timingSafeEqual } from '../lib/crypto.ts';
import {
  type ProviderAdapter,
  type InboundAttachment,
  type InboundEvent,
  type Integration,
  type OutboundMessage,
  providerFetch,
  type SendResult,
} from './port.ts';

const GRAPH_API = 'https://graph.facebook.com';
export const META_SIGNATURE_HEADER = 'X-Hub-Signature-256';

type MetaConfig = { phoneNumberId: string; apiVersion: string; apiBase: string; accessToken: string; appSecret: string; verifyToken: string };

function metaConfig(integration: Integration): MetaConfig {
  const { phoneNumberId, apiVersion, apiBaseUrl } = integration.config;
  const { accessToken, appSecret, verifyToken } = integration.credentials;
  if (typeof phoneNumberId !== 'string' || !accessToken || !appSecret || !verifyToken) {
    throw new Error(`integration ${integration.id} lacks its WhatsApp phone number ID or secrets`);
  }
  return {
    phoneNumberId,
    apiVersion: typeof apiVersion === 'string' ? apiVersion : 'v26.0',
    apiBase: typeof apiBaseUrl === 'string' ? apiBaseUrl.replace(/\/$/, '') : GRAPH_API,
    accessToken,
    appSecret,
    verifyToken,
  };
}

/** The JSON body of a Cloud API send: free text, or an approved template with its body variables. */
export function metaMessageBody(message: OutboundMessage): Record<string, unknown> {
  const common = { messaging_product: 'whatsapp', recipient_type: 'individual', to: message.to, biz_opaque_callback_data: message.reference };
  if (message.template) {
    return {
      ...common,
      type: 'template',
      template: {
        name: message.template.id,
        language: { code: message.template.language },
        components: message.template.variables.length ? [{ type: 'body', parameters: message.template.variables.map((text) => ({ type: 'text', text })) }] : [],
      },
    };
  }
  return { ...common, type: 'text', text: { preview_url: false, body: message.body } };
}

/** Meta's error codes, in words a recruiter can act on; key on the code, never on titles. */
const META_ERRORS: Record<number, string> = {
  131047: 'The WhatsApp 24-hour window has closed; only an approved template can be sent now.',
  131026: 'WhatsApp could not deliver the message: the number may not use WhatsApp, or its app is out of date.',
  131049: 'WhatsApp held the message back to protect engagement; do not retry within 24 hours.',
  131050: 'The candidate stopped marketing messages from this business on WhatsApp.',
  131051: 'WhatsApp does not support this message type.',
  131021: 'The sender and the recipient are the same number.',
  131030: 'The number is not on the test account’s allowed list.',
  132000: 'The template’s variables do not match the approved template.',
  132001: 'The template does not exist or is not approved in that language.',
  190: 'Meta refused the access token of this integration (expired?). Ask an admin to update it.',
  368: 'Meta blocked the message for a policy violation.',
  100: 'Meta refused a parameter of the message.',
};
/** Throughput and pair limits: a later attempt can succeed. */
const META_RATE_LIMITS = new Set([130429, 131056, 131048, 80007, 4]);

export function metaErrorReason(code: number | null, message: string | null): string {
  if (code !== null && META_ERRORS[code]) return `${META_ERRORS[code]} (Meta ${code})`;
  return `${message?.trim() || 'WhatsApp refused the message.'}${code !== null ? ` (Meta ${code})` : ''}`;
}

type GraphError = { error?: { code?: number; message?: string } };

async function readSendResponse(response: Response): Promise<SendResult> {
  let body: GraphError & { messages?: { id?: string }[] } = {};
  try {
    body = (await response.json()) as typeof body;
  } catch {
    // An HTML error page: the status code decides.
  }
  if (response.ok) {
    const id = body.messages?.[0]?.id;
    return id ? { ok: true, providerMessageId: id } : { ok: false, failure: 'unconfirmed', reason: 'WhatsApp answered without a message id.' };
  }
  const code = typeof body.error?.code === 'number' ? body.error.code : null;
  if (response.status === 429 || response.status >= 500 || (code !== null && META_RATE_LIMITS.has(code))) {
    return {
      ok: false,
      failure: 'retryable',
      reason: code !== null ? metaErrorReason(code, body.error?.message ?? null) : `WhatsApp had a server error (${response.status}).`,
    };
  }
  return { ok: false, failure: 'permanent', reason: metaErrorReason(code, body.error?.message ?? null) };
}

// ---- webhooks (providers.md §2.2–2.4) -------------------------------------------------------

type MetaMessage = {
  from?: string;
  id?: string;
  type?: string;
  text?: { body?: string };
  button?: { text?: string };
  interactive?: { button_reply?: { title?: string }; list_reply?: { title?: string } };
} & Partial<Record<'image' | 'audio' | 'video' | 'document' | 'sticker', { id?: string; mime_type?: string; caption?: string; url?: string }>>;
type MetaStatus = { id?: string; status?: string; biz_opaque_callback_data?: string; errors?: { code?: number; title?: string; message?: string }[] };
type MetaPayload = {
  object?: string;
  entry?: {
    changes?: {
      field?: string;
      value?: { metadata?: { display_phone_number?: string; phone_number_id?: string }; messages?: MetaMessage[]; statuses?: MetaStatus[] };
    }[];
  }[];
};

const MEDIA_TYPES = ['image', 'audio', 'video', 'document', 'sticker'] as const;
const e164 = (digits: string) => (digits.startsWith('+') ? digits : `+${digits}`);

function messageEvent(message: MetaMessage, to: string): InboundEvent | null {
  if (!message.id || !message.from) return null;
  const attachments: InboundAttachment[] = [];
  let body = message.text?.body ?? message.button?.text ?? message.interactive?.button_reply?.title ?? message.interactive?.list_reply?.title ?? '';
  for (const type of MEDIA_TYPES) {
    const media = message[type];
    if (!media) continue;
    attachments.push({ contentType: media.mime_type ?? type, sizeBytes: null, url: media.url ?? null, providerMediaId: media.id ?? null });
    body ||= media.caption ?? '';
  }
  return { kind: 'message', providerMessageId: message.id, channel: 'whatsapp', from: e164(message.from), to, body, attachments, optOutType: null };
}

function statusEvent(status: MetaStatus): InboundEvent | null {
  if (!status.id) return null;
  const kind = status.status === 'sent' || status.status === 'delivered' || status.status === 'read' || status.status === 'failed' ? status.status : null;
  if (!kind) return null;
  const error = status.errors?.[0];
  return {
    kind: 'status',
    providerMessageId: status.id,
    reference: status.biz_opaque_callback_data ?? null,
    status: kind,
    reason: kind === 'failed' ? metaErrorReason(error?.code ?? null, error?.message ?? error?.title ?? null) : null,
  };
}

/**
 * Every message and status of a (possibly batched) Meta webhook for this integration's number, in
 * payload order. One app's webhook serves every number of its business accounts, so a change for
 * another phone number ID is not this integration's to store (nor to take keywords from).
 */
export function parseMetaPayload(payload: MetaPayload, phoneNumberId: string): InboundEvent[] {
  const events: InboundEvent[] = [];
  for (const entry of payload.entry ?? []) {
    for (const change of entry.changes ?? []) {
      if (change.field !== 'messages' || !change.value) continue;
      if (change.value.metadata?.phone_number_id !== phoneNumberId) continue;
      const to = e164(change.value.metadata?.display_phone_number?.replace(/\D/g, '') ?? '');
      for (const message of change.value.messages ?? []) {
        const event = messageEvent(message, to);
        if (event) events.push(event);
      }
      for (const status of change.value.statuses ?? []) {
        const event = statusEvent(status);
        if (event) events.push(event);
      }
    }
  }
  return events;
}

export const whatsappCloudAdapter: ProviderAdapter = {
  provider: 'whatsapp-cloud',

  async send(message, integration, env) {
    const config = metaConfig(integration);
    const answer = await providerFetch(
      `${config.apiBase}/${config.apiVersion}/${config.phoneNumberId}/messages`,
      {
        method: 'POST',
        headers: { Authorization: `Bearer ${config.accessToken}`, 'Content-Type': 'application/json' },
        body: JSON.stringify(metaMessageBody(message)),
      },
      env,
    );
    if ('failure' in answer) return { ok: false, ...answer };
    return readSendResponse(answer.response);
  },

  async parseWebhook(request, integration) {
    const { appSecret, phoneNumberId } = metaConfig(integration);
    const raw = await request.text();
    const signature = request.headers.get(META_SIGNATURE_HEADER) ?? '';
    const expected = `sha256=${await hmacSha256Hex(appSecret, raw)}`;
    if (!signature || !timingSafeEqual(signature.toLowerCase(), expected)) {
      return { ok: false, status: 403, reason: 'The X-Hub-Signature-256 signature is missing or wrong.' };
    }
    let payload: MetaPayload;
    try {
      payload = JSON.parse(raw) as MetaPayload;
    } catch {
      return { ok: false, status: 400, reason: 'The webhook body is not JSON.' };
    }
    if (payload.object !== 'whatsapp_business_account') return { ok: false, status: 400, reason: 'Not a WhatsApp Business Account webhook.' };
    return { ok: true, events: parseMetaPayload(payload, phoneNumberId) };
  },

  verifyHandshake(query, integration) {
    const { verifyToken } = metaConfig(integration);
    const challenge = query.get('hub.challenge');
    if (query.get('hub.mode') !== 'subscribe' || !challenge) return null;
    return timingSafeEqual(query.get('hub.verify_token') ?? '', verifyToken) ? challenge : null;
  },

  async checkCredentials(integration, env) {
    const config = metaConfig(integration);
    const answer = await providerFetch(
      `${config.apiBase}/${config.apiVersion}/${config.phoneNumberId}?fields=display_phone_number`,
      { headers: { Authorization: `Bearer ${config.accessToken}` } },
      env,
    );
    if ('failure' in answer) return { ok: false, message: answer.reason };
    if (answer.response.ok) {
      const { display_phone_number } = (await answer.response.json()) as { display_phone_number?: string };
      return { ok: true, message: `WhatsApp accepted the token for ${display_phone_number ?? 'this phone number'}.` };
    }
    const body = (await answer.response.json().catch(() => ({}))) as GraphError;
    return { ok: false, message: metaErrorReason(body.error?.code ?? null, body.error?.message ?? null) };
  },
};
