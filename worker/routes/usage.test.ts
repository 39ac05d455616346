import Papa from 'papaparse';
import { beforeAll, describe, expect, it } from 'vitest';
import type { UsagePrices, UsageReport } from '../../shared/api/usage.ts';
import { addDays, localDay } from '../../shared/domain/usage.ts';
import { signSandboxBody } from '../providers/sandbox.ts';
import { insertMessageStatements } from '../db/queries/messages.ts';
import { authed, call, clock, DEMO, demoContext, env, fromNow, outboxSettled, seedDemo, seedOtherTenant, signIn } from '../../test/worker/support.ts';

let recruiter: string;
let admin: string;
let today: string;

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

beforeAll(async () => {
  await seedDemo();
  await seedOtherTenant();
  recruiter = await signIn();
  admin = await signIn(DEMO.admin.email);
  today = localDay(clock.now(), 'UTC');
});

async function report(token: string, query: string): Promise<UsageReport> {
  const response = await call(`/v1/usage?${query}`, authed(token));
  expect(response.status, await response.clone().text()).toBe(200);
  return (await response.json()) as UsageReport;
}

async function candidate(atsId: string, phone: string): Promise<string> {
  const { id } = (await (await call('/v1/candidates', authed(recruiter, 'PUT', demoContext(atsId, `Candidate ${atsId}`, phone)))).json()) as { id: string };
  await env.DB.prepare(
    `INSERT INTO consents (tenant_id, candidate_id, channel, state, source, updated_at, phone) VALUES (?, ?, 'sms', 'granted', 'admin_import', ?, ?)`,
  )
    .bind(DEMO.tenantId, id, clock.now().toISOString(), phone)
    .run();
  return id;
}

/** A message written at an instant of the test's choosing, through the same statements the send gate uses. */
async function written(m: {
  id: string;
  candidateId: string;
  direction: 'outbound' | 'inbound';
  at: Date;
  sender: string | null;
  status?: 'delivered' | 'received' | 'failed';
}) {
  await env.DB.batch(
    insertMessageStatements(env.DB, `conv_${m.candidateId}_sms`, {
      id: m.id,
      tenantId: DEMO.tenantId,
      candidateId: m.candidateId,
      channel: 'sms',
      direction: m.direction,
      body: 'x',
      status: m.status ?? (m.direction === 'outbound' ? 'delivered' : 'received'),
      senderUserId: m.sender,
      integrationId: DEMO.integrationId,
      fromNumber: '+14155550100',
      toNumber: '+14155550100',
      providerMessageId: null,
      createdAt: m.at.toISOString(),
      segments: m.direction === 'outbound' ? 2 : null,
    }),
  );
}

describe('the usage report', () => {
  it('counts a send through the outbound queue, its delivery receipt and the reply, at the price in force when sent', async () => {
    const prices = await call(
      '/v1/usage/prices',
      authed(admin, 'PUT', {
        prices: [
          { country: '*', channel: 'sms', direction: 'outbound', category: 'standard', priceMicros: 7_900 },
          { country: 'DE', channel: 'sms', direction: 'outbound', category: 'standard', priceMicros: 75_000 },
        ],
      }),
    );
    expect(prices.status).toBe(200);
    const us = await candidate('c-u1', '+14155550131');
    const de = await candidate('c-u2', '+4915112345678');
    for (const [id, body] of [
      [us, 'Hello from Parley'],
      [de, `Lange Nachricht ${'x'.repeat(160)}`],
    ] as const) {
      expect((await call(`/v1/candidates/${id}/messages`, authed(recruiter, 'POST', { channel: 'sms', body }))).status).toBe(201);
    }
    await outboxSettled();
    // The price changes after the sends: what was sent keeps its price.
    await call(
      '/v1/usage/prices',
      authed(admin, 'PUT', { prices: [{ country: '*', channel: 'sms', direction: 'outbound', category: 'standard', priceMicros: 1_000_000 }] }),
    );
    const raw = JSON.stringify({ messageId: 'sbx_usage_reply', channel: 'sms', from: '+14155550131', to: '+14155550100', body: 'Yes, interested!' });
    const reply = await call(`/webhooks/sandbox/${DEMO.integrationId}`, {
      method: 'POST',
      headers: { 'X-Sandbox-Signature': await signSandboxBody(DEMO.sandboxWebhookSecret, raw) },
      body: raw,
    });
    expect(reply.status).toBe(200);

    const usage = await report(admin, `from=${today}&to=${today}&groupBy=country`);
    expect(usage.totals).toMatchObject({ messagesOut: 2, messagesIn: 1, segments: 3, candidatesReached: 2, conversationsStarted: 2, replies: 1, failed: 0 });
    expect(usage.totals.replyRate).toBe(0.5);
    expect(usage.totals.costMicros).toBe(7_900 + 2 * 75_000);
    expect(usage.rows.map((row) => [row.country, row.messagesOut, row.messagesIn, row.costMicros])).toEqual([
      ['US', 1, 1, 7_900],
      ['DE', 1, 0, 150_000],
    ]);
    expect(usage.pricesAreExamples).toBe(false);
    const inForce = (await (await call('/v1/usage/prices', authed(recruiter))).json()) as UsagePrices;
    // DE's own price ended with the second PUT (it was not given): '*' applies there again.
    expect(inForce.prices.map((price) => [price.country, price.priceMicros])).toEqual([['*', 1_000_000]]);
  });

  it("shows a recruiter only their own usage, whatever they ask for; an admin sees everyone's", async () => {
    const id = await candidate('c-u3', '+14155550133');
    await written({ id: 'msg_usage_admin', candidateId: id, direction: 'outbound', at: fromNow(-HOUR), sender: DEMO.admin.id });
    const mine = await report(recruiter, `from=${today}&to=${today}&groupBy=user&userId=${DEMO.admin.id}`);
    expect(mine.rows.map((row) => row.user?.name)).toEqual([DEMO.recruiter.name]);
    expect(mine.seats.map((seat) => seat.userId)).toEqual([DEMO.recruiter.id]);
    const everyone = await report(admin, `from=${today}&to=${today}&groupBy=user`);
    expect(everyone.rows.map((row) => row.user?.name).sort()).toEqual([DEMO.admin.name, DEMO.recruiter.name].sort());
    const other = await report(await signIn('eve@other.test'), `from=${today}&to=${today}&groupBy=user`);
    expect(other.totals.messagesOut).toBe(0);
    expect(other.rows).toEqual([]);
  });

  it('marks seats idle for 30 days and more', async () => {
    const usage = await report(admin, `from=${addDays(today, -6)}&to=${today}`);
    const seats = Object.fromEntries(usage.seats.map((seat) => [seat.userId, seat]));
    expect(seats[DEMO.recruiter.id]).toMatchObject({ lastSendDay: today, idle: false, messagesOut: 2 });
    expect(seats[DEMO.teammate.id]).toBeUndefined();
    const id = await candidate('c-u4', '+14155550134');
    await env.DB.prepare(`UPDATE users SET has_seat = 1 WHERE id = ?`).bind(DEMO.teammate.id).run();
    await written({ id: 'msg_usage_jana', candidateId: id, direction: 'outbound', at: fromNow(-31 * DAY), sender: DEMO.teammate.id });
    const later = await report(admin, `from=${addDays(today, -6)}&to=${today}`);
    expect(later.seats.find((seat) => seat.userId === DEMO.teammate.id)).toMatchObject({ lastSendDay: addDays(today, -31), idle: true, messagesOut: 0 });
  });

  it('groups by day, week and month in the tenant time zone across the summer-time switch', async () => {
    expect((await call('/v1/usage/settings', authed(admin, 'PUT', { timeZone: 'Europe/Berlin', currency: 'EUR' }))).status).toBe(200);
    const id = await candidate('c-u5', '+14155550135');
    // In 2025, long before any clock a test run starts at (messages written "today" stay out of the range):
    // 23:30 UTC on Saturday 29 March is Sunday 00:30 in Berlin (UTC+1); after the switch at 01:00 UTC on
    // Sunday, 22:30 UTC is Monday 00:30 and 21:59 UTC on Monday still Monday 23:59 (UTC+2).
    await written({ id: 'msg_usage_dst_1', candidateId: id, direction: 'outbound', at: new Date('2025-03-29T23:30:00Z'), sender: DEMO.recruiter.id });
    await written({ id: 'msg_usage_dst_2', candidateId: id, direction: 'outbound', at: new Date('2025-03-30T22:30:00Z'), sender: DEMO.recruiter.id });
    await written({ id: 'msg_usage_dst_3', candidateId: id, direction: 'outbound', at: new Date('2025-03-31T21:59:00Z'), sender: DEMO.recruiter.id });
    const range = 'from=2025-03-01&to=2025-04-30';
    const days = await report(admin, `${range}&groupBy=day`);
    expect(days.rows.map((row) => [row.period, row.messagesOut])).toEqual([
      ['2025-03-30', 1],
      ['2025-03-31', 2],
    ]);
    const weeks = await report(admin, `${range}&groupBy=week`);
    expect(weeks.rows.map((row) => [row.period, row.messagesOut])).toEqual([
      ['2025-03-24', 1],
      ['2025-03-31', 2],
    ]);
    const months = await report(admin, `${range}&groupBy=month,user`);
    expect(months.rows.map((row) => [row.period, row.user?.name, row.messagesOut])).toEqual([['2025-03', DEMO.recruiter.name, 3]]);
    expect(days.timeZone).toBe('Europe/Berlin');
    expect(days.currency).toBe('EUR');
  });

  it('names the top failure reasons', async () => {
    const id = await candidate('c-u6', '+14155550136');
    for (const [n, status] of [
      [1, 'failed'],
      [2, 'failed'],
    ] as const) {
      await written({
        id: `msg_usage_failed_${n}`,
        candidateId: id,
        direction: 'outbound',
        at: new Date('2025-04-02T10:00:00Z'),
        sender: DEMO.recruiter.id,
        status,
      });
    }
    const usage = await report(admin, 'from=2025-04-01&to=2025-04-30');
    expect(usage.totals).toMatchObject({ failed: 2, messagesOut: 2, costMicros: 0 });
    expect(usage.failureReasons).toEqual([{ reason: 'No reason given', count: 2 }]);
  });

  it.each([
    ['from after to', 'from=2027-02-01&to=2027-01-01', '"from" is after "to"'],
    ['a range over 400 days', 'from=2026-01-01&to=2027-02-05', 'at most 400 days'],
    ['an unknown grouping', 'from=2027-01-01&to=2027-01-31&groupBy=user,planet', 'unknown grouping planet'],
    ['two periods', 'from=2027-01-01&to=2027-01-31&groupBy=day,week', 'at most one of day, week, month'],
    ['a date that is none', 'from=2027-02-30&to=2027-03-01', 'a date such as'],
  ])('refuses %s with a 422 naming why', async (_, query, message) => {
    for (const path of ['/v1/usage', '/v1/usage.csv']) {
      const response = await call(`${path}?${query}`, authed(admin));
      expect(response.status).toBe(422);
      expect(((await response.json()) as { error: { message: string } }).error.message).toContain(message);
    }
  });

  it('refuses a time zone it does not know and prices from recruiters', async () => {
    expect((await call('/v1/usage/settings', authed(admin, 'PUT', { timeZone: 'Mars/Olympus', currency: 'EUR' }))).status).toBe(422);
    const byRecruiter = await call('/v1/usage/prices', authed(recruiter, 'PUT', { prices: [] }));
    expect(byRecruiter.status).toBe(403);
  });
});

describe('the usage CSV', () => {
  it('is the report table: UTF-8, a header row, CRLF, formula-looking cells neutralised', async () => {
    await env.DB.prepare(`UPDATE users SET name = ? WHERE id = ?`).bind('=HYPERLINK("http://evil.test","Rita")', DEMO.recruiter.id).run();
    const query = 'from=2025-03-01&to=2025-04-30&groupBy=user,month';
    const response = await call(`/v1/usage.csv?${query}`, authed(admin));
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Type')).toBe('text/csv; charset=utf-8');
    const text = await response.text();
    expect(text.split('\r\n')[0]).toBe(
      'User,Month,Messages out,Messages in,SMS segments,Candidates reached,Conversations started,Delivered,Failed,Replies,Reply rate,Estimated cost (EUR)',
    );
    const rows = Papa.parse<string[]>(text.trim(), { newline: '\r\n' }).data;
    const usage = await report(admin, query);
    expect(rows).toHaveLength(usage.rows.length + 1);
    expect(rows.slice(1).map((row) => [row[0], row[1], Number(row[2])])).toEqual(
      usage.rows.map((row) => [row.user?.name.startsWith('=') ? `'${row.user.name}` : row.user?.name, row.period, row.messagesOut]),
    );
    expect(rows[1]![0]).toBe(`'=HYPERLINK("http://evil.test","Rita")`);
  });
});
