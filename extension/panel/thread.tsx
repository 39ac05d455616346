import { useEffect, useRef, useState } from 'react';
import { errorMessage } from './errors.ts';
import type { Message } from '@shared/api/messages.ts';
import { messageTime, statusLabel } from './format.ts';

type Props = {
  messages: readonly Message[];
  loaded: boolean;
  pollError: string | null;
  /** "No SMS messages with Ada yet." */
  emptyText: string;
  /** Resends a failed message; rejects with the worker's refusal. */
  onRetry?(messageId: string): Promise<void>;
};

/** How close to the bottom still counts as "reading the latest": then new messages scroll in. */
const stickToBottomPx = 48;

export function Thread({ messages, loaded, pollError, emptyText, onRetry }: Props) {
  const scroller = useRef<HTMLDivElement>(null);
  const wasAtBottom = useRef(true);

  useEffect(() => {
    const element = scroller.current;
    if (element && wasAtBottom.current) element.scrollTop = element.scrollHeight;
  }, [messages]);

  return (
    <div
      ref={scroller}
      className="thread"
      role="log"
      aria-label="Conversation"
      // Focusable so keyboard users can scroll it.
      tabIndex={0}
      data-testid="thread"
      aria-busy={!loaded}
      onScroll={(event) => {
        const element = event.currentTarget;
        wasAtBottom.current = element.scrollHeight - element.scrollTop - element.clientHeight < stickToBottomPx;
      }}
    >
      {loaded && messages.length === 0 && <p className="thread__empty muted">{emptyText}</p>}
      {!loaded && !pollError && <p className="thread__empty muted">Loading messages…</p>}
      <ol className="thread__list">
        {messages.map((message) => (
          <MessageBubble key={message.id} message={message} {...(onRetry ? { onRetry } : {})} />
        ))}
      </ol>
      {pollError && (
        <p className="thread__problem" role="status">
          {pollError} Retrying…
        </p>
      )}
    </div>
  );
}

function MessageBubble({ message, onRetry }: { message: Message; onRetry?(messageId: string): Promise<void> }) {
  const [retrying, setRetrying] = useState(false);
  const [retryError, setRetryError] = useState<string | null>(null);
  async function retry() {
    if (!onRetry) return;
    setRetrying(true);
    setRetryError(null);
    try {
      await onRetry(message.id);
    } catch (failure) {
      setRetryError(errorMessage(failure));
    } finally {
      setRetrying(false);
    }
  }
  return (
    <li
      className={`bubble bubble--${message.direction}`}
      data-testid="message"
      data-direction={message.direction}
      data-status={message.status}
    >
      <p className="bubble__body">{message.body}</p>
      <p className="bubble__meta">
        <time dateTime={message.createdAt}>{messageTime(message.createdAt)}</time>
        {message.direction === 'outbound' && <span> · {statusLabel[message.status]}</span>}
      </p>
      {message.status === 'failed' && (
        <p className="bubble__failure">{message.failureReason ?? 'The provider gave no reason.'}</p>
      )}
      {message.status === 'failed' && message.direction === 'outbound' && onRetry && (
        <p className="bubble__retry">
          <button type="button" className="link-button" disabled={retrying} onClick={() => void retry()} data-testid="retry">
            {retrying ? 'Retrying…' : 'Retry'}
          </button>
          {retryError && <span role="alert"> {retryError}</span>}
        </p>
      )}
    </li>
  );
}
