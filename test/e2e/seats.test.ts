/**
 * Seats as an admin and a recruiter live them, each in their own browser (the extension keeps one
 * session per browser): the admin gives a seat on the options page, the recruiter sends, the
 * admin revokes it, and the recruiter's next send is refused with the reason in the panel.
 */
import { join } from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEMO } from '../../worker/sandbox/seed.ts';
import { apiAs, extensionOrigin, launchWithExtension, openProfileSignedIn, screenshots } from './support.ts';

let adminBrowser: BrowserContext;
let recruiterBrowser: BrowserContext;
let setRecruiterSeat: (seat: boolean) => Promise<Response>;

beforeAll(async () => {
  const admin = await apiAs(DEMO.admin.email);
  setRecruiterSeat = (seat) => admin(`/v1/users/${DEMO.recruiter.id}`, { method: 'PATCH', body: JSON.stringify({ seat }) });
  // The demo seed gives the recruiter a seat; start without one so the admin can give it.
  expect((await setRecruiterSeat(false)).status).toBe(200);
  [adminBrowser, recruiterBrowser] = await Promise.all([launchWithExtension(), launchWithExtension()]);
});

afterAll(async () => {
  // Leave the shared e2e worker as the seed made it, for the other e2e files.
  await setRecruiterSeat(true);
  await Promise.all([adminBrowser?.close(), recruiterBrowser?.close()]);
});

it('the admin gives a seat on the options page, the recruiter sends, the admin revokes it, the next send is refused with the reason', async () => {
  // The admin signs in on the options page.
  const options = await adminBrowser.newPage();
  await options.goto(`${await extensionOrigin(adminBrowser)}/options.html`);
  await options.getByTestId('signin-email').fill(DEMO.admin.email);
  await options.getByTestId('signin-password').fill(DEMO.password);
  await options.getByTestId('signin-submit').click();
  const rita = options.locator(`[data-testid="user-row"][data-email="${DEMO.recruiter.email}"]`);
  await options.getByTestId('user-search').fill('rita');
  const ritaSeat = rita.getByTestId('seat-toggle');
  await expect.poll(() => ritaSeat.isChecked(), { timeout: 15_000 }).toBe(false);
  const usedBefore = await options.getByTestId('seat-usage').textContent();

  // …and gives the recruiter a seat.
  await ritaSeat.click(); // a controlled toggle: it shows the worker's answer, not the click
  await expect.poll(() => options.getByTestId('seat-usage').textContent()).not.toBe(usedBefore);
  await expect.poll(() => ritaSeat.isChecked()).toBe(true);
  await options.screenshot({ path: join(screenshots, 'options-users.png') });

  // The recruiter signs in in the panel and sends.
  const ats = await recruiterBrowser.newPage();
  const panel = await openProfileSignedIn(ats, 'c-1001', DEMO.recruiter.email);
  await expect.poll(() => panel.getByTestId('candidate-name').textContent(), { timeout: 15_000 }).toContain('Ada Lovelace');
  const first = `Seat check ${Date.now()}: are you free on Friday?`;
  await panel.getByTestId('composer').fill(first);
  await panel.getByTestId('send').click();
  await expect.poll(() => panel.getByTestId('message').filter({ hasText: first }).count(), { timeout: 10_000 }).toBe(1);

  // The admin revokes the seat.
  await ritaSeat.click();
  await expect.poll(() => options.getByTestId('seat-usage').textContent()).toBe(usedBefore);

  // The recruiter's next send is refused, and the panel says why and whom to ask.
  const second = 'And on Saturday?';
  await panel.getByTestId('composer').fill(second);
  await panel.getByTestId('send').click();
  await expect.poll(() => panel.getByTestId('send-error').textContent(), { timeout: 10_000 }).toMatch(/do not have a Parley seat/);
  expect(await panel.getByTestId('send-error').textContent()).toContain(DEMO.admin.email);
  expect(await panel.getByTestId('message').filter({ hasText: second }).count()).toBe(0);
  await ats.screenshot({ path: join(screenshots, 'panel-seat-refused.png') });

  // The audit log shows both seat events by the admin.
  await options.getByTestId('nav-audit').click();
  const seatEvents = options.locator('[data-testid="audit-event"][data-action^="seat."]');
  await expect.poll(() => seatEvents.count()).toBeGreaterThanOrEqual(2);
  expect(await seatEvents.first().textContent()).toContain(DEMO.admin.email);
});
