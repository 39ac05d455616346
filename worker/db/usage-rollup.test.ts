/**
 * The usage rollups (migration 0015) against a recomputation from the messages table, after random
 * sequences of what moves a message: sends (some held for quiet hours), provider acceptance, status
 * callbacks (duplicated, out of order, late), failures, retries (now or held), hold release, cancel
 * and failure, inbound replies (and unknown senders), seat changes, price changes and a change of
 * the tenant's time zone. The writers are the production statement builders; the rollups are kept
 * by the triggers alone. Seeded, so a failure names the seed that reproduces it.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { localDay, zoneOffsets } from '../../shared/domain/usage.ts';
import type { OutboundStatus } from '../../shared/domain/delivery.ts';
import { applyStatusStatement, insertOutboxStatement, recordAcceptedStatements, recordFailedStatements, requeueFailedStatements } from './queries/delivery.ts';
import { cancelHoldStatement, failHoldStatements, holdRetryStatements, releaseHoldStatements } from './queries/holds.ts';
import { inboundStatements } from './queries/inbound.ts';
import { insertMessageStatements } from './queries/messages.ts';
import { prepareAll } from './queries/sql.ts';
import { priceChangeSql, saveUsageSettingsStatements } from './queries/usage.ts';
import { assignSeatStatement, revokeSeatStatement } from './queries/users.ts';
import { DEMO, env, seedDemo } from '../../test/worker/support.ts';
import type { UsagePrice } from '../../shared/api/usage.ts';

const db = env.DB;
const tenantId = DEMO.tenantId;
const integrationId = DEMO.integrationId;
const users = [DEMO.recruiter.id, DEMO.admin.id, DEMO.teammate.id];

/** mulberry32: small, seeded, good enough to pick operations. */
function prng(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    int: (n: number) => Math.floor(next() * n),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
    chance: (p: number) => next() < p,
  };
}

type Candidate = { id: string; phone: string; country: string | null };
type PriceRow = UsagePrice & { validFrom: string; ended: boolean };

const STATUSES: OutboundStatus[] = ['sent', 'delivered', 'read', 'failed'];

// Every run starts a day before Europe's switch to summer time, so days split across it.
const START = Date.parse('2027-03-27T18:00:00.000Z');

async function candidatesFor(seed: number): Promise<Candidate[]> {
  const candidates: Candidate[] = [
    { id: `cand_p${seed}_us`, phone: `+1415555${String(seed).padStart(4, '0')}`, country: 'US' },
    { id: `cand_p${seed}_de`, phone: `+49301234${String(seed).padStart(4, '0')}`, country: 'DE' },
    { id: `cand_p${seed}_zz`, phone: `+99912${String(seed).padStart(4, '0')}`, country: null },
  ];
  const at = new Date(START).toISOString();
  await db.batch([
    ...candidates.map((c) =>
      db
        .prepare(
          `INSERT INTO candidates (id, tenant_id, ats, ats_candidate_id, name, phone, phone_country, language, created_at, updated_at)
           VALUES (?, ?, 'demo', ?, ?, ?, ?, 'en', ?, ?)`,
        )
        .bind(c.id, tenantId, c.id, c.id, c.phone, c.country, at, at),
    ),
    ...candidates.flatMap((c) =>
      (['sms', 'whatsapp'] as const).map((channel) =>
        db
          .prepare(
            `INSERT INTO consents (tenant_id, candidate_id, channel, state, source, updated_at, phone) VALUES (?, ?, ?, 'granted', 'admin_import', ?, ?)`,
          )
          .bind(tenantId, c.id, channel, at, c.phone),
      ),
    ),
  ]);
  return candidates;
}

type StoredMessage = {
  id: string;
  direction: 'outbound' | 'inbound';
  status: string;
  segments: number | null;
  template: string | null;
  created_at: string;
  sender_user_id: string | null;
  provider_message_id: string | null;
  usage_day: string;
  usage_country: string;
  usage_user_id: string;
  usage_reply: number;
  usage_start: number;
  cost_micros: number;
  channel: 'sms' | 'whatsapp';
  candidate_id: string;
};

const storedMessages = async () =>
  (
    await db
      .prepare(
        `SELECT m.id, m.direction, m.status, m.segments, m.template, m.created_at, m.sender_user_id, m.provider_message_id, m.usage_day,
                m.usage_country, m.usage_user_id, m.usage_reply, m.usage_start, m.cost_micros, c.channel, c.candidate_id
           FROM messages m JOIN conversations c ON c.id = m.conversation_id WHERE m.tenant_id = ? ORDER BY m.seq`,
      )
      .bind(tenantId)
      .all<StoredMessage>()
  ).results;

/** The rollups as the rules in migration 0015 define them, computed here from the messages. */
function recompute(messages: readonly StoredMessage[]) {
  const daily = new Map<string, number[]>();
  const reach = new Map<string, number>();
  for (const m of messages) {
    const counted = m.status !== 'scheduled' && m.status !== 'cancelled' ? 1 : 0;
    const key = [m.usage_day, m.usage_user_id, m.usage_country, m.channel, m.direction].join('|');
    const row = daily.get(key) ?? [0, 0, 0, 0, 0, 0, 0];
    const add = [
      counted,
      counted * (m.segments ?? 0),
      m.status === 'delivered' || m.status === 'read' ? 1 : 0,
      m.status === 'failed' ? 1 : 0,
      counted * m.usage_reply,
      counted * m.usage_start,
      counted && m.status !== 'failed' ? m.cost_micros : 0,
    ];
    daily.set(
      key,
      row.map((value, i) => value + add[i]!),
    );
    if (m.direction === 'outbound') {
      const reachKey = [m.usage_day, m.usage_user_id, m.usage_country, m.channel, m.candidate_id].join('|');
      reach.set(reachKey, (reach.get(reachKey) ?? 0) + counted);
    }
  }
  return { daily, reach };
}

type Keys = { usage_day: string; user_id: string; country: string; channel: string };
type DailyRow = Keys & {
  direction: string;
  messages: number;
  segments: number;
  delivered: number;
  failed: number;
  replies: number;
  conversations_started: number;
  cost_micros: number;
};

async function rollups() {
  const daily = new Map<string, number[]>();
  for (const r of (await db.prepare(`SELECT * FROM usage_daily WHERE tenant_id = ?`).bind(tenantId).all<DailyRow>()).results) {
    daily.set([r.usage_day, r.user_id, r.country, r.channel, r.direction].join('|'), [
      r.messages,
      r.segments,
      r.delivered,
      r.failed,
      r.replies,
      r.conversations_started,
      r.cost_micros,
    ]);
  }
  const reach = new Map<string, number>();
  for (const r of (await db.prepare(`SELECT * FROM usage_reach WHERE tenant_id = ?`).bind(tenantId).all<Keys & { candidate_id: string; messages: number }>())
    .results) {
    reach.set([r.usage_day, r.user_id, r.country, r.channel, r.candidate_id].join('|'), r.messages);
  }
  return { daily, reach };
}

/** Rows whose counters are all zero are the same as no row. */
const nonZero = <V extends number | number[]>(map: Map<string, V>) =>
  Object.fromEntries([...map].filter(([, value]) => (Array.isArray(value) ? value.some((v) => v !== 0) : value !== 0)).sort(([a], [b]) => a.localeCompare(b)));

/** The price a message was written at, from the price history this test wrote. */
function expectedCost(m: StoredMessage, history: readonly PriceRow[]): number {
  const category = m.channel === 'sms' || m.direction === 'inbound' ? 'standard' : m.template ? 'template' : 'service';
  const inForce = (country: string) =>
    history
      .filter((p) => p.country === country && p.channel === m.channel && p.direction === m.direction && p.category === category && p.validFrom <= m.created_at)
      .sort((a, b) => (a.validFrom < b.validFrom ? 1 : -1))[0];
  const own = inForce(m.usage_country);
  const price = own && !own.ended ? own : inForce('*');
  const unitPrice = price && !price.ended ? price.priceMicros : 0;
  return (m.channel === 'sms' ? Math.max(m.segments ?? 1, 1) : 1) * unitPrice;
}

async function checkInvariants(seed: number, zone: string, history: readonly PriceRow[], candidates: readonly Candidate[]) {
  const messages = await storedMessages();
  const expected = recompute(messages);
  const actual = await rollups();
  expect(nonZero(actual.daily), `seed ${seed}: usage_daily`).toEqual(nonZero(expected.daily));
  expect(nonZero(actual.reach), `seed ${seed}: usage_reach`).toEqual(nonZero(expected.reach));
  for (const m of messages) {
    expect(m.usage_day, `seed ${seed}: local day of ${m.created_at} in ${zone}`).toBe(localDay(new Date(m.created_at), zone));
    const candidate = candidates.find((c) => c.id === m.candidate_id);
    if (candidate) {
      expect(m.usage_country).toBe(candidate.country ?? 'ZZ');
      expect(m.cost_micros, `seed ${seed}: cost of ${m.id}`).toBe(expectedCost(m, history));
    }
  }
}

beforeAll(async () => {
  await seedDemo();
});

describe('usage rollups', () => {
  for (const seed of Array.from({ length: 12 }, (_, i) => i + 1)) {
    it(`equal the recomputation from the messages after random sequence ${seed}`, async () => {
      const random = prng(seed);
      const candidates = await candidatesFor(seed);
      let at = START;
      const now = () => new Date(at).toISOString();
      let zone = seed % 2 === 0 ? 'Europe/Berlin' : 'America/New_York';
      await db.batch(saveUsageSettingsStatements(db, tenantId, { timeZone: zone, currency: 'EUR' }, zoneOffsets(zone, 2026, 2028)));
      // Each sequence starts from an empty price table (earlier sequences' messages keep their costs).
      await db.prepare(`DELETE FROM usage_prices WHERE tenant_id = ?`).bind(tenantId).run();
      const history: PriceRow[] = [];
      const setPrices = async (prices: UsagePrice[]) => {
        const ended = history.filter(
          (p) => !prices.some((q) => q.country === p.country && q.channel === p.channel && q.direction === p.direction && q.category === p.category),
        );
        await db.batch(prepareAll(db, priceChangeSql(tenantId, prices, ended, now(), false)));
        history.push(...prices.map((p) => ({ ...p, validFrom: now(), ended: false })), ...ended.map((p) => ({ ...p, validFrom: now(), ended: true })));
      };
      const randomPrices = (): UsagePrice[] => [
        { country: '*', channel: 'sms', direction: 'outbound', category: 'standard', priceMicros: 1000 * (1 + random.int(9)) },
        ...(random.chance(0.7)
          ? [{ country: 'DE', channel: 'sms', direction: 'outbound', category: 'standard', priceMicros: 70_000 + random.int(9) } as const]
          : []),
        { country: '*', channel: 'whatsapp', direction: 'outbound', category: 'template', priceMicros: 50_000 + random.int(99) },
        ...(random.chance(0.5) ? [{ country: '*', channel: 'sms', direction: 'inbound', category: 'standard', priceMicros: 4000 } as const] : []),
      ];
      await setPrices(randomPrices());
      const messageIds: string[] = [];
      let counter = 0;
      // Mostly recent messages, so that one message sees several callbacks.
      const pickMessage = () => (messageIds.length ? random.pick(messageIds.slice(-6)) : null);

      for (let step = 0; step < 120; step++) {
        at += random.int(3 * 3_600_000);
        const candidate = random.pick(candidates);
        const channel = random.pick(['sms', 'whatsapp'] as const);
        const operation = random.int(20);
        if (operation <= 3) {
          const id = `msg_p${seed}_${++counter}`;
          const held = random.chance(0.25);
          const sender = random.chance(0.15) ? null : random.pick(users);
          await db.batch([
            ...insertMessageStatements(db, `conv_p${seed}_${candidate.id}_${channel}`, {
              id,
              tenantId,
              candidateId: candidate.id,
              channel,
              direction: 'outbound',
              body: 'Hello',
              status: held ? 'scheduled' : 'queued',
              senderUserId: sender,
              integrationId,
              fromNumber: '+14155550100',
              toNumber: candidate.phone,
              providerMessageId: null,
              createdAt: now(),
              segments: channel === 'sms' ? 1 + random.int(3) : null,
              template: channel === 'whatsapp' && random.chance(0.5) ? '{"name":"hello"}' : null,
              sendAt: held ? new Date(at + 3_600_000).toISOString() : null,
            }),
            ...(held ? [] : [insertOutboxStatement(db, tenantId, id, now())]),
          ]);
          messageIds.push(id);
        } else if (operation === 4) {
          const id = pickMessage();
          if (id) await db.batch(recordAcceptedStatements(db, tenantId, id, `prov_${id}`, now()));
        } else if (operation <= 10) {
          // A status callback, sometimes twice; the random order makes some arrive late.
          const id = pickMessage();
          const status = random.pick(STATUSES);
          const callback = applyStatusStatement(
            db,
            integrationId,
            { providerMessageId: `prov_${id}`, reference: id, status, reason: status === 'failed' ? random.pick(['Carrier rejected', 'Unreachable']) : null },
            now(),
          );
          await callback.run();
          if (random.chance(0.4)) await callback.run();
        } else if (operation === 11) {
          const id = pickMessage();
          if (id) await db.batch(recordFailedStatements(db, tenantId, id, 'Provider refused', now()));
        } else if (operation === 12) {
          const id = pickMessage();
          if (id && random.chance(0.5)) await db.batch(requeueFailedStatements(db, tenantId, id, random.pick(users), now()));
          else if (id)
            await db.batch(
              holdRetryStatements(db, {
                tenantId,
                messageId: id,
                senderUserId: random.pick(users),
                sendAt: new Date(at + 3_600_000).toISOString(),
                sendAtZone: 'UTC',
                now: now(),
              }),
            );
        } else if (operation === 13) {
          const id = pickMessage();
          const row = id
            ? await db
                .prepare(`SELECT m.id, m.tenant_id, c.candidate_id, c.channel FROM messages m JOIN conversations c ON c.id = m.conversation_id WHERE m.id = ?`)
                .bind(id)
                .first<{ id: string; tenant_id: string; candidate_id: string; channel: string }>()
            : null;
          if (row) {
            const kind = random.int(3);
            if (kind === 0) await db.batch(releaseHoldStatements(db, { ...row, channel: row.channel as 'sms' }, 'granted', now()));
            else if (kind === 1) await cancelHoldStatement(db, tenantId, row.id, now()).run();
            else await db.batch(failHoldStatements(db, tenantId, row.id, 'Not sent: consent withdrawn.', now()));
          }
        } else if (operation <= 16) {
          const unknown = random.chance(0.15);
          await db.batch(
            inboundStatements(db, `conv_p${seed}_${candidate.id}_${channel}`, {
              id: `msg_p${seed}_in_${++counter}`,
              tenantId,
              integrationId,
              providerMessageId: `in_${seed}_${counter}`,
              channel,
              from: unknown ? '+15005550000' : candidate.phone,
              to: '+14155550100',
              body: 'Sounds good',
              attachments: [],
              now: now(),
            }),
          );
        } else if (operation === 17) {
          const user = random.pick(users);
          await (random.chance(0.5) ? assignSeatStatement(db, tenantId, user) : revokeSeatStatement(db, tenantId, user)).run();
        } else if (operation === 18) {
          await setPrices(randomPrices());
        } else {
          zone = random.pick(['Europe/Berlin', 'America/New_York', 'Asia/Kolkata', 'UTC']);
          await db.batch(saveUsageSettingsStatements(db, tenantId, { timeZone: zone, currency: 'EUR' }, zoneOffsets(zone, 2026, 2028)));
        }
        if (step % 15 === 14) await checkInvariants(seed, zone, history, candidates);
      }
      await checkInvariants(seed, zone, history, candidates);
    });
  }
});
