import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Channel } from '@shared/api/channels.ts';
import type { Message } from '@shared/api/messages.ts';
import { ApiRequestError } from '../api/client.ts';
import type { IDatabasePendingMessage } from '../db/app-db.ts';
import { clock } from '../lib/clock.ts';
import { useApi } from '../ui/api-context.tsx';
import { errorMessage } from '../ui/errors.ts';
import { acceptedPending } from './pending-match.ts';
import { usePanelStore } from './store-context.tsx';
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

/** How an attempt to send a pending message ended. */
type Attempt = 'sent' | 'offline' | 'refused';

const isOffline = (error: unknown): error is ApiRequestError => error instanceof ApiRequestError && error.code === 'network_error';

/**
 * Sends that survive a reload: each is stored before its request goes out and removed in the same
 * transaction that caches the worker's message, so it is never lost and never shown twice. A
 * pending send found in the thread (its answer was lost) is settled, not sent again. Sends that
 * failed for lack of a connection go again by themselves when the browser is back online.
 */
export function useOutbox(candidateId: string, channel: Channel, senderUserId: string, thread: ThreadState): Outbox {
  const api = useApi();
  const store = usePanelStore();
  const [stored, setStored] = useState<IDatabasePendingMessage[]>([]);
  const [inFlight, setInFlight] = useState<ReadonlySet<string>>(new Set());
  const [problems, setProblems] = useState<ReadonlyMap<string, string>>(new Map());
  // Refs, read synchronously: a double click or two quick online events must not send a message twice.
  const attempting = useRef(new Set<string>());
  const retryingOffline = useRef(false);
  // Only these go again by themselves: a send the worker refused waits for the recruiter.
  const failedOffline = useRef(new Set<string>());

  useEffect(() => {
    let current = true;
    void store?.pendingMessages(candidateId, channel).then(
      (rows) => current && setStored(rows),
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [store, candidateId, channel]);

  const track = useCallback((pendingId: string, sending: boolean) => {
    if (sending) attempting.current.add(pendingId);
    else attempting.current.delete(pendingId);
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
  const forget = useCallback((pendingId: string) => {
    failedOffline.current.delete(pendingId);
    setStored((rows) => rows.filter((row) => row.id !== pendingId));
  }, []);

  // The thread is the proof: a pending send whose message it shows is settled.
  const accepted = useMemo(() => acceptedPending(stored, thread.messages), [stored, thread.messages]);
  useEffect(() => {
    for (const [pendingId, message] of accepted) {
      forget(pendingId);
      void store?.settlePending(pendingId, candidateId, message).catch(() => undefined);
    }
  }, [store, accepted, candidateId, forget]);

  const settle = useCallback(
    async (pendingId: string, message: Message) => {
      // In one render: the message appears as the pending copy goes.
      thread.add(message);
      forget(pendingId);
      await store?.settlePending(pendingId, candidateId, message).catch(() => undefined);
    },
    [store, thread, candidateId, forget],
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
        createdAt: clock.now().toISOString(),
        knownSeq: thread.messages.reduce((max, message) => Math.max(max, message.seq), 0),
      };
      track(staged.id, true);
      try {
        const kept =
          store !== null &&
          (await store.stagePending(staged).then(
            () => true,
            () => false,
          ));
        // Without the local store the send is as before: the composer keeps the text on failure.
        if (!kept) return thread.add(await api.sendMessage(candidateId, request));
        setStored((rows) => [...rows, staged]);
        try {
          await settle(staged.id, await api.sendMessage(candidateId, request));
        } catch (error) {
          if (isOffline(error)) {
            failedOffline.current.add(staged.id);
            return report(staged.id, error.message);
          }
          forget(staged.id);
          await store.discardPending(staged.id).catch(() => undefined);
          throw error;
        }
      } finally {
        track(staged.id, false);
      }
    },
    [api, store, candidateId, channel, senderUserId, thread, settle, track, report, forget],
  );

  const attempt = useCallback(
    async (staged: IDatabasePendingMessage): Promise<Attempt> => {
      track(staged.id, true);
      report(staged.id, null);
      failedOffline.current.delete(staged.id);
      try {
        // The first attempt may have reached the worker with only its answer lost.
        const { messages } = await api.listMessages(candidateId, channel, staged.knownSeq);
        const already = acceptedPending([staged], messages).get(staged.id);
        const request = { channel, body: staged.body, ...(staged.templateId ? { templateId: staged.templateId } : {}) };
        await settle(staged.id, already ?? (await api.sendMessage(candidateId, request)));
        return 'sent';
      } catch (error) {
        report(staged.id, errorMessage(error));
        if (!isOffline(error)) return 'refused';
        failedOffline.current.add(staged.id);
        return 'offline';
      } finally {
        track(staged.id, false);
      }
    },
    [api, candidateId, channel, settle, track, report],
  );

  const sendAgain = useCallback(
    async (pendingId: string) => {
      const staged = stored.find((row) => row.id === pendingId);
      if (staged && !attempting.current.has(pendingId)) await attempt(staged);
    },
    [stored, attempt],
  );

  // Back online: the sends that failed offline go again, oldest first and one at a time, so the
  // candidate reads them in the order they were written. The first that fails offline again stops
  // the rest, which wait with it for the next online event.
  useEffect(() => {
    async function retryFailedOffline() {
      if (retryingOffline.current) return;
      retryingOffline.current = true;
      try {
        for (const row of stored) {
          // Checked at its turn: meanwhile it may have been discarded, settled or sent again by hand.
          if (failedOffline.current.has(row.id) && (await attempt(row)) === 'offline') return;
        }
      } finally {
        retryingOffline.current = false;
      }
    }
    const onOnline = () => void retryFailedOffline();
    window.addEventListener('online', onOnline);
    return () => window.removeEventListener('online', onOnline);
  }, [stored, attempt]);

  const discard = useCallback(
    (pendingId: string) => {
      forget(pendingId);
      void store?.discardPending(pendingId).catch(() => undefined);
    },
    [store, forget],
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
