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
    // The pipeline's own speed is measured here, not a US long code's 1 message/s (pacedBurst sets a rate).
    messagesPerSecond: 1000,
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
      if (refused > 0) {
        const detail = JSON.stringify({ statusCodes: result.statusCodeStats, errors: result.errors, timeouts: result.timeouts });
        throw new Error(`outbound: ${refused} of ${count} sends were refused ${detail}`);
      }
      const deadline = performance.now() + 120_000;
      while ((await accepted()) - before < count) {
        if (performance.now() > deadline) throw new Error(`outbound: Twilio accepted ${(await accepted()) - before} of ${count} within 120 s`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      return count / ((performance.now() - started) / 1000);
    },

    /**
     * Milliseconds from a recruiter's Send (the POST) until the message reads `sent` — the panel's
     * bubble — for `count` sends one after another (no queue backlog), polled every 10 ms.
     */
    async sendToSent(count: number): Promise<number[]> {
      const recruiter = await signIn(workerUrl, DEMO.recruiter.email);
      const samples: number[] = [];
      for (let i = 0; i < count; i++) {
        const started = performance.now();
        const sent = await call(workerUrl, recruiter, 'POST', '/v1/candidates/cand_demo_c1001/messages', { channel: 'sms', body: `Latency ${randomUUID()}` });
        const { id, seq } = (await sent.json()) as { id: string; seq: number };
        const deadline = started + 30_000;
        for (;;) {
          const thread = await fetch(`${workerUrl}/v1/candidates/cand_demo_c1001/messages?channel=sms&after=${seq - 1}`, {
            headers: { authorization: `Bearer ${recruiter}` },
          });
          const { messages } = (await thread.json()) as { messages: { id: string; status: string }[] };
          if (messages.find((m) => m.id === id)?.status === 'sent') break;
          if (performance.now() > deadline) throw new Error(`outbound: message ${id} was not sent within 30 s`);
          await new Promise((resolve) => setTimeout(resolve, 10));
        }
        samples.push(performance.now() - started);
      }
      return samples;
    },

    /**
     * `count` sends at once from a number set to `rate` messages/s: every one must be stored (paced,
     * not refused) and accepted once by the fake. @returns the busiest second at the fake (its
     * arrival times, any 1-s window) and how long the fake took to accept them all.
     */
    async pacedBurst(count: number, rate: number): Promise<{ busiestSecond: number; seconds: number }> {
      await call(workerUrl, admin, 'PUT', '/v1/sending-numbers', {
        integrationId: id,
        channel: 'sms',
        country: 'US',
        phoneNumber: '+14155550100',
        messagesPerSecond: rate,
      });
      const recruiter = await signIn(workerUrl, DEMO.recruiter.email);
      const messages = async () => (await (await fetch(`${fake.url}/_fake/${accountSid}/messages`)).json()) as { body: string | null; dateCreated: string }[];
      const before = (await messages()).length;
      const tag = randomUUID().slice(0, 8);
      const result = await autocannon({
        url: `${workerUrl}/v1/candidates/cand_demo_c1001/messages`,
        method: 'POST',
        connections,
        amount: count,
        headers: { authorization: `Bearer ${recruiter}`, 'content-type': 'application/json' },
        requests: [{ setupRequest: (request) => ({ ...request, body: JSON.stringify({ channel: 'sms', body: `Paced ${tag} ${randomUUID()}` }) }) }],
      });
      const refused = result.non2xx + result.errors + result.timeouts;
      if (refused > 0) throw new Error(`paced burst: ${refused} of ${count} sends were refused`);
      const deadline = performance.now() + (count / rate) * 1000 + 120_000;
      const ours = async () => (await messages()).slice(before).filter((m) => m.body?.startsWith(`Paced ${tag}`));
      let burst = await ours();
      while (burst.length < count) {
        if (performance.now() > deadline) throw new Error(`paced burst: the fake accepted ${burst.length} of ${count}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
        burst = await ours();
      }
      if (new Set(burst.map((m) => m.body)).size !== count) throw new Error('paced burst: a message was sent twice');
      const times = burst.map((m) => Date.parse(m.dateCreated)).sort((a, b) => a - b);
      let busiestSecond = 0;
      for (let i = 0, j = 0; i < times.length; i++) {
        while (times[i]! - times[j]! >= 1000) j++;
        busiestSecond = Math.max(busiestSecond, i - j + 1);
      }
      return { busiestSecond, seconds: (times.at(-1)! - times[0]!) / 1000 };
    },

    stop: () => fake.stop(),
  };
}
