import { useEffect, useId, useMemo, useRef, useState, type FormEvent, type KeyboardEvent, type ReactNode } from 'react';
import type { Channel } from '@shared/api/channels.ts';
import { MAX_BODY_CHARS } from '@shared/api/messages.ts';
import { smsSegments } from '@shared/domain/segments.ts';
import type { Template } from '@shared/api/templates.ts';
import { previewTemplate, type MergeValues } from '@shared/domain/template.ts';
import type { Hold } from '@shared/domain/quiet-hours.ts';
import { errorMessage } from '../ui/errors.ts';
import { holdAheadLabel } from '../ui/format.ts';
import { TemplatePreview } from '../ui/template-preview.tsx';
import { TemplatePicker } from './template-picker.tsx';
import type { Draft } from './use-draft.ts';

const sendShortcut = /Mac|iPhone|iPad/.test(navigator.userAgent) ? '⌘ Enter' : 'Ctrl+Enter';

// Up to 3 parts is an ordinary long SMS; beyond that the cost is worth a word before Send.
const PARTS_WITHOUT_COST_WARNING = 3;

type Props = {
  /** "Message Ada by SMS" */
  label: string;
  /** Why sending is impossible right now (from `canSend`); null when it is allowed. */
  lockedReason: string | null;
  /** What the recruiter can do about the lock, shown with it (the consent request). */
  lockAction?: ReactNode;
  /** When a message sent now would wait for the candidate's daytime (from `messageHold`); Send stays enabled. */
  quietHold?: Hold | null;
  /** Rejects with the worker's refusal; the draft is kept then. With a template, `body` still has its merge fields. */
  onSend(body: string, templateId: string | null): Promise<void>;
  /** Offers the tenant's templates, previewed with these values (the worker fills the same ones). */
  templates?: { channel: Channel; language: string; recipient: string; values: MergeValues };
  /** The draft kept from before (a reload, another candidate). */
  initialDraft?: Draft;
  /** Called with every change of the draft, and with an empty one once it is sent. */
  onDraftChange?(draft: Draft): void;
};

export function Composer({ label, lockedReason, lockAction, quietHold = null, onSend, templates, initialDraft, onDraftChange }: Props) {
  const [draft, setDraft] = useState(initialDraft?.body ?? '');
  // Set while the draft comes from a template: the worker then fills its merge fields.
  const [templateId, setTemplateId] = useState<string | null>(initialDraft?.templateId ?? null);
  // A ref, so a new callback from the parent is not mistaken for a change of the draft.
  const draftChanged = useRef(onDraftChange);
  useEffect(() => {
    draftChanged.current = onDraftChange;
  }, [onDraftChange]);
  useEffect(() => {
    draftChanged.current?.({ body: draft, templateId });
  }, [draft, templateId]);
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const input = useRef<HTMLTextAreaElement>(null);
  const ids = { input: useId(), count: useId(), locked: useId(), held: useId(), error: useId(), tooLong: useId(), cost: useId() };
  const locked = lockedReason !== null;
  const preview = useMemo(() => (templateId && templates ? previewTemplate(draft, templates.values) : null), [templateId, templates, draft]);
  // What the carrier bills, as the worker stores it per message (the same calculator): for a template, its filled text.
  const sms = useMemo(() => {
    if (templates?.channel !== 'sms' || !draft) return null;
    return preview?.ok ? preview.sms : smsSegments(draft);
  }, [templates?.channel, draft, preview]);
  // Counted as the worker measures the body it refuses above the maximum: trimmed. Never cut here,
  // so a pasted text is never sent shorter than the recruiter believes.
  const length = draft.trim().length;
  const excess = length - MAX_BODY_CHARS;
  const tooLong = excess > 0;
  // Said only of a message that may go: above the maximum, shortening it comes first.
  const billedParts = !tooLong && sms && sms.segments > PARTS_WITHOUT_COST_WARNING ? sms.segments : null;
  const canSubmit = !locked && !sending && length > 0 && !tooLong && preview?.ok !== false;

  async function send() {
    if (!canSubmit) return;
    setSending(true);
    setError(null);
    try {
      await onSend(draft, templateId);
      setDraft('');
      setTemplateId(null);
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

  const describedBy = [ids.count, locked && ids.locked, tooLong && ids.tooLong, billedParts && ids.cost, quietHold && ids.held, error && ids.error]
    .filter(Boolean)
    .join(' ');
  return (
    <form
      className="composer"
      onSubmit={(event: FormEvent) => {
        event.preventDefault();
        void send();
      }}
    >
      <div className="composer__head">
        <label htmlFor={ids.input} className="composer__label">
          {label}
        </label>
        {templates && (
          <TemplatePicker
            channel={templates.channel}
            language={templates.language}
            disabled={locked || sending}
            onPick={(template: Template) => {
              setDraft(template.body);
              setTemplateId(template.id);
              input.current?.focus();
            }}
          />
        )}
      </div>
      {lockedReason && (
        <div className="composer__lock">
          <p id={ids.locked} className="composer__locked" data-testid="composer-locked">
            {lockedReason}
          </p>
          {lockAction}
        </div>
      )}
      <textarea
        ref={input}
        id={ids.input}
        data-testid="composer"
        rows={3}
        value={draft}
        disabled={locked}
        readOnly={sending}
        onChange={(event) => {
          setDraft(event.target.value);
          if (!event.target.value.trim()) setTemplateId(null);
        }}
        onKeyDown={onKeyDown}
        aria-keyshortcuts="Control+Enter Meta+Enter"
        aria-invalid={tooLong || undefined}
        aria-describedby={describedBy}
      />
      {preview && templates && <TemplatePreview preview={preview} channel={templates.channel} recipient={templates.recipient} />}
      {tooLong && (
        <p id={ids.tooLong} className="alert" data-testid="composer-too-long">
          This message is {length.toLocaleString()} characters; one message carries at most {MAX_BODY_CHARS.toLocaleString()}. Shorten it by{' '}
          {excess.toLocaleString()} {excess === 1 ? 'character' : 'characters'}.
        </p>
      )}
      {billedParts && (
        <p id={ids.cost} className="composer__cost" data-testid="sms-cost-warning">
          This SMS is {billedParts} parts; each part is billed.
        </p>
      )}
      {error && (
        <p id={ids.error} className="alert" role="alert" data-testid="send-error">
          {error}
        </p>
      )}
      {quietHold && (
        <p id={ids.held} className="composer__held muted" data-testid="quiet-hours-hint">
          {holdAheadLabel(quietHold.sendAt, quietHold.timeZone)}
        </p>
      )}
      <div className="composer__row">
        <span id={ids.count} className="composer__count muted" data-testid="composer-count">
          {length} / {MAX_BODY_CHARS}
          <span className="visually-hidden"> characters</span>
          {sms && ` · ${sms.encoding} · ${sms.segments} ${sms.segments === 1 ? 'segment' : 'segments'}`}
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
