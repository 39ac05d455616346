/**
 * Test-only: a message as the worker returns it, so a test names only the fields it is about.
 * @module
 */
import type { Message } from '@shared/api/messages.ts';

export const aMessage = (overrides: Partial<Message> = {}): Message => ({
  id: 'msg-1',
  seq: 1,
  channel: 'sms',
  direction: 'outbound',
  body: 'Are you free on Tuesday?',
  status: 'sent',
  failureReason: null,
  senderUserId: 'usr_rita',
  createdAt: '2026-11-28T09:00:00.000Z',
  ...overrides,
});
