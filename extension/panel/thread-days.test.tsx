import { act } from 'react';
import { expect, test } from 'vitest';
import type { Message } from '@shared/api/messages.ts';
import { clock } from '../lib/clock.ts';
import { aMessage } from '../testing/messages.ts';
import { renderAsync } from '../testing/render.tsx';
import { Thread } from './thread.tsx';
import type { PendingSend } from './use-outbox.ts';

const daysAgo = (days: number, hour: number) => {
  const at = clock.now();
  at.setDate(at.getDate() - days);
  at.setHours(hour, 0, 0, 0);
  return at.toISOString();
};
const message = (id: string, seq: number, createdAt: string): Message =>
  aMessage({
    id,
    seq,
    direction: seq % 2 ? 'outbound' : 'inbound',
    body: `message ${id}`,
    status: seq % 2 ? 'sent' : 'received',
    senderUserId: seq % 2 ? 'usr_rita' : null,
    createdAt,
  });

test('messages and unsent sends under one heading per day, in a log that announces additions', async () => {
  const pending: PendingSend[] = [{ id: 'local_1', body: 'Still there?', createdAt: daysAgo(0, 11), state: 'unsent', problem: 'No connection.' }];
  const sentAgain: string[] = [];
  await renderAsync(
    <Thread
      messages={[message('a', 1, daysAgo(1, 9)), message('b', 2, daysAgo(1, 10)), message('c', 3, daysAgo(0, 9))]}
      loaded
      pollError={null}
      emptyText="No SMS messages with Ada yet."
      pending={pending}
      onSendAgain={async (id) => void sentAgain.push(id)}
      onDiscard={() => undefined}
    />,
  );

  const log = document.querySelector('[role="log"]')!;
  expect(log.getAttribute('aria-live')).toBe('polite');
  expect(log.getAttribute('aria-relevant')).toBe('additions');
  const days = [...document.querySelectorAll('[data-testid="thread-day"]')];
  expect(days.map((day) => day.querySelector('h3')!.textContent)).toEqual(['Yesterday', 'Today']);
  // Each day is a region named by its heading.
  expect(days[1]!.getAttribute('aria-labelledby')).toBe(days[1]!.querySelector('h3')!.id);
  expect([...days[0]!.querySelectorAll('[data-testid="message"]')].map((bubble) => bubble.textContent)).toEqual([
    expect.stringContaining('message a'),
    expect.stringContaining('message b'),
  ]);
  const unsent = days[1]!.querySelector<HTMLElement>('[data-testid="pending-message"]')!;
  expect(unsent.textContent).toContain('Not sent');
  expect(unsent.textContent).toContain('No connection.');
  await act(async () => unsent.querySelector<HTMLButtonElement>('[data-testid="send-again"]')!.click());
  expect(sentAgain).toEqual(['local_1']);
});
