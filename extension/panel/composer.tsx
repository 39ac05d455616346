import { useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { MAX_BODY_CHARS } from '@shared/api/messages.ts';
import { errorMessage } from './errors.ts';

const sendShortcut = /Mac|iPhone|iPad/.test(navigator.userAgent) ? '⌘ Enter' : 'Ctrl+Enter';

type Props = {
  /** "Message Ada by SMS" */
  label: string;
  /** Why sending is impossible right now (from `canSend`); null when it is allowed. */
  lockedReason: string | null;
  /** Rejects with the worker's refusal; the draft is kept then. */
  onSend(body: string): Promise<void>;
};

export function Composer({ label, lockedReason, onSend }: Props) {
  const [draft, setDraft] = useState('');
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const input = useRef<HTMLTextAreaElement>(null);
  const ids = { input: useId(), count: useId(), locked: useId(), error: useId() };
  const locked = lockedReason !== null;
  const canSubmit = !locked && !sending && draft.trim().length > 0;

  async function send() {
    if (!canSubmit) return;
    setSending(true);
    setError(null);
    try {
      await onSend(draft);
      setDraft('');
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setSending(false);
      input.current?.focus();
    }
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void send();
    }
  }

  const describedBy = [ids.count, locked && ids.locked, error && ids.error].filter(Boolean).join(' ');
  return (
    <form
      className="composer"
      onSubmit={(event: FormEvent) => {
        event.preventDefault();
        void send();
      }}
    >
      <label htmlFor={ids.input} className="composer__label">
        {label}
      </label>
      {lockedReason && (
        <p id={ids.locked} className="composer__locked" data-testid="composer-locked">
          {lockedReason}
        </p>
      )}
      <textarea
        ref={input}
        id={ids.input}
        data-testid="composer"
        rows={3}
        maxLength={MAX_BODY_CHARS}
        value={draft}
        disabled={locked}
        readOnly={sending}
        onChange={(event) => setDraft(event.target.value)}
        onKeyDown={onKeyDown}
        aria-keyshortcuts="Control+Enter Meta+Enter"
        aria-describedby={describedBy}
      />
      {error && (
        <p id={ids.error} className="alert" role="alert" data-testid="send-error">
          {error}
        </p>
      )}
      <div className="composer__row">
        <span id={ids.count} className="composer__count muted">
          {draft.length} / {MAX_BODY_CHARS}
          <span className="visually-hidden"> characters</span>
        </span>
        <span className="composer__hint muted" aria-hidden="true">
          {sendShortcut}
        </span>
        <button type="submit" className="button button--primary" data-testid="send" disabled={!canSubmit}>
          {sending ? 'Sending…' : 'Send'}
        </button>
      </div>
    </form>
  );
}
