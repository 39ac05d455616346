/**
 * The panel's local cache in real Chromium: a reload shows the thread and the draft from the
 * extension's IndexedDB before (here: without) the worker answering, and a send that cannot reach
 * the worker waits as "Not sent" across reloads, then goes exactly once.
 */
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEMO } from '../../worker/sandbox/seed.ts';
import { apiAs, launchWithExtension, openProfileSignedIn, panelOf, screenshots } from './support.ts';

let context: BrowserContext;
let ats: Page;

beforeAll(async () => {
  context = await launchWithExtension();
  ats = await context.newPage();
});

afterAll(async () => {
  await context?.close();
});

const workerApi = '**/v1/**';
const offline = () => context.route(workerApi, (route) => route.abort('internetdisconnected'));
const online = () => context.unroute(workerApi);

async function storedWithBody(body: string): Promise<number> {
  const api = await apiAs(DEMO.recruiter.email);
  const { messages } = (await (await api(`/v1/candidates/cand_demo_c1001/messages?channel=sms`)).json()) as { messages: { body: string }[] };
  return messages.filter((message) => message.body === body).length;
}

it('a reload shows the thread and the draft from the cache; an offline send waits as unsent and goes once', async () => {
  const panel = await openProfileSignedIn(ats, DEMO.consentedCandidate, DEMO.recruiter.email);
  const earlier = `Cache check ${Date.now()}: are you free on Thursday?`;
  await panel.getByTestId('composer').fill(earlier);
  await panel.getByTestId('send').click();
  await expect.poll(() => panel.getByTestId('message').filter({ hasText: earlier }).getAttribute('data-status'), { timeout: 10_000 }).toBe('sent');
  const draft = 'Draft kept across reloads: see you';
  await panel.getByTestId('composer').fill(draft);

  // Reloaded with the worker unreachable, everything shown comes from the local cache.
  await offline();
  await ats.reload();
  await expect.poll(() => panelOf(ats).getByTestId('candidate-name').textContent(), { timeout: 10_000 }).toContain('Ada Lovelace');
  await expect.poll(() => panelOf(ats).getByTestId('message').filter({ hasText: earlier }).count()).toBe(1);
  expect(await panelOf(ats).getByTestId('composer').inputValue()).toBe(draft);
  expect(await panelOf(ats).getByTestId('day-label').last().textContent()).toBe('Today');

  // Sent while offline: kept as "Not sent", the composer freed; a reload keeps it.
  await panelOf(ats).getByTestId('send').click();
  const unsent = () => panelOf(ats).getByTestId('pending-message').filter({ hasText: draft });
  await expect.poll(() => unsent().getAttribute('data-state'), { timeout: 10_000 }).toBe('unsent');
  expect(await panelOf(ats).getByTestId('composer').inputValue()).toBe('');
  await ats.reload();
  await expect.poll(() => unsent().count(), { timeout: 10_000 }).toBe(1);
  expect(await panelOf(ats).getByTestId('composer').inputValue()).toBe('');
  expect(await storedWithBody(draft)).toBe(0);
  await ats.screenshot({ path: join(screenshots, 'panel-unsent-light.png') });
  await ats.emulateMedia({ colorScheme: 'dark' });
  await ats.screenshot({ path: join(screenshots, 'panel-unsent-dark.png') });
  await ats.emulateMedia({ colorScheme: 'light' });

  // Back online, "Send again" sends it once.
  await online();
  await unsent().getByTestId('send-again').click();
  const sent = panelOf(ats).getByTestId('message').filter({ hasText: draft });
  await expect.poll(() => sent.getAttribute('data-status'), { timeout: 10_000 }).toBe('sent');
  expect(await unsent().count()).toBe(0);
  expect(await storedWithBody(draft)).toBe(1);
  await ats.reload();
  await expect.poll(() => panelOf(ats).getByTestId('message').filter({ hasText: draft }).count(), { timeout: 10_000 }).toBe(1);
  expect(await panelOf(ats).getByTestId('pending-message').count()).toBe(0);
});

it('a send whose answer is lost after the worker stored it is settled from the thread, never sent twice', async () => {
  const panel = panelOf(ats);
  const text = `Lost answer ${Date.now()}: does 14:00 suit you?`;
  // The request reaches the worker; only its answer is dropped on the way back.
  const lostAnswer = '**/v1/candidates/*/messages';
  await context.route(lostAnswer, async (route) => {
    if (route.request().method() !== 'POST') return route.continue();
    await route.fetch();
    await route.abort('connectionreset');
  });
  await panel.getByTestId('composer').fill(text);
  await panel.getByTestId('send').click();
  await expect.poll(() => storedWithBody(text), { timeout: 10_000 }).toBe(1);
  // Not a refusal: the composer let go of the text (kept in the outbox) and shows no error.
  await expect.poll(() => panel.getByTestId('composer').inputValue()).toBe('');
  expect(await panel.getByTestId('send-error').count()).toBe(0);
  await context.unroute(lostAnswer);

  // The thread brings the stored message (push or poll); the pending copy settles against it.
  await expect.poll(() => panel.getByTestId('message').filter({ hasText: text }).count(), { timeout: 10_000 }).toBe(1);
  await expect.poll(() => panel.getByTestId('pending-message').filter({ hasText: text }).count(), { timeout: 10_000 }).toBe(0);
  await ats.reload();
  await expect.poll(() => panelOf(ats).getByTestId('message').filter({ hasText: text }).count(), { timeout: 10_000 }).toBe(1);
  expect(await panelOf(ats).getByTestId('pending-message').count()).toBe(0);
  expect(await storedWithBody(text)).toBe(1);
});
