import { useCallback, useEffect, useRef, useState } from 'react';
import type { Channel } from '@shared/api/channels.ts';
import type { Message } from '@shared/api/messages.ts';
import { onRealtimeEvents } from '../messaging/protocol.ts';
import { realtimeStatusItem } from '../storage/items.ts';
import { useApi } from '../ui/api-context.tsx';
import { errorMessage } from '../ui/errors.ts';
import { usePanelStore } from './store-context.tsx';
import { mergeMessages } from './thread-merge.ts';
import { pollThread } from './thread-poller.ts';

const LIVE_POLL_MS = 30_000;
const FALLBACK_POLL_MS = 1_500;

function useRealtimeLive(): boolean {
  const [live, setLive] = useState(false);
  useEffect(() => {
    void realtimeStatusItem.getValue().then((status) => setLive(status === 'open'));
    return realtimeStatusItem.watch((status) => setLive(status === 'open'));
  }, []);
  return live;
}

export type ThreadState = {
  messages: Message[];
  /** False until the history has loaded once, from the local cache or the worker. */
  loaded: boolean;
  /** Why the last poll failed; null while polling works. */
  pollError: string | null;
  /** Adds a message the panel itself just sent, without waiting for the next poll. */
  add(message: Message): void;
};

/** @param onInbound called when a new inbound message arrives after the history has loaded. */
export function useThread(candidateId: string, channel: Channel, onInbound?: () => void): ThreadState {
  const api = useApi();
  const store = usePanelStore();
  const [messages, setMessages] = useState<Message[]>([]);
  const [loaded, setLoaded] = useState(false);
  const [pollError, setPollError] = useState<string | null>(null);
  // A ref, so a new callback from the parent does not restart polling.
  const onInboundRef = useRef(onInbound);
  useEffect(() => {
    onInboundRef.current = onInbound;
  }, [onInbound]);

  // The cached thread shows at once; the worker's answer then merges over it by id. A cache that
  // cannot be read (no IndexedDB) only means waiting for the worker.
  useEffect(() => {
    if (!store) return;
    let current = true;
    void store.cachedThread(candidateId, channel).then(
      (cached) => {
        if (!current || cached.length === 0) return;
        setMessages((shown) => mergeMessages(cached, shown));
        setLoaded(true);
      },
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [store, candidateId, channel]);
  const receive = useCallback(
    (fresh: readonly Message[]) => {
      setMessages((shown) => mergeMessages(shown, fresh));
      void store?.cacheMessages(candidateId, fresh).catch(() => undefined);
    },
    [store, candidateId],
  );

  // While the background's socket is up, events drive updates and polling only backs them up.
  const live = useRealtimeLive();
  useEffect(
    () =>
      pollThread({
        intervalMs: live ? LIVE_POLL_MS : FALLBACK_POLL_MS,
        load: async (after, signal) => (await api.listMessages(candidateId, channel, after, signal)).messages,
        onMessages: (fresh, initial) => {
          receive(fresh);
          setLoaded(true);
          if (!initial && fresh.some((message) => message.direction === 'inbound')) onInboundRef.current?.();
        },
        onError: (error) => setPollError(error === null ? null : errorMessage(error)),
      }),
    [api, candidateId, channel, live, receive],
  );

  // Pushed events (via the background's socket) fetch what changed at once; polling is the fallback.
  const newestSeq = useRef(0);
  useEffect(() => {
    newestSeq.current = messages.reduce((max, message) => Math.max(max, message.seq), 0);
  }, [messages]);
  useEffect(
    () =>
      onRealtimeEvents((events) => {
        const concernsThread = events.some(
          (event) =>
            event.candidateId === candidateId && (event.kind === 'message.created' || event.kind === 'message.updated') && event.payload.channel === channel,
        );
        if (!concernsThread) return;
        void api.listMessages(candidateId, channel, newestSeq.current).then(
          ({ messages: fresh }) => {
            receive(fresh);
            if (fresh.some((message) => message.direction === 'inbound')) onInboundRef.current?.();
          },
          () => undefined,
        );
      }),
    [api, candidateId, channel, receive],
  );

  // What the recruiter has in front of them is read, on all their devices (inbox, badge).
  const lastInbound = messages.filter((message) => message.direction === 'inbound').at(-1)?.id;
  useEffect(() => {
    if (!lastInbound) return;
    const markRead = () => {
      if (!document.hidden) void api.markRead(candidateId, channel).catch(() => undefined);
    };
    markRead();
    document.addEventListener('visibilitychange', markRead);
    return () => document.removeEventListener('visibilitychange', markRead);
  }, [api, candidateId, channel, lastInbound]);

  const add = useCallback((message: Message) => receive([message]), [receive]);
  return { messages, loaded, pollError, add };
}
