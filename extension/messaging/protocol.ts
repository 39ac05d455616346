/**
 * What the background tells the extension's pages. One message type: the realtime events it
 * received, so an open panel or inbox refreshes the moment something happens.
 * @module
 */
import { browser } from 'wxt/browser';
import type { RealtimeEvent } from '@shared/api/realtime.ts';

type EventsMessage = { type: 'parley:events'; events: RealtimeEvent[] };

export function broadcastEvents(events: RealtimeEvent[]): void {
  // Rejects when no page is open to listen: nothing to tell, nothing lost.
  browser.runtime.sendMessage({ type: 'parley:events', events } satisfies EventsMessage).catch(() => undefined);
}

/** @returns unsubscribe */
export function onRealtimeEvents(listener: (events: RealtimeEvent[]) => void): () => void {
  const handle = (message: unknown) => {
    if (isEventsMessage(message)) listener(message.events);
  };
  browser.runtime.onMessage.addListener(handle);
  return () => browser.runtime.onMessage.removeListener(handle);
}

function isEventsMessage(message: unknown): message is EventsMessage {
  return (
    typeof message === 'object' &&
    message !== null &&
    (message as { type?: unknown }).type === 'parley:events' &&
    Array.isArray((message as { events?: unknown }).events)
  );
}
