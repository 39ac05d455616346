/**
 * Usage reports (read from the rollups the message triggers keep, migration 0015), their CSV, the
 * tenant's reporting zone and currency, and its price table. A recruiter's report is their own:
 * the user filter is forced here, on the server, whatever the query asked.
 * @module
 */
import Papa from 'papaparse';
import type { UsagePrices, UsagePricesInput, UsageQuery, UsageReport, UsageRow, UsageSettings } from '../../shared/api/usage.ts';
import { isIdleSeat, localDay, replyRate, usageTable, zoneOffsets } from '../../shared/domain/usage.ts';
import {
  priceChangeSql,
  pricesInForce,
  saveUsageSettingsStatements,
  seatUse,
  type UsageFilter,
  type UsageReachRow,
  type UsageRollupRow,
  usageReportStatements,
  usageSettingsOf,
  userNames,
} from '../db/queries/usage.ts';
import { prepareAll } from '../db/queries/sql.ts';
import type { SessionUser } from '../env.ts';
import { ApiError } from '../lib/errors.ts';
import { type Actor, settingsAuditStatement } from './audit.ts';

/** What report rows call Parley's own messages (HELP answers, START invitations) and replies to no recruiter. */
export const PARLEY_USER_NAME = 'Parley (automatic)';

export async function usageSettings(db: D1Database, tenantId: string): Promise<UsageSettings> {
  const settings = await usageSettingsOf(db, tenantId);
  if (!settings) throw new ApiError(404, 'not_found', 'No such tenant.');
  return settings;
}

const keyOf = (row: Pick<UsageRollupRow, 'user_id' | 'country' | 'channel' | 'direction' | 'period'>) =>
  JSON.stringify([row.user_id, row.country, row.channel, row.direction, row.period]);

export async function usageReport(db: D1Database, user: SessionUser, query: UsageQuery, now: Date): Promise<UsageReport> {
  const settings = await usageSettings(db, user.tenantId);
  const ownOnly = user.role !== 'admin';
  const filter: UsageFilter = { tenantId: user.tenantId, ...query, userId: ownOnly ? user.userId : query.userId };
  const [rowsResult, reachResult, totalReachResult, failuresResult] = await db.batch<unknown>(usageReportStatements(db, filter, query.groupBy));
  const [names, seats, prices] = await Promise.all([
    userNames(db, user.tenantId),
    seatUse(db, { ...filter, userId: filter.userId }),
    pricesInForce(db, user.tenantId, now.toISOString()),
  ]);
  const reachOf = new Map((reachResult!.results as UsageReachRow[]).map((row) => [keyOf(row), row.reached]));
  const rollupRows = rowsResult!.results as UsageRollupRow[];
  const totals = countsOf(sumOf(rollupRows), (totalReachResult!.results[0] as UsageReachRow).reached);
  const today = localDay(now, settings.timeZone);
  const rows = rollupRows.map(
    (row): UsageRow => ({
      ...(row.user_id !== undefined
        ? { user: row.user_id === '' ? { id: null, name: PARLEY_USER_NAME } : { id: row.user_id, name: names.get(row.user_id) ?? row.user_id } }
        : {}),
      ...(row.country !== undefined ? { country: row.country } : {}),
      ...(row.channel !== undefined ? { channel: row.channel } : {}),
      ...(row.direction !== undefined ? { direction: row.direction } : {}),
      ...(row.period !== undefined ? { period: row.period } : {}),
      ...countsOf(row, reachOf.get(keyOf(row)) ?? 0),
    }),
  );
  return {
    from: query.from,
    to: query.to,
    today,
    timeZone: settings.timeZone,
    currency: settings.currency,
    groupBy: query.groupBy,
    totals: { ...totals, replyRate: replyRate(totals) },
    rows: rows.sort(compareRows),
    failureReasons: failuresResult!.results as UsageReport['failureReasons'],
    seats: seats.map((seat) => ({
      userId: seat.user_id,
      name: seat.name,
      email: seat.email,
      messagesOut: seat.messages_out,
      lastSendDay: seat.last_send_day,
      idle: isIdleSeat(seat.last_send_day, today),
    })),
    pricesAreExamples: prices.some((price) => price.example),
  };
}

const SUMMED = ['messages_out', 'messages_in', 'segments', 'delivered', 'failed', 'replies', 'conversations_started', 'cost_micros'] as const;

/** The totals of the report's rows (each count is a sum over the range, so the rows add up to it). */
function sumOf(rows: readonly UsageRollupRow[]): UsageRollupRow {
  const total = Object.fromEntries(SUMMED.map((column) => [column, 0])) as Record<(typeof SUMMED)[number], number>;
  for (const row of rows) for (const column of SUMMED) total[column] += row[column];
  return total;
}

const countsOf = (row: UsageRollupRow, candidatesReached: number) => ({
  messagesOut: row.messages_out,
  messagesIn: row.messages_in,
  segments: row.segments,
  candidatesReached,
  conversationsStarted: row.conversations_started,
  delivered: row.delivered,
  failed: row.failed,
  replies: row.replies,
  costMicros: row.cost_micros,
});

// Periods in time order; otherwise the busiest rows first.
function compareRows(a: UsageRow, b: UsageRow): number {
  if (a.period !== b.period) return (a.period ?? '') < (b.period ?? '') ? -1 : 1;
  return (
    b.messagesOut + b.messagesIn - (a.messagesOut + a.messagesIn) ||
    (a.user?.name ?? '').localeCompare(b.user?.name ?? '') ||
    (a.country ?? '').localeCompare(b.country ?? '')
  );
}

/** The report's table as CSV (RFC 4180: CRLF, quoted where needed; formula-looking cells neutralised). */
export function usageCsv(report: UsageReport): string {
  return `${Papa.unparse(usageTable(report.groupBy, report.rows, report.currency), { escapeFormulae: true, newline: '\r\n' })}\r\n`;
}

// Offsets are stored for the years messages can carry; before and after, the edge offsets hold.
const OFFSET_YEARS_BACK = 10;
const OFFSET_YEARS_AHEAD = 30;

export async function saveUsageSettings(db: D1Database, user: SessionUser, settings: UsageSettings, actor: Actor, now: Date): Promise<UsageSettings> {
  const before = await usageSettings(db, user.tenantId);
  const year = now.getUTCFullYear();
  await db.batch([
    ...saveUsageSettingsStatements(db, user.tenantId, settings, zoneOffsets(settings.timeZone, year - OFFSET_YEARS_BACK, year + OFFSET_YEARS_AHEAD)),
    settingsAuditStatement(
      db,
      user.tenantId,
      'usage_settings.updated',
      actor,
      `time zone ${before.timeZone} → ${settings.timeZone}, currency ${before.currency} → ${settings.currency}`,
      now,
    ),
  ]);
  return usageSettings(db, user.tenantId);
}

export async function usagePrices(db: D1Database, tenantId: string, now: Date): Promise<UsagePrices> {
  const [settings, prices] = await Promise.all([usageSettings(db, tenantId), pricesInForce(db, tenantId, now.toISOString())]);
  return { currency: settings.currency, prices };
}

const priceKey = (price: Omit<UsagePrices['prices'][number], 'validFrom' | 'example' | 'priceMicros'>) =>
  `${price.country}|${price.channel}|${price.direction}|${price.category}`;

/** The given prices are in force from now on; prices in force but not given end now. History keeps its prices. */
export async function replaceUsagePrices(db: D1Database, user: SessionUser, input: UsagePricesInput, actor: Actor, now: Date): Promise<UsagePrices> {
  const at = now.toISOString();
  const before = await pricesInForce(db, user.tenantId, at);
  const given = new Set(input.prices.map(priceKey));
  const unchanged = new Set(
    before.filter((price) => input.prices.some((p) => priceKey(p) === priceKey(price) && p.priceMicros === price.priceMicros && !price.example)).map(priceKey),
  );
  const changed = input.prices.filter((price) => !unchanged.has(priceKey(price)));
  const ended = before.filter((price) => !given.has(priceKey(price)));
  if (changed.length > 0 || ended.length > 0) {
    await db.batch([
      ...prepareAll(db, priceChangeSql(user.tenantId, changed, ended, at, false)),
      settingsAuditStatement(db, user.tenantId, 'usage_prices.updated', actor, `${changed.length} prices set, ${ended.length} ended`, now),
    ]);
  }
  return usagePrices(db, user.tenantId, now);
}
