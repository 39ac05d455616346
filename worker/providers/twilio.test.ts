import { beforeAll, describe, expect, it } from 'vitest';
import { env, clock } from '../../test/worker/support.ts';
import { type TwilioAccount, twilioAccount } from '../../test/worker/providers.ts';
import type { Integration, OutboundMessage } from './port.ts';
import { twilioAdapter, twilioSignedString } from './twilio.ts';

let account: TwilioAccount;
let integration: Integration;

beforeAll(async () => {
  account = await twilioAccount();
  integration = {
    id: 'int_twilio_test',
    tenantId: 'ten_test',
    provider: 'twilio',
    config: { accountSid: account.accountSid, apiBaseUrl: account.fakeUrl },
    credentials: { authToken: account.authToken },
  };
});

const sms: OutboundMessage = {
  channel: 'sms',
  from: '+14155550100',
  to: '+14155550101',
  body: 'Hi Ada — are you free on Tuesday? 😀',
  template: null,
  reference: 'msg_1',
  statusCallbackUrl: 'https://parley.example/webhooks/twilio/int_twilio_test?ref=msg_1',
};

const lastRequest = async () => (await account.requests()).at(-1)!;

describe('sending through Twilio', () => {
  it('posts the exact CreateMessage form with Basic auth and answers the message SID', async () => {
    const result = await twilioAdapter.send(sms, integration, env);
    const accepted = (await account.accepted()).at(-1)!;
    expect(result).toEqual({ ok: true, providerMessageId: accepted.sid });
    const request = await lastRequest();
    expect(request.method).toBe('POST');
    expect(request.path).toBe(`/2010-04-01/Accounts/${account.accountSid}/Messages.json`);
    expect(request.authorization).toBe(`Basic ${btoa(`${account.accountSid}:${account.authToken}`)}`);
    expect(request.contentType).toBe('application/x-www-form-urlencoded');
    expect([...new URLSearchParams(request.body)]).toEqual([
      ['To', '+14155550101'],
      ['From', '+14155550100'],
      ['Body', 'Hi Ada — are you free on Tuesday? 😀'],
      ['StatusCallback', 'https://parley.example/webhooks/twilio/int_twilio_test?ref=msg_1'],
    ]);
  });

  it('addresses WhatsApp as whatsapp:+E164 and sends a Content template without Body', async () => {
    const template = { id: 'HX0123456789abcdef0123456789abcdef', language: 'en', variables: ['Ada', 'Tue 3pm'] };
    await twilioAdapter.send({ ...sms, channel: 'whatsapp', template }, integration, env);
    expect([...new URLSearchParams((await lastRequest()).body)]).toEqual([
      ['To', 'whatsapp:+14155550101'],
      ['From', 'whatsapp:+14155550100'],
      ['ContentSid', 'HX0123456789abcdef0123456789abcdef'],
      ['ContentVariables', '{"1":"Ada","2":"Tue 3pm"}'],
      ['StatusCallback', sms.statusCallbackUrl],
    ]);
  });

  it.each([
    [400, 21211, 'permanent', /phone number is not valid/],
    [400, 21610, 'permanent', /replied STOP/],
    [400, 63016, 'permanent', /24-hour window/],
    [429, 20429, 'retryable', /rate limiting/],
    [500, 20500, 'retryable', /server error \(500\)/],
    [503, 20503, 'retryable', /server error \(503\)/],
  ])('maps HTTP %i with Twilio error %i to %s with a readable reason', async (status, code, failure, reason) => {
    await account.faults([{ kind: 'status', status, body: { code, message: 'raw provider text', status } }]);
    const result = await twilioAdapter.send(sms, integration, env);
    expect(result).toMatchObject({ ok: false, failure, reason: expect.stringMatching(reason) });
    if (code === 21610) expect(result).toMatchObject({ consequence: 'consent_revoked' });
  });

  it("honours 429's Retry-After", async () => {
    await account.faults([{ kind: 'status', status: 429, body: { code: 20429 }, headers: { 'Retry-After': '7' } }]);
    expect(await twilioAdapter.send(sms, integration, env)).toMatchObject({ failure: 'retryable', retryAfterSeconds: 7 });
  });

  it('calls an answer that does not come in time unconfirmed, and then finds the accepted message', async () => {
    const since = clock.now().toISOString();
    const body = `slow ${crypto.randomUUID()}`;
    await account.faults([{ kind: 'hang', ms: 6_000 }]);
    expect(await twilioAdapter.send({ ...sms, body }, integration, env)).toMatchObject({ ok: false, failure: 'unconfirmed' });
    const sid = await twilioAdapter.findAccepted!({ ...sms, body }, integration, since, env);
    expect(sid).toBe((await account.accepted()).find((m) => m.body === body)?.sid);
    expect(await twilioAdapter.findAccepted!({ ...sms, body: 'never sent' }, integration, since, env)).toBeNull();
  });

  it('calls an answer whose body does not come in time unconfirmed (never a throw that would resend blind)', async () => {
    const since = clock.now().toISOString();
    const body = `late body ${crypto.randomUUID()}`;
    await account.faults([{ kind: 'late-body', ms: 6_000 }]);
    expect(await twilioAdapter.send({ ...sms, body }, integration, env)).toMatchObject({ ok: false, failure: 'unconfirmed' });
    expect(await twilioAdapter.findAccepted!({ ...sms, body }, integration, since, env)).toBe((await account.accepted()).find((m) => m.body === body)?.sid);
  });

  it('checks credentials against the account resource', async () => {
    expect(await twilioAdapter.checkCredentials(integration, env)).toMatchObject({ ok: true });
    expect(await twilioAdapter.checkCredentials({ ...integration, credentials: { authToken: 'wrong-token-wrong' } }, env)).toMatchObject({
      ok: false,
      message: expect.stringMatching(/refused/),
    });
  });
});

describe("Twilio's webhook signature", () => {
  const url = 'https://parley.example/webhooks/twilio/int_twilio_test';
  const inbound = {
    MessageSid: 'SM11111111111111111111111111111111',
    AccountSid: 'AC1',
    From: '+14155550101',
    To: '+14155550100',
    Body: 'Yes!',
    NumMedia: '0',
    SmsStatus: 'received',
  };
  const post = (headers: Record<string, string>, body: string) => new Request(url, { method: 'POST', headers, body });

  it('signs the URL and the parameters sorted by name, then value, a repeated pair once', () => {
    const params = new URLSearchParams('To=%2B2&Body=hi&MediaUrl=b&From=%2B1&MediaUrl=a&MediaUrl=b');
    expect(twilioSignedString(url, params)).toBe(`${url}BodyhiFrom+1MediaUrlaMediaUrlbTo+2`);
    expect(twilioSignedString(`${url}?bodySHA256=abc`, null)).toBe(`${url}?bodySHA256=abc`);
  });

  it('accepts a signature the twilio package computed, and parses the inbound message', async () => {
    const signature = await account.sign(url, inbound);
    const verdict = await twilioAdapter.parseWebhook(post({ 'X-Twilio-Signature': signature }, new URLSearchParams(inbound).toString()), integration, url);
    expect(verdict).toEqual({
      ok: true,
      events: [
        {
          kind: 'message',
          providerMessageId: inbound.MessageSid,
          channel: 'sms',
          from: '+14155550101',
          to: '+14155550100',
          body: 'Yes!',
          attachments: [],
          optOutType: null,
        },
      ],
    });
  });

  it("matches the twilio package's known vector", async () => {
    // providers.md §1.5: token 12345 → RSOYDt4T1cUTdK1PDd93/VVr8B8=
    const vectorUrl = 'https://mycompany.com/myapp.php?foo=1&bar=2';
    const params = { CallSid: 'CA1234567890ABCDE', Caller: '+14158675309', Digits: '1234', From: '+14158675309', To: '+18005551212' };
    const verdict = await twilioAdapter.parseWebhook(
      new Request(vectorUrl, {
        method: 'POST',
        headers: { 'X-Twilio-Signature': 'RSOYDt4T1cUTdK1PDd93/VVr8B8=' },
        body: new URLSearchParams(params).toString(),
      }),
      { ...integration, credentials: { authToken: '12345' } },
      vectorUrl,
    );
    // Signed correctly; not a messaging webhook, so it is refused as malformed, not as forged.
    expect(verdict).toMatchObject({ ok: false, status: 400 });
  });

  it('accepts a signature over the URL with or without the default port, whichever Parley was given', async () => {
    const form = new URLSearchParams(inbound).toString();
    const withPort = 'https://parley.example:443/webhooks/twilio/int_twilio_test';
    expect((await twilioAdapter.parseWebhook(post({ 'X-Twilio-Signature': await account.sign(withPort, inbound) }, form), integration, url)).ok).toBe(true);
    expect((await twilioAdapter.parseWebhook(post({ 'X-Twilio-Signature': await account.sign(url, inbound) }, form), integration, withPort)).ok).toBe(true);
    // A status callback's query is part of what is signed, after either origin.
    const callback = `${url}?ref=msg_1`;
    const status = { MessageSid: inbound.MessageSid, MessageStatus: 'delivered' };
    const signed = await account.sign('https://parley.example:443/webhooks/twilio/int_twilio_test?ref=msg_1', status);
    expect(
      await twilioAdapter.parseWebhook(post({ 'X-Twilio-Signature': signed }, new URLSearchParams(status).toString()), integration, callback),
    ).toMatchObject({
      ok: true,
      events: [{ kind: 'status', status: 'delivered', reference: 'msg_1' }],
    });
    // Another port is another URL.
    const otherPort = await account.sign('https://parley.example:8443/webhooks/twilio/int_twilio_test', inbound);
    expect(await twilioAdapter.parseWebhook(post({ 'X-Twilio-Signature': otherPort }, form), integration, url)).toMatchObject({ ok: false, status: 403 });
  });

  it('refuses a missing signature, a wrong one, and a tampered body with 403', async () => {
    const body = new URLSearchParams(inbound).toString();
    const signature = await account.sign(url, inbound);
    for (const [headers, raw] of [
      [{}, body],
      [{ 'X-Twilio-Signature': signature.replace(/^./, (c) => (c === 'A' ? 'B' : 'A')) }, body],
      [{ 'X-Twilio-Signature': signature }, body.replace('Yes', 'No')],
    ] as const) {
      expect(await twilioAdapter.parseWebhook(post(headers, raw), integration, url)).toMatchObject({ ok: false, status: 403 });
    }
  });

  it('checks the bodySHA256 variant: signature over the URL, hash over the raw body', async () => {
    const raw = JSON.stringify({ MessageSid: 'SM22222222222222222222222222222222', MessageStatus: 'delivered' });
    const hash = Array.from(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(raw))), (b) => b.toString(16).padStart(2, '0')).join(
      '',
    );
    const signedUrl = `${url}?bodySHA256=${hash}`;
    const signature = await account.sign(signedUrl, {});
    const ok = await twilioAdapter.parseWebhook(
      new Request(signedUrl, { method: 'POST', headers: { 'X-Twilio-Signature': signature }, body: raw }),
      integration,
      signedUrl,
    );
    expect(ok).toMatchObject({ ok: true, events: [{ kind: 'status', status: 'delivered' }] });
    const tampered = await twilioAdapter.parseWebhook(
      new Request(signedUrl, { method: 'POST', headers: { 'X-Twilio-Signature': signature }, body: raw.replace('delivered', 'read') }),
      integration,
      signedUrl,
    );
    expect(tampered).toMatchObject({ ok: false, status: 403 });
  });

  it('parses status callbacks, media and the opt-out flag', async () => {
    const status = { MessageSid: 'SM3', MessageStatus: 'undelivered', ErrorCode: '30006', SmsStatus: 'undelivered' };
    const statusVerdict = await twilioAdapter.parseWebhook(
      post({ 'X-Twilio-Signature': await account.sign(`${url}?ref=msg_9`, status) }, new URLSearchParams(status).toString()),
      integration,
      `${url}?ref=msg_9`,
    );
    expect(statusVerdict).toEqual({
      ok: true,
      events: [{ kind: 'status', providerMessageId: 'SM3', reference: 'msg_9', status: 'failed', reason: expect.stringMatching(/landline.*\(Twilio 30006\)/) }],
    });
    const media = {
      ...inbound,
      From: 'whatsapp:+14155550101',
      To: 'whatsapp:+14155550100',
      NumMedia: '1',
      MediaUrl0: 'https://api.twilio.com/2010-04-01/Accounts/AC1/Messages/MM1/Media/ME1',
      MediaContentType0: 'image/jpeg',
      OptOutType: 'STOP',
    };
    const mediaVerdict = await twilioAdapter.parseWebhook(
      post({ 'X-Twilio-Signature': await account.sign(url, media) }, new URLSearchParams(media).toString()),
      integration,
      url,
    );
    expect(mediaVerdict).toMatchObject({
      ok: true,
      events: [
        { channel: 'whatsapp', from: '+14155550101', optOutType: 'STOP', attachments: [{ contentType: 'image/jpeg', url: media.MediaUrl0, sizeBytes: null }] },
      ],
    });
  });
});
