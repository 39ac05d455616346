/**
 * Outside the WhatsApp 24-hour window a template with an approved twin still goes out: the
 * provider receives the approved name, language and the variables filled with real values.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Template } from '../../shared/api/templates.ts';
import { connectMeta, metaNumber, type MetaNumber } from '../../test/worker/providers.ts';
import { authed, call, count, DEMO, demoContext, env, outboxSettled, seedDemo, signIn, clock } from '../../test/worker/support.ts';

let recruiter: string;
let meta: MetaNumber;
let candidateId: string;
let template: Template;

beforeAll(async () => {
  await seedDemo();
  const admin = await signIn(DEMO.admin.email);
  recruiter = await signIn(DEMO.recruiter.email);
  meta = await metaNumber();
  await connectMeta(meta, [{ country: 'US', phoneNumber: '+14155550100' }]);
  candidateId = (
    (await (await call('/v1/candidates', authed(recruiter, 'PUT', demoContext('c-tw1', 'Grace Hopper', '+1 415 555 0131')))).json()) as { id: string }
  ).id;
  await env.DB.prepare(
    `INSERT INTO consents (tenant_id, candidate_id, channel, state, source, updated_at) VALUES (?, ?, 'whatsapp', 'granted', 'admin_import', ?)`,
  )
    .bind(DEMO.tenantId, candidateId, clock.now().toISOString())
    .run();
  const created = await call(
    '/v1/templates',
    authed(admin, 'POST', {
      name: 'Interview invite (approved)',
      language: 'en',
      channels: ['whatsapp'],
      body: 'Hi {{candidate.first_name}}, we would like to invite you to interview for {{job.title}}.',
      whatsapp: { id: 'interview_invite', language: 'en_GB', variables: ['{{candidate.first_name}}', '{{job.title | "the role"}}'] },
    }),
  );
  template = (await created.json()) as Template;
});

const send = (body: unknown) => call(`/v1/candidates/${candidateId}/messages`, authed(recruiter, 'POST', body));

describe('an approved WhatsApp template outside the window', () => {
  it('is sent as the approved template with its variables in order', async () => {
    const response = await send({ channel: 'whatsapp', templateId: template.id, body: template.body });
    expect(response.status).toBe(201);
    expect(await response.json()).toMatchObject({ body: 'Hi Grace, we would like to invite you to interview for Senior Backend Engineer.' });
    await outboxSettled();
    const [request] = (await meta.requests()).filter((r) => r.method === 'POST');
    expect(JSON.parse(request!.body)).toMatchObject({
      to: '+14155550131',
      type: 'template',
      template: {
        name: 'interview_invite',
        language: { code: 'en_GB' },
        components: [
          {
            type: 'body',
            parameters: [
              { type: 'text', text: 'Grace' },
              { type: 'text', text: 'Senior Backend Engineer' },
            ],
          },
        ],
      },
    });
  });

  it('edited, it is free text, which the closed window refuses', async () => {
    const before = await count('messages');
    const response = await send({ channel: 'whatsapp', templateId: template.id, body: 'Hi {{candidate.first_name}}, quick question.' });
    expect(response.status).toBe(409);
    expect(await response.json()).toMatchObject({ error: { code: 'whatsapp_window_closed' } });
    expect(await count('messages')).toBe(before);
  });
});
