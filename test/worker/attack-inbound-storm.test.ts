/**
 * Standing suite (issue 16): inbound storms. A provider retries, and retries concurrently: 50
 * copies of one signed Twilio inbound (signatures from the `twilio` package, computed by the fake)
 * arrive at once and must be stored once with their keyword applied once — a STOP revoking with
 * one evidence record, a HELP answered once. A STOP whose consent step crashed after the message
 * was stored is revoked by the provider's retries, once.
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { connectTwilio, type TwilioAccount, twilioAccount } from './providers.ts';
import { authed, call, clock, count, DEMO, demoContext, env, outboxSettled, seedDemo, signIn } from './support.ts';

const COPIES = 50;
const PARLEY_NUMBER = '+14155550100';

let twilio: TwilioAccount;
let integrationId: string;
let token: string;

beforeAll(async () => {
  await seedDemo();
  token = await signIn();
  twilio = await twilioAccount();
  integrationId = await connectTwilio(twilio, [{ channel: 'sms', country: 'US', phoneNumber: PARLEY_NUMBER }]);
});

/** A candidate with SMS consent for `phone`. */
async function consented(atsId: string, phone: string): Promise<string> {
  const { id } = (await (await call('/v1/candidates', authed(token, 'PUT', demoContext(atsId, `Candidate ${atsId}`, phone)))).json()) as { id: string };
  await env.DB.prepare(
    `INSERT INTO consents (tenant_id, candidate_id, channel, state, source, phone, updated_at) VALUES (?, ?, 'sms', 'granted', 'admin_import', ?, ?)`,
  )
    .bind(DEMO.tenantId, id, phone, clock.now().toISOString())
    .run();
  return id;
}

/** One signed inbound SMS, and a function posting a copy of it as Twilio (re)delivers it. */
async function signedInbound(sid: string, from: string, body: string) {
  const url = `http://parley.test/webhooks/twilio/${integrationId}`;
  const params = {
    MessageSid: sid,
    AccountSid: twilio.accountSid,
    From: from,
    To: PARLEY_NUMBER,
    Body: body,
    NumMedia: '0',
    SmsStatus: 'received',
    ApiVersion: '2010-04-01',
  };
  const signature = await twilio.sign(url, params);
  return () =>
    call(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Twilio-Signature': signature },
      body: new URLSearchParams(params).toString(),
    });
}

const storm = async (post: () => Promise<Response>) => (await Promise.all(Array.from({ length: COPIES }, post))).map((r) => r.status);

const stateOf = async (candidateId: string) =>
  (await env.DB.prepare(`SELECT state FROM consents WHERE candidate_id = ? AND channel = 'sms'`).bind(candidateId).first<{ state: string }>())?.state;

const revocations = (candidateId: string) => count('consent_evidence', `candidate_id = ? AND channel = 'sms' AND state = 'revoked'`, candidateId);

describe('inbound storms', () => {
  it('stores 50 concurrent copies of a STOP once and revokes once; a HELP storm is answered once', async () => {
    const stopper = await consented('c-storm-stop', '+14155550171');
    const stop = await signedInbound(`SM${'a1'.repeat(16)}`, '+14155550171', 'STOP');
    const stopStatuses = await storm(stop);
    expect(stopStatuses).toEqual(Array(COPIES).fill(200));
    const stored = await count('messages', 'provider_message_id = ?', `SM${'a1'.repeat(16)}`);
    expect(stored).toBe(1);
    expect(await stateOf(stopper)).toBe('revoked');
    const revoked = await revocations(stopper);
    expect(revoked).toBe(1);

    const helper = await consented('c-storm-help', '+14155550172');
    const help = await signedInbound(`SM${'b2'.repeat(16)}`, '+14155550172', 'HELP');
    expect(await storm(help)).toEqual(Array(COPIES).fill(200));
    await outboxSettled();
    const helpStored = await count('messages', 'provider_message_id = ?', `SM${'b2'.repeat(16)}`);
    const answers = await count('messages', `direction = 'outbound' AND to_number = ? AND sender_user_id IS NULL`, '+14155550172');
    expect(helpStored).toBe(1);
    expect(answers).toBe(1);
    expect(await stateOf(helper)).toBe('granted');
    console.log(
      `inbound storm: ${COPIES} copies of a STOP → ${stored} stored, ${revoked} revocation; ${COPIES} copies of a HELP → ${helpStored} stored, ${answers} answer`,
    );
  }, 20_000);

  it('revokes a STOP whose consent step crashed after the message was stored, on the provider’s retries, once', async () => {
    const fay = await consented('c-storm-crash', '+14155550173');
    const sid = `SM${'c3'.repeat(16)}`;
    const stop = await signedInbound(sid, '+14155550173', 'STOP');
    // The crash: the message is stored, then the consent step fails (the database refuses its evidence record).
    await env.DB.prepare(`CREATE TRIGGER storm_crash_before_consent BEFORE INSERT ON consent_evidence BEGIN SELECT RAISE(ABORT, 'injected crash'); END`).run();
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      expect((await stop()).status).toBe(500);
    } finally {
      logged.mockRestore();
      await env.DB.prepare(`DROP TRIGGER storm_crash_before_consent`).run();
    }
    expect(await count('messages', 'provider_message_id = ?', sid)).toBe(1);
    expect(await stateOf(fay)).toBe('granted');

    // Twilio retries the failed webhook — here, 50 retries at once.
    expect(await storm(stop)).toEqual(Array(COPIES).fill(200));
    const stored = await count('messages', 'provider_message_id = ?', sid);
    const revoked = await revocations(fay);
    expect(stored).toBe(1);
    expect(await stateOf(fay)).toBe('revoked');
    expect(revoked).toBe(1);
    console.log(`inbound storm: a STOP crashed between store and consent, then ${COPIES} retries → ${stored} stored, ${revoked} revocation`);
  }, 20_000);
});
