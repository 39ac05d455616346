/**
 * Real objects for the authorization matrix to act on — templates, interviews and their reminders,
 * messages that failed or are held, integrations, sending numbers, ATS webhooks, invited users —
 * made through the API as the tenant's admin (messages by SQL: no route makes a failed or held one
 * on demand). Each call makes a new one, because the call under test may delete or move it.
 * @module
 */
import type { MatrixFixtures } from './route-policy.ts';
import { siteProfileSample, uniqueSiteHost } from './site-profile-sample.ts';
import { clock, fromNow } from './support.ts';

export type FixtureTenant = {
  fetch(request: Request): Promise<Response>;
  db: D1Database;
  tenantId: string;
  /** A new session of an admin of that tenant (admins may make every kind of object); new per call, as the matrix signs users out. */
  adminToken(): Promise<string>;
  /** A candidate with a phone number and SMS consent for it. */
  candidateId: string;
  /** The candidate's number and the tenant's SMS number and integration, for the messages made by SQL. */
  candidatePhone: string;
  sendingPhone: string;
  integrationId: string;
};

const DAY_MS = 86_400_000;
/** Interviews a week or more ahead, a day apart: never in the past and never clashing in the interviewer's calendar. */
let interviewDay = 7;
let numberCount = 0;

export function createFixtures(t: FixtureTenant): MatrixFixtures {
  async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
    const headers = new Headers({ Authorization: `Bearer ${await t.adminToken()}` });
    if (body !== undefined) headers.set('Content-Type', 'application/json');
    const response = await t.fetch(
      new Request(new URL(path, 'http://parley.test'), { method, headers, body: body === undefined ? undefined : JSON.stringify(body) }),
    );
    const text = await response.text();
    if (!response.ok) throw new Error(`fixture ${method} ${path} → ${response.status}: ${text.slice(0, 300)}`);
    return JSON.parse(text) as T;
  }

  async function conversationId(): Promise<string> {
    const now = clock.now().toISOString();
    await t.db
      .prepare(`INSERT OR IGNORE INTO conversations (id, tenant_id, candidate_id, channel, created_at) VALUES (?, ?, ?, 'sms', ?)`)
      .bind(`conv_matrix_${t.tenantId}`, t.tenantId, t.candidateId, now)
      .run();
    const row = await t.db
      .prepare(`SELECT id FROM conversations WHERE tenant_id = ? AND candidate_id = ? AND channel = 'sms'`)
      .bind(t.tenantId, t.candidateId)
      .first<{ id: string }>();
    if (!row) throw new Error('fixture: no conversation');
    return row.id;
  }

  async function message(status: 'failed' | 'scheduled'): Promise<string> {
    const id = `msg_matrix_${crypto.randomUUID().slice(0, 12)}`;
    const now = clock.now().toISOString();
    const sendAt = status === 'scheduled' ? fromNow(8 * 3_600_000).toISOString() : null;
    await t.db
      .prepare(
        `INSERT INTO messages (id, tenant_id, conversation_id, direction, body, status, sender_user_id, integration_id, from_number, to_number, created_at, updated_at, send_at)
         VALUES (?, ?, ?, 'outbound', 'Matrix message', ?, (SELECT id FROM users WHERE tenant_id = ? AND role = 'admin' LIMIT 1), ?, ?, ?, ?, ?, ?)`,
      )
      .bind(id, t.tenantId, await conversationId(), status, t.tenantId, t.integrationId, t.sendingPhone, t.candidatePhone, now, now, sendAt)
      .run();
    // A failed send has its settled outbox row: a retry moves that row back to pending.
    if (status === 'failed')
      await t.db
        .prepare(`INSERT INTO outbox (message_id, tenant_id, state, attempts, last_error, created_at, updated_at) VALUES (?, ?, 'failed', 3, 'matrix', ?, ?)`)
        .bind(id, t.tenantId, now, now)
        .run();
    return id;
  }

  return {
    async template() {
      const created = await api<{ id: string }>('POST', '/v1/templates', {
        name: `Matrix ${crypto.randomUUID().slice(0, 8)}`,
        language: 'en',
        channels: ['sms'],
        body: 'Hello {{candidate.first_name}}',
      });
      return created.id;
    },
    async interview() {
      const startsAt = new Date(Math.ceil(fromNow(interviewDay++ * DAY_MS).getTime() / 3_600_000) * 3_600_000).toISOString();
      const created = await api<{ id: string; reminders: { id: string }[] }>('POST', '/v1/interviews', {
        candidateId: t.candidateId,
        title: 'Matrix interview',
        channel: 'sms',
        time: { kind: 'fixed', startsAt, durationMinutes: 30 },
      });
      const reminderId = created.reminders[0]?.id;
      if (!reminderId) throw new Error('fixture: the interview has no reminder (default reminders missing?)');
      return { interviewId: created.id, reminderId };
    },
    failedMessage: () => message('failed'),
    heldMessage: () => message('scheduled'),
    async conversation() {
      await conversationId();
    },
    async integration() {
      return (await api<{ id: string }>('POST', '/v1/integrations', { provider: 'sandbox', name: 'Matrix sandbox' })).id;
    },
    async sendingNumber() {
      // A country code of its own per call (X?, Y?, Z? are no real country): each (channel, country) holds one number.
      const n = numberCount++;
      const number = await api<{ id: string }>('PUT', '/v1/sending-numbers', {
        integrationId: t.integrationId,
        channel: 'whatsapp',
        country: `${'XYZ'[Math.floor(n / 26) % 3]}${String.fromCharCode(65 + (n % 26))}`,
        phoneNumber: `+1415555${String(7000 + n).padStart(4, '0')}`,
      });
      return number.id;
    },
    async atsIntegration() {
      const created = await api<{ id: string }>('POST', '/v1/ats-integrations', {
        name: 'Matrix ATS',
        format: 'generic',
        consentMapping: { sms: { question: 'May we text you?' } },
      });
      return created.id;
    },
    async siteProfile() {
      return (await api<{ id: string }>('POST', '/v1/site-profiles', siteProfileSample(uniqueSiteHost()))).id;
    },
    async invitee() {
      const created = await api<{ id: string }>('POST', '/v1/users', {
        email: `invitee-${crypto.randomUUID().slice(0, 8)}@matrix.test`,
        name: 'Matrix Invitee',
        role: 'recruiter',
      });
      return created.id;
    },
  };
}
