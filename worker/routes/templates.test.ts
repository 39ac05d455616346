import { beforeAll, describe, expect, it } from 'vitest';
import { type Template, TemplatePurpose } from '../../shared/api/templates.ts';
import { authed, call, count, DEMO, env, outboxSettled, seedDemo, seedOtherTenant, signIn, clock } from '../../test/worker/support.ts';
import { DEFAULT_TEMPLATE_LANGUAGES, provisionDefaultTemplates } from '../services/default-templates.ts';
import { findCandidate } from '../db/queries/candidates.ts';
import type { SessionUser } from '../env.ts';
import { renderTemplatedSend } from '../services/templates.ts';

const ADA = 'cand_demo_c1001'; // seeded with SMS consent
let admin: string;
let recruiter: string;

beforeAll(async () => {
  await seedDemo();
  [admin, recruiter] = await Promise.all([signIn(DEMO.admin.email), signIn(DEMO.recruiter.email)]);
});

const as = (token: string, path: string, method = 'GET', body?: unknown) => call(path, authed(token, method, body));
const list = async (token: string, query = '') => {
  const response = await as(token, `/v1/templates${query}`);
  expect(response.status).toBe(200);
  return ((await response.json()) as { templates: Template[] }).templates;
};
const draft = (overrides: Record<string, unknown> = {}) => ({
  name: 'Quick hello',
  language: 'en',
  channels: ['sms'],
  body: 'Hi {{candidate.first_name}}, {{recruiter.first_name}} from {{company.name}} here.',
  ...overrides,
});
const errorOf = async (response: Response) => ((await response.json()) as { error: { code: string; message: string } }).error;

describe('the default templates', () => {
  it('every tenant starts with the opt-in, consent and interview messages in five languages', async () => {
    const templates = await list(recruiter);
    expect(templates).toHaveLength(TemplatePurpose.options.length * DEFAULT_TEMPLATE_LANGUAGES.length);
    for (const language of DEFAULT_TEMPLATE_LANGUAGES) {
      expect(
        templates
          .filter((t) => t.language === language)
          .map((t) => t.purpose)
          .sort(),
      ).toEqual([...TemplatePurpose.options].sort());
    }
    expect((await list(recruiter, '?language=de')).map((t) => t.name)).toContain('Einladung zum Vorstellungsgespräch');
  });
});

describe('searching', () => {
  it('matches names and bodies case-insensitively, filtered by channel and language', async () => {
    expect((await list(recruiter, '?q=REMINDER')).map((t) => t.name)).toEqual(['Interview reminder']);
    // The German invitation, slot offer, reminder, new time and cancellation.
    expect((await list(recruiter, '?q=Vorstellungsgespr&language=de')).length).toBe(5);
    expect((await list(recruiter, '?q=reply%20START&channel=whatsapp')).map((t) => t.purpose)).toEqual(['consent_request']);
  });

  it('treats % and _ in the search as text', async () => {
    expect(await list(recruiter, '?q=%25')).toEqual([]);
    expect(await list(recruiter, '?q=Interview_reminder')).toEqual([]);
  });

  it('refuses a bad filter with 422', async () => {
    expect((await as(recruiter, '/v1/templates?channel=fax')).status).toBe(422);
  });
});

describe('admins manage templates; everyone signed in may use them', () => {
  it('creates, reads, edits and deletes as an admin', async () => {
    const created = await as(admin, '/v1/templates', 'POST', draft());
    expect(created.status).toBe(201);
    const template = (await created.json()) as Template;
    expect(template).toMatchObject({ name: 'Quick hello', channels: ['sms'], purpose: null, whatsapp: null });
    expect((await as(recruiter, `/v1/templates/${template.id}`)).status).toBe(200);

    const edited = await as(
      admin,
      `/v1/templates/${template.id}`,
      'PUT',
      draft({ body: 'Hello {{candidate.first_name | "there"}}!', channels: ['sms', 'whatsapp'] }),
    );
    expect(edited.status).toBe(200);
    expect(await edited.json()).toMatchObject({ body: 'Hello {{candidate.first_name | "there"}}!', channels: ['sms', 'whatsapp'] });

    expect((await as(admin, `/v1/templates/${template.id}`, 'DELETE')).status).toBe(204);
    expect((await as(admin, `/v1/templates/${template.id}`, 'DELETE')).status).toBe(404);
    expect((await as(recruiter, `/v1/templates/${template.id}`)).status).toBe(404);
  });

  it('keeps the purpose of a default the admin rewords', async () => {
    const [invitation] = await list(admin, '?q=Interview%20invitation&language=en');
    const response = await as(
      admin,
      `/v1/templates/${invitation!.id}`,
      'PUT',
      draft({ name: invitation!.name, channels: ['sms', 'whatsapp'], body: 'Interview on {{interview.date}}?' }),
    );
    expect(await response.json()).toMatchObject({ purpose: 'interview_invitation', body: 'Interview on {{interview.date}}?' });
  });

  it('refuses a recruiter with 403 and an anonymous caller with 401, writing nothing', async () => {
    const before = await count('templates');
    const [any] = await list(recruiter);
    const refusals = [
      await as(recruiter, '/v1/templates', 'POST', draft({ name: 'Sneaky' })),
      await as(recruiter, `/v1/templates/${any!.id}`, 'PUT', draft({ name: 'Sneaky' })),
      await as(recruiter, `/v1/templates/${any!.id}`, 'DELETE'),
    ];
    for (const response of refusals) {
      expect(response.status).toBe(403);
      expect((await errorOf(response)).code).toBe('forbidden');
    }
    expect((await call('/v1/templates')).status).toBe(401);
    expect((await call('/v1/templates', { method: 'POST', body: JSON.stringify(draft()) })).status).toBe(401);
    expect(await count('templates')).toBe(before);
  });

  it('refuses a second template with the same name in the same language (409), not in another', async () => {
    expect((await as(admin, '/v1/templates', 'POST', draft({ name: 'Twice' }))).status).toBe(201);
    const again = await as(admin, '/v1/templates', 'POST', draft({ name: 'twice' }));
    expect(again.status).toBe(409);
    expect((await errorOf(again)).message).toBe('There is already a template named "twice" in en.');
    expect((await as(admin, '/v1/templates', 'POST', draft({ name: 'Twice', language: 'de' }))).status).toBe(201);
  });
});

describe('validation at save time', () => {
  it.each([
    [
      { body: 'Hi {{candidate.firstname}}' },
      /body: \{\{candidate\.firstname\}\} at character 4 is not a merge field\. Did you mean \{\{candidate\.first_name\}\}\?/,
    ],
    [{ body: 'Hi {{candidate.first_name' }, /never closed/],
    [{ body: 'Hi {{{candidate.first_name}}}' }, /brace too many/],
    [{ body: 'Hi {candidate.first_name}' }, /single braces/],
    [{ body: '   ' }, /the text is empty/],
    [{ body: 'x'.repeat(1601) }, /body/],
    [{ name: '' }, /name/],
    [{ language: 'english' }, /language/],
    [{ channels: [] }, /at least one channel/],
    [{ channels: ['sms', 'sms'] }, /each channel once/],
    [{ channels: ['fax'] }, /channels/],
    [{ whatsapp: { id: 'interview_invite', language: 'en', variables: [] } }, /needs the WhatsApp channel/],
    [{ channels: ['whatsapp'], whatsapp: { id: 'bad name!', language: 'en', variables: [] } }, /Meta template name or a Twilio Content SID/],
    [{ channels: ['whatsapp'], whatsapp: { id: 'interview_invite', language: 'en', variables: ['Ada'] } }, /must use a merge field/],
    [{ channels: ['whatsapp'], whatsapp: { id: 'interview_invite', language: 'en', variables: ['{{job.tittle}}'] } }, /Did you mean \{\{job\.title\}\}/],
  ])('refuses %j with 422 and a clear reason, writing nothing', async (overrides, reason) => {
    const before = await count('templates');
    const response = await as(admin, '/v1/templates', 'POST', draft({ name: `Invalid ${Math.random()}`, ...overrides }));
    expect(response.status).toBe(422);
    const error = await errorOf(response);
    expect(error.code).toBe('validation_failed');
    expect(error.message).toMatch(reason);
    expect(await count('templates')).toBe(before);
  });

  it('refuses an invalid edit and leaves the template as it was', async () => {
    const [reminder] = await list(admin, '?q=Interview%20reminder');
    const response = await as(admin, `/v1/templates/${reminder!.id}`, 'PUT', draft({ body: '{{interview.dat}}' }));
    expect(response.status).toBe(422);
    expect(await (await as(admin, `/v1/templates/${reminder!.id}`)).json()).toMatchObject({ body: reminder!.body, name: reminder!.name });
  });

  it('stores an approved WhatsApp twin with its ordered variables', async () => {
    const whatsapp = { id: `HX${'a'.repeat(32)}`, language: 'en', variables: ['{{candidate.first_name | "there"}}', '{{interview.date}} {{interview.time}}'] };
    const response = await as(admin, '/v1/templates', 'POST', draft({ name: 'Twilio invite', channels: ['whatsapp'], whatsapp }));
    expect(response.status).toBe(201);
    expect(await response.json()).toMatchObject({ whatsapp });
  });
});

describe('sending from a template', () => {
  const send = (body: unknown) => as(recruiter, `/v1/candidates/${ADA}/messages`, 'POST', body);
  let smsTemplate: Template;

  beforeAll(async () => {
    smsTemplate = (await (await as(admin, '/v1/templates', 'POST', draft({ name: 'For sending' }))).json()) as Template;
  });

  it("fills the fields with the candidate's, the recruiter's and the company's real values", async () => {
    const response = await send({ channel: 'sms', templateId: smsTemplate.id, body: smsTemplate.body });
    expect(response.status).toBe(201);
    const text = 'Hi Ada, Rita from Northwind Talent here.';
    expect(await response.json()).toMatchObject({ body: text });
    await outboxSettled();
    expect(await count('sandbox_traffic', `body = ? AND direction = 'to_phone'`, text)).toBe(1);
  });

  it("renders the recruiter's edit of the template, not the stored body", async () => {
    const response = await send({ channel: 'sms', templateId: smsTemplate.id, body: 'Quick one, {{candidate.first_name}}: still keen on {{job.title}}?' });
    expect(await response.json()).toMatchObject({ body: 'Quick one, Ada: still keen on Senior Backend Engineer?' });
  });

  it('refuses 422 template_incomplete when a field has no value, and sends nothing', async () => {
    await outboxSettled(); // earlier sends are delivered after their answers: not counted as this one's
    const [messages, traffic] = [await count('messages'), await count('sandbox_traffic')];
    const response = await send({ channel: 'sms', templateId: smsTemplate.id, body: 'See you on {{interview.date}}, {{candidate.first_name}}' });
    expect(response.status).toBe(422);
    const error = await errorOf(response);
    expect(error.code).toBe('template_incomplete');
    expect(error.message).toMatch(/\{\{interview\.date\}\} has no value here and no fallback/);
    expect([await count('messages'), await count('sandbox_traffic')]).toEqual([messages, traffic]);
  });

  it('refuses a template that is not for the channel', async () => {
    const response = await as(recruiter, `/v1/candidates/${ADA}/messages`, 'POST', { channel: 'whatsapp', templateId: smsTemplate.id, body: smsTemplate.body });
    expect(response.status).toBe(422);
    expect((await errorOf(response)).message).toBe('The template "Quick hello" is not for WhatsApp.'.replace('Quick hello', 'For sending'));
  });

  it('sends text without a templateId verbatim, braces and all', async () => {
    const response = await send({ channel: 'sms', body: 'Literally {{candidate.first_name}}' });
    expect(await response.json()).toMatchObject({ body: 'Literally {{candidate.first_name}}' });
  });

  it('refuses 422 a WhatsApp template the client names without templateId, storing and sending nothing', async () => {
    await outboxSettled(); // the earlier tests' sends reach the sandbox first
    await outboxSettled(); // earlier sends are delivered after their answers: not counted as this one's
    const [messages, traffic] = [await count('messages'), await count('sandbox_traffic')];
    for (const channel of ['whatsapp', 'sms']) {
      const response = await send({
        channel,
        body: 'Your interview is confirmed',
        whatsappTemplate: { id: 'HX0123456789abcdef0123456789abcdef', language: 'en', variables: ['anything at all'] },
      });
      expect(response.status).toBe(422);
      expect(await errorOf(response)).toMatchObject({
        code: 'validation_failed',
        message: 'A WhatsApp template is sent by choosing one of your templates (templateId), not by naming it.',
      });
    }
    await outboxSettled();
    expect([await count('messages'), await count('sandbox_traffic')]).toEqual([messages, traffic]);
  });

  it('never re-expands a placeholder that arrives in a value', async () => {
    await env.DB.prepare(`UPDATE candidates SET name = '{{company.name}} Lovelace' WHERE id = ?`).bind(ADA).run();
    const response = await send({ channel: 'sms', templateId: smsTemplate.id, body: '{{candidate.first_name}}!' });
    expect(await response.json()).toMatchObject({ body: '{{company.name}}!' });
    await env.DB.prepare(`UPDATE candidates SET name = 'Ada Lovelace' WHERE id = ?`).bind(ADA).run();
  });
});

describe('the approved WhatsApp template on a send', () => {
  const rita: SessionUser = {
    sessionId: 's',
    userId: DEMO.recruiter.id,
    tenantId: DEMO.tenantId,
    tenantName: DEMO.tenantName,
    email: DEMO.recruiter.email,
    name: DEMO.recruiter.name,
    role: 'recruiter',
    hasSeat: true,
  };
  let template: Template;

  beforeAll(async () => {
    const whatsapp = { id: 'application_update', language: 'en_US', variables: ['{{candidate.first_name}}', '{{job.title | "your application"}}'] };
    const body = 'Hi {{candidate.first_name}}, news about {{job.title}}.';
    template = (await (
      await as(admin, '/v1/templates', 'POST', draft({ name: 'Approved', channels: ['sms', 'whatsapp'], body, whatsapp }))
    ).json()) as Template;
  });

  it('goes with the provider name, language and variables in order when left unedited', async () => {
    const ada = (await findCandidate(env.DB, DEMO.tenantId, ADA))!;
    const send = await renderTemplatedSend(env.DB, rita, ada, { channel: 'whatsapp', templateId: template.id, body: template.body });
    expect(send).toMatchObject({
      body: 'Hi Ada, news about Senior Backend Engineer.',
      whatsappTemplate: { id: 'application_update', language: 'en_US', variables: ['Ada', 'Senior Backend Engineer'] },
    });
  });

  it('becomes free text once edited, and ignores a template the client claims', async () => {
    const ada = (await findCandidate(env.DB, DEMO.tenantId, ADA))!;
    const claimed = { id: 'other', language: 'en', variables: ['x'] };
    const send = await renderTemplatedSend(env.DB, rita, ada, {
      channel: 'whatsapp',
      templateId: template.id,
      body: 'Hi {{candidate.first_name}}!',
      whatsappTemplate: claimed,
    });
    expect(send).toEqual({ channel: 'whatsapp', templateId: template.id, body: 'Hi Ada!' });
  });

  it('is not attached on SMS', async () => {
    const ada = (await findCandidate(env.DB, DEMO.tenantId, ADA))!;
    const send = await renderTemplatedSend(env.DB, rita, ada, { channel: 'sms', templateId: template.id, body: template.body });
    expect(send.whatsappTemplate).toBeUndefined();
  });
});

describe('tenant scope', () => {
  let eveAdmin: string;
  let demoTemplate: Template;

  beforeAll(async () => {
    await seedOtherTenant();
    // An admin with a seat, so only the tenant boundary can refuse what follows.
    await env.DB.prepare(`UPDATE users SET role = 'admin', has_seat = 1 WHERE id = 'usr_other'`).run();
    eveAdmin = await signIn('eve@other.test');
    [demoTemplate] = (await list(admin)) as [Template];
  });

  it("never shows, changes or sends another tenant's template, whatever id is sent", async () => {
    expect(await list(eveAdmin)).toEqual([]);
    expect((await as(eveAdmin, `/v1/templates/${demoTemplate.id}`)).status).toBe(404);
    expect((await as(eveAdmin, `/v1/templates/${demoTemplate.id}`, 'PUT', draft())).status).toBe(404);
    expect((await as(eveAdmin, `/v1/templates/${demoTemplate.id}`, 'DELETE')).status).toBe(404);
    const send = await as(eveAdmin, `/v1/candidates/cand_other/messages`, 'POST', {
      channel: 'sms',
      templateId: demoTemplate.id,
      body: 'Hi {{candidate.first_name}}',
    });
    expect(send.status).toBe(404);
    expect(await (await as(admin, `/v1/templates/${demoTemplate.id}`)).json()).toEqual(demoTemplate);
  });

  it("gives a new tenant the defaults without touching anyone else's, and again changes nothing", async () => {
    const demoCount = await count('templates', 'tenant_id = ?', DEMO.tenantId);
    await provisionDefaultTemplates(env.DB, 'ten_other', clock.now().toISOString());
    const mine = await list(eveAdmin);
    expect(mine).toHaveLength(TemplatePurpose.options.length * DEFAULT_TEMPLATE_LANGUAGES.length);
    const [first] = mine as [Template];
    await as(eveAdmin, `/v1/templates/${first.id}`, 'PUT', draft({ name: first.name, language: first.language, body: 'Edited by Eve' }));
    await provisionDefaultTemplates(env.DB, 'ten_other', clock.now().toISOString());
    expect(await list(eveAdmin)).toHaveLength(TemplatePurpose.options.length * DEFAULT_TEMPLATE_LANGUAGES.length);
    expect(await (await as(eveAdmin, `/v1/templates/${first.id}`)).json()).toMatchObject({ body: 'Edited by Eve' });
    expect(await count('templates', 'tenant_id = ?', DEMO.tenantId)).toBe(demoCount);
  });
});
