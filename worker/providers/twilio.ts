/**
 * Twilio Programmable Messaging, SMS and WhatsApp (`whatsapp:+E164` addressing, Content
 * templates by ContentSid/ContentVariables). Sources: Twilio's API spec (github.com/twilio/twilio-oai,
 * `twilio_api_v2010.json`), twilio.com/docs/usage/webhooks/webhooks-security (the signature) and
 * twilio.com/docs/messaging/guides/outbound-message-status-in-status-callbacks (statuses).
 * @module
 */
import type { Channel } from '../../shared/api/channels.ts';
import { sha256Hex, timingSafeEqual } from '../lib/crypto.ts';
import {
  type ProviderAdapter,
  type InboundAttachment,
  type InboundEvent,
  type Integration,
  type OutboundMessage,
  providerFetch,
  type SendResult,
} from './port.ts';

const TWILIO_API = 'https://api.twilio.com';
export const TWILIO_SIGNATURE_HEADER = 'X-Twilio-Signature';

type TwilioConfig = { accountSid: string; authToken: string; apiBase: string };

function twilioConfig(integration: Integration): TwilioConfig {
  const { accountSid, apiBaseUrl } = integration.config;
  const { authToken } = integration.credentials;
  if (typeof accountSid !== 'string' || !authToken) throw new Error(`integration ${integration.id} lacks its Twilio account SID or auth token`);
  return { accountSid, authToken, apiBase: typeof apiBaseUrl === 'string' ? apiBaseUrl.replace(/\/$/, '') : TWILIO_API };
}

const address = (channel: Channel, e164: string) => (channel === 'whatsapp' ? `whatsapp:${e164}` : e164);

const basicAuth = (config: TwilioConfig) => `Basic ${btoa(`${config.accountSid}:${config.authToken}`)}`;

/** The form Twilio's CreateMessage takes; a template replaces Body (Twilio ignores Body with ContentSid). */
export function twilioMessageForm(message: OutboundMessage): URLSearchParams {
  const form = new URLSearchParams({ To: address(message.channel, message.to), From: address(message.channel, message.from) });
  if (message.template) {
    form.set('ContentSid', message.template.id);
    form.set('ContentVariables', JSON.stringify(Object.fromEntries(message.template.variables.map((v, i) => [String(i + 1), v]))));
  } else {
    form.set('Body', message.body);
  }
  form.set('StatusCallback', message.statusCallbackUrl);
  return form;
}

/**
 * Twilio's error codes that a resend cannot fix, in words a recruiter can act on.
 * https://www.twilio.com/docs/api/errors
 */
const PERMANENT_ERRORS: Record<number, string> = {
  21211: 'The phone number is not valid.',
  21408: 'Your Twilio account may not send to this country.',
  21608: 'The Twilio trial account may only send to verified numbers.',
  21610: 'The candidate replied STOP to this number, so the provider blocks messages to them.',
  21612: 'The provider cannot route messages to this number.',
  21614: 'This number cannot receive SMS (it may be a landline).',
  21635: 'This number is a landline and cannot receive SMS.',
  20003: 'Twilio refused the credentials of this integration. Ask an admin to check them.',
  30003: 'The handset is unreachable (switched off or out of coverage).',
  30005: 'The number is unknown to the carrier or no longer in service.',
  30006: 'The number is a landline or its carrier cannot receive SMS.',
  30007: 'The carrier filtered the message as spam.',
  30008: 'The carrier could not deliver the message (unknown error).',
  63014: 'The candidate blocked messages from this WhatsApp sender.',
  63016: 'The WhatsApp 24-hour window has closed; only an approved template can be sent now.',
};

export function twilioErrorReason(code: number | null, message: string | null): string {
  if (code !== null && PERMANENT_ERRORS[code]) return `${PERMANENT_ERRORS[code]} (Twilio ${code})`;
  return `${message?.trim() || 'Twilio refused the message.'}${code !== null ? ` (Twilio ${code})` : ''}`;
}

async function readSendResponse(response: Response): Promise<SendResult> {
  const text = await response.text();
  let body: { sid?: unknown; code?: unknown; message?: unknown } = {};
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    // Proxies and outages answer HTML; the status code decides then.
  }
  if (response.status === 201 || response.status === 200) {
    if (typeof body.sid === 'string') return { ok: true, providerMessageId: body.sid };
    return { ok: false, failure: 'unconfirmed', reason: 'Twilio answered without a message SID.' };
  }
  const code = typeof body.code === 'number' ? body.code : null;
  if (response.status === 429 || response.status >= 500) {
    const retryAfter = Number(response.headers.get('Retry-After'));
    return {
      ok: false,
      failure: 'retryable',
      reason: response.status === 429 ? 'Twilio is rate limiting this account.' : `Twilio had a server error (${response.status}).`,
      ...(Number.isFinite(retryAfter) && retryAfter > 0 ? { retryAfterSeconds: retryAfter } : {}),
    };
  }
  const reason = twilioErrorReason(code, typeof body.message === 'string' ? body.message : null);
  return { ok: false, failure: 'permanent', reason, ...(code === 21610 ? { consequence: 'consent_revoked' as const } : {}) };
}

// ---- webhook signatures (providers.md §1.5) -------------------------------------------------

// Imported once per auth token: webhooks arrive in bursts for the same integration.
const hmacKeys = new Map<string, Promise<CryptoKey>>();

async function hmacSha1Base64(key: string, data: string): Promise<string> {
  let cryptoKey = hmacKeys.get(key);
  if (!cryptoKey) {
    cryptoKey = crypto.subtle.importKey('raw', new TextEncoder().encode(key), { name: 'HMAC', hash: 'SHA-1' }, false, ['sign']);
    if (hmacKeys.size > 1000) hmacKeys.clear();
    hmacKeys.set(key, cryptoKey);
  }
  const signature = new Uint8Array(await crypto.subtle.sign('HMAC', await cryptoKey, new TextEncoder().encode(data)));
  return btoa(String.fromCharCode(...signature));
}

/** Twilio signs the URL followed by every POST parameter, sorted by name, as name+value. */
export function twilioSignedString(url: string, params: URLSearchParams | null): string {
  if (!params) return url;
  // One sort of the pairs by name, then value (what sorting the names, then each name's values
  // gives), and a repeated pair counted once: every inbound webhook pays for this.
  const pairs = [...params].sort(([aName, aValue], [bName, bValue]) =>
    aName < bName ? -1 : aName > bName ? 1 : aValue < bValue ? -1 : aValue > bValue ? 1 : 0,
  );
  let data = url;
  let previous: [string, string] | undefined;
  for (const pair of pairs) {
    if (previous?.[0] !== pair[0] || previous[1] !== pair[1]) data += pair[0] + pair[1];
    previous = pair;
  }
  return data;
}

// The origins a webhook URL may have been signed with, worked out once per origin: every webhook
// of a deployment shares it, while the paths and queries (a status callback's ref) differ.
const variantsByOrigin = new Map<string, string[]>();

/** Twilio's backend signs some URLs with the default port and some without; accept both. */
function urlVariants(url: string): string[] {
  const pathAt = url.indexOf('/', url.indexOf('//') + 2);
  const origin = pathAt === -1 ? url : url.slice(0, pathAt);
  let origins = variantsByOrigin.get(origin);
  if (!origins) {
    origins = originVariants(origin);
    if (variantsByOrigin.size > 100) variantsByOrigin.clear();
    variantsByOrigin.set(origin, origins);
  }
  const rest = pathAt === -1 ? '' : url.slice(pathAt);
  return origins.map((variant) => variant + rest);
}

function originVariants(origin: string): string[] {
  const parsed = new URL(origin);
  // The parser drops a default port (`port` is then empty), whether or not the origin spelled it out.
  if (parsed.port) return [origin];
  const defaultPort = parsed.protocol === 'https:' ? '443' : '80';
  return [...new Set([origin, `${parsed.protocol}//${parsed.hostname}`, `${parsed.protocol}//${parsed.hostname}:${defaultPort}`])];
}

async function signatureMatches(authToken: string, signature: string, urls: string[], params: URLSearchParams | null): Promise<boolean> {
  // Each comparison is constant-time; which URL variant matched is no secret.
  for (const url of urls) {
    if (timingSafeEqual(signature, await hmacSha1Base64(authToken, twilioSignedString(url, params)))) return true;
  }
  return false;
}

function mediaOf(params: URLSearchParams): InboundAttachment[] {
  const count = Math.min(Number(params.get('NumMedia') ?? 0) || 0, 10);
  return Array.from({ length: count }, (_, i) => ({
    contentType: params.get(`MediaContentType${i}`) ?? 'application/octet-stream',
    sizeBytes: null,
    url: params.get(`MediaUrl${i}`),
    providerMediaId: null,
  }));
}

const STATUS_MAP: Record<string, 'sent' | 'delivered' | 'read' | 'failed' | undefined> = {
  sent: 'sent',
  delivered: 'delivered',
  read: 'read',
  undelivered: 'failed',
  failed: 'failed',
  canceled: 'failed',
};

const stripChannel = (value: string) => value.replace(/^whatsapp:/, '');

/** One Twilio webhook, inbound message or status callback, as Parley's events. */
export function parseTwilioParams(params: URLSearchParams, reference: string | null): InboundEvent[] | string {
  const sid = params.get('MessageSid') ?? params.get('SmsSid');
  if (!sid) return 'The webhook has no MessageSid.';
  const messageStatus = params.get('MessageStatus');
  if (messageStatus && messageStatus !== 'received') {
    const status = STATUS_MAP[messageStatus];
    // queued, sending, accepted …: steps before `sent` that Parley does not show.
    if (!status) return [];
    const code = params.get('ErrorCode') ? Number(params.get('ErrorCode')) : null;
    return [
      {
        kind: 'status',
        providerMessageId: sid,
        reference,
        status,
        reason:
          status === 'failed'
            ? messageStatus === 'canceled'
              ? 'The message was canceled at Twilio.'
              : twilioErrorReason(code, params.get('ErrorMessage'))
            : null,
        ...(code === 21610 ? { consequence: 'consent_revoked' as const } : {}),
      },
    ];
  }
  const from = params.get('From') ?? '';
  const to = params.get('To') ?? '';
  if (!from || !to) return 'The webhook has no From or To.';
  const optOut = params.get('OptOutType')?.toUpperCase();
  return [
    {
      kind: 'message',
      providerMessageId: sid,
      channel: from.startsWith('whatsapp:') ? 'whatsapp' : 'sms',
      from: stripChannel(from),
      to: stripChannel(to),
      body: params.get('Body') ?? '',
      attachments: mediaOf(params),
      optOutType: optOut === 'STOP' || optOut === 'START' || optOut === 'HELP' ? optOut : null,
    },
  ];
}

export const twilioAdapter: ProviderAdapter = {
  provider: 'twilio',

  async send(message, integration, env) {
    const config = twilioConfig(integration);
    const answer = await providerFetch(
      `${config.apiBase}/2010-04-01/Accounts/${config.accountSid}/Messages.json`,
      {
        method: 'POST',
        headers: { Authorization: basicAuth(config), 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
        body: twilioMessageForm(message),
      },
      env,
    );
    if ('failure' in answer) return { ok: false, ...answer };
    return readSendResponse(answer.response);
  },

  async findAccepted(message, integration, since, env) {
    const config = twilioConfig(integration);
    const query = new URLSearchParams({
      To: address(message.channel, message.to),
      From: address(message.channel, message.from),
      'DateSent>': since.slice(0, 10),
      PageSize: '50',
    });
    const answer = await providerFetch(
      `${config.apiBase}/2010-04-01/Accounts/${config.accountSid}/Messages.json?${query}`,
      { headers: { Authorization: basicAuth(config), Accept: 'application/json' } },
      env,
    );
    if ('failure' in answer || !answer.response.ok) throw new Error('Twilio could not be asked whether it accepted the message');
    const { messages } = (await answer.response.json()) as { messages?: { sid: string; body: string | null; date_created: string }[] };
    // Twilio's date filter is by day; the exact start of the attempt narrows it down (minus clock skew).
    const earliest = Date.parse(since) - 60_000;
    const accepted = (messages ?? []).find((m) => Date.parse(m.date_created) >= earliest && (message.template !== null || m.body === message.body));
    return accepted?.sid ?? null;
  },

  async parseWebhook(request, integration, publicUrl) {
    const { authToken } = twilioConfig(integration);
    const signature = request.headers.get(TWILIO_SIGNATURE_HEADER) ?? '';
    // Decoded by hand: `request.text()` on a form body makes workerd log a "does not appear to be
    // text" warning with a stack trace on every webhook, which cost about a tenth of the throughput.
    const raw = new TextDecoder().decode(await request.arrayBuffer());
    const queryAt = publicUrl.indexOf('?');
    const query = new URLSearchParams(queryAt === -1 ? '' : publicUrl.slice(queryAt + 1));
    const bodyHash = query.get('bodySHA256');
    // JSON-bodied webhooks sign the URL alone (which carries the body's hash); form bodies sign their params.
    const params = bodyHash === null ? new URLSearchParams(raw) : null;
    const signed = signature !== '' && (await signatureMatches(authToken, signature, urlVariants(publicUrl), params));
    const bodyIntact = bodyHash === null || timingSafeEqual(bodyHash, await sha256Hex(raw));
    if (!signed || !bodyIntact) return { ok: false, status: 403, reason: 'The Twilio signature is missing or wrong.' };
    let fields = params;
    if (!fields) {
      try {
        fields = new URLSearchParams(Object.entries(JSON.parse(raw) as Record<string, unknown>).map(([k, v]) => [k, String(v)]));
      } catch {
        return { ok: false, status: 400, reason: 'The webhook body is not JSON.' };
      }
    }
    const events = parseTwilioParams(fields, query.get('ref'));
    return typeof events === 'string' ? { ok: false, status: 400, reason: events } : { ok: true, events };
  },

  async checkCredentials(integration, env) {
    const config = twilioConfig(integration);
    const answer = await providerFetch(
      `${config.apiBase}/2010-04-01/Accounts/${config.accountSid}.json`,
      { headers: { Authorization: basicAuth(config), Accept: 'application/json' } },
      env,
    );
    if ('failure' in answer) return { ok: false, message: answer.reason };
    if (answer.response.ok) return { ok: true, message: 'Twilio accepted the account SID and auth token.' };
    if (answer.response.status === 401) return { ok: false, message: 'Twilio refused the account SID or auth token.' };
    return { ok: false, message: `Twilio answered ${answer.response.status}.` };
  },
};
