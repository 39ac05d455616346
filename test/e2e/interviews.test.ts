/**
 * Interviews end to end, as a recruiter and a candidate live them: scheduled from the panel on the
 * demo ATS, the invitation on the sandbox phone, the candidate's "1" turning the panel to Confirmed;
 * a reminder going once when the test clock passes its time (the cron on demand, twice) and none
 * after a decline; self-scheduling on the candidate's page on a phone without JavaScript, with the
 * .ics download. Camille (France) is no other test's candidate; France is set to single opt-in for
 * the file, so her consent is one page visit.
 */
import { join } from 'node:path';
import { type Browser, type BrowserContext, chromium, type FrameLocator, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ComplianceSettings } from '../../shared/api/compliance.ts';
import type { Interview, InterviewList } from '../../shared/api/interviews.ts';
import { wallTimeOf } from '../../shared/domain/interviews.ts';
import { DEMO } from '../../worker/sandbox/seed.ts';
import { apiAs, launchWithExtension, openProfileSignedIn, screenshots, workerUrl } from './support.ts';

const CAMILLE = { atsId: 'c-1004', id: 'cand_demo_c1004', email: 'camille.dubois@example.com', phone: '+33612345678' };
const DAY_MS = 86_400_000;

let context: BrowserContext;
let phoneBrowser: Browser;
let admin: Awaited<ReturnType<typeof apiAs>>;
let recruiter: Awaited<ReturnType<typeof apiAs>>;
let settingsBefore: ComplianceSettings;
let ats: Page;
let panel: FrameLocator;

/** What Camille's phone has received, oldest first. */
async function phoneTexts(): Promise<string[]> {
  const page = await (await fetch(`${workerUrl}/sandbox/phone/${encodeURIComponent(CAMILLE.phone)}`)).text();
  return [...page.matchAll(/data-direction="to_phone">[\s\S]*?<span class="body">([\s\S]*?)<\/span>/g)].map((m) => m[1]!.trim());
}

/** The first text on her phone that `matches`, once it has arrived. */
async function phoneText(matches: (text: string) => boolean): Promise<string> {
  const arrived = async () => (await phoneTexts()).find(matches);
  await expect.poll(async () => (await arrived()) !== undefined, { timeout: 10_000 }).toBe(true);
  return (await arrived())!;
}

async function interviewsOfCamille(): Promise<Interview[]> {
  return ((await (await recruiter(`/v1/interviews?candidateId=${CAMILLE.id}`)).json()) as InterviewList).interviews;
}

/** The cron, run by the sandbox at the test clock's instant. */
async function runSchedulerAt(at: Date): Promise<{ reminders: { sent: number; skipped: number } }> {
  const response = await fetch(`${workerUrl}/sandbox/scheduler?at=${encodeURIComponent(at.toISOString())}`, { method: 'POST' });
  expect(response.status).toBe(200);
  return (await response.json()) as { reminders: { sent: number; skipped: number } };
}

const linkIn = (text: string) => /https?:\/\/\S+\/i\/[A-Za-z0-9_.-]+/.exec(text)?.[0];

beforeAll(async () => {
  context = await launchWithExtension();
  phoneBrowser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
  admin = await apiAs(DEMO.admin.email);
  recruiter = await apiAs(DEMO.recruiter.email);
  settingsBefore = (await (await admin('/v1/compliance-settings')).json()) as ComplianceSettings;
  const put = await admin('/v1/compliance-settings', {
    method: 'PUT',
    body: JSON.stringify({
      ...settingsBefore,
      countries: [...settingsBefore.countries.filter((row) => row.country !== 'FR'), { country: 'FR', optIn: 'single' }],
    }),
  });
  expect(put.status).toBe(200);

  // Camille agrees to SMS on the consent page the recruiter's request emails her.
  expect((await recruiter(`/v1/candidates/${CAMILLE.id}/consent-requests`, { method: 'POST', body: JSON.stringify({ channels: ['sms'] }) })).status).toBe(201);
  const outbox = await (await fetch(`${workerUrl}/sandbox/email?to=${encodeURIComponent(CAMILLE.email)}`)).text();
  const consentLink = /https?:\/\/[^\s"<]+\/c\/[A-Za-z0-9_-]+/.exec(outbox)?.[0];
  if (!consentLink) throw new Error(`no consent link for ${CAMILLE.email}`);
  expect((await fetch(consentLink, { method: 'POST', body: new URLSearchParams({ sms: 'grant' }) })).status).toBe(200);

  ats = await context.newPage();
  panel = await openProfileSignedIn(ats, CAMILLE.atsId, DEMO.recruiter.email);
});

afterAll(async () => {
  await admin?.('/v1/compliance-settings', { method: 'PUT', body: JSON.stringify(settingsBefore) });
  await phoneBrowser?.close();
  await context?.close();
});

let fixedStart: Date;

it('a recruiter schedules on the demo ATS → the invitation reaches the phone → the candidate replies 1 → the panel shows Confirmed within a second', async () => {
  await panel.getByTestId('panel-view').locator('[data-value="interviews"]').click();
  await panel.getByTestId('interviews-empty').waitFor();
  await panel.getByTestId('schedule-interview').click();

  // Three days ahead at 10:00 in the browser's zone: both default reminders (1 day, 1 hour) are ahead.
  const zone = await ats.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone);
  const { date } = wallTimeOf(new Date(Date.now() + 3 * DAY_MS), zone);
  await panel.getByTestId('interview-title').fill('Phone screen');
  await panel.getByTestId('interview-date').fill(date);
  await panel.getByTestId('interview-time').fill('10:00');
  await panel.getByTestId('interview-duration').selectOption('30');
  await expect.poll(() => panel.getByTestId('merge-form').textContent()).toContain('Phone screen');
  expect(await panel.getByTestId('interview-zones').textContent()).toContain('in Europe/Paris for Camille');
  await ats.screenshot({ path: join(screenshots, 'interviews-schedule-form.png') });
  // The invitation reads as Camille will get it, never as template syntax.
  const invitation = panel.getByTestId('merge-form');
  expect(await invitation.textContent()).not.toContain('{{');
  expect(await panel.getByTestId('template-preview').count()).toBe(0);
  await invitation.evaluate((element) => element.scrollIntoView({ block: 'center' }));
  await ats.screenshot({ path: join(screenshots, 'interviews-invitation.png') });
  await panel.getByTestId('send-invitation').click();

  const card = panel.getByTestId('interview-card');
  await expect.poll(() => card.getByTestId('interview-state').getAttribute('data-state'), { timeout: 10_000 }).toBe('invited');
  const [scheduled] = await interviewsOfCamille();
  fixedStart = new Date(scheduled!.startsAt!);
  expect(await card.getByTestId('interview-reminder').count()).toBe(2);

  await phoneText((t) => t.includes('Phone screen') && /\b1\b/.test(t));

  const phone = await context.newPage();
  await phone.goto(`${workerUrl}/sandbox/phone/${encodeURIComponent(CAMILLE.phone)}`);
  await phone.getByTestId('phone-reply').fill('1');
  const replied = performance.now();
  await phone.getByTestId('phone-send').click();
  await expect.poll(() => card.getByTestId('interview-state').getAttribute('data-state'), { timeout: 5_000, interval: 50 }).toBe('confirmed');
  const confirmedAfterMs = performance.now() - replied;
  console.log(`interviews e2e: the reply "1" showed as Confirmed in the panel after ${Math.round(confirmedAfterMs)} ms`);
  expect(confirmedAfterMs).toBeLessThan(1_000);
  await phone.close();
  await ats.screenshot({ path: join(screenshots, 'interviews-confirmed.png') });
});

it('a reminder goes once when the test clock passes its time, even when the cron runs twice; none after the candidate declines', async () => {
  const reminders = (texts: string[]) => texts.filter((t) => t.startsWith('Rappel') || t.startsWith('Reminder'));
  const before = reminders(await phoneTexts()).length;

  const dayBefore = new Date(fixedStart.getTime() - DAY_MS + 60_000);
  const [first, second] = [await runSchedulerAt(dayBefore), await runSchedulerAt(dayBefore)];
  expect(first.reminders.sent + second.reminders.sent).toBe(1);
  await expect.poll(async () => reminders(await phoneTexts()).length, { timeout: 10_000 }).toBe(before + 1);

  // She can no longer come: she declines on her page (the link in the invitation).
  const invitation = await phoneText((t) => t.includes('Phone screen') && linkIn(t) !== undefined);
  const page = await (await phoneBrowser.newContext({ javaScriptEnabled: false, viewport: { width: 390, height: 844 }, isMobile: true })).newPage();
  await page.goto(linkIn(invitation)!);
  await page.getByTestId('interview-decline').click();
  await expect.poll(() => panel.getByTestId('interview-state').first().getAttribute('data-state'), { timeout: 5_000 }).toBe('declined');
  await page.context().close();

  const hourBefore = new Date(fixedStart.getTime() - 60 * 60_000 + 60_000);
  expect((await runSchedulerAt(hourBefore)).reminders.sent).toBe(0);
  expect(reminders(await phoneTexts()).length).toBe(before + 1);
  const states = await panel.getByTestId('interview-reminder').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-state')));
  expect(states.sort()).toEqual(['cancelled', 'sent']);
});

it('self-scheduling: the candidate picks a slot on her page on a phone with JavaScript off, downloads the .ics, and the panel shows the time', async () => {
  await panel.getByTestId('schedule-interview').click();
  await panel.getByTestId('interview-title').fill('Meet the team');
  await panel.getByTestId('interview-mode').locator('[data-value="self_schedule"]').click();
  const zone = await ats.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone);
  const { date } = wallTimeOf(new Date(Date.now() + 4 * DAY_MS), zone);
  const slots = panel.getByTestId('interview-slots');
  await slots.locator('summary').click();
  await slots.locator('input[type="date"]').last().fill(date);
  await panel.getByTestId('fill-range').click();
  await expect.poll(() => slots.locator('li').count()).toBe(4); // 09:00–12:00 in 45-minute slots
  await panel.getByTestId('send-invitation').click();
  await expect.poll(() => panel.getByTestId('interview-state').first().getAttribute('data-state'), { timeout: 10_000 }).toBe('awaiting_pick');

  const invitation = await phoneText((t) => t.includes('Meet the team') && linkIn(t) !== undefined);

  const phone = await phoneBrowser.newContext({ javaScriptEnabled: false, viewport: { width: 390, height: 844 }, isMobile: true, acceptDownloads: true });
  const page = await phone.newPage();
  await page.goto(linkIn(invitation)!);
  expect(await page.locator('html').getAttribute('lang')).toBe('fr');
  await page.screenshot({ path: join(screenshots, 'interviews-candidate-page-phone.png'), fullPage: true });
  const offered = page.getByTestId('interview-slots').locator('input[type="radio"]');
  expect(await offered.count()).toBe(4);
  await offered.nth(1).check();
  await page.getByTestId('interview-pick').click();
  await page.getByTestId('interview-ics').waitFor();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('interview-ics').click()]);
  const ics = await download.path().then((path) => import('node:fs').then((fs) => fs.readFileSync(path, 'utf8')));
  expect(ics).toMatch(/^BEGIN:VCALENDAR\r\n/);
  expect(ics).toContain('METHOD:REQUEST');
  expect(ics).toMatch(/UID:[^\r\n]+\r\n/);
  await page.screenshot({ path: join(screenshots, 'interviews-candidate-page-confirmed.png'), fullPage: true });
  await phone.close();

  const picked = (await interviewsOfCamille()).find((i) => i.title === 'Meet the team')!;
  expect(picked.state).toBe('confirmed');
  expect(picked.startsAt).toBe(picked.slots[1]!.startsAt);
  const card = panel.getByTestId('interview-card').filter({ hasText: 'Meet the team' });
  await expect.poll(() => card.getByTestId('interview-state').getAttribute('data-state'), { timeout: 5_000 }).toBe('confirmed');
  expect(await card.getByTestId('interview-when').textContent()).toContain('in Europe/Paris for the candidate');
  await ats.screenshot({ path: join(screenshots, 'interviews-view.png') });
});
