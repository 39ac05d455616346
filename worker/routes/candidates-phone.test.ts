/**
 * A phone number the recruiter confirmed in the panel, for a candidate whose ATS page shows none
 * (or one without a country code): stored once, kept on later visits to the same page.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { authed, call, clock, DEMO, env, seedDemo, signIn } from '../../test/worker/support.ts';
import { changeConsentStatements } from '../db/queries/consent.ts';
import { upsertFromAts } from '../services/candidates.ts';

let token: string;

beforeAll(async () => {
  await seedDemo();
  token = await signIn();
});

const context = (phone: string | null) => ({
  ats: 'lever',
  atsCandidateId: '7f3c2a91-5b4e-4d2f-9c8a-1e6b0d4f2a37',
  name: 'Sam Okafor',
  phone,
  email: 'sam.okafor@example.co.uk',
  jobTitle: 'Platform Engineer (On-call)',
  language: 'en',
});

const resolve = async (phone: string | null) => {
  const response = await call('/v1/candidates', authed(token, 'PUT', context(phone)));
  expect(response.status).toBe(200);
  return (await response.json()) as { id: string; phone: string | null; phoneCountry: string | null };
};

describe('a phone number the ATS page does not show', () => {
  it('is null until the recruiter confirms one, then kept while the page still shows none', async () => {
    expect(await resolve(null)).toMatchObject({ phone: null, phoneCountry: null });

    const confirmed = await resolve('+1 512 555 0187');
    expect(confirmed).toMatchObject({ phone: '+15125550187', phoneCountry: 'US' });

    // The next visit: the page still shows no number, or one the worker cannot place.
    expect(await resolve(null)).toMatchObject({ id: confirmed.id, phone: '+15125550187', phoneCountry: 'US' });
    expect(await resolve('(512) 555-0187')).toMatchObject({ phone: '+15125550187', phoneCountry: 'US' });
  });

  it('gives way to a usable number the page shows later', async () => {
    expect(await resolve('+1 415 555 0134')).toMatchObject({ phone: '+14155550134', phoneCountry: 'US' });
  });
});

describe('consent is given for a number', () => {
  const demoCandidate = (atsCandidateId: string, phone: string) => ({
    ats: 'demo',
    atsCandidateId,
    name: `Candidate ${atsCandidateId}`,
    phone,
    email: `${atsCandidateId}@example.com`,
    jobTitle: 'Backend Engineer',
    language: 'en',
  });
  const put = async (body: unknown) => {
    const response = await call('/v1/candidates', authed(token, 'PUT', body));
    expect(response.status).toBe(200);
    return (await response.json()) as { id: string; phone: string; consent: Record<'sms' | 'whatsapp', string> };
  };
  const grant = (candidateId: string, channel: 'sms' | 'whatsapp') =>
    env.DB.prepare(`INSERT INTO consents (tenant_id, candidate_id, channel, state, source, updated_at) VALUES (?, ?, ?, 'granted', 'admin_import', ?)`)
      .bind(DEMO.tenantId, candidateId, channel, clock.now().toISOString())
      .run();
  const evidence = async (candidateId: string) =>
    (
      await env.DB.prepare(`SELECT channel, state, previous_state, source, actor, detail FROM consent_evidence WHERE candidate_id = ? ORDER BY seq`)
        .bind(candidateId)
        .all()
    ).results;

  it('a number changed from the ATS page sets both channels back to none, with evidence of old → new, and nothing goes to the new number', async () => {
    const first = await put(demoCandidate('c-renumbered', '+14155550141'));
    await grant(first.id, 'sms');
    await grant(first.id, 'whatsapp');
    // The same page shows the same number again: nothing changes.
    expect((await put(demoCandidate('c-renumbered', '+1 415 555 0141'))).consent).toEqual({ sms: 'granted', whatsapp: 'granted' });

    const moved = await put(demoCandidate('c-renumbered', '+14155550142'));
    expect(moved).toMatchObject({ id: first.id, phone: '+14155550142', consent: { sms: 'none', whatsapp: 'none' } });
    const detail = 'phone number changed from +14155550141 to +14155550142: consent given for the old number does not carry over';
    expect(await evidence(first.id)).toEqual([
      { channel: 'sms', state: 'none', previous_state: 'granted', source: 'recruiter', actor: 'recruiter Rita Ortiz <rita@northwind.test>', detail },
      { channel: 'whatsapp', state: 'none', previous_state: 'granted', source: 'recruiter', actor: 'recruiter Rita Ortiz <rita@northwind.test>', detail },
    ]);
    const send = await call(`/v1/candidates/${first.id}/messages`, authed(token, 'POST', { channel: 'sms', body: 'Hello new number' }));
    expect(send.status).toBe(409);
    expect(await send.json()).toMatchObject({ error: { code: 'consent_required' } });
  });

  it('an ATS webhook changing the number does the same, the evidence naming the webhook', async () => {
    const first = await put(demoCandidate('c-renumbered-ats', '+14155550143'));
    await grant(first.id, 'sms');
    const row = await upsertFromAts(env.DB, DEMO.tenantId, demoCandidate('c-renumbered-ats', '+14155550144'), clock.now());
    expect(row).toMatchObject({ id: first.id, phone: '+14155550144' });
    expect(await evidence(first.id)).toEqual([
      {
        channel: 'sms',
        state: 'none',
        previous_state: 'granted',
        source: 'application',
        actor: 'ATS webhook',
        detail: 'phone number changed from +14155550143 to +14155550144: consent given for the old number does not carry over',
      },
    ]);
  });

  it('a consent given again is bound to the new number: sends go there, and not to a number it was not given for', async () => {
    const first = await put(demoCandidate('c-bound', '+14155550145'));
    await grant(first.id, 'sms');
    await put(demoCandidate('c-bound', '+14155550146'));
    // Granted again: the consent is recorded with the number the candidate has now.
    await env.DB.batch(
      changeConsentStatements(env.DB, {
        tenantId: DEMO.tenantId,
        candidateId: first.id,
        channel: 'sms',
        from: 'none',
        to: 'granted',
        source: 'admin_import',
        actor: 'admin import',
        actorUserId: null,
        ip: null,
        userAgent: null,
        wordingVersion: null,
        language: null,
        detail: 'granted again',
        now: clock.now().toISOString(),
      }),
    );
    expect(await env.DB.prepare(`SELECT state, phone FROM consents WHERE candidate_id = ? AND channel = 'sms'`).bind(first.id).first()).toEqual({
      state: 'granted',
      phone: '+14155550146',
    });
    const ok = await call(`/v1/candidates/${first.id}/messages`, authed(token, 'POST', { channel: 'sms', body: 'Hello at the new number' }));
    expect(ok.status).toBe(201);
    expect(await ok.json()).toMatchObject({ status: 'queued' });
    // A consent recorded for another number than the one the candidate has: refused, naming both.
    await env.DB.prepare(`UPDATE consents SET phone = '+14155550145' WHERE candidate_id = ? AND channel = 'sms'`).bind(first.id).run();
    const refused = await call(`/v1/candidates/${first.id}/messages`, authed(token, 'POST', { channel: 'sms', body: 'Hello?' }));
    expect(refused.status).toBe(409);
    expect(await refused.json()).toMatchObject({
      error: { code: 'consent_required', message: 'The candidate consented to SMS messages at +14155550145, not at +14155550146.' },
    });
  });
});
