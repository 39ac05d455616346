import { act } from 'react';
import { beforeEach, expect, test } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Inbox as InboxPage, InboxEntry } from '@shared/api/inbox.ts';
import { createApi } from '../api/client.ts';
import { clock } from '../lib/clock.ts';
import { sessionItem } from '../storage/items.ts';
import { fakeSession } from '../testing/fake-worker.ts';
import { render } from '../testing/render.tsx';
import { ApiProvider } from '../ui/api-context.tsx';
import { Inbox } from './inbox.tsx';

beforeEach(async () => {
  fakeBrowser.reset();
  await sessionItem.setValue(fakeSession);
});

const entry = (n: number): InboxEntry => ({
  conversationId: `conv-${n}`,
  channel: 'sms',
  candidate: { id: `cand-${n}`, name: `Candidate ${n}`, phone: null, profileUrl: null, jobTitle: n === 1 ? 'Backend Engineer' : null },
  lastMessage: {
    body: `Message ${n}`,
    direction: 'inbound',
    status: 'received',
    sender: { kind: 'candidate', name: `Candidate ${n}` },
    createdAt: new Date(clock.now().getTime() - n * 60_000).toISOString(),
  },
  unread: 0,
  mine: false,
});

/** Serves /v1/inbox in pages of two, the cursor being the next index: the worker's paging as the client sees it. */
function pagedWorker(all: InboxEntry[]) {
  const asked: (string | null)[] = [];
  const fetch = async (input: RequestInfo | URL) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const cursor = url.searchParams.get('cursor');
    asked.push(cursor);
    const from = Number(cursor ?? 0);
    const page: InboxPage = { conversations: all.slice(from, from + 2), unreadTotal: 0, nextCursor: from + 2 < all.length ? String(from + 2) : null };
    return new Response(JSON.stringify(page), { status: 200, headers: { 'content-type': 'application/json' } });
  };
  return { api: createApi({ origin: 'http://worker.test', getToken: async () => fakeSession.token, onUnauthorized: () => undefined, fetch }), asked };
}

const names = () => [...document.querySelectorAll('[data-testid="inbox-entry"] .inbox__name')].map((element) => element.firstChild?.textContent ?? '');
const olderButton = () => document.querySelector<HTMLButtonElement>('[data-testid="inbox-show-older"]');

async function settle() {
  for (let i = 0; i < 5; i++) await act(async () => new Promise((resolve) => setTimeout(resolve, 0)));
}

test('shows older conversations page by page, and offers no more after the last one', async () => {
  const worker = pagedWorker([1, 2, 3, 4, 5].map(entry));
  render(
    <ApiProvider api={worker.api}>
      <Inbox />
    </ApiProvider>,
  );
  await settle();
  expect(names()).toEqual(['Candidate 1', 'Candidate 2']);

  await act(async () => olderButton()!.click());
  await settle();
  expect(names()).toEqual(['Candidate 1', 'Candidate 2', 'Candidate 3', 'Candidate 4']);
  await act(async () => olderButton()!.click());
  await settle();
  expect(names()).toEqual(['Candidate 1', 'Candidate 2', 'Candidate 3', 'Candidate 4', 'Candidate 5']);
  expect(olderButton()).toBeNull();
  expect(worker.asked).toEqual([null, '2', '4']);
});

test('a refresh reloads every page the recruiter has seen, so conversations that move between pages neither vanish nor repeat', async () => {
  const all = [1, 2, 3, 4].map(entry);
  const worker = pagedWorker(all);
  render(
    <ApiProvider api={worker.api}>
      <Inbox />
    </ApiProvider>,
  );
  await settle();
  await act(async () => olderButton()!.click());
  await settle();
  expect(names()).toEqual(['Candidate 1', 'Candidate 2', 'Candidate 3', 'Candidate 4']);

  // Candidate 3 writes: the realtime feed reloads the first page, where that conversation now leads.
  all.unshift(...all.splice(2, 1));
  await act(async () => fakeBrowser.runtime.onMessage.trigger({ type: 'parley:events', events: [] }, {}));
  await settle();
  expect(names()).toEqual(['Candidate 3', 'Candidate 1', 'Candidate 2', 'Candidate 4']);
  expect(worker.asked).toEqual([null, '2', null, '2']);
});

test('a preview says who wrote the last message and when it never reached the candidate', async () => {
  const outbound = (n: number, sender: InboxEntry['lastMessage']['sender'], status: InboxEntry['lastMessage']['status']): InboxEntry => {
    const base = entry(n);
    return { ...base, lastMessage: { ...base.lastMessage, direction: 'outbound', sender, status } };
  };
  const worker = pagedWorker([
    entry(1),
    outbound(2, { kind: 'you', name: 'Rita Ortiz' }, 'delivered'),
    outbound(3, { kind: 'teammate', name: 'Jana Köhler' }, 'sent'),
    outbound(4, { kind: 'parley', name: null }, 'sent'),
    outbound(5, { kind: 'you', name: 'Rita Ortiz' }, 'cancelled'),
  ]);
  render(
    <ApiProvider api={worker.api}>
      <Inbox />
    </ApiProvider>,
  );
  await settle();
  await act(async () => olderButton()!.click());
  await settle();
  await act(async () => olderButton()!.click());
  await settle();
  expect([...document.querySelectorAll('[data-testid="inbox-preview"]')].map((preview) => preview.textContent)).toEqual([
    'Message 1',
    'You: Message 2',
    'Jana: Message 3',
    'Parley (automatic): Message 4',
    'Cancelled · You: Message 5',
  ]);
});

test('a row names the job applied for; nothing unread says so, and no match says what to do', async () => {
  const worker = pagedWorker([entry(1)]);
  render(
    <ApiProvider api={worker.api}>
      <Inbox />
    </ApiProvider>,
  );
  await settle();
  expect(document.querySelector('[data-testid="inbox-entry"] .inbox__name')!.textContent).toBe('Candidate 1 · Backend Engineer');
  expect(document.querySelector('[data-testid="inbox-caught-up"]')!.textContent).toBe("You're all caught up.");
  document.body.innerHTML = '';
  render(
    <ApiProvider api={pagedWorker([]).api}>
      <Inbox />
    </ApiProvider>,
  );
  await settle();
  expect(document.querySelector('[data-testid="inbox-empty"]')!.textContent).toContain('No conversations match.');
});
