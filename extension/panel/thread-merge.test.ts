import { describe, expect, test } from 'vitest';
import type { Message } from '@shared/api/messages.ts';
import { aMessage } from '../testing/messages.ts';
import { mergeMessages } from './thread-merge.ts';

const message = (id: string, seq: number, minute: number, overrides: Partial<Message> = {}): Message =>
  aMessage({
    id,
    seq,
    direction: 'inbound',
    body: `message ${id}`,
    status: 'received',
    senderUserId: null,
    createdAt: new Date(Date.UTC(2026, 10, 28, 9, minute)).toISOString(),
    ...overrides,
  });

describe('mergeMessages', () => {
  test('a message seen twice (sent, then polled) is one bubble', () => {
    const sent = message('m1', 1, 0, { direction: 'outbound', status: 'sent' });
    expect(mergeMessages([sent], [sent]).map((m) => m.id)).toEqual(['m1']);
  });

  test('a newer version of a message replaces the old one in place', () => {
    const queued = message('m1', 1, 0, { direction: 'outbound', status: 'queued' });
    const merged = mergeMessages([queued, message('m2', 2, 1)], [{ ...queued, status: 'delivered', seq: 3 }]);
    expect(merged.map((m) => [m.id, m.status])).toEqual([
      ['m1', 'delivered'],
      ['m2', 'received'],
    ]);
  });

  test('ordered by time written, then seq', () => {
    const merged = mergeMessages([message('late', 5, 9)], [message('early', 6, 1), message('same-time', 4, 9)]);
    expect(merged.map((m) => m.id)).toEqual(['early', 'same-time', 'late']);
  });
});
