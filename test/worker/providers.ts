/**
 * Worker tests' side of the fake provider servers (test/fakes/, started in Node): register an
 * account of one's own, queue faults, read what the fake received, and let it sign like Twilio.
 */
import { inject } from 'vitest';
import { authed, call, signIn } from './support.ts';

const randomHex = (length: number) => Array.from(crypto.getRandomValues(new Uint8Array(length / 2)), (b) => b.toString(16).padStart(2, '0')).join('');

/** The faults the fake servers answer with (test/fakes/http.ts; workerd cannot import that Node file's types). */
export type Fault =
  | { kind: 'status'; status: number; body: unknown; headers?: Record<string, string> }
  | { kind: 'hang'; ms: number }
  | { kind: 'stall'; ms: number }
  | { kind: 'drop' }
  | { kind: 'late-body'; ms: number };

export type RecordedRequest = {
  method: string;
  path: string;
  query: Record<string, string>;
  authorization: string | null;
  contentType: string | null;
  body: string;
};

async function control<T>(base: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${base}/_fake/${path}`, body === undefined ? {} : { method: 'POST', body: JSON.stringify(body) });
  if (!response.ok) throw new Error(`fake provider ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

export type TwilioAccount = {
  fakeUrl: string;
  accountSid: string;
  authToken: string;
  requests(): Promise<RecordedRequest[]>;
  accepted(): Promise<{ sid: string; to: string; from: string; body: string | null; statusCallback: string | null }[]>;
  faults(faults: Fault[]): Promise<void>;
  /** X-Twilio-Signature as the `twilio` package computes it. */
  sign(url: string, params: Record<string, string>): Promise<string>;
  /** The fake posts a signed (or forged) status callback to the message's StatusCallback URL. */
  callback(sid: string, status: string, options?: { errorCode?: number; forge?: boolean }): Promise<{ status: number; body: string }>;
};

export async function twilioAccount(): Promise<TwilioAccount> {
  const fakeUrl = inject('fakeTwilioUrl');
  const accountSid = `AC${randomHex(32)}`;
  const authToken = randomHex(32);
  await control(fakeUrl, 'accounts', { accountSid, authToken });
  return {
    fakeUrl,
    accountSid,
    authToken,
    requests: () => control(fakeUrl, `${accountSid}/requests`),
    accepted: () => control(fakeUrl, `${accountSid}/messages`),
    faults: async (faults) => void (await control(fakeUrl, `${accountSid}/faults`, faults)),
    sign: async (url, params) => (await control<{ signature: string }>(fakeUrl, `${accountSid}/sign`, { url, params })).signature,
    callback: async (sid, status, options = {}) => {
      // Signed by the fake (the twilio package), posted from here: the fake cannot reach workerd.
      const prepared = await control<{ url: string; headers: Record<string, string>; body: string }>(fakeUrl, `${accountSid}/callback`, {
        sid,
        status,
        ...options,
        prepareOnly: true,
      });
      const response = await call(prepared.url, { method: 'POST', headers: prepared.headers, body: prepared.body });
      return { status: response.status, body: await response.text() };
    },
  };
}

export type MetaNumber = {
  fakeUrl: string;
  phoneNumberId: string;
  accessToken: string;
  appSecret: string;
  verifyToken: string;
  requests(): Promise<RecordedRequest[]>;
  faults(faults: Fault[]): Promise<void>;
};

export async function metaNumber(): Promise<MetaNumber> {
  const fakeUrl = inject('fakeMetaUrl');
  const phoneNumberId = String(100000000000000 + Math.floor(Math.random() * 1e14));
  const accessToken = `EAA${randomHex(40)}`;
  await control(fakeUrl, 'numbers', { phoneNumberId, accessToken });
  return {
    fakeUrl,
    phoneNumberId,
    accessToken,
    appSecret: randomHex(32),
    verifyToken: randomHex(16),
    requests: () => control(fakeUrl, `${phoneNumberId}/requests`),
    faults: async (faults) => void (await control(fakeUrl, `${phoneNumberId}/faults`, faults)),
  };
}

/**
 * As the demo admin: a Twilio integration pointing at the fake, and the tenant's numbers for
 * `countries` on `channels` moved to it. @returns the integration id.
 */
export async function connectTwilio(
  account: TwilioAccount,
  numbers: { channel: 'sms' | 'whatsapp'; country: string; phoneNumber: string; messagesPerSecond?: number }[],
): Promise<string> {
  const admin = await signIn('admin@northwind.test');
  const created = await call(
    '/v1/integrations',
    authed(admin, 'POST', {
      provider: 'twilio',
      name: 'Twilio (fake)',
      settings: { accountSid: account.accountSid, apiBaseUrl: account.fakeUrl },
      credentials: { authToken: account.authToken },
    }),
  );
  if (created.status !== 201) throw new Error(`integration: ${created.status} ${await created.text()}`);
  const { id } = (await created.json()) as { id: string };
  for (const n of numbers) {
    // The fake is no carrier: its numbers are not paced at a US long code's 1 message/s unless a test says so.
    const put = await call('/v1/sending-numbers', authed(admin, 'PUT', { integrationId: id, messagesPerSecond: 1000, ...n }));
    if (put.status !== 200) throw new Error(`number: ${put.status} ${await put.text()}`);
  }
  return id;
}

export async function connectMeta(number: MetaNumber, numbers: { country: string; phoneNumber: string }[]): Promise<string> {
  const admin = await signIn('admin@northwind.test');
  const created = await call(
    '/v1/integrations',
    authed(admin, 'POST', {
      provider: 'whatsapp-cloud',
      name: 'WhatsApp (fake)',
      settings: { phoneNumberId: number.phoneNumberId, apiBaseUrl: number.fakeUrl },
      credentials: { accessToken: number.accessToken, appSecret: number.appSecret, verifyToken: number.verifyToken },
    }),
  );
  if (created.status !== 201) throw new Error(`integration: ${created.status} ${await created.text()}`);
  const { id } = (await created.json()) as { id: string };
  for (const n of numbers) {
    const put = await call('/v1/sending-numbers', authed(admin, 'PUT', { integrationId: id, channel: 'whatsapp', ...n }));
    if (put.status !== 200) throw new Error(`number: ${put.status} ${await put.text()}`);
  }
  return id;
}
