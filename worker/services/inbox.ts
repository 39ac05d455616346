/** The recruiter's inbox: read state per user, followed across their devices. */
import type { Channel } from '../../shared/api/channels.ts';
import { insertEvent } from '../db/queries/events.ts';
import { markConversationRead, unreadTotal } from '../db/queries/inbox.ts';
import type { Bindings, SessionUser } from '../env.ts';
import { notFound } from '../lib/errors.ts';
import { notifyTenant } from './notifier.ts';

/** Marks the candidate's conversation on a channel read for the user. @returns the user's unread total after. */
export async function markRead(
  env: Bindings,
  user: Pick<SessionUser, 'tenantId' | 'userId'>,
  candidateId: string,
  channel: Channel,
  now: Date,
): Promise<number> {
  const at = now.toISOString();
  const conversationId = await markConversationRead(env.DB, user.tenantId, user.userId, candidateId, channel, at);
  if (!conversationId) throw notFound('The conversation');
  // The user's other devices clear their badge from this event.
  await insertEvent(env.DB, user.tenantId, { kind: 'conversation.read', candidateId, payload: { conversationId, userId: user.userId } }, at).run();
  notifyTenant(env, user.tenantId);
  return unreadTotal(env.DB, user.tenantId, user.userId);
}
