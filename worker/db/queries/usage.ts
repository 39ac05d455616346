/**
 * Usage reporting: the rollups the message triggers keep (`usage_daily`, `usage_reach`, migration
 * 0015), the tenant's reporting zone and currency, its zone offsets and its price table. Reports
 * read only the rollups (and the failed messages of the range, for their reasons). Every query
 * filters by tenant_id; the grouping expressions come from a fixed table, never from input.
 * @module
 */
import type { Channel } from '../../../shared/api/channels.ts';
import type { UsagePrice, UsagePrices } from '../../../shared/api/usage.ts';
import type { UsageGrouping, ZoneOffset } from '../../../shared/domain/usage.ts';
import type { SqlStatement } from './sql.ts';

export type UsageSettingsRow = { timeZone: string; currency: string };

export function usageSettingsOf(db: D1Database, tenantId: string) {
  return db.prepare(`SELECT usage_time_zone AS timeZone, usage_currency AS currency FROM tenants WHERE id = ?`).bind(tenantId).first<UsageSettingsRow>();
}

const COUNTED = `m.status NOT IN ('scheduled', 'cancelled')`;
const LOCAL_DAY = `date(m.created_at, printf('%+d minutes', COALESCE(
  (SELECT z.offset_minutes FROM usage_zone_offsets z WHERE z.tenant_id = m.tenant_id AND z.starts_at <= m.created_at
    ORDER BY z.starts_at DESC LIMIT 1), 0)))`;

/**
 * A new reporting zone and currency: the zone's offsets replace the old ones, every message of the
 * tenant gets its local day in the new zone and the rollups are rebuilt from the messages — one
 * batch, so reports never mix two zones. Costs are the ones stored on the messages.
 */
export function saveUsageSettingsStatements(db: D1Database, tenantId: string, settings: UsageSettingsRow, offsets: readonly ZoneOffset[]) {
  return [
    db.prepare(`UPDATE tenants SET usage_time_zone = ?2, usage_currency = ?3 WHERE id = ?1`).bind(tenantId, settings.timeZone, settings.currency),
    db.prepare(`DELETE FROM usage_zone_offsets WHERE tenant_id = ?`).bind(tenantId),
    db
      .prepare(
        `INSERT INTO usage_zone_offsets (tenant_id, starts_at, offset_minutes)
         SELECT ?1, json_extract(value, '$.startsAt'), json_extract(value, '$.offsetMinutes') FROM json_each(?2)`,
      )
      .bind(tenantId, JSON.stringify(offsets)),
    db.prepare(`UPDATE messages AS m SET usage_day = ${LOCAL_DAY} WHERE m.tenant_id = ?`).bind(tenantId),
    ...rebuildRollupStatements(db, tenantId),
  ];
}

/** The rollups of a tenant recomputed from its messages (their stored keys, flags and costs). */
function rebuildRollupStatements(db: D1Database, tenantId: string) {
  return [
    db.prepare(`DELETE FROM usage_daily WHERE tenant_id = ?`).bind(tenantId),
    db.prepare(`DELETE FROM usage_reach WHERE tenant_id = ?`).bind(tenantId),
    db
      .prepare(
        `INSERT INTO usage_daily (tenant_id, usage_day, user_id, country, channel, direction, messages, segments, delivered, failed,
                                  replies, conversations_started, cost_micros)
         SELECT m.tenant_id, m.usage_day, m.usage_user_id, m.usage_country, c.channel, m.direction,
                SUM(${COUNTED}), SUM((${COUNTED}) * COALESCE(m.segments, 0)), SUM(m.status IN ('delivered', 'read')),
                SUM(m.status = 'failed'), SUM((${COUNTED}) * m.usage_reply), SUM((${COUNTED}) * m.usage_start),
                SUM((m.status NOT IN ('scheduled', 'cancelled', 'failed')) * m.cost_micros)
           FROM messages m JOIN conversations c ON c.id = m.conversation_id
          WHERE m.tenant_id = ?
          GROUP BY m.usage_day, m.usage_user_id, m.usage_country, c.channel, m.direction`,
      )
      .bind(tenantId),
    db
      .prepare(
        `INSERT INTO usage_reach (tenant_id, usage_day, user_id, country, channel, candidate_id, messages)
         SELECT m.tenant_id, m.usage_day, m.usage_user_id, m.usage_country, c.channel, c.candidate_id, SUM(${COUNTED})
           FROM messages m JOIN conversations c ON c.id = m.conversation_id
          WHERE m.tenant_id = ? AND m.direction = 'outbound'
          GROUP BY m.usage_day, m.usage_user_id, m.usage_country, c.channel, c.candidate_id`,
      )
      .bind(tenantId),
  ];
}

// ---- reports --------------------------------------------------------------------------------

const GROUP_EXPRESSIONS: Record<UsageGrouping, { expression: string; alias: string }> = {
  user: { expression: 'user_id', alias: 'user_id' },
  country: { expression: 'country', alias: 'country' },
  channel: { expression: 'channel', alias: 'channel' },
  direction: { expression: 'direction', alias: 'direction' },
  day: { expression: 'usage_day', alias: 'period' },
  // The Monday that starts the week (%w: 0 is Sunday).
  week: { expression: `date(usage_day, '-' || ((CAST(strftime('%w', usage_day) AS INTEGER) + 6) % 7) || ' days')`, alias: 'period' },
  month: { expression: 'substr(usage_day, 1, 7)', alias: 'period' },
};

export type UsageFilter = {
  tenantId: string;
  from: string;
  to: string;
  userId?: string | undefined;
  country?: string | undefined;
  channel?: Channel | undefined;
  direction?: 'outbound' | 'inbound' | undefined;
};

export type UsageRollupRow = {
  user_id?: string;
  country?: string;
  channel?: Channel;
  direction?: 'outbound' | 'inbound';
  period?: string;
  messages_out: number;
  messages_in: number;
  segments: number;
  delivered: number;
  failed: number;
  replies: number;
  conversations_started: number;
  cost_micros: number;
};

export type UsageReachRow = Pick<UsageRollupRow, 'user_id' | 'country' | 'channel' | 'direction' | 'period'> & { reached: number };

type FilterColumns = { tenant: string; day: string; user: string; country: string; channel: string; direction: string | null };
const ROLLUP_COLUMNS: FilterColumns = {
  tenant: 'tenant_id',
  day: 'usage_day',
  user: 'user_id',
  country: 'country',
  channel: 'channel',
  direction: 'direction',
};
// Candidates reached counts candidates messaged, so its table has outbound only.
const REACH_COLUMNS: FilterColumns = { ...ROLLUP_COLUMNS, direction: null };
const MESSAGE_COLUMNS: FilterColumns = {
  tenant: 'm.tenant_id',
  day: 'm.usage_day',
  user: 'm.usage_user_id',
  country: 'm.usage_country',
  channel: 'c.channel',
  direction: 'm.direction',
};

function whereOf(filter: UsageFilter, columns: FilterColumns): { sql: string; params: string[] } {
  const clauses = [`${columns.tenant} = ?1`, `${columns.day} >= ?2`, `${columns.day} <= ?3`];
  const params = [filter.tenantId, filter.from, filter.to];
  const add = (column: string, value: string | undefined) => {
    if (value === undefined) return;
    params.push(value);
    clauses.push(`${column} = ?${params.length}`);
  };
  add(columns.user, filter.userId);
  add(columns.country, filter.country);
  add(columns.channel, filter.channel);
  if (columns.direction) add(columns.direction, filter.direction);
  else if (filter.direction === 'inbound') clauses.push('0');
  return { sql: clauses.join(' AND '), params };
}

function selectGroups(groupBy: readonly UsageGrouping[], reach: boolean) {
  const groups = groupBy.map((grouping) => ({
    ...GROUP_EXPRESSIONS[grouping],
    expression: reach && grouping === 'direction' ? `'outbound'` : GROUP_EXPRESSIONS[grouping].expression,
  }));
  return {
    columns: groups.map((group) => `${group.expression} AS ${group.alias}, `).join(''),
    groupBy: groups.length ? `GROUP BY ${groups.map((group) => group.alias).join(', ')}` : '',
  };
}

/**
 * The report's statements, for one batch (one snapshot): the rows per grouping, candidates
 * reached per grouping, candidates reached in total, and the top failure reasons. The other
 * totals are sums of the rows (a second pass over the range would cost as much as the first);
 * candidates reached is a distinct count, which rows cannot be summed into.
 */
export function usageReportStatements(db: D1Database, filter: UsageFilter, groupBy: readonly UsageGrouping[]) {
  const counts = (groupings: readonly UsageGrouping[]) => {
    const { columns, groupBy: grouped } = selectGroups(groupings, false);
    const where = whereOf(filter, ROLLUP_COLUMNS);
    return db
      .prepare(
        `SELECT ${columns}
                COALESCE(SUM(CASE WHEN direction = 'outbound' THEN messages END), 0) AS messages_out,
                COALESCE(SUM(CASE WHEN direction = 'inbound' THEN messages END), 0) AS messages_in,
                COALESCE(SUM(segments), 0) AS segments, COALESCE(SUM(delivered), 0) AS delivered, COALESCE(SUM(failed), 0) AS failed,
                COALESCE(SUM(replies), 0) AS replies, COALESCE(SUM(conversations_started), 0) AS conversations_started,
                COALESCE(SUM(cost_micros), 0) AS cost_micros
           FROM usage_daily WHERE ${where.sql} ${grouped}`,
      )
      .bind(...where.params);
  };
  const reach = (groupings: readonly UsageGrouping[]) => {
    const { columns, groupBy: grouped } = selectGroups(groupings, true);
    const where = whereOf(filter, REACH_COLUMNS);
    return db
      .prepare(`SELECT ${columns} COUNT(DISTINCT candidate_id) AS reached FROM usage_reach WHERE ${where.sql} AND messages > 0 ${grouped}`)
      .bind(...where.params);
  };
  const failures = whereOf(filter, MESSAGE_COLUMNS);
  return [
    counts(groupBy),
    reach(groupBy),
    reach([]),
    db
      .prepare(
        `SELECT COALESCE(m.failure_reason, 'No reason given') AS reason, COUNT(*) AS count
           FROM messages m JOIN conversations c ON c.id = m.conversation_id
          WHERE m.status = 'failed' AND ${failures.sql}
          GROUP BY reason ORDER BY count DESC, reason LIMIT 5`,
      )
      .bind(...failures.params),
  ];
}

export type SeatUseRow = { user_id: string; name: string; email: string; messages_out: number; last_send_day: string | null };

/**
 * Every seat holder (or only `userId`): messages out in the range and their last day with one out.
 * The index is named because without table statistics SQLite would pick the primary key's day
 * range, scanning the whole tenant's range once per seat holder.
 */
export async function seatUse(db: D1Database, filter: Pick<UsageFilter, 'tenantId' | 'from' | 'to' | 'userId'>): Promise<SeatUseRow[]> {
  const { results } = await db
    .prepare(
      `SELECT u.id AS user_id, u.name, u.email,
              (SELECT COALESCE(SUM(d.messages), 0) FROM usage_daily d INDEXED BY usage_daily_user_last
                WHERE d.tenant_id = ?1 AND d.user_id = u.id AND d.direction = 'outbound' AND d.usage_day >= ?2 AND d.usage_day <= ?3) AS messages_out,
              (SELECT MAX(d.usage_day) FROM usage_daily d INDEXED BY usage_daily_user_last
                WHERE d.tenant_id = ?1 AND d.user_id = u.id AND d.direction = 'outbound' AND d.messages > 0) AS last_send_day
         FROM users u
        WHERE u.tenant_id = ?1 AND u.has_seat = 1 AND u.deactivated_at IS NULL AND (?4 IS NULL OR u.id = ?4)
        ORDER BY u.name`,
    )
    .bind(filter.tenantId, filter.from, filter.to, filter.userId ?? null)
    .all<SeatUseRow>();
  return results;
}

/** Names of the tenant's users, for report rows (deactivated ones included: history keeps them). */
export async function userNames(db: D1Database, tenantId: string): Promise<Map<string, string>> {
  const { results } = await db.prepare(`SELECT id, name FROM users WHERE tenant_id = ?`).bind(tenantId).all<{ id: string; name: string }>();
  return new Map(results.map((row) => [row.id, row.name]));
}

// ---- prices ---------------------------------------------------------------------------------

type StoredPrice = Omit<UsagePrice, 'priceMicros'> & { priceMicros: number | null; validFrom: string; example: number };

/** The prices in force at `at`: per key the newest row from before it, ended prices left out. */
export async function pricesInForce(db: D1Database, tenantId: string, at: string): Promise<UsagePrices['prices']> {
  const { results } = await db
    .prepare(
      `SELECT country, channel, direction, category, price_micros AS priceMicros, valid_from AS validFrom, is_example AS example
         FROM usage_prices p
        WHERE tenant_id = ?1 AND valid_from <= ?2
          AND valid_from = (SELECT MAX(q.valid_from) FROM usage_prices q
                             WHERE q.tenant_id = p.tenant_id AND q.channel = p.channel AND q.direction = p.direction
                               AND q.category = p.category AND q.country = p.country AND q.valid_from <= ?2)
        ORDER BY country = '*' DESC, country, channel, direction, category`,
    )
    .bind(tenantId, at)
    .all<StoredPrice>();
  return results.flatMap((row) => (row.priceMicros === null ? [] : [{ ...row, priceMicros: row.priceMicros, example: row.example === 1 }]));
}

/**
 * New prices from `validFrom` on, as rows that leave the older ones in place: a key given a price
 * gets it, a key in force but not given gets a NULL row (its price ends there).
 */
export function priceChangeSql(
  tenantId: string,
  prices: readonly UsagePrice[],
  ended: readonly Omit<UsagePrice, 'priceMicros'>[],
  validFrom: string,
  example: boolean,
): SqlStatement[] {
  return [
    ...prices.map((price) => ({ ...price, priceMicros: price.priceMicros as number | null })),
    ...ended.map((price) => ({ ...price, priceMicros: null })),
  ].map((price) => ({
    sql: `INSERT INTO usage_prices (tenant_id, country, channel, direction, category, valid_from, price_micros, is_example)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?)
          ON CONFLICT DO UPDATE SET price_micros = excluded.price_micros, is_example = excluded.is_example`,
    params: [tenantId, price.country, price.channel, price.direction, price.category, validFrom, price.priceMicros, example ? 1 : 0],
  }));
}
