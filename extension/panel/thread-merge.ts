import type { Message } from '@shared/api/messages.ts';

/**
 * The thread after `incoming` arrived: one bubble per message id (a poll can return a message the
 * send already added, or a newer version of one), in the order the messages were written.
 */
export function mergeMessages(current: readonly Message[], incoming: readonly Message[]): Message[] {
  if (incoming.length === 0) return current as Message[];
  const byId = new Map(current.map((message) => [message.id, message]));
  for (const message of incoming) byId.set(message.id, message);
  return [...byId.values()].sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt) || a.seq - b.seq);
}
