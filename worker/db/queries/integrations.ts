import type { Channel } from '../../../shared/api/channels.ts';
import type { Integration } from '../../providers/port.ts';
import { type Query, query, runQuery } from './together.ts';

/** An integration as stored: credentials still sealed (worker/services/integrations.ts opens them). */
export type IntegrationRecord = Omit<Integration, 'credentials'> & {
  name: string;
  enabled: boolean;
  sealedCredentials: string | null;
  createdAt: string;
};

type IntegrationRow = {
  id: string;
  tenant_id: string;
  provider: string;
  name: string;
  config: string;
  credentials: string | null;
  enabled: number;
  created_at: string;
};

const COLUMNS = 'i.id, i.tenant_id, i.provider, i.name, i.config, i.credentials, i.enabled, i.created_at';

const toRecord = (row: IntegrationRow): IntegrationRecord => ({
  id: row.id,
  tenantId: row.tenant_id,
  provider: row.provider,
  name: row.name,
  config: JSON.parse(row.config) as Record<string, unknown>,
  sealedCredentials: row.credentials,
  enabled: row.enabled === 1,
  createdAt: row.created_at,
});

/** Webhooks arrive before any tenant is known: the integration id in the URL tells it. */
export async function findEnabledIntegration(db: D1Database, integrationId: string, provider: string) {
  const row = await db
    .prepare(`SELECT ${COLUMNS} FROM integrations i WHERE i.id = ? AND i.provider = ? AND i.enabled = 1`)
    .bind(integrationId, provider)
    .first<IntegrationRow>();
  return row ? toRecord(row) : null;
}

export function integrationQuery(db: D1Database, tenantId: string, integrationId: string): Query<IntegrationRecord | null> {
  return query(db.prepare(`SELECT ${COLUMNS} FROM integrations i WHERE i.id = ? AND i.tenant_id = ?`).bind(integrationId, tenantId), (rows) =>
    rows[0] ? toRecord(rows[0] as IntegrationRow) : null,
  );
}

export const findIntegration = (db: D1Database, tenantId: string, integrationId: string) => runQuery(db, integrationQuery(db, tenantId, integrationId));

export async function listIntegrations(db: D1Database, tenantId: string) {
  const { results } = await db
    .prepare(`SELECT ${COLUMNS} FROM integrations i WHERE i.tenant_id = ? ORDER BY i.created_at, i.id`)
    .bind(tenantId)
    .all<IntegrationRow>();
  return results.map(toRecord);
}

export function insertIntegration(
  db: D1Database,
  row: { id: string; tenantId: string; provider: string; name: string; config: Record<string, unknown>; sealedCredentials: string | null; createdAt: string },
) {
  return db
    .prepare(`INSERT INTO integrations (id, tenant_id, provider, name, config, credentials, enabled, created_at) VALUES (?, ?, ?, ?, ?, ?, 1, ?)`)
    .bind(row.id, row.tenantId, row.provider, row.name, JSON.stringify(row.config), row.sealedCredentials, row.createdAt)
    .run();
}

export function disableIntegration(db: D1Database, tenantId: string, integrationId: string) {
  return db.prepare(`UPDATE integrations SET enabled = 0 WHERE id = ? AND tenant_id = ?`).bind(integrationId, tenantId).run();
}

export type SendingNumber = { phoneNumber: string; country: string; isDefault: boolean; integration: IntegrationRecord };

/** The number for the candidate's country on this channel, else the tenant's default for it. */
export function sendingNumberQuery(db: D1Database, tenantId: string, channel: Channel, country: string | null): Query<SendingNumber | null> {
  return query(
    db
      .prepare(
        `SELECT n.phone_number, n.country, n.is_default, ${COLUMNS}
           FROM sending_numbers n JOIN integrations i ON i.id = n.integration_id AND i.enabled = 1
          WHERE n.tenant_id = ?1 AND n.channel = ?2 AND (n.country = ?3 OR n.is_default = 1)
          ORDER BY n.country = ?3 DESC
          LIMIT 1`,
      )
      .bind(tenantId, channel, country ?? ''),
    (rows) => {
      const row = rows[0] as (IntegrationRow & { phone_number: string; country: string; is_default: number }) | undefined;
      return row ? { phoneNumber: row.phone_number, country: row.country, isDefault: row.is_default === 1, integration: toRecord(row) } : null;
    },
  );
}

export type SendingNumberRow = {
  id: string;
  integration_id: string;
  channel: Channel;
  country: string;
  phone_number: string;
  is_default: number;
  /** The number's own rate; null: its provider's default for the number type. */
  messages_per_second: number | null;
  provider: string;
};

export async function listSendingNumbers(db: D1Database, tenantId: string) {
  const { results } = await db
    .prepare(
      `SELECT n.id, n.integration_id, n.channel, n.country, n.phone_number, n.is_default, n.messages_per_second, i.provider
         FROM sending_numbers n JOIN integrations i ON i.id = n.integration_id
        WHERE n.tenant_id = ? ORDER BY n.channel, n.country`,
    )
    .bind(tenantId)
    .all<SendingNumberRow>();
  return results;
}

/**
 * Sets the number of one country and channel. Making it the default takes the flag from the
 * previous default in the same batch (one default per channel, enforced by a unique index).
 */
export function putSendingNumberStatements(
  db: D1Database,
  tenantId: string,
  n: {
    id: string;
    integrationId: string;
    channel: Channel;
    country: string;
    phoneNumber: string;
    isDefault?: boolean | undefined;
    /** Omitted: unchanged (a new number takes its provider's default); null: back to the default. */
    messagesPerSecond?: number | null | undefined;
  },
): D1PreparedStatement[] {
  const statements: D1PreparedStatement[] = [];
  if (n.isDefault) {
    statements.push(db.prepare(`UPDATE sending_numbers SET is_default = 0 WHERE tenant_id = ? AND channel = ? AND is_default = 1`).bind(tenantId, n.channel));
  }
  statements.push(
    db
      .prepare(
        `INSERT INTO sending_numbers (id, tenant_id, integration_id, channel, country, phone_number, is_default, messages_per_second)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, COALESCE(?7, 0), ?9)
         ON CONFLICT (tenant_id, channel, country) DO UPDATE SET
           integration_id = excluded.integration_id, phone_number = excluded.phone_number,
           is_default = COALESCE(?7, sending_numbers.is_default),
           messages_per_second = CASE WHEN ?8 = 1 THEN ?9 ELSE sending_numbers.messages_per_second END`,
      )
      .bind(
        n.id,
        tenantId,
        n.integrationId,
        n.channel,
        n.country,
        n.phoneNumber,
        n.isDefault === undefined ? null : n.isDefault ? 1 : 0,
        n.messagesPerSecond === undefined ? 0 : 1,
        n.messagesPerSecond ?? null,
      ),
  );
  return statements;
}

export function deleteSendingNumber(db: D1Database, tenantId: string, numberId: string) {
  return db.prepare(`DELETE FROM sending_numbers WHERE id = ? AND tenant_id = ?`).bind(numberId, tenantId).run();
}
