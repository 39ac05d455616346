import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { ConsentEvidenceExport } from '../../shared/api/consent.ts';
import { authed, call, count, DEMO, env, outboxSettled, seedDemo, signIn, clock } from '../../test/worker/support.ts';
import { connectTwilio, type TwilioAccount, twilioAccount } from '../../test/worker/providers.ts';
import { decideConsent, openConsentLink } from './consent-links.ts';

let token: string;
const SANDBOX_NUMBER = '+14155550100';

beforeAll(async () => {
  await seedDemo();
  token = await signIn();
});

type Person = { id: string; phone: string };

/** A candidate of the demo ATS with an email, so consent can be requested. */
async function candidate(atsId: string, phone: string, options: { name?: string; language?: string; jobTitle?: string } = {}): Promise<Person> {
  const response = await call(
    '/v1/candidates',
    authed(token, 'PUT', {
      ats: 'demo',
      atsCandidateId: atsId,
      name: options.name ?? `Candidate ${atsId}`,
      phone,
      email: `${atsId}@example.com`,
      jobTitle: options.jobTitle ?? 'Backend Engineer',
      language: options.language ?? 'en',
    }),
  );
  expect(response.status).toBe(200);
  const body = (await response.json()) as { id: string; phone: string };
  return { id: body.id, phone: body.phone };
}

/** Asks for consent and returns the link the candidate received by email (sandbox outbox). */
async function requestLink(person: Person, channels?: ('sms' | 'whatsapp')[]): Promise<string> {
  const response = await call(`/v1/candidates/${person.id}/consent-requests`, authed(token, 'POST', channels ? { channels } : {}));
  expect(response.status).toBe(201);
  const email = await env.DB.prepare(`SELECT body FROM sandbox_emails WHERE to_address = ? ORDER BY seq DESC LIMIT 1`)
    .bind((await env.DB.prepare(`SELECT email FROM candidates WHERE id = ?`).bind(person.id).first<{ email: string }>())!.email)
    .first<{ body: string }>();
  const link = email?.body.match(/http:\/\/parley\.test(\/c\/[A-Za-z0-9_-]+)/)?.[1];
  if (!link) throw new Error(`no consent link in ${email?.body}`);
  return link;
}

const decide = (link: string, form: Record<string, string>, headers: Record<string, string> = {}) =>
  call(link, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers }, body: new URLSearchParams(form).toString() });

const reply = (from: string, body: string, channel: 'sms' | 'whatsapp' = 'sms') =>
  call(`/sandbox/phone/${encodeURIComponent(from)}/reply`, {
    method: 'POST',
    redirect: 'manual',
    body: new URLSearchParams({ body, to: SANDBOX_NUMBER, channel, integrationId: DEMO.integrationId }),
  });

const send = (person: Person, body: string, channel: 'sms' | 'whatsapp' = 'sms') =>
  call(`/v1/candidates/${person.id}/messages`, authed(token, 'POST', { channel, body }));

const stateOf = async (person: Person, channel: 'sms' | 'whatsapp' = 'sms') =>
  (await env.DB.prepare(`SELECT state FROM consents WHERE candidate_id = ? AND channel = ?`).bind(person.id, channel).first<{ state: string }>())?.state ??
  'none';

const outbound = (person: Person) =>
  env.DB.prepare(
    `SELECT m.body, c.channel, m.sender_user_id FROM messages m JOIN conversations c ON c.id = m.conversation_id
      WHERE c.candidate_id = ? AND m.direction = 'outbound' ORDER BY m.seq`,
  )
    .bind(person.id)
    .all<{ body: string; channel: string; sender_user_id: string | null }>()
    .then((r) => r.results);

const evidence = async (person: Person) => (await (await call(`/v1/candidates/${person.id}/consent-evidence`, authed(token))).json()) as ConsentEvidenceExport;

describe('double opt-in (the default): request → page → START → send', () => {
  it('walks the whole way, with evidence at every step and nothing sent before START', async () => {
    const ben = await candidate('c-double', '+14155550121');
    const link = await requestLink(ben, ['sms']);
    expect(await stateOf(ben)).toBe('requested');

    const page = await call(link);
    expect(page.status).toBe(200);
    const text = await page.text();
    expect(text).toContain('Northwind');
    expect(text).toContain('Backend Engineer');
    expect(text).toContain('name="sms"');
    expect(text).not.toContain('name="whatsapp"');

    const done = await decide(link, { sms: 'grant' }, { 'CF-Connecting-IP': '203.0.113.7', 'User-Agent': 'PhoneBrowser/1.0' });
    expect(done.status).toBe(200);
    expect(await done.text()).toContain('reply START');
    expect(await stateOf(ben)).toBe('awaiting_start');

    // Only the invitation to reply START went out; the recruiter is refused with the reason.
    const refused = await send(ben, 'Hi Ben!');
    expect(refused.status).toBe(409);
    expect(await refused.json()).toMatchObject({ error: { code: 'consent_required', message: expect.stringMatching(/reply START/) } });
    expect(await outbound(ben)).toEqual([expect.objectContaining({ body: expect.stringMatching(/Reply START/), sender_user_id: null })]);

    expect((await reply(ben.phone, 'Start')).status).toBe(303);
    expect(await stateOf(ben)).toBe('granted');
    expect((await send(ben, 'Hi Ben!')).status).toBe(201);

    const records = (await evidence(ben)).records;
    expect(records.map((r) => [r.previousState, r.state, r.source])).toEqual([
      ['none', 'requested', 'recruiter'],
      ['requested', 'awaiting_start', 'consent_page'],
      ['awaiting_start', 'granted', 'keyword'],
    ]);
    expect(records[0]).toMatchObject({ actorUserId: DEMO.recruiter.id, wordingVersion: 'consent-page-v2', language: 'en' });
    expect(records[1]).toMatchObject({
      actor: 'candidate',
      ip: '203.0.113.7',
      userAgent: 'PhoneBrowser/1.0',
      wordingVersion: 'consent-page-v2',
      language: 'en',
    });
    await outboxSettled();
  });
});

describe('single opt-in, German job ad', () => {
  it('opens at once on the page, the identification message in German going out first', async () => {
    await env.DB.prepare(
      `INSERT INTO compliance_settings (tenant_id, country, opt_in, quiet_start, quiet_end, updated_at) VALUES (?, 'DE', 'single', '00:00', '00:00', ?)`,
    )
      .bind(DEMO.tenantId, clock.now().toISOString())
      .run();
    const jonas = await candidate('c-single', '+49 151 23456001', { name: 'Jonas Weber', language: 'de', jobTitle: 'Vertrieb' });
    const link = await requestLink(jonas, ['sms']);
    const page = await (await call(link)).text();
    expect(page).toContain('lang="de"');
    expect(page).toContain('Dürfen wir Ihnen schreiben?');

    expect((await decide(link, { sms: 'grant' })).status).toBe(200);
    expect(await stateOf(jonas)).toBe('granted');
    expect((await send(jonas, 'Hallo Jonas!')).status).toBe(201);
    const sent = await outbound(jonas);
    expect(sent.map((m) => m.body)).toEqual([expect.stringMatching(/^Hallo Jonas, hier ist .* von Northwind/), 'Hallo Jonas!']);
    await outboxSettled();
  });
});

describe('keywords on inbound messages', () => {
  it('STOP revokes the channel for every candidate of the tenant at that number, and only that channel', async () => {
    const first = await candidate('c-stop-a', '+14155550131');
    const second = await candidate('c-stop-b', '+14155550131');
    for (const person of [first, second]) {
      for (const channel of ['sms', 'whatsapp'] as const) {
        await env.DB.prepare(
          `INSERT INTO consents (tenant_id, candidate_id, channel, state, source, updated_at) VALUES (?, ?, ?, 'granted', 'admin_import', ?)`,
        )
          .bind(DEMO.tenantId, person.id, channel, clock.now().toISOString())
          .run();
      }
    }
    expect((await reply(first.phone, 'STOP')).status).toBe(303);
    for (const person of [first, second]) {
      expect(await stateOf(person, 'sms')).toBe('revoked');
      expect(await stateOf(person, 'whatsapp')).toBe('granted');
      const refused = await send(person, 'Still there?');
      expect(await refused.json()).toMatchObject({ error: { code: 'consent_required', message: 'The candidate withdrew consent to SMS messages.' } });
      expect((await evidence(person)).records).toEqual([
        expect.objectContaining({ previousState: 'granted', state: 'revoked', source: 'keyword', channel: 'sms' }),
      ]);
    }
    // START re-subscribes them.
    await reply(first.phone, 'unstop');
    expect(await stateOf(second, 'sms')).toBe('granted');
  });

  it('reads the localized STOP family (ARRÊT)', async () => {
    const chloe = await candidate('c-arret', '+14155550132');
    await env.DB.prepare(
      `INSERT INTO consents (tenant_id, candidate_id, channel, state, source, updated_at) VALUES (?, ?, 'sms', 'granted', 'admin_import', ?)`,
    )
      .bind(DEMO.tenantId, chloe.id, clock.now().toISOString())
      .run();
    await reply(chloe.phone, 'Arrêt');
    expect(await stateOf(chloe)).toBe('revoked');
  });

  it("counts the provider's opt-out flag (Twilio OptOutType) as STOP, whatever the text", async () => {
    const twilio: TwilioAccount = await twilioAccount();
    const integrationId = await connectTwilio(twilio, []);
    const dana = await candidate('c-flag', '+14155550133');
    await env.DB.prepare(
      `INSERT INTO consents (tenant_id, candidate_id, channel, state, source, updated_at) VALUES (?, ?, 'sms', 'granted', 'admin_import', ?)`,
    )
      .bind(DEMO.tenantId, dana.id, clock.now().toISOString())
      .run();
    const url = `http://parley.test/webhooks/twilio/${integrationId}`;
    const params = {
      MessageSid: `SM${'7'.repeat(32)}`,
      AccountSid: twilio.accountSid,
      From: dana.phone,
      To: SANDBOX_NUMBER,
      Body: 'Bitte nicht mehr',
      NumMedia: '0',
      SmsStatus: 'received',
      ApiVersion: '2010-04-01',
      OptOutType: 'STOP',
    };
    const response = await call(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Twilio-Signature': await twilio.sign(url, params) },
      body: new URLSearchParams(params).toString(),
    });
    expect(response.status).toBe(200);
    expect(await stateOf(dana)).toBe('revoked');
    expect((await evidence(dana)).records[0]).toMatchObject({ source: 'provider_flag', detail: 'twilio OptOutType=STOP' });
  });

  it('keeps a STOP when the worker dies between storing it and revoking consent: the provider’s retry revokes', async () => {
    const twilio: TwilioAccount = await twilioAccount();
    const integrationId = await connectTwilio(twilio, []);
    const fay = await candidate('c-crash', '+14155550135');
    await env.DB.prepare(
      `INSERT INTO consents (tenant_id, candidate_id, channel, state, source, updated_at) VALUES (?, ?, 'sms', 'granted', 'admin_import', ?)`,
    )
      .bind(DEMO.tenantId, fay.id, clock.now().toISOString())
      .run();
    const url = `http://parley.test/webhooks/twilio/${integrationId}`;
    const params = { MessageSid: `SM${'8'.repeat(32)}`, AccountSid: twilio.accountSid, From: fay.phone, To: SANDBOX_NUMBER, Body: 'STOP', NumMedia: '0' };
    const deliverStop = async () =>
      call(url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Twilio-Signature': await twilio.sign(url, params) },
        body: new URLSearchParams(params).toString(),
      });

    // The crash: the message is stored, then the consent step fails (the database refuses its evidence record once).
    await env.DB.prepare(`CREATE TRIGGER crash_before_consent BEFORE INSERT ON consent_evidence BEGIN SELECT RAISE(ABORT, 'injected crash'); END`).run();
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      expect((await deliverStop()).status).toBe(500);
    } finally {
      logged.mockRestore();
      await env.DB.prepare(`DROP TRIGGER crash_before_consent`).run();
    }
    expect(await count('messages', 'provider_message_id = ?', params.MessageSid)).toBe(1);
    expect(await stateOf(fay)).toBe('granted');

    // Twilio retries the webhook that failed: the message is a duplicate, the STOP still applies — once.
    expect((await deliverStop()).status).toBe(200);
    expect(await count('messages', 'provider_message_id = ?', params.MessageSid)).toBe(1);
    expect(await stateOf(fay)).toBe('revoked');
    expect((await deliverStop()).status).toBe(200);
    expect((await evidence(fay)).records.filter((r) => r.state === 'revoked')).toHaveLength(1);
  });

  it("answers HELP with the company's identification, consent or not, and changes no consent", async () => {
    const eli = await candidate('c-help', '+14155550134', { language: 'fr' });
    await reply(eli.phone, 'help');
    expect(await outbound(eli)).toEqual([expect.objectContaining({ body: expect.stringMatching(/^Northwind .* Répondez STOP/), sender_user_id: null })]);
    expect(await stateOf(eli)).toBe('none');
    await outboxSettled();
    const phone = await (await call(`/sandbox/phone/${encodeURIComponent(eli.phone)}`)).text();
    expect(phone).toContain('Répondez STOP');
  });

  it('flags a free-text opt-out for the recruiter without revoking', async () => {
    const fay = await candidate('c-freetext', '+14155550135');
    await env.DB.prepare(
      `INSERT INTO consents (tenant_id, candidate_id, channel, state, source, updated_at) VALUES (?, ?, 'sms', 'granted', 'admin_import', ?)`,
    )
      .bind(DEMO.tenantId, fay.id, clock.now().toISOString())
      .run();
    await reply(fay.phone, 'please stop texting me');
    expect(await count('opt_out_flags', 'candidate_id = ? AND resolved_at IS NULL', fay.id)).toBe(1);
    expect(await stateOf(fay)).toBe('granted');
  });
});

describe('the consent page refuses bad links and changes nothing', () => {
  const snapshot = async (person: Person) => ({
    state: await stateOf(person),
    records: (await evidence(person)).records.length,
    messages: (await outbound(person)).length,
  });

  it('tampered tokens get a clear page', async () => {
    const gus = await candidate('c-tamper', '+14155550141');
    const link = await requestLink(gus, ['sms']);
    const before = await snapshot(gus);
    const tampered = link.slice(0, -1) + (link.endsWith('A') ? 'B' : 'A');
    for (const path of [tampered, '/c/short', '/c/%3Cscript%3E']) {
      const page = await call(path);
      expect(page.status).toBe(404);
      expect(await page.text()).toContain('This link is not valid');
      expect((await decide(path, { sms: 'grant' })).status).toBe(404);
    }
    expect(await snapshot(gus)).toEqual(before);
  });

  it('expired tokens get a clear page', async () => {
    const hal = await candidate('c-expired', '+14155550142', { language: 'nl' });
    const link = await requestLink(hal, ['sms']);
    await env.DB.prepare(`UPDATE consent_links SET expires_at = ? WHERE candidate_id = ?`)
      .bind(new Date(clock.now().getTime() - 1000).toISOString(), hal.id)
      .run();
    const before = await snapshot(hal);
    const page = await call(link);
    expect(page.status).toBe(410);
    expect(await page.text()).toContain('Deze link is verlopen');
    expect((await decide(link, { sms: 'grant' })).status).toBe(410);
    expect(await snapshot(hal)).toEqual(before);
  });

  it('a used-up token gets a clear page, and a replayed form changes nothing', async () => {
    const ivy = await candidate('c-used', '+14155550143');
    const link = await requestLink(ivy, ['sms', 'whatsapp']);
    expect((await decide(link, { sms: 'decline', whatsapp: 'decline' })).status).toBe(200);
    expect(await stateOf(ivy, 'sms')).toBe('declined');
    const before = await snapshot(ivy);
    expect((await decide(link, { sms: 'grant', whatsapp: 'grant' })).status).toBe(410);
    expect(await (await call(link)).text()).toContain('already used');
    expect(await snapshot(ivy)).toEqual(before);
  });

  it('a crash while the decision is written leaves the link open and nothing decided', async () => {
    const ola = await candidate('c-page-crash', '+14155550146');
    const link = await requestLink(ola, ['sms']);
    const opened = await openConsentLink(env.DB, link.slice('/c/'.length), clock.now());
    if (!opened.ok) throw new Error(`the link did not open: ${opened.reason}`);
    const before = await snapshot(ola);
    const dying = {
      prepare: (sql: string) => env.DB.prepare(sql),
      batch: () => Promise.reject(new Error('the worker died')),
    } as unknown as D1Database;
    await expect(decideConsent({ ...env, DB: dying }, opened, { sms: 'grant' }, { ip: null, userAgent: null }, clock.now())).rejects.toThrow('the worker died');
    expect(await snapshot(ola)).toEqual(before);
    expect((await call(link)).status).toBe(200);
    expect((await decide(link, { sms: 'grant' })).status).toBe(200);
    expect(await stateOf(ola)).not.toBe('none');
  });

  it('an incomplete form is asked again and changes nothing', async () => {
    const jay = await candidate('c-incomplete', '+14155550144');
    const link = await requestLink(jay, ['sms', 'whatsapp']);
    const before = await snapshot(jay);
    expect((await decide(link, { sms: 'grant' })).status).toBe(422);
    expect((await decide(link, { sms: 'grant', whatsapp: 'maybe' })).status).toBe(422);
    expect(await snapshot(jay)).toEqual(before);
    expect((await decide(link, { sms: 'grant', whatsapp: 'decline' })).status).toBe(200);
  });

  it('escapes script injection in candidate, company and recruiter names', async () => {
    const evil = '<script>alert(1)</script>"><img src=x onerror=alert(2)>';
    const kim = await candidate('c-xss', '+14155550145', { name: `Kim ${evil}`, jobTitle: `Dev ${evil}` });
    await env.DB.batch([
      env.DB.prepare(`UPDATE tenants SET name = ? WHERE id = ?`).bind(`Northwind ${evil}`, DEMO.tenantId),
      env.DB.prepare(`UPDATE users SET name = ? WHERE id = ?`).bind(`Rita ${evil}`, DEMO.recruiter.id),
    ]);
    try {
      const recruiter = await signIn();
      const response = await call(`/v1/candidates/${kim.id}/consent-requests`, authed(recruiter, 'POST', {}));
      expect(response.status).toBe(201);
      const link = (await env.DB.prepare(`SELECT body FROM sandbox_emails ORDER BY seq DESC LIMIT 1`).first<{ body: string }>())!.body.match(
        /\/c\/[A-Za-z0-9_-]+/,
      )![0];
      const page = await (await call(link)).text();
      expect(page).not.toContain('<script>alert');
      expect(page).not.toContain('<img src=x');
      expect(page).toContain('Rita &lt;script&gt;alert(1)&lt;/script&gt;&quot;&gt;&lt;img src=x onerror=alert(2)&gt;');
      expect(page).toContain('Northwind &lt;script&gt;');
      expect(page).toContain('Dev &lt;script&gt;');
    } finally {
      await env.DB.batch([
        env.DB.prepare(`UPDATE tenants SET name = ? WHERE id = ?`).bind(DEMO.tenantName, DEMO.tenantId),
        env.DB.prepare(`UPDATE users SET name = ? WHERE id = ?`).bind(DEMO.recruiter.name, DEMO.recruiter.id),
      ]);
    }
  });
});

describe('consent requests', () => {
  it('need an email address, and are not repeated on an open channel', async () => {
    const noEmail = await call(
      '/v1/candidates',
      authed(token, 'PUT', { ats: 'demo', atsCandidateId: 'c-noemail', name: 'No Email', phone: '+14155550151', email: null, jobTitle: null, language: 'en' }),
    );
    const { id } = (await noEmail.json()) as { id: string };
    const refused = await call(`/v1/candidates/${id}/consent-requests`, authed(token, 'POST', {}));
    expect(refused.status).toBe(409);
    expect(await count('consent_links', 'candidate_id = ?', id)).toBe(0);
    expect(await count('consent_evidence', 'candidate_id = ?', id)).toBe(0);

    const open = await candidate('c-open', '+14155550152');
    await env.DB.prepare(
      `INSERT INTO consents (tenant_id, candidate_id, channel, state, source, updated_at) VALUES (?, ?, 'sms', 'granted', 'admin_import', ?)`,
    )
      .bind(DEMO.tenantId, open.id, clock.now().toISOString())
      .run();
    expect((await call(`/v1/candidates/${open.id}/consent-requests`, authed(token, 'POST', { channels: ['sms'] }))).status).toBe(409);
    const both = await call(`/v1/candidates/${open.id}/consent-requests`, authed(token, 'POST', {}));
    expect(await both.json()).toMatchObject({ channels: ['whatsapp'], consent: { sms: 'granted', whatsapp: 'requested' } });
  });

  it('need a phone number: nothing to text means nothing to consent to (no START that could never come)', async () => {
    const noPhone = await call(
      '/v1/candidates',
      authed(token, 'PUT', {
        ats: 'demo',
        atsCandidateId: 'c-nophone',
        name: 'No Phone',
        phone: null,
        email: 'nophone@example.com',
        jobTitle: null,
        language: 'en',
      }),
    );
    const { id } = (await noPhone.json()) as { id: string };
    const refused = await call(`/v1/candidates/${id}/consent-requests`, authed(token, 'POST', { channels: ['sms'] }));
    expect(refused.status).toBe(409);
    expect(await refused.json()).toMatchObject({ error: { code: 'conflict', message: expect.stringContaining('no phone number') } });
    expect(await count('consent_links', 'candidate_id = ?', id)).toBe(0);
    expect(await count('consent_evidence', 'candidate_id = ?', id)).toBe(0);
    expect(await count('sandbox_emails', 'to_address = ?', 'nophone@example.com')).toBe(0);
  });

  it('the page names the company and the number messages go to, links the privacy policy, and offers nothing once the number is gone', async () => {
    const admin = await signIn(DEMO.admin.email);
    const saved = await call(
      '/v1/compliance-settings',
      authed(admin, 'PUT', { defaultOptIn: 'double', countries: [], privacyUrl: 'https://northwind.test/privacy' }),
    );
    expect(await saved.json()).toMatchObject({ privacyUrl: 'https://northwind.test/privacy' });
    // Left out, it stays; a bad address is refused.
    expect(await (await call('/v1/compliance-settings', authed(admin, 'PUT', { defaultOptIn: 'double', countries: [] }))).json()).toMatchObject({
      privacyUrl: 'https://northwind.test/privacy',
    });
    expect(
      (await call('/v1/compliance-settings', authed(admin, 'PUT', { defaultOptIn: 'double', countries: [], privacyUrl: 'javascript:alert(1)' }))).status,
    ).toBe(422);

    const dee = await candidate('c-page-number', '+49 1512 3456789', { language: 'de' });
    const link = await requestLink(dee, ['sms']);
    const page = await (await call(link)).text();
    expect(page).toContain('data-testid="consent-company">Northwind');
    expect(page).toContain('Nachrichten gehen an +49 1512 3456789.');
    expect(page).toContain('<a href="https://northwind.test/privacy" data-testid="consent-privacy">Datenschutzerklärung</a>');

    await env.DB.prepare(`UPDATE candidates SET phone = NULL WHERE id = ?`).bind(dee.id).run();
    const gone = await call(link);
    const text = await gone.text();
    expect(text).toContain('data-testid="consent-no-number"');
    expect(text).not.toContain('<form');
    const posted = await decide(link, { sms: 'grant' });
    expect(posted.status).toBe(409);
    expect(await stateOf(dee)).toBe('requested');
    await call('/v1/compliance-settings', authed(admin, 'PUT', { defaultOptIn: 'double', countries: [], privacyUrl: null }));
  });

  it('refuses bad input with 422 and writes nothing', async () => {
    const lee = await candidate('c-badinput', '+14155550153');
    const bad = await call(`/v1/candidates/${lee.id}/consent-requests`, authed(token, 'POST', { channels: ['fax'] }));
    expect(bad.status).toBe(422);
    expect(await count('consent_links', 'candidate_id = ?', lee.id)).toBe(0);
  });
});

describe('evidence export', () => {
  it('gives every record as JSON and as CSV, formulas escaped', async () => {
    const mo = await candidate('c-export', '+14155550161', { name: '=HYPERLINK("http://evil")' });
    const link = await requestLink(mo, ['sms']);
    await decide(link, { sms: 'grant' }, { 'CF-Connecting-IP': '198.51.100.9', 'User-Agent': 'Mobile Safari' });
    await reply(mo.phone, 'STOP');

    const json = await evidence(mo);
    expect(json.records.map((r) => r.state)).toEqual(['requested', 'awaiting_start', 'revoked']);
    const csv = await call(`/v1/candidates/${mo.id}/consent-evidence?format=csv`, authed(token));
    expect(csv.headers.get('Content-Type')).toMatch(/^text\/csv/);
    const lines = (await csv.text()).trim().split(/\r?\n/);
    expect(lines[0]).toBe(
      'candidate_id,candidate_name,at,channel,previous_state,state,source,actor,actor_user_id,ip,user_agent,wording_version,language,detail',
    );
    expect(lines).toHaveLength(4);
    expect(lines[2]).toContain('198.51.100.9,Mobile Safari,consent-page-v2,en');
    expect(lines[1]).toContain(`"'=HYPERLINK(""http://evil"")"`);

    expect((await call(`/v1/candidates/${mo.id}/consent-evidence?format=xml`, authed(token))).status).toBe(422);
  });

  it('keeps evidence append-only in the database itself', async () => {
    await expect(env.DB.prepare(`UPDATE consent_evidence SET state = 'granted'`).run()).rejects.toThrow(/append-only/);
    await expect(env.DB.prepare(`DELETE FROM consent_evidence`).run()).rejects.toThrow(/append-only/);
  });
});

describe('no path creates a message row for a candidate without consent on that channel', () => {
  it('holds across free-text and merge-field sends, page declines, STOP, a bare START and requests', async () => {
    const people = {
      none: await candidate('c-gate-none', '+14155550171'),
      requested: await candidate('c-gate-requested', '+14155550172'),
      declined: await candidate('c-gate-declined', '+14155550173'),
      revoked: await candidate('c-gate-revoked', '+14155550174'),
    };
    await requestLink(people.requested);
    await decide(await requestLink(people.declined), { sms: 'decline', whatsapp: 'decline' });
    await env.DB.prepare(
      `INSERT INTO consents (tenant_id, candidate_id, channel, state, source, updated_at) VALUES (?, ?, 'sms', 'granted', 'admin_import', ?)`,
    )
      .bind(DEMO.tenantId, people.revoked.id, clock.now().toISOString())
      .run();
    await reply(people.revoked.phone, 'STOP');
    await reply(people.none.phone, 'START'); // a bare START without any consent opens nothing

    for (const person of Object.values(people)) {
      for (const channel of ['sms', 'whatsapp'] as const) {
        const refused = await send(person, 'Hello', channel);
        expect(refused.status).toBe(409);
        expect(await refused.json()).toMatchObject({ error: { code: 'consent_required' } });
        expect((await send(person, 'Hi {{candidate.first_name}}', channel)).status).toBe(409);
      }
      expect(await outbound(person)).toEqual([]);
    }
  });
});

describe('the consent pane and the one-click revoke', () => {
  it('shows the opt-in rule, the last change and a free-text opt-out, which one click revokes and resolves', async () => {
    const nia = await candidate('c-pane', '+44 7400 123456');
    await env.DB.prepare(
      `INSERT INTO consents (tenant_id, candidate_id, channel, state, source, updated_at) VALUES (?, ?, 'sms', 'granted', 'admin_import', ?)`,
    )
      .bind(DEMO.tenantId, nia.id, clock.now().toISOString())
      .run();
    await reply(nia.phone, "Please don't text me anymore");
    const pane = await (await call(`/v1/candidates/${nia.id}/consent`, authed(token))).json();
    expect(pane).toMatchObject({
      consent: { sms: 'granted', whatsapp: 'none' },
      country: 'GB',
      openOptOutFlags: [{ channel: 'sms', body: "Please don't text me anymore" }],
      lastChange: { sms: null, whatsapp: null },
    });

    const revoked = await call(`/v1/candidates/${nia.id}/consent-revocations`, authed(token, 'POST', { channel: 'sms' }));
    expect(revoked.status).toBe(200);
    expect(await revoked.json()).toMatchObject({
      consent: { sms: 'revoked' },
      openOptOutFlags: [],
      lastChange: { sms: { state: 'revoked', source: 'recruiter' } },
    });
    expect((await evidence(nia)).records).toEqual([
      expect.objectContaining({ source: 'recruiter', actorUserId: DEMO.recruiter.id, previousState: 'granted', state: 'revoked' }),
    ]);
  });
});

describe('compliance settings', () => {
  it('admins set single or double opt-in per country and a default; recruiters read them; bad input changes nothing', async () => {
    const admin = await signIn('admin@northwind.test');
    const put = await call(
      '/v1/compliance-settings',
      authed(admin, 'PUT', {
        defaultOptIn: 'single',
        countries: [
          { country: 'US', optIn: 'double' },
          { country: 'DE', optIn: 'single' },
        ],
      }),
    );
    expect(put.status).toBe(200);
    expect(await put.json()).toMatchObject({
      defaultOptIn: 'single',
      countries: [
        { country: 'DE', optIn: 'single' },
        { country: 'US', optIn: 'double' },
      ],
    });
    expect((await call('/v1/compliance-settings', authed(token, 'PUT', { defaultOptIn: 'double', countries: [] }))).status).toBe(403);
    for (const bad of [
      { defaultOptIn: 'triple', countries: [] },
      { defaultOptIn: 'double', countries: [{ country: 'de', optIn: 'single' }] },
      {
        defaultOptIn: 'double',
        countries: [
          { country: 'DE', optIn: 'single' },
          { country: 'DE', optIn: 'double' },
        ],
      },
    ]) {
      expect((await call('/v1/compliance-settings', authed(admin, 'PUT', bad))).status).toBe(422);
    }
    expect(await (await call('/v1/compliance-settings', authed(token))).json()).toMatchObject({ defaultOptIn: 'single' });

    // The rule follows the phone's country: a US candidate confirms with START, a French one (unlisted) opens at once.
    const us = await candidate('c-rule-us', '+14155550181');
    const fr = await candidate('c-rule-fr', '+33 6 12 34 56 78', { language: 'fr' });
    await decide(await requestLink(us, ['sms']), { sms: 'grant' });
    await decide(await requestLink(fr, ['sms']), { sms: 'grant' });
    expect(await stateOf(us)).toBe('awaiting_start');
    expect(await stateOf(fr)).toBe('granted');
    await call('/v1/compliance-settings', authed(admin, 'PUT', { defaultOptIn: 'double', countries: [{ country: 'DE', optIn: 'single' }] }));
    await outboxSettled();
  });
});
