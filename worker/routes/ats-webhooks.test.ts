/**
 * Consent at application: the admin API for ATS webhooks and `POST /webhooks/ats/{id}` in both
 * formats, through the worker's real entry with D1. Signatures are computed here independently
 * (node:crypto), never with the worker's own helpers.
 */
import { createHmac } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AtsIntegration, CreatedAtsIntegration } from '../../shared/api/ats-integrations.ts';
import type { ConsentEvidenceExport } from '../../shared/api/consent.ts';
import { insertAtsIntegration } from '../db/queries/ats-integrations.ts';
import { sealCredentials } from '../lib/sealed.ts';
import { authed, call, count, DEMO, env, outboxSettled, seedDemo, seedOtherTenant, signIn, clock } from '../../test/worker/support.ts';

let admin: string;
let recruiter: string;
const SMS_QUESTION = 'May we text you about your application?';
const WHATSAPP_QUESTION = 'May we contact you on WhatsApp?';

beforeAll(async () => {
  await seedDemo();
  await seedOtherTenant();
  admin = await signIn(DEMO.admin.email);
  recruiter = await signIn();
});

async function addIntegration(
  format: 'generic' | 'greenhouse',
  consentMapping: unknown = { sms: { question: SMS_QUESTION }, whatsapp: { question: WHATSAPP_QUESTION } },
) {
  const response = await call('/v1/ats-integrations', authed(admin, 'POST', { name: `${format} ATS`, format, consentMapping }));
  expect(response.status).toBe(201);
  return (await response.json()) as CreatedAtsIntegration;
}

/** `X-Parley-Signature`, built by hand: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">. */
const parleySignature = (secret: string, body: string, t = Math.floor(clock.now().getTime() / 1000)) =>
  `t=${t},v1=${createHmac('sha256', secret).update(`${t}.${body}`).digest('hex')}`;

/** Greenhouse's `Signature: sha256 <hex>` over the entire raw body. */
const greenhouseSignature = (secret: string, body: string) => `sha256 ${createHmac('sha256', secret).update(body).digest('hex')}`;

const post = (integrationId: string, body: string, headers: Record<string, string>) =>
  call(`/webhooks/ats/${integrationId}`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body });

let eventCounter = 0;
function genericEvent(
  atsCandidateId: string,
  phone: string | null,
  answers: { questionId?: string; question: string; answer: string | boolean | null }[],
  job: { title: string | null; language?: string } = { title: 'Backend Engineer', language: 'en' },
) {
  return {
    id: `evt_${++eventCounter}_${atsCandidateId}`,
    type: 'application.created',
    occurredAt: clock.now().toISOString(),
    candidate: { ats: 'demo', atsCandidateId, name: `Applicant ${atsCandidateId}`, phone, email: `${atsCandidateId}@example.com` },
    job,
    answers,
  };
}

const candidateByAtsId = (ats: string, atsCandidateId: string) =>
  env.DB.prepare(`SELECT * FROM candidates WHERE ats = ? AND ats_candidate_id = ?`).bind(ats, atsCandidateId).first<{
    id: string;
    tenant_id: string;
    name: string;
    phone: string | null;
    phone_country: string | null;
    language: string;
    job_title: string | null;
    email: string | null;
  }>();

const stateOf = async (candidateId: string, channel: 'sms' | 'whatsapp') =>
  (await env.DB.prepare(`SELECT state FROM consents WHERE candidate_id = ? AND channel = ?`).bind(candidateId, channel).first<{ state: string }>())?.state ??
  'none';

const outbound = async (candidateId: string) =>
  (
    await env.DB.prepare(
      `SELECT m.body, c.channel FROM messages m JOIN conversations c ON c.id = m.conversation_id WHERE c.candidate_id = ? AND m.direction = 'outbound' ORDER BY m.seq`,
    )
      .bind(candidateId)
      .all<{ body: string; channel: string }>()
  ).results;

const evidence = async (candidateId: string) =>
  ((await (await call(`/v1/candidates/${candidateId}/consent-evidence`, authed(recruiter))).json()) as ConsentEvidenceExport).records;

/** Everything a webhook could write: a refused one must leave every count as it was. */
const footprint = async () => ({
  candidates: await count('candidates'),
  consents: await count('consents'),
  evidence: await count('consent_evidence'),
  events: await count('ats_webhook_events'),
  messages: await count('messages'),
});

describe('admin API for ATS webhooks', () => {
  it('creates one with a generated secret shown once, lists it without the secret, and stores the secret sealed', async () => {
    const created = await addIntegration('generic');
    expect(created.secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(created.webhookUrl).toBe(`http://parley.test/webhooks/ats/${created.id}`);
    expect(created.consentMapping.sms).toEqual({
      question: SMS_QUESTION,
      yes: expect.arrayContaining(['Yes', 'true', 'Ja', 'Oui', 'Sí']),
      no: expect.arrayContaining(['No', 'Nein']),
    });

    const list = await call('/v1/ats-integrations', authed(admin));
    const text = await list.text();
    expect(list.status).toBe(200);
    expect(text).toContain(created.id);
    expect(text).not.toContain(created.secret);
    const stored = await env.DB.prepare(`SELECT sealed_secret FROM ats_integrations WHERE id = ?`).bind(created.id).first<{ sealed_secret: string }>();
    expect(stored!.sealed_secret).toMatch(/^v1:/);
    expect(stored!.sealed_secret).not.toContain(created.secret);
  });

  it('is for admins only', async () => {
    expect((await call('/v1/ats-integrations', authed(recruiter))).status).toBe(403);
    expect((await call('/v1/ats-integrations', authed(recruiter, 'POST', { name: 'x', format: 'generic' }))).status).toBe(403);
  });

  it('refuses a bad mapping with 422 and writes nothing', async () => {
    const before = await count('ats_integrations');
    for (const body of [
      { name: 'Both', format: 'generic', consentMapping: { sms: { question: SMS_QUESTION, yes: ['Yes', 'OK'], no: ['ok'] } } },
      { name: 'No question', format: 'generic', consentMapping: { sms: { question: '  ' } } },
      { name: 'Format', format: 'lever' },
      { name: '', format: 'generic' },
    ]) {
      const response = await call('/v1/ats-integrations', authed(admin, 'POST', body));
      expect(response.status).toBe(422);
      expect(await response.json()).toMatchObject({ error: { code: 'validation_failed' } });
    }
    expect(await count('ats_integrations')).toBe(before);
  });

  it('changes the mapping, and disabling refuses its webhook like an unknown one', async () => {
    const created = await addIntegration('generic', { sms: null, whatsapp: null });
    const patched = await call(
      `/v1/ats-integrations/${created.id}`,
      authed(admin, 'PATCH', { consentMapping: { sms: { question: 'q_sms', yes: ['Agreed'], no: [] } } }),
    );
    expect(patched.status).toBe(200);
    expect(((await patched.json()) as AtsIntegration).consentMapping).toEqual({ sms: { question: 'q_sms', yes: ['Agreed'], no: [] }, whatsapp: null });

    const event = JSON.stringify(genericEvent('c-mapped', '+14155550131', [{ questionId: 'q_sms', question: 'Texts?', answer: 'agreed' }]));
    expect(await (await post(created.id, event, { 'X-Parley-Signature': parleySignature(created.secret, event) })).json()).toMatchObject({
      consent: { sms: 'yes' },
    });

    const disabled = await call(`/v1/ats-integrations/${created.id}/disable`, authed(admin, 'POST'));
    expect(await disabled.json()).toMatchObject({ enabled: false });
    const before = await footprint();
    const other = JSON.stringify(genericEvent('c-after-disable', '+14155550132', [{ question: SMS_QUESTION, answer: 'Yes' }]));
    expect((await post(created.id, other, { 'X-Parley-Signature': parleySignature(created.secret, other) })).status).toBe(404);
    expect(await footprint()).toEqual(before);
  });
});

describe('the contract', () => {
  it('documents the webhook, both formats and the admin API in /openapi.json', async () => {
    const doc = (await (await call('/openapi.json')).json()) as {
      paths: Record<string, object>;
      components: { schemas: Record<string, { properties?: object }> };
    };
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/webhooks/ats/{integrationId}', '/v1/ats-integrations', '/v1/ats-integrations/{atsIntegrationId}']),
    );
    expect(Object.keys(doc.components.schemas.GenericApplicationEvent!.properties!)).toEqual(['id', 'type', 'occurredAt', 'candidate', 'job', 'answers']);
    expect(doc.components.schemas.GreenhouseApplication).toBeDefined();
  });
});

describe('generic signed JSON', () => {
  it('upserts the candidate and grants SMS under double opt-in: awaiting START, the invitation sent, evidence naming question, answer and event', async () => {
    const ats = await addIntegration('generic');
    const event = genericEvent('c-gen-1', '+1 (415) 555-0141', [
      { question: `  ${SMS_QUESTION.toUpperCase()} `, answer: 'Yes' },
      { question: WHATSAPP_QUESTION, answer: null },
    ]);
    const body = JSON.stringify(event);
    const response = await post(ats.id, body, { 'X-Parley-Signature': parleySignature(ats.secret, body) });
    expect(response.status).toBe(200);
    const result = (await response.json()) as { duplicate: boolean; candidateId: string; consent: unknown };
    expect(result).toMatchObject({ duplicate: false, consent: { sms: 'yes', whatsapp: 'unknown' } });

    const candidate = await candidateByAtsId('demo', 'c-gen-1');
    expect(candidate).toMatchObject({
      id: result.candidateId,
      tenant_id: DEMO.tenantId,
      phone: '+14155550141',
      phone_country: 'US',
      job_title: 'Backend Engineer',
    });
    expect(await stateOf(candidate!.id, 'sms')).toBe('awaiting_start');
    expect(await stateOf(candidate!.id, 'whatsapp')).toBe('none');
    expect(await outbound(candidate!.id)).toEqual([{ channel: 'sms', body: expect.stringMatching(/Reply START/) }]);
    const records = await evidence(candidate!.id);
    expect(records).toEqual([
      expect.objectContaining({ channel: 'sms', previousState: 'none', state: 'awaiting_start', source: 'application', actor: 'candidate', language: 'en' }),
    ]);
    expect(records[0]!.detail).toContain(`answered "Yes" to "  ${SMS_QUESTION.toUpperCase()} "`);
    expect(records[0]!.detail).toContain(event.id);
    // The recruiter cannot send before START.
    expect((await call(`/v1/candidates/${candidate!.id}/messages`, authed(recruiter, 'POST', { channel: 'sms', body: 'Hi' }))).status).toBe(409);
    await outboxSettled();
  });

  it('opens the channel at once under single opt-in, the identification message first, in the job ad language', async () => {
    await env.DB.prepare(
      `INSERT INTO compliance_settings (tenant_id, country, opt_in, quiet_start, quiet_end, updated_at) VALUES (?, 'DE', 'single', '00:00', '00:00', ?)`,
    )
      .bind(DEMO.tenantId, clock.now().toISOString())
      .run();
    const ats = await addIntegration('generic');
    const body = JSON.stringify(
      genericEvent('c-gen-de', '+49 151 23456011', [{ question: SMS_QUESTION, answer: 'Ja' }], { title: 'Vertrieb', language: 'de' }),
    );
    expect((await post(ats.id, body, { 'X-Parley-Signature': parleySignature(ats.secret, body) })).status).toBe(200);
    const candidate = (await candidateByAtsId('demo', 'c-gen-de'))!;
    expect(await stateOf(candidate.id, 'sms')).toBe('granted');
    expect(await outbound(candidate.id)).toEqual([
      { channel: 'sms', body: expect.stringMatching(/^Hallo Applicant, hier ist das Recruiting-Team von Northwind Talent/) },
    ]);
    expect((await evidence(candidate.id))[0]).toMatchObject({
      state: 'granted',
      source: 'application',
      language: 'de',
      detail: expect.stringContaining('single opt-in for DE'),
    });
    expect((await call(`/v1/candidates/${candidate.id}/messages`, authed(recruiter, 'POST', { channel: 'sms', body: 'Hallo!' }))).status).toBe(201);
    await outboxSettled();
  });

  it('keeps the job ad language the ATS gave when the panel opens the candidate; a page fills only an unknown one', async () => {
    const ats = await addIntegration('generic');
    const body = JSON.stringify(genericEvent('c-gen-lang', '+49 151 23456012', [], { title: 'Vertrieb', language: 'de' }));
    expect((await post(ats.id, body, { 'X-Parley-Signature': parleySignature(ats.secret, body) })).status).toBe(200);
    const page = (language: string | null) => ({
      ats: 'demo',
      atsCandidateId: 'c-gen-lang',
      name: 'Applicant c-gen-lang',
      phone: '+49 151 23456012',
      email: 'c-gen-lang@example.com',
      jobTitle: 'Vertrieb',
      language,
    });
    // A page that says nothing, then one whose reading differs: the ATS's word stands.
    for (const language of [null, 'en']) {
      const opened = await call('/v1/candidates', authed(recruiter, 'PUT', page(language)));
      expect(opened.status).toBe(200);
      expect(((await opened.json()) as { language: string }).language).toBe('de');
    }
    // A candidate nobody gave a language: English texts until a page shows one, which then stays.
    const unknown = { ...page(null), atsCandidateId: 'c-page-lang', phone: '+49 151 23456013' };
    const read = async (language: string | null) =>
      ((await (await call('/v1/candidates', authed(recruiter, 'PUT', { ...unknown, language }))).json()) as { language: string }).language;
    expect(await read(null)).toBe('en');
    expect(await read('nl')).toBe('nl');
    expect(await read('fr')).toBe('nl');
    // The ATS's word replaces a page's.
    const fromAts = JSON.stringify(genericEvent('c-page-lang', '+49 151 23456013', [], { title: 'Vertrieb', language: 'de-AT' }));
    expect((await post(ats.id, fromAts, { 'X-Parley-Signature': parleySignature(ats.secret, fromAts) })).status).toBe(200);
    expect(await read(null)).toBe('de-AT');
  });

  it('declines a channel answered no, leaves an unknown answer alone, and sends nothing', async () => {
    const ats = await addIntegration('generic');
    const body = JSON.stringify(
      genericEvent('c-gen-no', '+14155550142', [
        { question: SMS_QUESTION, answer: 'No' },
        { question: WHATSAPP_QUESTION, answer: 'Maybe later' },
      ]),
    );
    expect(await (await post(ats.id, body, { 'X-Parley-Signature': parleySignature(ats.secret, body) })).json()).toMatchObject({
      consent: { sms: 'no', whatsapp: 'unknown' },
    });
    const candidate = (await candidateByAtsId('demo', 'c-gen-no'))!;
    expect(await stateOf(candidate.id, 'sms')).toBe('declined');
    expect(await stateOf(candidate.id, 'whatsapp')).toBe('none');
    expect(await evidence(candidate.id)).toEqual([
      expect.objectContaining({ channel: 'sms', state: 'declined', source: 'application', detail: expect.stringContaining('answered "No"') }),
    ]);
    expect(await outbound(candidate.id)).toEqual([]);
  });

  it('applies an event delivered 20 times at once exactly once: one evidence record, one START invitation', async () => {
    const ats = await addIntegration('generic');
    const body = JSON.stringify(genericEvent('c-storm', '+14155550143', [{ question: SMS_QUESTION, answer: 'Yes' }]));
    const signature = parleySignature(ats.secret, body);
    const responses = await Promise.all(Array.from({ length: 20 }, () => post(ats.id, body, { 'X-Parley-Signature': signature })));
    expect(responses.map((r) => r.status)).toEqual(Array(20).fill(200));
    const results = (await Promise.all(responses.map((r) => r.json()))) as { duplicate: boolean }[];
    expect(results.filter((r) => !r.duplicate)).toHaveLength(1);
    expect(results.filter((r) => r.duplicate)).toEqual(Array(19).fill({ duplicate: true }));
    const candidate = (await candidateByAtsId('demo', 'c-storm'))!;
    expect(await count('consent_evidence', 'candidate_id = ?', candidate.id)).toBe(1);
    expect(await outbound(candidate.id)).toHaveLength(1);
    expect(await count('ats_webhook_events', 'integration_id = ?', ats.id)).toBe(1);

    // And later, once more (a retry hours afterwards): still nothing new.
    const before = await footprint();
    expect(await (await post(ats.id, body, { 'X-Parley-Signature': parleySignature(ats.secret, body) })).json()).toEqual({ duplicate: true });
    expect(await footprint()).toEqual(before);
    await outboxSettled();
  });

  it('refuses a wrong, missing or stale signature and a tampered body with 403, changing nothing', async () => {
    const ats = await addIntegration('generic');
    const body = JSON.stringify(genericEvent('c-forged', '+14155550144', [{ question: SMS_QUESTION, answer: 'Yes' }]));
    const now = Math.floor(clock.now().getTime() / 1000);
    const before = await footprint();
    for (const [what, headers, sent] of [
      ['wrong secret', { 'X-Parley-Signature': parleySignature('not-the-secret', body) }, body],
      ['missing', {}, body],
      ['not the format', { 'X-Parley-Signature': createHmac('sha256', ats.secret).update(body).digest('hex') }, body],
      ['tampered body', { 'X-Parley-Signature': parleySignature(ats.secret, body) }, body.replace('"Yes"', '"No"')],
      ['timestamp swapped', { 'X-Parley-Signature': parleySignature(ats.secret, body).replace(/^t=\d+/, `t=${now - 1}`) }, body],
      ['stale', { 'X-Parley-Signature': parleySignature(ats.secret, body, now - 360) }, body],
      ['from the future', { 'X-Parley-Signature': parleySignature(ats.secret, body, now + 360) }, body],
    ] as const) {
      const response = await post(ats.id, sent, headers);
      expect(response.status, what).toBe(403);
      expect(await response.json(), what).toMatchObject({ error: { code: 'invalid_signature' } });
    }
    // Still within the tolerance (300 s): accepted. Margins of a minute either side keep a slow run from blurring the edge.
    expect((await post(ats.id, body, { 'X-Parley-Signature': parleySignature(ats.secret, body, now - 240) })).status).toBe(200);
    expect((await footprint()).evidence).toBe(before.evidence + 1);
    await outboxSettled();
  });

  it('answers 404 for an unknown integration and 422 for a malformed body after a valid signature, changing nothing', async () => {
    const ats = await addIntegration('generic');
    const before = await footprint();
    const good = JSON.stringify(genericEvent('c-unknown', '+14155550145', [{ question: SMS_QUESTION, answer: 'Yes' }]));
    expect((await post('atsint_nope', good, { 'X-Parley-Signature': parleySignature(ats.secret, good) })).status).toBe(404);
    // A provider integration's id is no ATS integration.
    expect((await post(DEMO.integrationId, good, { 'X-Parley-Signature': parleySignature(ats.secret, good) })).status).toBe(404);
    const event = genericEvent('c-bad', '+14155550146', [{ question: SMS_QUESTION, answer: 'Yes' }]);
    for (const bad of [
      'not json',
      '\u00ff',
      JSON.stringify({ ...event, type: 'application.deleted' }),
      JSON.stringify({ ...event, id: '' }),
      JSON.stringify({ ...event, candidate: { ...event.candidate, name: '' } }),
      JSON.stringify({ ...event, candidate: { ...event.candidate, email: 'not an email' } }),
      JSON.stringify({ ...event, job: { title: 'x', language: 'english' } }),
      JSON.stringify({ ...event, answers: [{ question: SMS_QUESTION, answer: 42 }] }),
    ]) {
      const response = await post(ats.id, bad, { 'X-Parley-Signature': parleySignature(ats.secret, bad) });
      expect(response.status, bad).toBe(422);
      expect(await response.json()).toMatchObject({ error: { code: 'validation_failed' } });
    }
    expect(await footprint()).toEqual(before);
  });

  it("cannot touch another tenant's candidates: the integration's tenant is the only one written", async () => {
    const ats = await addIntegration('generic');
    // ten_other has a candidate with ats 'demo' and id 'c-9' (seedOtherTenant).
    const theirs = () => env.DB.prepare(`SELECT name, phone FROM candidates WHERE id = 'cand_other'`).first();
    const theirsBefore = await theirs();
    const body = JSON.stringify({ ...genericEvent('c-9', '+14155550199', [{ question: SMS_QUESTION, answer: 'Yes' }]) });
    expect((await post(ats.id, body, { 'X-Parley-Signature': parleySignature(ats.secret, body) })).status).toBe(200);
    expect(await theirs()).toEqual(theirsBefore);
    expect(await count('consents', `tenant_id = 'ten_other'`)).toBe(0);
    expect(await count('consent_evidence', `tenant_id = 'ten_other'`)).toBe(0);
    const ours = await env.DB.prepare(`SELECT id, tenant_id FROM candidates WHERE ats = 'demo' AND ats_candidate_id = 'c-9' AND tenant_id = ?`)
      .bind(DEMO.tenantId)
      .first<{ id: string }>();
    expect(ours).not.toBeNull();
    expect(await stateOf(ours!.id, 'sms')).toBe('awaiting_start');
    await outboxSettled();
  });
});

describe('Greenhouse', () => {
  /** An integration whose secret a test knows in advance, stored as the API stores one. */
  async function greenhouseWithSecret(secret: string, consentMapping = { sms: { question: SMS_QUESTION, yes: ['Yes'], no: ['No'] }, whatsapp: null }) {
    const id = `atsint_gh_${crypto.randomUUID().slice(0, 8)}`;
    const sealedSecret = await sealCredentials(env.CREDENTIALS_KEY, { tenantId: DEMO.tenantId, integrationId: id }, { secret });
    await insertAtsIntegration(env.DB, {
      id,
      tenantId: DEMO.tenantId,
      name: 'Greenhouse',
      format: 'greenhouse',
      sealedSecret,
      consentMapping,
      createdAt: clock.now().toISOString(),
    });
    return id;
  }

  it("verifies the reference fixture's published signature, byte for byte", async () => {
    // From ats-overlay.md §3.1: the body exactly as Greenhouse sent it, signed with "test_gh_secret".
    const id = await greenhouseWithSecret('test_gh_secret');
    const fixture =
      '{"action":"new_candidate_application","payload":{"application":{"id":71980812,"status":"active","prospect":false,"applied_at":"2017-10-27T14:44:43Z","url":"http://app.greenhouse.io/people/60304594?application_id=71980812","candidate":{"id":60304594,"first_name":"Jane","last_name":"Smith","url":"http://app.greenhouse.io/people/60304594","can_email":true,"phone_numbers":[{"value":"555-555-5555","type":"mobile"}],"email_addresses":[{"value":"person@work.com","type":"work"}]},"jobs":[{"id":274075,"name":"Data Scientist"}]}}}';
    const signature = 'sha256 71d4e3248df5887cb7b2ba40403f718f980f0dc13521fcd6b394c8468ab88a3c';
    expect(greenhouseSignature('test_gh_secret', fixture)).toBe(signature);
    const response = await post(id, fixture, { Signature: signature, 'Greenhouse-Event-ID': '00000000-0000-0000-0000-000000000001' });
    expect(response.status).toBe(200);
    // No answers in the webhook itself: the candidate is known, consent stays as it was.
    expect(await response.json()).toMatchObject({ duplicate: false, consent: { sms: 'unknown', whatsapp: 'unknown' } });
    expect(await candidateByAtsId('greenhouse', '60304594')).toMatchObject({
      name: 'Jane Smith',
      email: 'person@work.com',
      job_title: 'Data Scientist',
      language: 'en',
      phone: null,
    });
  });

  it('verifies a body with unicode escapes as sent, prefers the mobile number, reads the answer and is idempotent on Greenhouse-Event-ID', async () => {
    const secret = 'gh-secret-for-unicode';
    const id = await greenhouseWithSecret(secret);
    // Written by hand with \u escapes, as Greenhouse sends them: re-serialising would change the bytes.
    const body =
      '{"action":"new_candidate_application","payload":{"application":{"id":880001,"candidate":{"id":770001,"first_name":"Ren\\u00e9e","last_name":"O\\u0027Brien \\u003cscript\\u003e","url":"https://app.greenhouse.io/people/770001","phone_numbers":[{"value":"+44 20 7946 0958","type":"home"},{"value":"+1 415 555 0151","type":"mobile"}],"email_addresses":[{"value":"renee@example.com","type":"personal"}]},"jobs":[{"id":1,"name":"Data Scientist \\u2013 London"}],"answers":[{"question":"May we text you about your application?","answer":"Yes"}]}}}';
    expect(body).toContain('\\u00e9');
    const headers = { Signature: greenhouseSignature(secret, body), 'Greenhouse-Event-ID': 'gh-evt-unicode-1' };
    const response = await post(id, body, headers);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ duplicate: false, consent: { sms: 'yes' } });
    const candidate = (await candidateByAtsId('greenhouse', '770001'))!;
    expect(candidate).toMatchObject({ name: "Renée O'Brien <script>", phone: '+14155550151', phone_country: 'US', job_title: 'Data Scientist – London' });
    expect(await stateOf(candidate.id, 'sms')).toBe('awaiting_start');
    expect((await evidence(candidate.id))[0]!.detail).toContain('gh-evt-unicode-1');

    const before = await footprint();
    expect(await (await post(id, body, headers)).json()).toEqual({ duplicate: true });
    expect(await footprint()).toEqual(before);
    await outboxSettled();
  });

  it('applies a captured body once, whatever unsigned Greenhouse-Event-ID a replay carries: a later No stays declined', async () => {
    const secret = 'gh-secret-replay';
    const id = await greenhouseWithSecret(secret);
    const application = (answer: string) =>
      `{"action":"new_candidate_application","payload":{"application":{"id":880003,"candidate":{"id":770003,"first_name":"Rae","last_name":"Play","phone_numbers":[{"value":"+1 415 555 0153","type":"mobile"}],"email_addresses":[]},"jobs":[{"name":"Ops"}],"answers":[{"question":"May we text you about your application?","answer":"${answer}"}]}}}`;
    const [yes, no] = [application('Yes'), application('No')];
    expect(await (await post(id, yes, { Signature: greenhouseSignature(secret, yes), 'Greenhouse-Event-ID': 'gh-replay-1' })).json()).toMatchObject({
      duplicate: false,
      consent: { sms: 'yes' },
    });
    const candidate = (await candidateByAtsId('greenhouse', '770003'))!;
    expect(await stateOf(candidate.id, 'sms')).toBe('awaiting_start');
    expect(await (await post(id, no, { Signature: greenhouseSignature(secret, no), 'Greenhouse-Event-ID': 'gh-replay-2' })).json()).toMatchObject({
      duplicate: false,
      consent: { sms: 'no' },
    });
    expect(await stateOf(candidate.id, 'sms')).toBe('declined');
    await outboxSettled();

    // The captured "Yes", its signature intact, under a new (unsigned) event id.
    const before = await footprint();
    const replay = await post(id, yes, { Signature: greenhouseSignature(secret, yes), 'Greenhouse-Event-ID': 'gh-replay-3' });
    expect(replay.status).toBe(200);
    expect(await replay.json()).toEqual({ duplicate: true });
    expect(await stateOf(candidate.id, 'sms')).toBe('declined');
    expect(await footprint()).toEqual(before);
  });

  it('refuses a tampered body or a wrong signature with 403, and a missing event id with 422, changing nothing', async () => {
    const secret = 'gh-secret-refusals';
    const id = await greenhouseWithSecret(secret);
    const body =
      '{"action":"new_candidate_application","payload":{"application":{"id":880002,"candidate":{"id":770002,"first_name":"Max","last_name":"Muster","phone_numbers":[{"value":"+1 415 555 0152","type":"mobile"}],"email_addresses":[]},"jobs":[{"name":"Ops"}],"answers":[{"question":"May we text you about your application?","answer":"Yes"}]}}}';
    const before = await footprint();
    const refused = [
      await post(id, body.replace('"Yes"', '"No"'), { Signature: greenhouseSignature(secret, body), 'Greenhouse-Event-ID': 'gh-2' }),
      await post(id, body, { Signature: greenhouseSignature('wrong', body), 'Greenhouse-Event-ID': 'gh-2' }),
      await post(id, body, { Signature: greenhouseSignature(secret, body).replace('sha256 ', 'sha1 '), 'Greenhouse-Event-ID': 'gh-2' }),
      await post(id, body, { 'Greenhouse-Event-ID': 'gh-2' }),
    ];
    expect(refused.map((r) => r.status)).toEqual([403, 403, 403, 403]);
    const noEventId = await post(id, body, { Signature: greenhouseSignature(secret, body) });
    expect(noEventId.status).toBe(422);
    const malformed = '{"action":"new_candidate_application","payload":{"application":{"id":1}}}';
    expect((await post(id, malformed, { Signature: greenhouseSignature(secret, malformed), 'Greenhouse-Event-ID': 'gh-3' })).status).toBe(422);
    expect(await footprint()).toEqual(before);
  });

  it("accepts Greenhouse's ping and actions Parley does not act on, changing nothing", async () => {
    const secret = 'gh-secret-ping';
    const id = await greenhouseWithSecret(secret);
    const before = await footprint();
    for (const body of ['{"action":"ping","payload":{"web_hook_id":1}}', '{"action":"candidate_stage_change","payload":{}}']) {
      const response = await post(id, body, { Signature: greenhouseSignature(secret, body), 'Greenhouse-Event-ID': `gh-${body.length}` });
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({ duplicate: false, ignored: expect.stringMatching(/^action /) });
    }
    expect(await footprint()).toEqual(before);
  });
});
