/**
 * The opt-in email digest: for each user who asked for it, at most once an hour, the candidate
 * replies nobody has answered — which the reference product never emails about. Run by the
 * scheduled handler.
 * @module
 */
import { digestDue, isUnansweredReply } from '../../shared/domain/digest.ts';
import { conversationTails, type ConversationTailRow, digestSubscribers, type DigestSubscriber, markDigestSent } from '../db/queries/digest.ts';
import { emailSenderFor } from '../email/registry.ts';
import type { Bindings } from '../env.ts';
import { log } from '../lib/log.ts';

const channelName = { sms: 'SMS', whatsapp: 'WhatsApp' } as const;

export function digestEmail(user: Pick<DigestSubscriber, 'name'>, replies: ConversationTailRow[]): { subject: string; text: string } {
  const lines = replies.map((reply) => {
    const preview = reply.last_body.length > 160 ? `${reply.last_body.slice(0, 157)}…` : reply.last_body;
    return [
      `• ${reply.candidate_name} (${channelName[reply.channel]}, ${reply.last_at.slice(0, 16).replace('T', ' ')} UTC)`,
      `  “${preview}”`,
      ...(reply.profile_url ? [`  ${reply.profile_url}`] : []),
    ].join('\n');
  });
  const count = replies.length === 1 ? 'A candidate is' : `${replies.length} candidates are`;
  return {
    subject: `${count} waiting for your answer`,
    text: `Hello ${user.name},\n\n${count} waiting for an answer in Parley:\n\n${lines.join('\n\n')}\n\nOpen the candidate in your ATS to reply. You get this digest because you turned it on in Parley's options.`,
  };
}

/** @returns how many digests went out. A user's failed email is retried on the next run. */
export async function sendDigests(env: Bindings, now: Date): Promise<number> {
  let sent = 0;
  for (const user of await digestSubscribers(env.DB)) {
    if (!digestDue(user.last_sent_at, now)) continue;
    const replies = (await conversationTails(env.DB, user.tenant_id, user.last_seq)).filter((tail) =>
      isUnansweredReply({ lastDirection: tail.last_direction, lastSeq: tail.last_seq, lastAt: tail.last_at }, user.last_seq, now),
    );
    if (replies.length === 0) continue;
    try {
      await emailSenderFor(env).send({ tenantId: user.tenant_id, to: user.email, ...digestEmail(user, replies) });
    } catch (error) {
      log.error('digest.email_failed', { userId: user.user_id }, error);
      continue;
    }
    await markDigestSent(env.DB, user.user_id, Math.max(...replies.map((reply) => reply.last_seq)), now.toISOString());
    sent++;
  }
  return sent;
}
