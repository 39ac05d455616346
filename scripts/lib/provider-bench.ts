/**
 * The bench's provider figures, against a fake Twilio (test/fakes/twilio.ts) on loopback:
 *  - a target for the signed Twilio inbound webhook (a real candidate's reply, unique per request,
 *    signed with the `twilio` package), measured beside the floor route;
 *  - outbound throughput: sends through the API, the queue and the adapter until the fake Twilio
 *    has accepted every one of them.
 * @module
 */
import { randomUUID } from 'node:crypto';
import autocannon from 'autocannon';
import twilio from 'twilio';
import { DEMO } from '../../worker/sandbox/seed.ts';
import { startFakeTwilio } from '../../test/fakes/twilio.ts';

const hex = (n: number) => randomUUID().replaceAll('-', '').repeat(2).slice(0, n);

async function signIn(workerUrl: string, email: string): Promise<string> {
  const response = await fetch(`${workerUrl}/v1/auth/sessions`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email, password: DEMO.password }),
  });
  if (response.status !== 201) throw new Error(`bench sign-in: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { token: string }).token;
}

async function call(workerUrl: string, token: string, method: string, path: string, body: unknown): Promise<Response> {
  const response = await fetch(`${workerUrl}${path}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`bench ${method} ${path}: ${response.status} ${await response.text()}`);
  return response;
}

/** Connects the demo tenant's US SMS number to a Twilio integration pointing at a fake Twilio. */
export async function startTwilioBench(workerUrl: string, connections: number) {
  const fake = await startFakeTwilio();
  const accountSid = `AC${hex(32)}`;
  const authToken = hex(32);
  await fetch(`${fake.url}/_fake/accounts`, { method: 'POST', body: JSON.stringify({ accountSid, authToken }) });
  const admin = await signIn(workerUrl, DEMO.admin.email);
  const created = await call(workerUrl, admin, 'POST', '/v1/integrations', {
    provider: 'twilio',
    name: 'Twilio (bench)',
    settings: { accountSid, apiBaseUrl: fake.url },
    credentials: { authToken },
  });
  const { id } = (await created.json()) as { id: string };
  await call(workerUrl, admin, 'PUT', '/v1/sending-numbers', {
    integrationId: id,
    channel: 'sms',
    country: 'US',
    phoneNumber: '+14155550100',
    isDefault: true,
  });
  const path = `/webhooks/twilio/${id}`;

  return {
    target: {
      name: 'twilio',
      path,
      body: () => {
        const params = {
          MessageSid: `SM${hex(32)}`,
          AccountSid: accountSid,
          From: '+14155550101',
          To: '+14155550100',
          Body: 'Bench reply',
          NumMedia: '0',
          SmsStatus: 'received',
          ApiVersion: '2010-04-01',
        };
        const signature = twilio.getExpectedTwilioSignature(authToken, `${workerUrl}${path}`, params);
        return {
          body: new URLSearchParams(params).toString(),
          headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature },
        };
      },
    },

    /** Sends `count` messages to Ada at `connections` concurrency; messages/s until Twilio accepted them all. */
    async outboundRate(count: number): Promise<number> {
      const recruiter = await signIn(workerUrl, DEMO.recruiter.email);
      const accepted = async () => ((await (await fetch(`${fake.url}/_fake/${accountSid}/messages`)).json()) as unknown[]).length;
      const before = await accepted();
      const started = performance.now();
      const result = await autocannon({
        url: `${workerUrl}/v1/candidates/cand_demo_c1001/messages`,
        method: 'POST',
        connections,
        amount: count,
        headers: { authorization: `Bearer ${recruiter}`, 'content-type': 'application/json' },
        requests: [{ setupRequest: (request) => ({ ...request, body: JSON.stringify({ channel: 'sms', body: `Bench message ${randomUUID()}` }) }) }],
      });
      const refused = result.non2xx + result.errors + result.timeouts;
      if (refused > 0) throw new Error(`outbound: ${refused} of ${count} sends were refused`);
      const deadline = performance.now() + 120_000;
      while ((await accepted()) - before < count) {
        if (performance.now() > deadline) throw new Error(`outbound: Twilio accepted ${(await accepted()) - before} of ${count} within 120 s`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      return count / ((performance.now() - started) / 1000);
    },

    stop: () => fake.stop(),
  };
}
