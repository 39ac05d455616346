import { describe, expect, test } from 'vitest';
import type { Message } from '@shared/api/messages.ts';
import { aMessage } from '../testing/messages.ts';
import type { IDatabasePendingMessage } from '../db/app-db.ts';
import { acceptedPending } from './pending-match.ts';

const stagedAt = Date.UTC(2026, 10, 28, 9, 0);
const iso = (minutesAfterStaging: number) => new Date(stagedAt + minutesAfterStaging * 60_000).toISOString();

function pending(id: string, overrides: Partial<IDatabasePendingMessage> = {}): IDatabasePendingMessage {
  return {
    id,
    candidateId: 'cand_1',
    channel: 'sms',
    body: 'Are you free on Tuesday?',
    templateId: null,
    expectedBody: 'Are you free on Tuesday?',
    senderUserId: 'usr_rita',
    createdAt: iso(0),
    knownSeq: 10,
    ...overrides,
  };
}

const message = (id: string, seq: number, overrides: Partial<Message> = {}): Message => aMessage({ id, seq, createdAt: iso(0), ...overrides });

describe('acceptedPending', () => {
  test('a pending send whose message the worker stored is recognised (its answer was lost)', () => {
    expect(acceptedPending([pending('local_1')], [message('msg_1', 11)])).toEqual(new Map([['local_1', message('msg_1', 11)]]));
  });

  test('the same words from before the send, from a teammate, inbound or different are not it', () => {
    const thread = [
      message('older', 10),
      message('teammate', 12, { senderUserId: 'usr_jana' }),
      message('reply', 13, { direction: 'inbound', senderUserId: null }),
      message('other', 14, { body: 'Are you free on Wednesday?' }),
      // An old message with the same words whose status changed (a new seq) long before the send.
      message('resurfaced', 15, { createdAt: iso(-60 * 24) }),
    ];
    expect(acceptedPending([pending('local_1')], thread).size).toBe(0);
  });

  test('each message settles one pending send: the same words sent twice stay two', () => {
    const twice = [pending('local_1'), pending('local_2', { createdAt: iso(1) })];
    const accepted = acceptedPending(twice, [message('msg_1', 11)]);
    expect([...accepted.keys()]).toEqual(['local_1']);
    expect(acceptedPending(twice, [message('msg_1', 11), message('msg_2', 12)]).get('local_2')?.id).toBe('msg_2');
  });

  test('tolerates this computer’s clock running a few minutes ahead of the worker’s', () => {
    expect(acceptedPending([pending('local_1')], [message('msg_1', 11, { createdAt: iso(-5) })]).size).toBe(1);
  });
});
