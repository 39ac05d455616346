/**
 * Quiet hours in the real panel: a message composed in the candidate's night is held, the panel
 * says when it will go, and it can be cancelled — from the panel, or elsewhere with the open panel
 * following. The night is set around the current time in Madrid, so this runs the same at any hour
 * of the wall clock. (Release at the end of the night runs on the cron; the worker tests cover it
 * with a fixed clock: worker/services/quiet-hours.test.ts.)
 */
import { join } from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ComplianceSettings } from '../../shared/api/compliance.ts';
import { DEMO } from '../../worker/sandbox/seed.ts';
import { apiAs, launchWithExtension, openProfileSignedIn, screenshots, workerUrl } from './support.ts';

const LUCIA = { atsId: 'c-1005', id: 'cand_demo_c1005', email: 'lucia.fernandez@example.net', phone: '+34612345678' };

let context: BrowserContext;
let admin: Awaited<ReturnType<typeof apiAs>>;
let settingsBefore: ComplianceSettings;

const hourInMadrid = () => Number(new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Madrid', hour: '2-digit', hourCycle: 'h23' }).format(new Date()));
const hh = (hour: number) => `${String((hour + 24) % 24).padStart(2, '0')}:00`;

beforeAll(async () => {
  context = await launchWithExtension();
  admin = await apiAs(DEMO.admin.email);
  settingsBefore = (await (await admin('/v1/compliance-settings')).json()) as ComplianceSettings;
  // Spain: single opt-in (no START reply, which would make the next message a conversational one)
  // and a night from an hour ago to two hours from now.
  const hour = hourInMadrid();
  const put = await admin('/v1/compliance-settings', {
    method: 'PUT',
    body: JSON.stringify({
      ...settingsBefore,
      countries: [
        ...settingsBefore.countries.filter((row) => row.country !== 'ES'),
        { country: 'ES', optIn: 'single', quietHours: { start: hh(hour - 1), end: hh(hour + 2) } },
      ],
    }),
  });
  expect(put.status).toBe(200);
});

afterAll(async () => {
  await admin?.('/v1/compliance-settings', { method: 'PUT', body: JSON.stringify(settingsBefore) });
  await context?.close();
});

/** Lucía consents to SMS on the consent page, as the emailed link lets her. */
async function consentBySms(): Promise<void> {
  const recruiter = await apiAs(DEMO.recruiter.email);
  expect((await recruiter(`/v1/candidates/${LUCIA.id}/consent-requests`, { method: 'POST', body: JSON.stringify({ channels: ['sms'] }) })).status).toBe(201);
  const outbox = await (await fetch(`${workerUrl}/sandbox/email?to=${encodeURIComponent(LUCIA.email)}`)).text();
  const link = /https?:\/\/[^\s"<]+\/c\/[A-Za-z0-9_-]+/.exec(outbox)?.[0];
  if (!link) throw new Error(`no consent link for ${LUCIA.email}`);
  const granted = await fetch(link, { method: 'POST', body: new URLSearchParams({ sms: 'grant' }) });
  expect(granted.status).toBe(200);
}

it('a message composed in the candidate’s night is held with "Will send at …", and can be cancelled from the panel or elsewhere', async () => {
  await consentBySms();
  const ats = await context.newPage();
  const panel = await openProfileSignedIn(ats, LUCIA.atsId, DEMO.recruiter.email);
  await expect.poll(() => panel.getByTestId('composer-locked').count(), { timeout: 10_000 }).toBe(0);

  // Held: the panel says when it will go, in her time and the recruiter's.
  const first = 'Hola Lucía, ¿podemos hablar mañana?';
  await panel.getByTestId('composer').fill(first);
  await panel.getByTestId('send').click();
  const held = panel.getByTestId('message').filter({ hasText: first });
  await expect.poll(() => held.getAttribute('data-status'), { timeout: 10_000 }).toBe('scheduled');
  expect(await held.getByTestId('send-at').textContent()).toMatch(/^Will send at .+ \(candidate’s time\) · .+ your time$/);
  await ats.screenshot({ path: join(screenshots, 'quiet-hours-held.png') });

  // Cancelled by the recruiter from the panel.
  await held.getByTestId('cancel-scheduled').click();
  await expect.poll(() => held.getAttribute('data-status'), { timeout: 10_000 }).toBe('cancelled');
  expect(await held.getByTestId('cancel-scheduled').count()).toBe(0);

  // Cancelled elsewhere (another device of the team): the open panel follows without a reload.
  const second = 'Hola Lucía, una pregunta más.';
  await panel.getByTestId('composer').fill(second);
  await panel.getByTestId('send').click();
  const heldToo = panel.getByTestId('message').filter({ hasText: second });
  await expect.poll(() => heldToo.getAttribute('data-status'), { timeout: 10_000 }).toBe('scheduled');
  const recruiter = await apiAs(DEMO.recruiter.email);
  const thread = (await (await recruiter(`/v1/candidates/${LUCIA.id}/messages?channel=sms`)).json()) as { messages: { id: string; body: string }[] };
  const secondId = thread.messages.find((message) => message.body === second)!.id;
  expect((await recruiter(`/v1/messages/${secondId}/cancel`, { method: 'POST' })).status).toBe(200);
  await expect.poll(() => heldToo.getAttribute('data-status'), { timeout: 10_000 }).toBe('cancelled');

  // Her phone got the identification message only.
  const phone = await (await fetch(`${workerUrl}/sandbox/phone/${encodeURIComponent(LUCIA.phone)}`)).text();
  expect(phone).toContain(DEMO.tenantName);
  expect(phone).not.toContain(first);
  expect(phone).not.toContain(second);
  await ats.close();
});
