/**
 * Polls a thread for new messages: one request at a time, every `intervalMs` after the previous
 * answer, paused while the ATS tab is hidden. Until the worker pushes events, this is how inbound
 * replies show up without a reload.
 * @module
 */
import type { Message } from '@shared/api/messages.ts';

export type ThreadPollerOptions = {
  /** Messages with a seq above `after` (all of them when undefined). */
  load(after: number | undefined, signal: AbortSignal): Promise<readonly Message[]>;
  /** `initial` is true for the first answer: the history, not news. */
  onMessages(messages: readonly Message[], initial: boolean): void;
  /** Called with null once a request succeeds again. */
  onError(error: unknown): void;
  intervalMs?: number;
  doc?: Document;
};

/** @returns stop: no callback runs after it, and the request in flight is aborted. */
export function pollThread({ load, onMessages, onError, intervalMs = 1500, doc = document }: ThreadPollerOptions): () => void {
  let after: number | undefined;
  let loaded = false;
  let stopped = false;
  let inFlight: AbortController | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;

  async function poll(): Promise<void> {
    timer = undefined;
    if (stopped || inFlight || doc.hidden) return;
    inFlight = new AbortController();
    try {
      const messages = await load(after, inFlight.signal);
      if (stopped) return;
      if (messages.length > 0 || !loaded) onMessages(messages, !loaded);
      loaded = true;
      for (const message of messages) after = Math.max(after ?? message.seq, message.seq);
      onError(null);
    } catch (error) {
      if (!stopped) onError(error);
    } finally {
      inFlight = null;
    }
    schedule();
  }

  function schedule(): void {
    if (!stopped && !doc.hidden && timer === undefined) timer = setTimeout(() => void poll(), intervalMs);
  }

  function onVisibilityChange(): void {
    if (doc.hidden) {
      clearTimeout(timer);
      timer = undefined;
    } else {
      // Back in view: catch up at once rather than a full interval later.
      clearTimeout(timer);
      void poll();
    }
  }

  doc.addEventListener('visibilitychange', onVisibilityChange);
  void poll();
  return () => {
    stopped = true;
    clearTimeout(timer);
    inFlight?.abort();
    doc.removeEventListener('visibilitychange', onVisibilityChange);
  };
}
