/**
 * When a reply belongs in a user's email digest: the candidate wrote last (nobody answered),
 * long enough ago that the recruiter had a fair chance in the panel, and no digest has reported
 * it yet. Digests go out at most once per interval.
 * @module
 */

/** A reply younger than this is still fresh news in the panel and the notification. */
export const UNANSWERED_AFTER_MS = 15 * 60_000;
export const DIGEST_INTERVAL_MS = 60 * 60_000;

export type ConversationTail = { lastDirection: 'inbound' | 'outbound'; lastSeq: number; lastAt: string };

export function isUnansweredReply(tail: ConversationTail, reportedUpTo: number, now: Date): boolean {
  return tail.lastDirection === 'inbound' && tail.lastSeq > reportedUpTo && now.getTime() - Date.parse(tail.lastAt) >= UNANSWERED_AFTER_MS;
}

export function digestDue(lastSentAt: string | null, now: Date): boolean {
  return lastSentAt === null || now.getTime() - Date.parse(lastSentAt) >= DIGEST_INTERVAL_MS;
}
