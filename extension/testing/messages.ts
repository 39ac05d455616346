/**
 * Test-only: a message as the worker returns it, so a test names only the fields it is about.
 * @module
 */
import type { Message } from '@shared/api/messages.ts';
import { clock } from '../lib/clock.ts';

export const aMessage = (overrides: Partial<Message> = {}): Message => ({
  id: 'msg-1',
  seq: 1,
  channel: 'sms',
  direction: 'outbound',
  body: 'Are you free on Tuesday?',
  status: 'sent',
  failureReason: null,
  senderUserId: 'usr_rita',
  createdAt: clock.now().toISOString(),
  ...overrides,
});
