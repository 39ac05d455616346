import { createHmac } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { authed, call, count, env, seedDemo, signIn } from '../../test/worker/support.ts';
import { connectMeta, connectTwilio, type MetaNumber, metaNumber, type TwilioAccount, twilioAccount } from '../../test/worker/providers.ts';

const ADA_PHONE = '+14155550101'; // cand_demo_c1001
let token: string;
let twilio: TwilioAccount;
let twilioId: string;
let meta: MetaNumber;
let metaId: string;

beforeAll(async () => {
  await seedDemo();
  token = await signIn();
  twilio = await twilioAccount();
  twilioId = await connectTwilio(twilio, []);
  meta = await metaNumber();
  metaId = await connectMeta(meta, []);
});

let sidCounter = 0;
const nextSid = () => `SM${String(++sidCounter).padStart(32, '0')}`;

async function twilioInbound(params: Record<string, string>, options: { forge?: boolean } = {}) {
  const url = `http://parley.test/webhooks/twilio/${twilioId}`;
  const signature = await twilio.sign(url, params);
  return call(url, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/x-www-form-urlencoded',
      'X-Twilio-Signature': options.forge ? signature.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')) : signature,
    },
    body: new URLSearchParams(params).toString(),
  });
}

const smsFrom = (from: string, body: string, extra: Record<string, string> = {}) => ({
  MessageSid: nextSid(),
  AccountSid: twilio.accountSid,
  From: from,
  To: '+14155550100',
  Body: body,
  NumMedia: '0',
  SmsStatus: 'received',
  ApiVersion: '2010-04-01',
  ...extra,
});

describe('Twilio inbound webhook', () => {
  it("stores a candidate's reply once and answers empty TwiML as text/xml", async () => {
    const params = smsFrom(ADA_PHONE, 'Tuesday works');
    const first = await twilioInbound(params);
    expect(first.status).toBe(200);
    expect(first.headers.get('Content-Type')).toMatch(/^text\/xml/);
    expect(await first.text()).toBe('<?xml version="1.0" encoding="UTF-8"?><Response></Response>');
    expect((await twilioInbound(params)).status).toBe(200);
    expect(await count('messages', 'provider_message_id = ? AND direction = ?', params.MessageSid, 'inbound')).toBe(1);
    const thread = (await (await call('/v1/candidates/cand_demo_c1001/messages?channel=sms', authed(token))).json()) as { messages: { body: string }[] };
    expect(thread.messages.at(-1)).toMatchObject({ body: 'Tuesday works' });
  });

  it('stores exactly one message when the same signed webhook arrives 50 times at once', async () => {
    const params = smsFrom(ADA_PHONE, 'Storm');
    const responses = await Promise.all(Array.from({ length: 50 }, () => twilioInbound(params)));
    expect(responses.map((r) => r.status)).toEqual(Array(50).fill(200));
    expect(await count('messages', 'provider_message_id = ?', params.MessageSid)).toBe(1);
  });

  it('keeps a message from an unknown number as "unknown sender", once', async () => {
    const params = smsFrom('+14155550999', 'Who is this?');
    await twilioInbound(params);
    await twilioInbound(params);
    expect(await count('unknown_inbound', 'provider_message_id = ? AND from_number = ? AND body = ?', params.MessageSid, '+14155550999', 'Who is this?')).toBe(
      1,
    );
    expect(await count('messages', 'provider_message_id = ?', params.MessageSid)).toBe(0);
  });

  it('records media as attachments, refusing a URL on a private network, and fetches nothing', async () => {
    const publicUrl = 'https://api.twilio.com/2010-04-01/Accounts/AC1/Messages/MM1/Media/ME1';
    const params = smsFrom(ADA_PHONE, '', {
      NumMedia: '2',
      MediaUrl0: publicUrl,
      MediaContentType0: 'image/jpeg',
      MediaUrl1: 'http://169.254.169.254/latest/meta-data',
      MediaContentType1: 'application/pdf',
    });
    expect((await twilioInbound(params)).status).toBe(200);
    const { results } = await env.DB.prepare(
      `SELECT a.content_type, a.provider_url, a.refused_reason FROM attachments a JOIN messages m ON m.id = a.message_id WHERE m.provider_message_id = ? ORDER BY a.content_type`,
    )
      .bind(params.MessageSid)
      .all();
    expect(results).toEqual([
      { content_type: 'application/pdf', provider_url: null, refused_reason: 'not an https URL' },
      { content_type: 'image/jpeg', provider_url: publicUrl, refused_reason: null },
    ]);
    // A replay records no second set.
    await twilioInbound(params);
    expect(await count('attachments')).toBe(2);
  });

  it('refuses a forged or unsigned webhook with 403 and stores nothing', async () => {
    const [messages, unknown] = [await count('messages'), await count('unknown_inbound')];
    const forged = await twilioInbound(smsFrom(ADA_PHONE, 'forged'), { forge: true });
    expect(forged.status).toBe(403);
    expect(await forged.json()).toMatchObject({ error: { code: 'invalid_signature' } });
    const unsigned = await call(`/webhooks/twilio/${twilioId}`, {
      method: 'POST',
      body: new URLSearchParams(smsFrom(ADA_PHONE, 'x')).toString(),
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    expect(unsigned.status).toBe(403);
    expect([await count('messages'), await count('unknown_inbound')]).toEqual([messages, unknown]);
  });

  it('answers 404 for an unknown integration and for one of another provider', async () => {
    expect((await call('/webhooks/twilio/int_missing', { method: 'POST', body: '' })).status).toBe(404);
    expect((await call(`/webhooks/twilio/${metaId}`, { method: 'POST', body: '' })).status).toBe(404);
  });
});

describe('WhatsApp Cloud webhook', () => {
  const sign = (raw: string) => `sha256=${createHmac('sha256', meta.appSecret).update(raw).digest('hex')}`;
  const post = (raw: string, signature = sign(raw)) =>
    call(`/webhooks/whatsapp/${metaId}`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Hub-Signature-256': signature }, body: raw });
  const payload = (messages: unknown[], statuses: unknown[] = [], phoneNumberId = meta.phoneNumberId) =>
    JSON.stringify({
      object: 'whatsapp_business_account',
      entry: [
        {
          id: 'WABA',
          changes: [
            {
              field: 'messages',
              value: {
                messaging_product: 'whatsapp',
                metadata: { display_phone_number: '14155550100', phone_number_id: phoneNumberId },
                messages,
                statuses,
              },
            },
          ],
        },
      ],
    });

  it('handles a batched payload whole, once', async () => {
    const raw = payload([
      { from: '14155550101', id: 'wamid.batch1', timestamp: '1764000000', type: 'text', text: { body: 'First' } },
      { from: '14155550101', id: 'wamid.batch2', timestamp: '1764000001', type: 'text', text: { body: 'Second' } },
      { from: '447400123456', id: 'wamid.batch3', timestamp: '1764000002', type: 'text', text: { body: 'Stranger' } },
    ]);
    const first = await post(raw);
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ outcomes: ['stored', 'stored', 'unknown_sender'] });
    expect(await (await post(raw)).json()).toEqual({ outcomes: ['duplicate', 'duplicate', 'duplicate'] });
  });

  it("ignores a signed change for another phone number ID than the integration's: 200 to Meta, nothing stored", async () => {
    const before = await count('messages');
    const raw = payload([{ from: '14155550101', id: 'wamid.elsewhere', timestamp: '1764000003', type: 'text', text: { body: 'STOP' } }], [], '999999999999999');
    const answer = await post(raw);
    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual({ outcomes: [] });
    expect(await count('messages')).toBe(before);
  });

  it('refuses a wrong signature with 403 and stores nothing', async () => {
    const before = await count('messages');
    const raw = payload([{ from: '14155550101', id: 'wamid.forged', timestamp: '1', type: 'text', text: { body: 'x' } }]);
    expect((await post(raw, `sha256=${'0'.repeat(64)}`)).status).toBe(403);
    expect(await count('messages')).toBe(before);
  });

  it("answers Meta's handshake with the challenge only for the right verify token", async () => {
    const handshake = (token: string) => call(`/webhooks/whatsapp/${metaId}?hub.mode=subscribe&hub.verify_token=${token}&hub.challenge=4242`);
    const ok = await handshake(meta.verifyToken);
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe('4242');
    expect((await handshake('wrong')).status).toBe(403);
  });
});
