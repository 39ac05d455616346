import { act } from 'react';
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import type { UsageReport } from '@shared/api/usage.ts';
import { createApi } from '../api/client.ts';
import { renderAsync } from '../testing/render.tsx';
import { ApiProvider } from '../ui/api-context.tsx';
import { UsageSection } from './usage-section.tsx';
import type { User } from '@shared/api/auth.ts';

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

const counts = {
  messagesOut: 0,
  messagesIn: 0,
  segments: 0,
  candidatesReached: 0,
  conversationsStarted: 0,
  delivered: 0,
  failed: 0,
  replies: 0,
  costMicros: 0,
};

function reportFor(url: URL): UsageReport {
  const groupBy = (url.searchParams.get('groupBy') ?? '').split(',').filter(Boolean) as UsageReport['groupBy'];
  const rita = {
    ...counts,
    messagesOut: 10,
    messagesIn: 4,
    segments: 12,
    candidatesReached: 6,
    conversationsStarted: 5,
    delivered: 8,
    failed: 1,
    replies: 4,
    costMicros: 94_800,
  };
  const parley = { ...counts, messagesOut: 2, candidatesReached: 2, delivered: 2, costMicros: 15_800 };
  return {
    from: url.searchParams.get('from')!,
    to: url.searchParams.get('to')!,
    today: '2027-03-31',
    timeZone: 'Europe/Berlin',
    currency: 'EUR',
    groupBy,
    totals: {
      ...counts,
      messagesOut: 12,
      messagesIn: 4,
      segments: 12,
      candidatesReached: 7,
      conversationsStarted: 5,
      delivered: 10,
      failed: 1,
      replies: 4,
      costMicros: 110_600,
      replyRate: 4 / 12,
    },
    rows: groupBy.includes('user')
      ? [
          { user: { id: 'usr_rita', name: 'Rita Ortiz' }, ...rita },
          { user: { id: null, name: 'Parley (automatic)' }, ...parley },
        ]
      : [{ country: 'DE', channel: 'sms', period: '2027-03-30', ...rita }],
    failureReasons: [{ reason: 'The carrier rejected the message.', count: 1 }],
    seats: [
      { userId: 'usr_rita', name: 'Rita Ortiz', email: 'rita@northwind.test', messagesOut: 10, lastSendDay: '2027-03-30', idle: false },
      { userId: 'usr_avery', name: 'Avery Admin', email: 'admin@northwind.test', messagesOut: 0, lastSendDay: null, idle: true },
    ],
    pricesAreExamples: true,
  };
}

const admin: User = { id: 'usr_avery', email: 'admin@northwind.test', name: 'Avery Admin', role: 'admin', tenantId: 'ten_demo', tenantName: 'Northwind' };

let requests: URL[];
let puts: { path: string; body: unknown }[];

function api() {
  return createApi({
    origin: 'http://worker.test',
    getToken: async () => 'token',
    fetch: async (input, init) => {
      const url = new URL(String(input instanceof Request ? input.url : input));
      requests.push(url);
      if (init?.method === 'PUT') {
        puts.push({ path: url.pathname, body: JSON.parse(String(init.body)) });
        return json(200, url.pathname.endsWith('prices') ? { currency: 'EUR', prices: [] } : puts.at(-1)!.body);
      }
      if (url.pathname === '/v1/usage/settings') return json(200, { timeZone: 'Europe/Berlin', currency: 'EUR' });
      if (url.pathname === '/v1/usage/prices')
        return json(200, {
          currency: 'EUR',
          prices: [
            {
              country: '*',
              channel: 'sms',
              direction: 'outbound',
              category: 'standard',
              priceMicros: 7900,
              validFrom: '2027-01-01T00:00:00.000Z',
              example: true,
            },
          ],
        });
      if (url.pathname === '/v1/usage.csv') return new Response('User,Messages out\r\nRita Ortiz,10\r\n', { headers: { 'Content-Type': 'text/csv' } });
      return json(200, reportFor(url));
    },
  });
}

beforeEach(() => {
  requests = [];
  puts = [];
  vi.useFakeTimers({ toFake: ['Date'] });
  // 23:30 UTC on 30 March is already 31 March in Berlin: the presets count the tenant's days.
  vi.setSystemTime(new Date('2027-03-30T23:30:00Z'));
});
afterEach(() => vi.useRealTimers());

const byTestId = (host: HTMLElement, id: string) => host.querySelector<HTMLElement>(`[data-testid="${id}"]`)!;
const usageRequests = (groupBy: string) => requests.filter((url) => url.pathname === '/v1/usage' && url.searchParams.get('groupBy') === groupBy);

test("admins read the team's totals, table, charts' data and seat use over the tenant's days, and export what the table shows", async () => {
  const { host } = await renderAsync(
    <ApiProvider api={api()}>
      <UsageSection user={admin} />
    </ApiProvider>,
  );
  expect(byTestId(host, 'usage-range-label').textContent).toBe('2027-03-02 to 2027-03-31, days in Europe/Berlin');
  expect(usageRequests('user')).toHaveLength(1);
  // The charts ask for time by channel (per day within a quarter) and by country.
  expect(usageRequests('day,channel')).toHaveLength(1);
  expect(usageRequests('country')).toHaveLength(1);
  expect(byTestId(host, 'usage-total-out').textContent).toBe('Messages out12');
  expect(byTestId(host, 'usage-total-reply-rate').textContent).toBe('Reply rate33.3%');
  expect(byTestId(host, 'usage-total-cost').textContent).toBe('Estimated cost€0.1106');
  expect(byTestId(host, 'usage-example-prices')).not.toBeNull();
  expect(byTestId(host, 'usage-failures').textContent).toContain('The carrier rejected the message. (1)');
  const rows = [...host.querySelectorAll('[data-testid="usage-row"]')].map((row) => [...row.querySelectorAll('td')].map((cell) => cell.textContent));
  expect(rows[0]!.slice(0, 3)).toEqual(['Rita Ortiz', '10', '4']);
  expect(rows[1]![0]).toBe('Parley (automatic)');
  // The total row is the worker's: candidates reached counts each candidate once.
  expect([...byTestId(host, 'usage-table-total').querySelectorAll('td')].map((cell) => cell.textContent).slice(0, 4)).toEqual(['12', '4', '12', '7']);
  const seats = [...host.querySelectorAll('[data-testid="usage-seat"]')];
  expect(seats.map((seat) => seat.getAttribute('data-idle'))).toEqual(['false', 'true']);
  expect(seats[1]!.querySelector('[data-testid="usage-reassign"]')!.getAttribute('href')).toBe('#users');
  expect(byTestId(host, 'usage-chart-time')).not.toBeNull();
  expect(byTestId(host, 'usage-prices-examples')).not.toBeNull();

  // Grouping by country too asks for user,country, in the order the boxes are listed.
  await act(async () => byTestId(host, 'usage-group-country').click());
  expect(usageRequests('user,country')).toHaveLength(1);
  // Last month, per week.
  await act(async () => (host.querySelector('[data-testid="usage-range"] [data-value="lastMonth"]') as HTMLElement).click());
  const select = byTestId(host, 'usage-period') as HTMLSelectElement;
  await act(async () => {
    Object.getOwnPropertyDescriptor(HTMLSelectElement.prototype, 'value')!.set!.call(select, 'week');
    select.dispatchEvent(new Event('change', { bubbles: true }));
  });
  const last = requests.filter((url) => url.pathname === '/v1/usage').at(-1)!;
  expect([last.searchParams.get('from'), last.searchParams.get('to'), last.searchParams.get('groupBy')]).toEqual([
    '2027-02-01',
    '2027-02-28',
    'user,country,week',
  ]);

  const created: Blob[] = [];
  vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
    created.push(blob as Blob);
    return 'blob:usage';
  });
  vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
  await act(async () => byTestId(host, 'usage-export').click());
  const csvRequest = requests.find((url) => url.pathname === '/v1/usage.csv')!;
  expect(csvRequest.searchParams.get('groupBy')).toBe('user,country,week');
  expect(await created[0]!.text()).toBe('User,Messages out\r\nRita Ortiz,10\r\n');
});

test('admins save prices in their currency and the reporting zone; a recruiter sees their own usage without them', async () => {
  const { host } = await renderAsync(
    <ApiProvider api={api()}>
      <UsageSection user={admin} />
    </ApiProvider>,
  );
  const price = host.querySelector<HTMLInputElement>('[data-testid="usage-price"] [aria-label="Price per unit"]')!;
  expect(price.value).toBe('0.0079');
  await act(async () => {
    Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(price, '0.0085');
    price.dispatchEvent(new Event('input', { bubbles: true }));
  });
  await act(async () => (byTestId(host, 'usage-prices-form') as HTMLFormElement).requestSubmit());
  expect(puts).toEqual([
    { path: '/v1/usage/settings', body: { timeZone: 'Europe/Berlin', currency: 'EUR' } },
    { path: '/v1/usage/prices', body: { prices: [{ country: '*', channel: 'sms', direction: 'outbound', category: 'standard', priceMicros: 8500 }] } },
  ]);

  const recruiter = await renderAsync(
    <ApiProvider api={api()}>
      <UsageSection user={{ ...admin, id: 'usr_rita', role: 'recruiter' }} />
    </ApiProvider>,
  );
  expect(recruiter.host.querySelector('h2')!.textContent).toBe('Your usage');
  expect(recruiter.host.querySelector('[data-testid="usage-prices-form"]')).toBeNull();
  expect(recruiter.host.querySelector('[data-testid="usage-reassign"]')).toBeNull();
});
