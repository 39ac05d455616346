/**
 * Reads and writes of the panel's database, each taking the database first (like the worker's
 * queries). They reject when IndexedDB is unavailable (a private window, a test without it);
 * callers then fall back to the worker alone.
 * @module
 */
import type { Candidate, CandidateContext } from '@shared/api/candidates.ts';
import type { Channel } from '@shared/api/channels.ts';
import type { Message } from '@shared/api/messages.ts';
import type { IDatabaseDraft, IDatabasePendingMessage, PanelDatabase } from './app-db.ts';

const pageKey = (context: CandidateContext) => `${context.ats}:${context.atsCandidateId}`;

export async function cachedCandidate(db: PanelDatabase, context: CandidateContext): Promise<Candidate | null> {
  return (await db.candidates.get(pageKey(context)))?.candidate ?? null;
}

export async function cacheCandidate(db: PanelDatabase, context: CandidateContext, candidate: Candidate): Promise<void> {
  await db.candidates.put({ pageKey: pageKey(context), candidate });
}

export async function cachedThread(db: PanelDatabase, candidateId: string, channel: Channel): Promise<Message[]> {
  const rows = await db.messages.where({ candidateId, channel }).toArray();
  return rows.map(({ candidateId: _candidate, ...message }) => message);
}

export async function cacheMessages(db: PanelDatabase, candidateId: string, messages: readonly Message[]): Promise<void> {
  if (messages.length > 0) await db.messages.bulkPut(messages.map((message) => ({ ...message, candidateId })));
}

export async function loadDraft(db: PanelDatabase, candidateId: string, channel: Channel): Promise<IDatabaseDraft | null> {
  return (await db.drafts.get([candidateId, channel])) ?? null;
}

/** An empty draft is no draft: the row goes, so a sent message leaves nothing behind. */
export async function saveDraft(db: PanelDatabase, draft: IDatabaseDraft): Promise<void> {
  if (draft.body.trim() === '') await db.drafts.delete([draft.candidateId, draft.channel]);
  else await db.drafts.put(draft);
}

export async function pendingMessages(db: PanelDatabase, candidateId: string, channel: Channel): Promise<IDatabasePendingMessage[]> {
  return db.pending.where({ candidateId, channel }).sortBy('createdAt');
}

export async function stagePending(db: PanelDatabase, pending: IDatabasePendingMessage): Promise<void> {
  await db.pending.add(pending);
}

export async function discardPending(db: PanelDatabase, pendingId: string): Promise<void> {
  await db.pending.delete(pendingId);
}

/** The worker has the message: one transaction, so no reader ever sees it both pending and sent. */
export async function settlePending(db: PanelDatabase, pendingId: string, candidateId: string, message: Message): Promise<void> {
  await db.transaction('rw', db.pending, db.messages, async () => {
    await db.pending.delete(pendingId);
    await db.messages.put({ ...message, candidateId });
  });
}

/** Everything the panel may ask of its database, served by the background (messaging/store.ts). */
export const panelStoreOperations = {
  cachedCandidate,
  cacheCandidate,
  cachedThread,
  cacheMessages,
  loadDraft,
  saveDraft,
  pendingMessages,
  stagePending,
  discardPending,
  settlePending,
};
