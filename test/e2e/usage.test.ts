/**
 * Usage as the admin reads it on the options page: after a recruiter's sends, the charts are drawn,
 * the table's total row equals the worker's totals, and the CSV export downloads the table shown.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { UsageReport } from '../../shared/api/usage.ts';
import { DEMO } from '../../worker/sandbox/seed.ts';
import { apiAs, extensionOrigin, launchWithExtension, screenshots } from './support.ts';

let browser: BrowserContext;

beforeAll(async () => {
  const recruiter = await apiAs(DEMO.recruiter.email);
  for (const body of ['Usage check: hello Ada!', `Usage check: a longer note ${'x'.repeat(170)}`]) {
    const sent = await recruiter('/v1/candidates/cand_demo_c1001/messages', { method: 'POST', body: JSON.stringify({ channel: 'sms', body }) });
    expect(sent.status).toBe(201);
  }
  browser = await launchWithExtension({ width: 1280, height: 1600 });
});

afterAll(async () => {
  await browser?.close();
});

it('the admin opens Usage: charts drawn, the totals equal the worker’s, the CSV is the table shown', async () => {
  const options = await browser.newPage();
  await options.goto(`${await extensionOrigin(browser)}/options.html#usage`);
  await options.getByTestId('signin-email').fill(DEMO.admin.email);
  await options.getByTestId('signin-password').fill(DEMO.password);
  await options.getByTestId('signin-submit').click();
  await options.getByTestId('usage-table').waitFor({ timeout: 15_000 });

  // Each chart has drawn on its canvas (some pixel is not blank).
  for (const chart of ['usage-chart-time', 'usage-chart-countries', 'usage-chart-delivery']) {
    const drawn = await options
      .getByTestId(chart)
      .locator('canvas')
      .evaluate((canvas: HTMLCanvasElement) => {
        const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
        return data.some((value, i) => i % 4 === 3 && value > 0);
      });
    expect(drawn, chart).toBe(true);
  }

  // The table's total row is the worker's report for the range the page shows.
  const [from, to] = (await options.getByTestId('usage-range-label').textContent())!.match(/\d{4}-\d{2}-\d{2}/g)!;
  const admin = await apiAs(DEMO.admin.email);
  const report = (await (await admin(`/v1/usage?from=${from}&to=${to}&groupBy=user`)).json()) as UsageReport;
  expect(report.totals.messagesOut).toBeGreaterThanOrEqual(2);
  const totalCells = await options.getByTestId('usage-table-total').locator('td').allTextContents();
  const t = report.totals;
  expect(totalCells.slice(0, 8).map(Number)).toEqual([
    t.messagesOut,
    t.messagesIn,
    t.segments,
    t.candidatesReached,
    t.conversationsStarted,
    t.delivered,
    t.failed,
    t.replies,
  ]);
  expect(await options.getByTestId('usage-total-out').locator('dd').textContent()).toBe(t.messagesOut.toLocaleString('en'));

  // The CSV downloads and parses back to the rows on screen.
  const [download] = await Promise.all([options.waitForEvent('download'), options.getByTestId('usage-export').click()]);
  const csv = readFileSync((await download.path())!, 'utf8');
  const parsed = Papa.parse<string[]>(csv.trim(), { newline: '\r\n' }).data;
  const header = await options.getByTestId('usage-table').locator('thead th').allTextContents();
  const rows = await options.getByTestId('usage-row').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')));
  expect(parsed).toEqual([header, ...rows]);

  await options.getByTestId('usage-section').screenshot({ path: join(screenshots, 'options-usage.png') });
});
