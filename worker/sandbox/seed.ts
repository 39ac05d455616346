/**
 * The demo tenant: an admin and a recruiter, a sandbox integration with sending numbers for the
 * US, GB and DE, and the demo ATS's candidates — Ada Lovelace with SMS consent, the rest without.
 * `npm start` loads it into the local D1 when the database is empty; worker tests load the same.
 * @module
 */
import { DEMO_ATS_ID, demoCandidates, demoJobs } from './demo-data.ts';
import { DEFAULT_OPT_IN } from '../../shared/domain/consent.ts';
import { normalisePhone } from '../../shared/domain/phone.ts';
import { hashPassword } from '../lib/crypto.ts';
import { defaultTemplateStatements } from '../services/default-templates.ts';
import { type SqlStatement, toSqlScript } from '../db/queries/sql.ts';
import { DEFAULT_INTERVIEW_SETTINGS } from '../../shared/domain/interviews.ts';
import { interviewSettingsSql } from '../db/queries/interviews.ts';
import { priceChangeSql } from '../db/queries/usage.ts';
import type { UsagePrice } from '../../shared/api/usage.ts';

export const DEMO = {
  tenantId: 'ten_demo',
  tenantName: 'Northwind Talent',
  /** Purchased seats: the admin and the recruiter hold two, one is free to give. */
  seatCount: 3,
  admin: { id: 'usr_demo_admin', email: 'admin@northwind.test', name: 'Avery Admin' },
  recruiter: { id: 'usr_demo_recruiter', email: 'rita@northwind.test', name: 'Rita Ortiz' },
  /** A second recruiter, without a seat: reads the team's conversations, cannot send. */
  teammate: { id: 'usr_demo_teammate', email: 'jana@northwind.test', name: 'Jana Köhler' },
  /** Local demo only: printed by `npm start`, never used outside the sandbox. */
  password: 'parley-demo',
  integrationId: 'int_demo_sandbox',
  /** The sandbox integration's webhook secret, known to the bench so it can sign like the phone. */
  sandboxWebhookSecret: 'demo-sandbox-webhook-secret-0001',
  numbers: [
    { country: 'US', phone: '+14155550100', isDefault: true },
    { country: 'GB', phone: '+442079460000', isDefault: false },
    { country: 'DE', phone: '+4930901820', isDefault: false },
  ],
  /** The one demo candidate who consented to SMS. */
  consentedCandidate: 'c-1001',
} as const;

export async function demoSeedStatements(at: Date): Promise<SqlStatement[]> {
  const now = at.toISOString();
  const passwordHash = await hashPassword(DEMO.password);
  const statements: SqlStatement[] = [
    {
      sql: `INSERT INTO tenants (id, name, seat_count, created_at) VALUES (?, ?, ?, ?)`,
      params: [DEMO.tenantId, DEMO.tenantName, DEMO.seatCount, now],
    },
  ];
  for (const [user, role] of [
    [DEMO.admin, 'admin'],
    [DEMO.recruiter, 'recruiter'],
  ] as const) {
    statements.push({
      // Both demo users hold a seat, so the demo can send from the first sign-in.
      sql: `INSERT INTO users (id, tenant_id, email, name, role, password_hash, has_seat, created_at) VALUES (?, ?, ?, ?, ?, ?, 1, ?)`,
      params: [user.id, DEMO.tenantId, user.email, user.name, role, passwordHash, now],
    });
  }
  statements.push({
    sql: `INSERT INTO users (id, tenant_id, email, name, role, password_hash, has_seat, created_at) VALUES (?, ?, ?, ?, 'recruiter', ?, 0, ?)`,
    params: [DEMO.teammate.id, DEMO.tenantId, DEMO.teammate.email, DEMO.teammate.name, passwordHash, now],
  });
  statements.push({
    sql: `INSERT INTO integrations (id, tenant_id, provider, name, config, created_at) VALUES (?, ?, 'sandbox', 'Sandbox', ?, ?)`,
    params: [DEMO.integrationId, DEMO.tenantId, JSON.stringify({ webhookSecret: DEMO.sandboxWebhookSecret }), now],
  });
  for (const channel of ['sms', 'whatsapp'] as const) {
    for (const n of DEMO.numbers) {
      statements.push({
        sql: `INSERT INTO sending_numbers (id, tenant_id, integration_id, channel, country, phone_number, is_default)
              VALUES (?, ?, ?, ?, ?, ?, ?)`,
        params: [`num_demo_${channel}_${n.country}`, DEMO.tenantId, DEMO.integrationId, channel, n.country, n.phone, n.isDefault ? 1 : 0],
      });
    }
  }
  for (const candidate of demoCandidates) {
    const job = demoJobs.find((j) => j.id === candidate.jobId);
    const phone = candidate.phone ? normalisePhone(candidate.phone) : null;
    const id = `cand_demo_${candidate.id.replace('-', '')}`;
    statements.push({
      sql: `INSERT INTO candidates (id, tenant_id, ats, ats_candidate_id, name, phone, phone_country, email, job_title,
                                    language, created_at, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      params: [
        id,
        DEMO.tenantId,
        DEMO_ATS_ID,
        candidate.id,
        candidate.name,
        phone?.e164 ?? null,
        phone?.country ?? null,
        candidate.email,
        job?.title ?? null,
        job?.language ?? 'en',
        now,
        now,
      ],
    });
    if (candidate.id === DEMO.consentedCandidate) {
      statements.push({
        sql: `INSERT INTO consents (tenant_id, candidate_id, channel, state, source, updated_at) VALUES (?, ?, 'sms', 'granted', 'admin_import', ?)`,
        params: [DEMO.tenantId, id, now],
      });
    }
  }
  statements.push(...defaultTemplateStatements(DEMO.tenantId, now));
  // The default reminders (24 h and 1 h before) as an admin would have saved them: Options shows them.
  statements.push(interviewSettingsSql(DEMO.tenantId, JSON.stringify(DEFAULT_INTERVIEW_SETTINGS.defaultReminders), now));
  // No quiet hours in the demo tenant: its candidates live from California to Berlin, so at any
  // hour someone's night would hold the demo's (and every test's) messages. An admin turns them
  // on in Options → Compliance; worker/services/quiet-hours.test.ts does, with a fixed clock.
  statements.push({
    sql: `INSERT INTO compliance_settings (tenant_id, country, opt_in, quiet_start, quiet_end, updated_at) VALUES (?, '*', ?, '00:00', '00:00', ?)`,
    params: [DEMO.tenantId, DEFAULT_OPT_IN, now],
  });
  // Usage reports estimate cost from these until an admin sets the tenant's own: the Usage page
  // labels them as examples (is_example).
  statements.push(...priceChangeSql(DEMO.tenantId, EXAMPLE_PRICES, [], now, true));
  return statements;
}

/** Example prices in USD millionths per unit, in the shape of public SMS and WhatsApp price lists. */
const EXAMPLE_PRICES: UsagePrice[] = [
  { country: '*', channel: 'sms', direction: 'outbound', category: 'standard', priceMicros: 50_000 },
  { country: '*', channel: 'sms', direction: 'inbound', category: 'standard', priceMicros: 8_300 },
  { country: 'US', channel: 'sms', direction: 'outbound', category: 'standard', priceMicros: 8_300 },
  { country: 'GB', channel: 'sms', direction: 'outbound', category: 'standard', priceMicros: 40_000 },
  { country: 'DE', channel: 'sms', direction: 'outbound', category: 'standard', priceMicros: 90_000 },
  { country: '*', channel: 'whatsapp', direction: 'outbound', category: 'template', priceMicros: 30_000 },
  { country: '*', channel: 'whatsapp', direction: 'outbound', category: 'service', priceMicros: 0 },
  { country: '*', channel: 'whatsapp', direction: 'inbound', category: 'standard', priceMicros: 0 },
];

const HOUR_MS = 3_600_000;

/**
 * `npm start`'s demo thread with Ada, stamped relative to the moment it is seeded, so the demo
 * looks the same on any day: an SMS exchange yesterday, and her WhatsApp message two hours ago,
 * which keeps WhatsApp's 24-hour window open for free text (she consented to both channels).
 */
export function demoConversationStatements(at: Date): SqlStatement[] {
  const ago = (hours: number) => new Date(at.getTime() - hours * HOUR_MS).toISOString();
  const candidateId = `cand_demo_${DEMO.consentedCandidate.replace('-', '')}`;
  const ada = normalisePhone(demoCandidates.find((candidate) => candidate.id === DEMO.consentedCandidate)?.phone ?? '')?.e164;
  if (!ada) throw new Error(`the demo candidate ${DEMO.consentedCandidate} has no valid phone number`);
  const parley = DEMO.numbers.find((number) => number.isDefault)!.phone;
  const thread = [
    {
      id: 'msg_demo_1',
      channel: 'sms',
      direction: 'outbound',
      hoursAgo: 26,
      body: `Hi Ada, this is Rita from ${DEMO.tenantName} about the Senior Backend Engineer role. Could we set up a first call this week?`,
    },
    {
      id: 'msg_demo_2',
      channel: 'sms',
      direction: 'inbound',
      hoursAgo: 25,
      body: 'Hi Rita! Happy to. Could we continue on WhatsApp? Easier for me while I am travelling.',
    },
    {
      id: 'msg_demo_3',
      channel: 'whatsapp',
      direction: 'inbound',
      hoursAgo: 2,
      body: 'Hi Rita, Ada here on WhatsApp. Thursday or Friday morning works for me.',
    },
  ] as const;
  return [
    {
      sql: `INSERT INTO consents (tenant_id, candidate_id, channel, state, source, updated_at) VALUES (?, ?, 'whatsapp', 'granted', 'admin_import', ?)`,
      params: [DEMO.tenantId, candidateId, ago(26)],
    },
    ...(['sms', 'whatsapp'] as const).map((channel) => ({
      sql: `INSERT INTO conversations (id, tenant_id, candidate_id, channel, created_at) VALUES (?, ?, ?, ?, ?)`,
      params: [`conv_demo_${channel}`, DEMO.tenantId, candidateId, channel, ago(26)],
    })),
    ...thread.map((message) => {
      const outbound = message.direction === 'outbound';
      return {
        sql: `INSERT INTO messages (id, tenant_id, conversation_id, direction, body, status, sender_user_id, integration_id,
                                    from_number, to_number, provider_message_id, created_at, updated_at)
              VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        params: [
          message.id,
          DEMO.tenantId,
          `conv_demo_${message.channel}`,
          message.direction,
          message.body,
          outbound ? 'delivered' : 'received',
          outbound ? DEMO.recruiter.id : null,
          DEMO.integrationId,
          outbound ? parley : ada,
          outbound ? ada : parley,
          `sbx_${message.id}`,
          ago(message.hoursAgo),
          ago(message.hoursAgo),
        ],
      };
    }),
  ];
}

/** The demo tenant (and, for `npm start`, Ada's thread) as one script for `wrangler d1 execute --file`. */
export async function demoSeedScript(now: Date, { conversation = false } = {}): Promise<string> {
  return toSqlScript([...(await demoSeedStatements(now)), ...(conversation ? demoConversationStatements(now) : [])]);
}
