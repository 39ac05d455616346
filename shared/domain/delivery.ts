/**
 * Delivery statuses only move forward. Providers call back at least once, in any order, so a
 * late `sent` must never overwrite `delivered`, and WhatsApp's `read` (which implies delivered;
 * Meta may skip `delivered`) outranks everything. A failure outranks `sent` (a DLR that reports
 * undelivered) but not `delivered` or `read`. The worker turns this order into its SQL guard.
 * `scheduled` and `cancelled` (quiet hours) are not ranked: no provider has seen those messages,
 * and the guard ranks unlisted statuses above all, so no callback can move them.
 * @module
 */
import type { MessageStatus } from '../api/messages.ts';

export const OUTBOUND_STATUS_RANK = {
  queued: 0,
  sent: 1,
  failed: 2,
  delivered: 3,
  read: 4,
} as const satisfies Partial<Record<MessageStatus, number>>;

export type OutboundStatus = keyof typeof OUTBOUND_STATUS_RANK;

/** True when a message in `current` may move to `next`. */
export function movesForward(current: OutboundStatus, next: OutboundStatus): boolean {
  return OUTBOUND_STATUS_RANK[next] > OUTBOUND_STATUS_RANK[current];
}
