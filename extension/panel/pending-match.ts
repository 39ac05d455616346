import type { Message } from '@shared/api/messages.ts';
import type { IDatabasePendingMessage } from '../db/app-db.ts';

/**
 * How far this computer's clock may run ahead of the worker's and still recognise a message. It
 * also keeps an identical text sent long before (resurfacing when its status changes) from being
 * taken for the pending one.
 */
const clockSkewMs = 10 * 60_000;

/**
 * Which pending sends the worker already has, found in the thread: a send whose answer was lost
 * (the connection dropped after the worker stored it, or the panel reloaded mid-request) must not
 * be sent again. The send carries no idempotency key, so the message is recognised by its sender,
 * its text, a seq newer than the thread the recruiter saw, and its time; each message settles at
 * most one pending send (the recruiter may have sent the same words twice).
 * @returns pending id → the worker's message
 */
export function acceptedPending(pending: readonly IDatabasePendingMessage[], thread: readonly Message[]): Map<string, Message> {
  const accepted = new Map<string, Message>();
  const claimed = new Set<string>();
  for (const send of pending) {
    const stagedAt = Date.parse(send.createdAt);
    const message = thread.find(
      (candidate) =>
        !claimed.has(candidate.id) &&
        candidate.direction === 'outbound' &&
        candidate.senderUserId === send.senderUserId &&
        candidate.body === send.expectedBody &&
        candidate.seq > send.knownSeq &&
        Date.parse(candidate.createdAt) >= stagedAt - clockSkewMs,
    );
    if (!message) continue;
    claimed.add(message.id);
    accepted.set(send.id, message);
  }
  return accepted;
}
