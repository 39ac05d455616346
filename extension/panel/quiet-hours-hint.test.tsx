/**
 * Before Send, the composer says when a message would wait for the candidate's quiet hours —
 * through the real panel and API client against the fake worker, with a fake clock.
 */
import { act } from 'react';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { sessionItem } from '../storage/items.ts';
import { byTestId, click, typeInto, until } from '../testing/dom.ts';
import { createFakeWorker, fakeSession } from '../testing/fake-worker.ts';
import { renderAsync } from '../testing/render.tsx';
import { ApiProvider } from '../ui/api-context.tsx';
import { createSessionApi } from '../ui/session-api.ts';
import { CandidatePanel } from './candidate-panel.tsx';
import { ADA_ID as ADA, adaContext as ada } from '../testing/candidates.ts';

const LOS_ANGELES = 'America/Los_Angeles';

let worker: ReturnType<typeof createFakeWorker>;

beforeEach(async () => {
  // Only the clock and the panel's minute tick are fake: fetches, polling and `until` keep real timers.
  vi.useFakeTimers({ toFake: ['Date', 'setInterval', 'clearInterval'] });
  fakeBrowser.reset();
  await sessionItem.setValue(fakeSession);
  worker = createFakeWorker();
  worker.setConsent(ADA, { sms: 'granted', whatsapp: 'granted' });
  worker.setQuietHours(ADA, { zones: [LOS_ANGELES], window: { start: '21:00', end: '08:00' } });
});

afterEach(() => {
  vi.useRealTimers();
});

async function openPanelAt(iso: string) {
  vi.setSystemTime(iso);
  await renderAsync(
    <ApiProvider api={createSessionApi('http://worker.test', worker.fetch)}>
      <CandidatePanel context={ada} />
    </ApiProvider>,
  );
  // The thread has loaded: only then does the panel know whether the conversation is live.
  await until(() => byTestId('composer') && byTestId('thread')?.getAttribute('aria-busy') === 'false');
}

const hint = () => byTestId('quiet-hours-hint');
const minutesPass = (minutes: number) => act(() => void vi.advanceTimersByTime(minutes * 60_000));
const time = (iso: string, timeZone?: string) =>
  new Intl.DateTimeFormat(undefined, { timeStyle: 'short', ...(timeZone ? { timeZone } : {}) }).format(new Date(iso));
const dayAndTime = (iso: string, timeZone?: string) =>
  new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short', ...(timeZone ? { timeZone } : {}) }).format(new Date(iso));

describe('the quiet-hours hint above Send', () => {
  test('at night says the candidate’s time and when the message will go, theirs with the day as it is tomorrow there, and yours; Send stays enabled', async () => {
    // 23:40 on Thursday 19 November in San Francisco; its 08:00 on Friday is 16:00Z.
    await openPanelAt('2026-11-20T07:40:00Z');
    const shown = await until(hint);
    expect(time('2026-11-20T07:40:00Z', LOS_ANGELES)).toMatch(/11:40/);
    expect(dayAndTime('2026-11-20T16:00:00Z', LOS_ANGELES)).toMatch(/Nov 20.*8:00/);
    // West of UTC−7:40 the recruiter is still on the 19th as well, so their time carries the day too.
    const sameDayForRecruiter = new Date('2026-11-20T07:40:00Z').getDate() === new Date('2026-11-20T16:00:00Z').getDate();
    const yours = sameDayForRecruiter ? time('2026-11-20T16:00:00Z') : dayAndTime('2026-11-20T16:00:00Z');
    expect(shown.textContent).toBe(
      `It’s ${time('2026-11-20T07:40:00Z', LOS_ANGELES)} for the candidate. This message will wait until ${dayAndTime('2026-11-20T16:00:00Z', LOS_ANGELES)} their time (${yours} yours).`,
    );
    await typeInto(byTestId<HTMLTextAreaElement>('composer')!, 'Are you free tomorrow?');
    expect(byTestId<HTMLButtonElement>('send')!.disabled).toBe(false);
    expect(byTestId('composer')!.getAttribute('aria-describedby')).toContain(shown.id);
  });

  test('after midnight the candidate’s morning is today: the time alone', async () => {
    await openPanelAt('2026-11-20T09:15:00Z'); // 01:15 in San Francisco
    expect((await until(hint)).textContent).toContain(`will wait until ${time('2026-11-20T16:00:00Z', LOS_ANGELES)} their time`);
  });

  test('is absent in the candidate’s daytime', async () => {
    await openPanelAt('2026-11-20T20:00:00Z'); // 12:00 in San Francisco
    expect(hint()).toBeNull();
  });

  test('is absent when the tenant has no quiet hours for the candidate', async () => {
    worker = createFakeWorker();
    worker.setConsent(ADA, { sms: 'granted', whatsapp: 'granted' });
    await openPanelAt('2026-11-20T07:40:00Z');
    expect(hint()).toBeNull();
  });

  test('disappears when the clock passes the end of the candidate’s night', async () => {
    await openPanelAt('2026-11-20T15:58:30Z'); // 07:58:30 in San Francisco
    expect((await until(hint)).textContent).toContain(time('2026-11-20T15:58:30Z', LOS_ANGELES));
    await minutesPass(1);
    expect(hint()?.textContent).toContain(time('2026-11-20T15:59:30Z', LOS_ANGELES));
    await minutesPass(1);
    expect(hint()).toBeNull();
  });

  test('is removed by a reply from the candidate: a live conversation is not held', async () => {
    await openPanelAt('2026-11-28T09:30:00Z'); // 01:30 in San Francisco
    await until(hint);
    // The fake worker stamps the reply with the pinned clock: 09:30Z.
    worker.reply(ADA, 'sms', 'Still up, yes!');
    await until(() => !hint());
    expect(byTestId<HTMLTextAreaElement>('composer')!.disabled).toBe(false);
  });

  test('follows the selected channel: live on WhatsApp, held on SMS, until the WhatsApp conversation goes quiet', async () => {
    vi.setSystemTime('2026-11-28T09:00:00Z'); // 01:00 in San Francisco
    worker.reply(ADA, 'whatsapp', 'WhatsApp is easier for me');
    await openPanelAt('2026-11-28T09:30:00Z');
    await until(hint);

    await click(byTestId('channel-whatsapp'));
    // The thread has loaded once the window is open: only then is the conversation known to be live.
    await until(() => byTestId('whatsapp-window')?.getAttribute('data-open') === 'true');
    expect(hint()).toBeNull();

    // An hour after their message the conversation is no longer live; the window is still open.
    await minutesPass(31);
    expect((await until(hint)).textContent).toContain(time('2026-11-28T10:01:00Z', LOS_ANGELES));
    expect(byTestId('whatsapp-window')?.getAttribute('data-open')).toBe('true');

    await click(byTestId('channel-sms'));
    await until(hint);
  });
});
