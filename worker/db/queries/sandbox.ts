/**
 * The sandbox's tables: what the simulated phones sent and received (`sandbox_traffic`), the
 * email outbox (`sandbox_emails`) and the bench's one-insert floor (`bench_floor`). Written only
 * on dev and test stacks (SANDBOX_ENABLED).
 * @module
 */
import type { Channel } from '../../../shared/api/channels.ts';

export type TrafficRow = {
  seq: number;
  integration_id: string;
  direction: 'to_phone' | 'from_phone';
  phone_number: string;
  parley_number: string;
  channel: Channel;
  body: string;
  created_at: string;
};

export type NewTraffic = {
  integrationId: string;
  providerMessageId: string;
  direction: TrafficRow['direction'];
  phoneNumber: string;
  parleyNumber: string;
  channel: Channel;
  body: string;
  at: string;
};

export async function insertTraffic(db: D1Database, t: NewTraffic): Promise<void> {
  await db
    .prepare(
      `INSERT INTO sandbox_traffic (integration_id, provider_message_id, direction, phone_number, parley_number, channel, body, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .bind(t.integrationId, t.providerMessageId, t.direction, t.phoneNumber, t.parleyNumber, t.channel, t.body, t.at)
    .run();
}

/** Every number the sandbox delivered to, most recent first. */
export async function sandboxPhones(db: D1Database): Promise<{ phone_number: string; count: number }[]> {
  const { results } = await db
    .prepare(
      `SELECT phone_number, MAX(seq) AS last, COUNT(*) AS count FROM sandbox_traffic
        GROUP BY phone_number ORDER BY last DESC LIMIT 200`,
    )
    .all<{ phone_number: string; count: number }>();
  return results;
}

/** One phone's thread, oldest first (the last 200). */
export async function trafficOf(db: D1Database, number: string): Promise<TrafficRow[]> {
  const { results } = await db.prepare(`SELECT * FROM sandbox_traffic WHERE phone_number = ? ORDER BY seq DESC LIMIT 200`).bind(number).all<TrafficRow>();
  return results.reverse();
}

/** The messages this phone showed that no receipt was sent for yet, marked as receipted. */
export async function takeUnreceipted(db: D1Database, number: string) {
  const { results } = await db
    .prepare(
      `UPDATE sandbox_traffic SET receipt_sent = 1 WHERE phone_number = ? AND direction = 'to_phone' AND receipt_sent = 0
       RETURNING integration_id, provider_message_id, channel`,
    )
    .bind(number)
    .all<{ integration_id: string; provider_message_id: string; channel: Channel }>();
  return results;
}

export type SandboxEmailRow = { seq: number; to_address: string; subject: string; body: string; created_at: string };

export async function insertSandboxEmail(db: D1Database, email: { tenantId: string; to: string; subject: string; text: string; at: string }): Promise<void> {
  await db
    .prepare(`INSERT INTO sandbox_emails (tenant_id, to_address, subject, body, created_at) VALUES (?, ?, ?, ?, ?)`)
    .bind(email.tenantId, email.to, email.subject, email.text, email.at)
    .run();
}

/** The last 50 emails, to one address (case-insensitive) or to anyone. */
export async function sandboxEmails(db: D1Database, to: string | undefined): Promise<SandboxEmailRow[]> {
  const { results } = await (to
    ? db.prepare(`SELECT * FROM sandbox_emails WHERE to_address = ? COLLATE NOCASE ORDER BY seq DESC LIMIT 50`).bind(to)
    : db.prepare(`SELECT * FROM sandbox_emails ORDER BY seq DESC LIMIT 50`)
  ).all<SandboxEmailRow>();
  return results;
}

export async function insertBenchFloor(db: D1Database, payload: string, at: string): Promise<void> {
  await db.prepare(`INSERT INTO bench_floor (payload, created_at) VALUES (?, ?)`).bind(payload, at).run();
}

/**
 * What the reminders bench checks: reminders sent and still due (unclaimed), and what the sandbox phones
 * received with the bench's wording — every reminder once, none twice (distinct numbers).
 */
export function reminderBenchCounts(db: D1Database, bodyPrefix: string, now: string) {
  return db
    .prepare(
      `SELECT (SELECT COUNT(*) FROM interview_reminders WHERE state = 'sent') AS sent,
              (SELECT COUNT(*) FROM interview_reminders WHERE state = 'pending' AND due_at <= ?2) AS due,
              (SELECT COUNT(*) FROM sandbox_traffic WHERE direction = 'to_phone' AND body LIKE ?1 || '%') AS delivered,
              (SELECT COUNT(DISTINCT phone_number) FROM sandbox_traffic WHERE direction = 'to_phone' AND body LIKE ?1 || '%') AS phones`,
    )
    .bind(bodyPrefix, now)
    .first<{ sent: number; due: number; delivered: number; phones: number }>();
}
