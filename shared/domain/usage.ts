/**
 * Usage reporting's rules that do not need the database: local dates in the tenant's time zone
 * (DST included), the zone's offset transitions the rollup triggers read, date range presets, idle
 * seats, and the report table that the options page shows and the CSV export writes — one
 * implementation, so the CSV is exactly what the screen shows.
 * @module
 */
import { wallClock } from './quiet-hours.ts';

export const USAGE_GROUPINGS = ['user', 'country', 'channel', 'direction', 'day', 'week', 'month'] as const;
export type UsageGrouping = (typeof USAGE_GROUPINGS)[number];
export const USAGE_PERIODS = ['day', 'week', 'month'] as const satisfies readonly UsageGrouping[];

/** The longest range a report covers (days, both ends included). */
export const MAX_USAGE_RANGE_DAYS = 400;
/** A seat whose holder sent nothing for this many days is marked idle, ready to reassign. */
export const IDLE_SEAT_DAYS = 30;

const DAY_MS = 86_400_000;

/** A calendar date "YYYY-MM-DD" moved by whole days. */
export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Days from `from` to `to`, both included. */
export const daysInRange = (from: string, to: string): number => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS) + 1;

/** True when the runtime's time zone database knows `zone` (an IANA name such as "Europe/Berlin"). */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** The zone's UTC offset at an instant, in minutes (Berlin in summer: 120). */
const zoneOffsetMinutes = (instant: number, zone: string): number => Math.round((wallClock(zone, instant) - instant) / 60_000);

/** The date on the tenant's calendar at an instant. */
export const localDay = (instant: Date, zone: string): string => new Date(wallClock(zone, instant.getTime())).toISOString().slice(0, 10);

export type ZoneOffset = { startsAt: string; offsetMinutes: number };

/**
 * The zone's offsets from `fromYear` to `toYear`: the first row starts at the beginning of time,
 * each later one at a transition (to the minute). Days are scanned and each change found by
 * bisection, which is exact for every zone whose offsets change less often than daily.
 */
export function zoneOffsets(zone: string, fromYear: number, toYear: number): ZoneOffset[] {
  const start = Date.UTC(fromYear, 0, 1);
  const end = Date.UTC(toYear + 1, 0, 1);
  const offsetAt = (ms: number) => zoneOffsetMinutes(ms, zone);
  const rows: ZoneOffset[] = [{ startsAt: '0000-01-01T00:00:00.000Z', offsetMinutes: offsetAt(start) }];
  for (let day = start; day < end; day += DAY_MS) {
    const before = offsetAt(day);
    const after = offsetAt(day + DAY_MS);
    if (before === after) continue;
    let low = day;
    let high = day + DAY_MS;
    while (high - low > 60_000) {
      const middle = low + Math.floor((high - low) / 120_000) * 60_000;
      if (offsetAt(middle) === before) low = middle;
      else high = middle;
    }
    rows.push({ startsAt: new Date(high).toISOString(), offsetMinutes: after });
  }
  return rows;
}

export const USAGE_PRESETS = ['last7', 'last30', 'last90', 'thisMonth', 'lastMonth'] as const;
export type UsagePreset = (typeof USAGE_PRESETS)[number];

/** A preset range ending today (the tenant's today), both ends included. */
export function presetRange(preset: UsagePreset, today: string): { from: string; to: string } {
  const monthStart = `${today.slice(0, 7)}-01`;
  switch (preset) {
    case 'last7':
      return { from: addDays(today, -6), to: today };
    case 'last30':
      return { from: addDays(today, -29), to: today };
    case 'last90':
      return { from: addDays(today, -89), to: today };
    case 'thisMonth':
      return { from: monthStart, to: today };
    case 'lastMonth': {
      const lastMonthEnd = addDays(monthStart, -1);
      return { from: `${lastMonthEnd.slice(0, 7)}-01`, to: lastMonthEnd };
    }
  }
}

/** Idle: no message out on any of the last IDLE_SEAT_DAYS days (or never). */
export const isIdleSeat = (lastSendDay: string | null, today: string): boolean => lastSendDay === null || lastSendDay <= addDays(today, -IDLE_SEAT_DAYS);

/** The counters of a report row, and of its totals. */
export type UsageCounts = {
  messagesOut: number;
  messagesIn: number;
  segments: number;
  candidatesReached: number;
  conversationsStarted: number;
  delivered: number;
  failed: number;
  replies: number;
  /** Millionths of the tenant's currency. */
  costMicros: number;
};

/** Replies per message out (0 when nothing went out). */
export const replyRate = (counts: Pick<UsageCounts, 'replies' | 'messagesOut'>): number => (counts.messagesOut === 0 ? 0 : counts.replies / counts.messagesOut);

export function formatCost(costMicros: number, currency: string): string {
  return new Intl.NumberFormat('en', { style: 'currency', currency, minimumFractionDigits: 2, maximumFractionDigits: 4 }).format(costMicros / 1_000_000);
}

export const formatPercent = (ratio: number): string => `${(ratio * 100).toFixed(1)}%`;

const GROUP_HEADINGS: Record<UsageGrouping, string> = {
  user: 'User',
  country: 'Country',
  channel: 'Channel',
  direction: 'Direction',
  day: 'Day',
  week: 'Week of',
  month: 'Month',
};

const COUNT_HEADINGS: [keyof UsageCounts, string][] = [
  ['messagesOut', 'Messages out'],
  ['messagesIn', 'Messages in'],
  ['segments', 'SMS segments'],
  ['candidatesReached', 'Candidates reached'],
  ['conversationsStarted', 'Conversations started'],
  ['delivered', 'Delivered'],
  ['failed', 'Failed'],
  ['replies', 'Replies'],
];

/** A report row's grouping values, as the API gives them. */
export type UsageRowKeys = {
  user?: { id: string | null; name: string };
  country?: string;
  channel?: string;
  direction?: string;
  period?: string;
};

/** The report table: the header, then one row of cells per report row — on screen and in the CSV alike. */
export function usageTable(groupBy: readonly UsageGrouping[], rows: readonly (UsageRowKeys & UsageCounts)[], currency: string): string[][] {
  const header = [
    ...groupBy.map((grouping) => GROUP_HEADINGS[grouping]),
    ...COUNT_HEADINGS.map(([, heading]) => heading),
    'Reply rate',
    `Estimated cost (${currency})`,
  ];
  const cells = rows.map((row) => [
    ...groupBy.map((grouping) => groupCell(grouping, row)),
    ...COUNT_HEADINGS.map(([key]) => String(row[key])),
    formatPercent(replyRate(row)),
    (row.costMicros / 1_000_000).toFixed(4),
  ]);
  return [header, ...cells];
}

function groupCell(grouping: UsageGrouping, row: UsageRowKeys): string {
  switch (grouping) {
    case 'user':
      return row.user?.name ?? '';
    case 'country':
      return row.country ?? '';
    case 'channel':
      return row.channel === 'whatsapp' ? 'WhatsApp' : row.channel === 'sms' ? 'SMS' : (row.channel ?? '');
    case 'direction':
      return row.direction ?? '';
    default:
      return row.period ?? '';
  }
}
