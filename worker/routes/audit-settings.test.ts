import { beforeAll, describe, expect, it } from 'vitest';
import type { AuditEvent } from '../../shared/api/users.ts';
import { authed, call, DEMO, env, seedDemo, signIn } from '../../test/worker/support.ts';

let admin: string;

beforeAll(async () => {
  await seedDemo();
  admin = await signIn(DEMO.admin.email);
});

const as = async (method: string, path: string, body?: unknown) => {
  const init = authed(admin, method, body);
  const response = await call(path, { ...init, headers: { ...(init.headers as Record<string, string>), 'CF-Connecting-IP': '198.51.100.77' } });
  expect(response.status, `${method} ${path}: ${await response.clone().text()}`).toBeLessThan(300);
  return response.status === 204 ? null : ((await response.json()) as Record<string, unknown>);
};
const auditLog = async () => ((await (await call('/v1/audit-events', authed(admin))).json()) as { events: AuditEvent[] }).events;

describe("an admin's settings changes are in the audit log", () => {
  it('credentials, sending numbers, ATS consent mappings, templates, opt-in and quiet hours each write an event naming the admin, never a secret', async () => {
    const authToken = 'twilio-auth-token-that-must-never-be-logged';
    const integration = await as('POST', '/v1/integrations', {
      provider: 'twilio',
      name: 'Twilio audited',
      settings: { accountSid: `AC${'a'.repeat(32)}` },
      credentials: { authToken },
    });
    const number = await as('PUT', '/v1/sending-numbers', { integrationId: integration!.id, channel: 'sms', country: 'CA', phoneNumber: '+16045550100' });
    await as('DELETE', `/v1/sending-numbers/${number!.id}`);
    await as('POST', `/v1/integrations/${integration!.id}/disable`);

    const ats = await as('POST', '/v1/ats-integrations', {
      name: 'Audited ATS',
      format: 'generic',
      consentMapping: { sms: { question: 'Text you?' }, whatsapp: null },
    });
    await as('PATCH', `/v1/ats-integrations/${ats!.id}`, { consentMapping: { sms: { question: 'May we text you?' }, whatsapp: null } });
    await as('POST', `/v1/ats-integrations/${ats!.id}/disable`);

    const template = await as('POST', '/v1/templates', { name: 'Audited template', language: 'en', channels: ['sms'], body: 'Hi {{candidate.first_name}}' });
    await as('PUT', `/v1/templates/${template!.id}`, { name: 'Audited template', language: 'en', channels: ['sms'], body: 'Hello {{candidate.first_name}}' });
    await as('DELETE', `/v1/templates/${template!.id}`);

    await as('PUT', '/v1/compliance-settings', {
      defaultOptIn: 'single',
      defaultQuietHours: { start: '22:00', end: '07:00' },
      countries: [{ country: 'DE', optIn: 'double' }],
    });

    const events = (await auditLog()).filter((e) => e.actor?.email === DEMO.admin.email && !e.action.startsWith('sign_in'));
    expect(events.map((e) => e.action).reverse()).toEqual([
      'integration.created',
      'sending_number.saved',
      'sending_number.removed',
      'integration.disabled',
      'ats_integration.created',
      'ats_integration.updated',
      'ats_integration.disabled',
      'template.created',
      'template.updated',
      'template.deleted',
      'compliance.updated',
    ]);
    for (const event of events) expect(event.ip).toBe('198.51.100.77');
    const byAction = Object.fromEntries(events.map((e) => [e.action, e.detail]));
    expect(byAction['integration.created']).toBe(`twilio "Twilio audited" (${integration!.id}); credentials: authToken`);
    expect(byAction['sending_number.saved']).toContain('sms CA → +16045550100');
    expect(byAction['ats_integration.updated']).toContain('May we text you?');
    expect(byAction['template.deleted']).toBe(`"Audited template" (en, ${template!.id})`);
    expect(byAction['compliance.updated']).toContain('"defaultOptIn":"single"');
    const everything = JSON.stringify(events);
    expect(everything).not.toContain(authToken);
    expect(everything).not.toContain(String(ats!.secret));
  });
});

describe('the audit log is append-only', () => {
  it('the database refuses to change or delete an event', async () => {
    const before = await env.DB.prepare(`SELECT COUNT(*) AS n, MAX(seq) AS last FROM audit_events`).first<{ n: number; last: number }>();
    expect(before!.n).toBeGreaterThan(0);
    await expect(env.DB.prepare(`UPDATE audit_events SET detail = 'rewritten' WHERE seq = ?`).bind(before!.last).run()).rejects.toThrow(/append-only/);
    await expect(env.DB.prepare(`DELETE FROM audit_events WHERE seq = ?`).bind(before!.last).run()).rejects.toThrow(/append-only/);
    const after = await env.DB.prepare(`SELECT COUNT(*) AS n FROM audit_events WHERE detail = 'rewritten'`).first<{ n: number }>();
    expect(after!.n).toBe(0);
    expect((await env.DB.prepare(`SELECT COUNT(*) AS n FROM audit_events`).first<{ n: number }>())!.n).toBe(before!.n);
  });
});
