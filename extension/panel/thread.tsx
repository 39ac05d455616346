import { useEffect, useId, useMemo, useRef, useState, type ReactNode } from 'react';
import { errorMessage } from '../ui/errors.ts';
import type { Message } from '@shared/api/messages.ts';
import { clock } from '../lib/clock.ts';
import { messageTime, sendAtLabel, statusLabel } from '../ui/format.ts';
import { groupByDay } from './day-separators.ts';
import type { PendingSend } from './use-outbox.ts';

type Props = {
  messages: readonly Message[];
  loaded: boolean;
  pollError: string | null;
  /** "No SMS messages with Ada yet." */
  emptyText: string;
  /** Resends a failed message; rejects with the worker's refusal. */
  onRetry?(messageId: string): Promise<void>;
  /** Cancels a message held for the candidate's quiet hours; rejects with the worker's refusal. */
  onCancel?(messageId: string): Promise<void>;
  /** Sends the worker has not confirmed, shown after the messages with "Send again". */
  pending?: readonly PendingSend[];
  onSendAgain?(pendingId: string): Promise<void>;
  onDiscard?(pendingId: string): void;
  /** The signed-in user: their own messages say "You". */
  viewerUserId?: string;
};

type Entry = { kind: 'message'; createdAt: string; message: Message } | { kind: 'pending'; createdAt: string; pending: PendingSend };

/** How close to the bottom still counts as "reading the latest": then new messages scroll in. */
const stickToBottomPx = 48;

export function Thread({ messages, loaded, pollError, emptyText, onRetry, onCancel, pending = [], onSendAgain, onDiscard, viewerUserId }: Props) {
  const scroller = useRef<HTMLDivElement>(null);
  const wasAtBottom = useRef(true);
  const days = useMemo(() => {
    const entries: Entry[] = [
      ...messages.map((message) => ({ kind: 'message' as const, createdAt: message.createdAt, message })),
      ...pending.map((send) => ({ kind: 'pending' as const, createdAt: send.createdAt, pending: send })),
    ];
    // Stable: an unsent message stays after the worker's messages of the same instant.
    entries.sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt));
    return groupByDay(entries, clock.now());
  }, [messages, pending]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: a new message or send is the trigger to follow the bottom.
  useEffect(() => {
    const element = scroller.current;
    if (element && wasAtBottom.current) element.scrollTop = element.scrollHeight;
  }, [messages, pending]);

  return (
    <div
      ref={scroller}
      className="thread"
      role="log"
      aria-label="Conversation"
      // Announces messages as they arrive (replies above all), not status changes of those shown.
      aria-live="polite"
      aria-relevant="additions"
      // Focusable so keyboard users can scroll it (axe: scrollable-region-focusable).
      // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable log must be reachable by keyboard to be scrolled.
      tabIndex={0}
      data-testid="thread"
      aria-busy={!loaded}
      onScroll={(event) => {
        const element = event.currentTarget;
        wasAtBottom.current = element.scrollHeight - element.scrollTop - element.clientHeight < stickToBottomPx;
      }}
    >
      {loaded && messages.length === 0 && pending.length === 0 && <p className="thread__empty muted">{emptyText}</p>}
      {!loaded && !pollError && <p className="thread__empty muted">Loading messages…</p>}
      {days.map((day) => (
        <Day key={day.key} label={day.label}>
          {day.items.map((entry) =>
            entry.kind === 'message' ? (
              <MessageBubble
                key={entry.message.id}
                message={entry.message}
                sender={senderLabel(entry.message, viewerUserId)}
                {...(onRetry ? { onRetry } : {})}
                {...(onCancel ? { onCancel } : {})}
              />
            ) : (
              <PendingBubble key={entry.pending.id} send={entry.pending} {...(onSendAgain ? { onSendAgain } : {})} {...(onDiscard ? { onDiscard } : {})} />
            ),
          )}
        </Day>
      ))}
      {pollError && (
        <p className="thread__problem" role="status">
          {pollError} Retrying…
        </p>
      )}
    </div>
  );
}

/** One day's messages under its heading, so screen readers can jump from day to day. */
function Day({ label, children }: { label: string; children: ReactNode }) {
  const heading = useId();
  return (
    <section className="thread__day" aria-labelledby={heading} data-testid="thread-day">
      <h3 id={heading} className="thread__day-label" data-testid="day-label">
        {label}
      </h3>
      <ol className="thread__list">{children}</ol>
    </section>
  );
}

function PendingBubble({
  send,
  onSendAgain,
  onDiscard,
}: {
  send: PendingSend;
  onSendAgain?(pendingId: string): Promise<void>;
  onDiscard?(pendingId: string): void;
}) {
  const sending = send.state === 'sending';
  return (
    <li className="bubble bubble--outbound bubble--pending" data-testid="pending-message" data-state={send.state}>
      <p className="bubble__body">{send.body}</p>
      <p className="bubble__meta">
        <span className="bubble__sender">You · </span>
        <time dateTime={send.createdAt}>{messageTime(send.createdAt)}</time>
        <span> · {sending ? 'Sending…' : 'Not sent'}</span>
      </p>
      {!sending && send.problem && <p className="bubble__failure">{send.problem}</p>}
      {/* Disabled rather than removed while sending, so keyboard focus stays where it was. */}
      <p className="bubble__retry">
        {onSendAgain && (
          <button type="button" className="link-button" disabled={sending} onClick={() => void onSendAgain(send.id)} data-testid="send-again">
            Send again
          </button>
        )}
        {onSendAgain && onDiscard && ' · '}
        {onDiscard && (
          <button type="button" className="link-button" disabled={sending} onClick={() => onDiscard(send.id)} data-testid="discard">
            Discard
          </button>
        )}
      </p>
    </li>
  );
}

/** Who wrote an outbound message: "You", the teammate's name, or Parley for its automatic ones; null for the candidate's. */
export function senderLabel(message: Message, viewerUserId: string | undefined): string | null {
  if (message.direction === 'inbound') return null;
  if (message.senderUserId === null) return 'Parley (automatic)';
  if (message.senderUserId === viewerUserId) return 'You';
  return message.senderName ?? 'A teammate';
}

type BubbleProps = { message: Message; sender: string | null; onRetry?(messageId: string): Promise<void>; onCancel?(messageId: string): Promise<void> };

function MessageBubble({ message, sender, onRetry, onCancel }: BubbleProps) {
  // One action at a time per message: Retry on a failed one, Cancel on a held one.
  const [acting, setActing] = useState(false);
  const [actionError, setActionError] = useState<string | null>(null);
  async function perform(action: ((messageId: string) => Promise<void>) | undefined) {
    if (!action) return;
    setActing(true);
    setActionError(null);
    try {
      await action(message.id);
    } catch (failure) {
      setActionError(errorMessage(failure));
    } finally {
      setActing(false);
    }
  }
  return (
    <li className={`bubble bubble--${message.direction}`} data-testid="message" data-direction={message.direction} data-status={message.status}>
      <p className="bubble__body">{message.body}</p>
      <p className="bubble__meta">
        {sender && (
          <span className="bubble__sender" data-testid="message-sender">
            {sender} ·{' '}
          </span>
        )}
        <time dateTime={message.createdAt}>{messageTime(message.createdAt)}</time>
        {message.direction === 'outbound' && <span> · {statusLabel[message.status]}</span>}
      </p>
      {message.status === 'failed' && <p className="bubble__failure">{message.failureReason ?? 'The provider gave no reason.'}</p>}
      {message.status === 'scheduled' && message.sendAt && (
        <p className="bubble__scheduled" data-testid="send-at">
          {sendAtLabel(message.sendAt, message.sendAtTimeZone)}
        </p>
      )}
      {message.status === 'failed' && message.direction === 'outbound' && onRetry && (
        <p className="bubble__retry">
          <button type="button" className="link-button" disabled={acting} onClick={() => void perform(onRetry)} data-testid="retry">
            {acting ? 'Retrying…' : 'Retry'}
          </button>
          {actionError && <span role="alert"> {actionError}</span>}
        </p>
      )}
      {message.status === 'scheduled' && onCancel && (
        <p className="bubble__retry">
          <button type="button" className="link-button" disabled={acting} onClick={() => void perform(onCancel)} data-testid="cancel-scheduled">
            {acting ? 'Cancelling…' : 'Cancel'}
          </button>
          {actionError && <span role="alert"> {actionError}</span>}
        </p>
      )}
    </li>
  );
}
