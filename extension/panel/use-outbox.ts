import { useCallback, useEffect, useMemo, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import type { Channel } from '@shared/api/channels.ts';
import { ApiError } from '../api/client.ts';
import type { IDatabasePendingMessage } from '../db/app-db.ts';
import { discardPending, pendingMessages, settlePending, stagePending } from '../db/panel-store.ts';
import { useApi } from './api-context.tsx';
import { usePanelDb } from './db-context.tsx';
import { errorMessage } from './errors.ts';
import { acceptedPending } from './pending-match.ts';
import type { ThreadState } from './use-thread.ts';

/** A send the worker has not confirmed, as the thread shows it. */
export type PendingSend = {
  id: string;
  body: string;
  createdAt: string;
  /** sending: a request is out from this panel; unsent: none is, so the recruiter decides. */
  state: 'sending' | 'unsent';
  /** Why the last attempt did not go through. */
  problem: string | null;
};

type Outbox = {
  pending: PendingSend[];
  /**
   * Sends through the outbox. Resolves once the worker has the message, or once it is kept as
   * unsent because the worker could not be reached; rejects with the worker's refusal (nothing is
   * kept then: the composer still has the text).
   */
  send(body: string, templateId: string | null, expectedBody: string): Promise<void>;
  sendAgain(pendingId: string): Promise<void>;
  discard(pendingId: string): void;
};

const noPending: IDatabasePendingMessage[] = [];

/**
 * Sends that survive a reload: each is written to the local database before its request goes out
 * and removed in the same transaction that stores the worker's message, so it is never lost and
 * never shown twice. A pending send found in the thread (its answer was lost) is settled, not resent.
 */
export function useOutbox(candidateId: string, channel: Channel, senderUserId: string, thread: ThreadState): Outbox {
  const api = useApi();
  const db = usePanelDb();
  const stored = useLiveQuery(
    () => (db ? pendingMessages(db, candidateId, channel).catch(() => noPending) : noPending),
    [db, candidateId, channel],
    noPending,
  );
  const [inFlight, setInFlight] = useState<ReadonlySet<string>>(new Set());
  const [problems, setProblems] = useState<ReadonlyMap<string, string>>(new Map());
  const track = useCallback((pendingId: string, sending: boolean) => {
    setInFlight((shown) => {
      const next = new Set(shown);
      if (sending) next.add(pendingId);
      else next.delete(pendingId);
      return next;
    });
  }, []);
  const report = useCallback((pendingId: string, problem: string | null) => {
    setProblems((shown) => {
      const next = new Map(shown);
      if (problem === null) next.delete(pendingId);
      else next.set(pendingId, problem);
      return next;
    });
  }, []);

  const accepted = useMemo(() => acceptedPending(stored, thread.messages), [stored, thread.messages]);
  useEffect(() => {
    if (!db) return;
    for (const [pendingId, message] of accepted) void settlePending(db, pendingId, candidateId, message).catch(() => undefined);
  }, [db, accepted, candidateId]);

  const settle = useCallback(
    async (pendingId: string, message: Parameters<ThreadState['add']>[0]) => {
      thread.add(message);
      if (db) await settlePending(db, pendingId, candidateId, message).catch(() => undefined);
    },
    [db, thread, candidateId],
  );

  const send = useCallback(
    async (body: string, templateId: string | null, expectedBody: string) => {
      const request = { channel, body, ...(templateId ? { templateId } : {}) };
      const staged: IDatabasePendingMessage = {
        id: `local_${crypto.randomUUID()}`,
        candidateId,
        channel,
        body,
        templateId,
        expectedBody,
        senderUserId,
        createdAt: new Date().toISOString(),
        knownSeq: thread.messages.reduce((max, message) => Math.max(max, message.seq), 0),
      };
      // Marked before it is written, so the thread never shows it as unsent while it is going out.
      track(staged.id, true);
      try {
        const store = db && (await stagePending(db, staged).then(() => db, () => null));
        // Without a local database the send is as before: the composer keeps the text on failure.
        if (!store) return thread.add(await api.sendMessage(candidateId, request));
        try {
          await settle(staged.id, await api.sendMessage(candidateId, request));
        } catch (error) {
          if (error instanceof ApiError && error.code === 'network_error') return report(staged.id, error.message);
          await discardPending(store, staged.id).catch(() => undefined);
          throw error;
        }
      } finally {
        track(staged.id, false);
      }
    },
    [api, db, candidateId, channel, senderUserId, thread, settle, track, report],
  );

  const sendAgain = useCallback(
    async (pendingId: string) => {
      const staged = stored.find((row) => row.id === pendingId);
      if (!staged || inFlight.has(pendingId)) return;
      track(pendingId, true);
      report(pendingId, null);
      try {
        // The first attempt may have reached the worker with only its answer lost.
        const { messages } = await api.listMessages(candidateId, channel, staged.knownSeq);
        const already = acceptedPending([staged], messages).get(pendingId);
        const request = { channel, body: staged.body, ...(staged.templateId ? { templateId: staged.templateId } : {}) };
        await settle(pendingId, already ?? (await api.sendMessage(candidateId, request)));
      } catch (error) {
        report(pendingId, errorMessage(error));
      } finally {
        track(pendingId, false);
      }
    },
    [api, candidateId, channel, stored, inFlight, settle, track, report],
  );

  const discard = useCallback(
    (pendingId: string) => {
      if (db) void discardPending(db, pendingId).catch(() => undefined);
    },
    [db],
  );

  const pending = useMemo(
    () =>
      stored
        .filter((row) => !accepted.has(row.id))
        .map((row) => ({
          id: row.id,
          body: row.expectedBody,
          createdAt: row.createdAt,
          state: inFlight.has(row.id) ? ('sending' as const) : ('unsent' as const),
          problem: problems.get(row.id) ?? null,
        })),
    [stored, accepted, inFlight, problems],
  );
  return { pending, send, sendAgain, discard };
}
