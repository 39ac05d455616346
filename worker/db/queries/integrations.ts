import type { Channel } from '../../../shared/api/channels.ts';
import type { Integration } from '../../channels/port.ts';

type IntegrationRow = { id: string; tenant_id: string; provider: string; config: string };

const toIntegration = (row: IntegrationRow): Integration => ({
  id: row.id,
  tenantId: row.tenant_id,
  provider: row.provider,
  config: JSON.parse(row.config) as Record<string, unknown>,
});

/** Webhooks arrive before any tenant is known: the integration id in the URL tells it. */
export async function findEnabledIntegration(db: D1Database, integrationId: string, provider: string) {
  const row = await db
    .prepare(`SELECT id, tenant_id, provider, config FROM integrations WHERE id = ? AND provider = ? AND enabled = 1`)
    .bind(integrationId, provider)
    .first<IntegrationRow>();
  return row ? toIntegration(row) : null;
}

export type SendingNumber = { phoneNumber: string; country: string; isDefault: boolean; integration: Integration };

/** The number for the candidate's country on this channel, else the tenant's default for it. */
export async function pickSendingNumber(
  db: D1Database,
  tenantId: string,
  channel: Channel,
  country: string | null,
): Promise<SendingNumber | null> {
  const row = await db
    .prepare(
      `SELECT n.phone_number, n.country, n.is_default, i.id, i.tenant_id, i.provider, i.config
         FROM sending_numbers n JOIN integrations i ON i.id = n.integration_id AND i.enabled = 1
        WHERE n.tenant_id = ?1 AND n.channel = ?2 AND (n.country = ?3 OR n.is_default = 1)
        ORDER BY n.country = ?3 DESC
        LIMIT 1`,
    )
    .bind(tenantId, channel, country ?? '')
    .first<IntegrationRow & { phone_number: string; country: string; is_default: number }>();
  if (!row) return null;
  return { phoneNumber: row.phone_number, country: row.country, isDefault: row.is_default === 1, integration: toIntegration(row) };
}
