/**
 * ATS integrations (application webhooks) and the events they applied. Every query an admin
 * reaches filters by tenant_id; the webhook finds its integration by the id in its URL alone,
 * before any tenant is known, and everything after that uses the integration's tenant.
 * @module
 */
import type { AtsWebhookFormat, ConsentQuestionMapping } from '../../../shared/api/ats-integrations.ts';

export type AtsIntegrationRecord = {
  id: string;
  tenantId: string;
  name: string;
  format: AtsWebhookFormat;
  sealedSecret: string;
  consentMapping: ConsentQuestionMapping;
  enabled: boolean;
  createdAt: string;
};

type AtsIntegrationRow = {
  id: string;
  tenant_id: string;
  name: string;
  format: AtsWebhookFormat;
  sealed_secret: string;
  consent_mapping: string;
  enabled: number;
  created_at: string;
};

const COLUMNS = 'id, tenant_id, name, format, sealed_secret, consent_mapping, enabled, created_at';

const toRecord = (row: AtsIntegrationRow): AtsIntegrationRecord => ({
  id: row.id,
  tenantId: row.tenant_id,
  name: row.name,
  format: row.format,
  sealedSecret: row.sealed_secret,
  consentMapping: JSON.parse(row.consent_mapping) as ConsentQuestionMapping,
  enabled: row.enabled === 1,
  createdAt: row.created_at,
});

/** The webhook's lookup: enabled integrations only, so a disabled one answers like an unknown one. */
export async function findEnabledAtsIntegration(db: D1Database, integrationId: string): Promise<AtsIntegrationRecord | null> {
  const row = await db.prepare(`SELECT ${COLUMNS} FROM ats_integrations WHERE id = ? AND enabled = 1`).bind(integrationId).first<AtsIntegrationRow>();
  return row ? toRecord(row) : null;
}

export async function findAtsIntegration(db: D1Database, tenantId: string, integrationId: string): Promise<AtsIntegrationRecord | null> {
  const row = await db
    .prepare(`SELECT ${COLUMNS} FROM ats_integrations WHERE id = ? AND tenant_id = ?`)
    .bind(integrationId, tenantId)
    .first<AtsIntegrationRow>();
  return row ? toRecord(row) : null;
}

export async function listAtsIntegrations(db: D1Database, tenantId: string): Promise<AtsIntegrationRecord[]> {
  const { results } = await db
    .prepare(`SELECT ${COLUMNS} FROM ats_integrations WHERE tenant_id = ? ORDER BY created_at, id`)
    .bind(tenantId)
    .all<AtsIntegrationRow>();
  return results.map(toRecord);
}

export function insertAtsIntegration(db: D1Database, record: Omit<AtsIntegrationRecord, 'enabled'>) {
  return db
    .prepare(
      `INSERT INTO ats_integrations (id, tenant_id, name, format, sealed_secret, consent_mapping, enabled, created_at, updated_at)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6, 1, ?7, ?7)`,
    )
    .bind(record.id, record.tenantId, record.name, record.format, record.sealedSecret, JSON.stringify(record.consentMapping), record.createdAt)
    .run();
}

export function updateAtsIntegration(
  db: D1Database,
  tenantId: string,
  integrationId: string,
  change: { name: string; consentMapping: ConsentQuestionMapping },
  now: string,
) {
  return db
    .prepare(`UPDATE ats_integrations SET name = ?, consent_mapping = ?, updated_at = ? WHERE id = ? AND tenant_id = ?`)
    .bind(change.name, JSON.stringify(change.consentMapping), now, integrationId, tenantId)
    .run();
}

export function disableAtsIntegration(db: D1Database, tenantId: string, integrationId: string, now: string) {
  return db.prepare(`UPDATE ats_integrations SET enabled = 0, updated_at = ? WHERE id = ? AND tenant_id = ?`).bind(now, integrationId, tenantId).run();
}

// ---- applied events ------------------------------------------------------------------------------
// `event_id` holds the event's idempotency key, one the signature covers (see Application in
// services/ats-webhooks.ts): the generic event's id, or `sha256:<hex>` of a Greenhouse body.

export async function atsEventSeen(db: D1Database, tenantId: string, integrationId: string, eventId: string): Promise<boolean> {
  const row = await db
    .prepare(`SELECT 1 AS seen FROM ats_webhook_events WHERE integration_id = ? AND event_id = ? AND tenant_id = ?`)
    .bind(integrationId, eventId, tenantId)
    .first<{ seen: number }>();
  return row !== null;
}

/**
 * A plain INSERT on purpose: in the batch with the event's consent changes, a second delivery of
 * the same event fails on the primary key and the whole batch — its changes too — rolls back.
 */
export function insertAtsEventStatement(
  db: D1Database,
  event: { integrationId: string; eventId: string; tenantId: string; candidateId: string; now: string },
): D1PreparedStatement {
  return db
    .prepare(`INSERT INTO ats_webhook_events (integration_id, event_id, tenant_id, candidate_id, received_at) VALUES (?, ?, ?, ?, ?)`)
    .bind(event.integrationId, event.eventId, event.tenantId, event.candidateId, event.now);
}
