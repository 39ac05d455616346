import { createHmac } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { env } from '../../test/worker/support.ts';
import { type MetaNumber, metaNumber } from '../../test/worker/providers.ts';
import type { Integration, OutboundMessage } from './port.ts';
import { whatsappCloudAdapter } from './whatsapp-cloud.ts';

let number: MetaNumber;
let integration: Integration;

beforeAll(async () => {
  number = await metaNumber();
  integration = {
    id: 'int_meta_test',
    tenantId: 'ten_test',
    provider: 'whatsapp-cloud',
    config: { phoneNumberId: number.phoneNumberId, apiVersion: 'v26.0', apiBaseUrl: number.fakeUrl },
    credentials: { accessToken: number.accessToken, appSecret: number.appSecret, verifyToken: number.verifyToken },
  };
});

const text: OutboundMessage = {
  channel: 'whatsapp',
  from: '+14155550100',
  to: '+447400123456',
  body: 'Hi Jane, thanks for applying!',
  template: null,
  reference: 'msg_7',
  statusCallbackUrl: 'https://parley.example/webhooks/whatsapp/int_meta_test?ref=msg_7',
};

const lastRequest = async () => (await number.requests()).at(-1)!;

describe('sending through the WhatsApp Cloud API', () => {
  it('posts the exact text message JSON with the bearer token and answers the wamid', async () => {
    const result = await whatsappCloudAdapter.send(text, integration, env);
    expect(result).toMatchObject({ ok: true, providerMessageId: expect.stringMatching(/^wamid\./) });
    const request = await lastRequest();
    expect(request.method).toBe('POST');
    expect(request.path).toBe(`/v26.0/${number.phoneNumberId}/messages`);
    expect(request.authorization).toBe(`Bearer ${number.accessToken}`);
    expect(request.contentType).toBe('application/json');
    expect(JSON.parse(request.body)).toEqual({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: '+447400123456',
      biz_opaque_callback_data: 'msg_7',
      type: 'text',
      text: { preview_url: false, body: 'Hi Jane, thanks for applying!' },
    });
  });

  it('sends a template by name and language with its body variables', async () => {
    await whatsappCloudAdapter.send({ ...text, template: { id: 'interview_invite', language: 'en_GB', variables: ['Jane', 'Tue 3pm'] } }, integration, env);
    expect(JSON.parse((await lastRequest()).body)).toEqual({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: '+447400123456',
      biz_opaque_callback_data: 'msg_7',
      type: 'template',
      template: {
        name: 'interview_invite',
        language: { code: 'en_GB' },
        components: [
          {
            type: 'body',
            parameters: [
              { type: 'text', text: 'Jane' },
              { type: 'text', text: 'Tue 3pm' },
            ],
          },
        ],
      },
    });
  });

  it.each([
    [400, 131047, 'permanent', /24-hour window/],
    [400, 131026, 'permanent', /could not deliver/],
    [401, 190, 'permanent', /access token/],
    [400, 130429, 'retryable', /Meta 130429/],
    [429, 4, 'retryable', /Meta 4/],
    [500, 1, 'retryable', /WhatsApp had a server error|Meta 1/],
  ])('maps HTTP %i with Meta error %i to %s', async (status, code, failure, reason) => {
    await number.faults([{ kind: 'status', status, body: { error: { code, message: 'raw', type: 'OAuthException' } } }]);
    expect(await whatsappCloudAdapter.send(text, integration, env)).toMatchObject({ ok: false, failure, reason: expect.stringMatching(reason) });
  });

  it('cannot be asked about an unanswered send, so it offers no lookup', () => {
    expect(whatsappCloudAdapter.findAccepted).toBeUndefined();
  });

  it('checks credentials with the phone number resource', async () => {
    expect(await whatsappCloudAdapter.checkCredentials(integration, env)).toMatchObject({ ok: true });
    expect(
      await whatsappCloudAdapter.checkCredentials({ ...integration, credentials: { ...integration.credentials, accessToken: 'EAAwrong' } }, env),
    ).toMatchObject({ ok: false, message: expect.stringMatching(/Meta 190/) });
  });
});

describe("Meta's webhooks", () => {
  const url = 'https://parley.example/webhooks/whatsapp/int_meta_test';
  // An independent HMAC (node:crypto), as Meta's own SDK computes it.
  const sign = (raw: string, secret = number.appSecret) => `sha256=${createHmac('sha256', secret).update(raw, 'utf-8').digest('hex')}`;
  const post = (raw: string, signature?: string) =>
    new Request(url, { method: 'POST', headers: signature ? { 'X-Hub-Signature-256': signature } : {}, body: raw });

  // Two messages (one an image) and two statuses in one POST, as Meta batches them.
  const batched = JSON.stringify({
    object: 'whatsapp_business_account',
    entry: [
      {
        id: 'WABA',
        changes: [
          {
            field: 'messages',
            value: {
              messaging_product: 'whatsapp',
              metadata: { display_phone_number: '14155550100', phone_number_id: '123' },
              contacts: [{ profile: { name: 'Jane' }, wa_id: '447400123456' }],
              messages: [
                { from: '447400123456', id: 'wamid.in1', timestamp: '1764000000', type: 'text', text: { body: 'Héllo — ok 👍' } },
                {
                  from: '447400123456',
                  id: 'wamid.in2',
                  timestamp: '1764000001',
                  type: 'image',
                  image: { id: 'media1', mime_type: 'image/jpeg', sha256: 'x', caption: 'my CV' },
                },
              ],
              statuses: [
                { id: 'wamid.out1', status: 'read', timestamp: '1764000002', recipient_id: '447400123456', biz_opaque_callback_data: 'msg_1' },
                {
                  id: 'wamid.out2',
                  status: 'failed',
                  timestamp: '1764000003',
                  recipient_id: '447400123456',
                  errors: [{ code: 131047, title: 'Re-engagement message' }],
                },
              ],
            },
          },
        ],
      },
    ],
  });

  /** The integration of the payload's phone number ID: Meta's changes for other numbers are not its own. */
  const forPayload = () => ({ ...integration, config: { ...integration.config, phoneNumberId: '123' } });

  it('verifies X-Hub-Signature-256 over the raw bytes and parses every event of a batch', async () => {
    const verdict = await whatsappCloudAdapter.parseWebhook(post(batched, sign(batched)), forPayload(), url);
    expect(verdict).toEqual({
      ok: true,
      events: [
        {
          kind: 'message',
          providerMessageId: 'wamid.in1',
          channel: 'whatsapp',
          from: '+447400123456',
          to: '+14155550100',
          body: 'Héllo — ok 👍',
          attachments: [],
          optOutType: null,
        },
        {
          kind: 'message',
          providerMessageId: 'wamid.in2',
          channel: 'whatsapp',
          from: '+447400123456',
          to: '+14155550100',
          body: 'my CV',
          attachments: [{ contentType: 'image/jpeg', sizeBytes: null, url: null, providerMediaId: 'media1' }],
          optOutType: null,
        },
        { kind: 'status', providerMessageId: 'wamid.out1', reference: 'msg_1', status: 'read', reason: null },
        {
          kind: 'status',
          providerMessageId: 'wamid.out2',
          reference: null,
          status: 'failed',
          reason: expect.stringMatching(/24-hour window.*\(Meta 131047\)/),
        },
      ],
    });
  });

  it('refuses a missing signature, another secret, and a re-serialised body with 403', async () => {
    const reserialised = JSON.stringify(JSON.parse(batched), null, 1);
    for (const request of [post(batched), post(batched, sign(batched, 'another-app-secret')), post(reserialised, sign(batched))]) {
      expect(await whatsappCloudAdapter.parseWebhook(request, forPayload(), url)).toMatchObject({ ok: false, status: 403 });
    }
  });

  it("ignores the changes for another phone number ID than the integration's", async () => {
    expect(await whatsappCloudAdapter.parseWebhook(post(batched, sign(batched)), integration, url)).toEqual({ ok: true, events: [] });
  });

  it('answers the verify handshake only with the right token', () => {
    const query = (token: string, mode = 'subscribe') => new URLSearchParams({ 'hub.mode': mode, 'hub.verify_token': token, 'hub.challenge': '1158201444' });
    expect(whatsappCloudAdapter.verifyHandshake!(query(number.verifyToken), integration)).toBe('1158201444');
    expect(whatsappCloudAdapter.verifyHandshake!(query('wrong'), integration)).toBeNull();
    expect(whatsappCloudAdapter.verifyHandshake!(query(number.verifyToken, 'unsubscribe'), integration)).toBeNull();
  });
});
