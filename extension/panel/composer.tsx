import { useEffect, useId, useMemo, useRef, useState, type FormEvent, type KeyboardEvent, type ReactNode } from 'react';
import type { Channel } from '@shared/api/channels.ts';
import { MAX_BODY_CHARS } from '@shared/api/messages.ts';
import { smsSegments } from '@shared/domain/segments.ts';
import type { Template } from '@shared/api/templates.ts';
import {
  type EnteredValues,
  enteredMergeValues,
  type MergeValues,
  mergeFieldInput,
  mergeForm,
  previewTemplate,
  textToEdit,
  withValues,
} from '@shared/domain/template.ts';
import type { Hold } from '@shared/domain/quiet-hours.ts';
import { errorMessage } from '../ui/errors.ts';
import { holdAheadLabel } from '../ui/format.ts';
import { FillStatus, MergeFieldForm } from '../ui/merge-field-form.tsx';
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
  /**
   * Rejects with the worker's refusal; the draft is kept then. `body` is the text to send, except
   * for an approved WhatsApp template left as it is: then its own text with `templateId`, so the
   * worker sends it as the provider's template (filled with the same values).
   */
  onSend(body: string, templateId: string | null): Promise<void>;
  /**
   * Offers the tenant's templates, filled with these values (the worker's); the recruiter is asked
   * for the others. `language` and `timeZone` are the candidate's: how a picked date and time read.
   */
  templates?: { channel: Channel; language: string; timeZone: string; recipient: string; values: MergeValues };
  /** The draft kept from before (a reload, another candidate). */
  initialDraft?: Draft;
  /** Called with every change of the draft, and with an empty one once it is sent. */
  onDraftChange?(draft: Draft): void;
};

/**
 * A template being filled. Its text stays out of sight: the recruiter sees it rendered, with inputs
 * for what Parley does not know (`MergeFieldForm`).
 */
type Filling = { templateId: string; source: string; approved: boolean; entered: EnteredValues };

const noValues: MergeValues = {};

export function Composer({ label, lockedReason, lockAction, quietHold = null, onSend, templates, initialDraft, onDraftChange }: Props) {
  // A kept draft with a template is the template, partly filled (`withValues`): it opens as the form again.
  const [filling, setFilling] = useState<Filling | null>(() =>
    initialDraft?.templateId ? { templateId: initialDraft.templateId, source: initialDraft.body, approved: false, entered: {} } : null,
  );
  const [draft, setDraft] = useState(initialDraft?.templateId ? '' : (initialDraft?.body ?? ''));
  // The "[Interview date]" marks of fields left blank when switching to free text: Send waits until they are replaced.
  const [holes, setHoles] = useState<string[]>([]);
  // Counts insertions: each moves the focus to the new template's first blank.
  const [inserted, setInserted] = useState(0);
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const input = useRef<HTMLTextAreaElement>(null);
  const sendButton = useRef<HTMLButtonElement>(null);
  const ids = {
    label: useId(),
    input: useId(),
    count: useId(),
    locked: useId(),
    held: useId(),
    error: useId(),
    tooLong: useId(),
    cost: useId(),
    missing: useId(),
  };
  const locked = lockedReason !== null;

  const known = templates?.values ?? noValues;
  const language = templates?.language ?? 'en';
  const timeZone = templates?.timeZone ?? 'UTC';
  const form = useMemo(() => (filling ? mergeForm(filling.source, known) : null), [filling, known]);
  const entered = useMemo(() => (filling ? enteredMergeValues(filling.entered, { language, timeZone }) : noValues), [filling, language, timeZone]);
  const values = useMemo(() => ({ ...known, ...entered }), [known, entered]);
  const preview = useMemo(() => (filling ? previewTemplate(filling.source, values) : null), [filling, values]);
  const missing = form?.ok ? form.required.filter((field) => !entered[field]) : [];
  // A picked date or time reads otherwise in the message ("Tuesday, March 2, 2027"): only then is the text shown twice.
  const picksDateOrTime = form?.ok === true && form.inputs.some((field) => mergeFieldInput(field) !== 'text' && mergeFieldInput(field) !== 'url');
  const holesLeft = filling ? [] : holes.filter((hole) => draft.includes(hole));
  // What goes to the candidate: the filled template, or the free text.
  const text = filling ? (preview?.ok ? preview.text : '') : draft;

  // Kept as a template with what is filled written in; a value the template syntax cannot hold keeps the text instead.
  const kept = filling && withValues(filling.source, entered);
  const savedBody = filling ? (kept ?? text) : draft;
  const savedTemplateId = filling && kept !== null ? filling.templateId : null;
  // A ref, so a new callback from the parent is not mistaken for a change of the draft.
  const draftChanged = useRef(onDraftChange);
  useEffect(() => {
    draftChanged.current = onDraftChange;
  }, [onDraftChange]);
  useEffect(() => {
    draftChanged.current?.({ body: savedBody, templateId: savedTemplateId });
  }, [savedBody, savedTemplateId]);

  // What the carrier bills, as the worker stores it per message (the same calculator).
  const sms = useMemo(() => (templates?.channel === 'sms' && text ? smsSegments(text) : null), [templates?.channel, text]);
  // Counted as the worker measures the body it refuses above the maximum: trimmed. Never cut here,
  // so a pasted text is never sent shorter than the recruiter believes.
  // While blanks remain, the words so far are counted, so the count does not read 0 beside a sentence.
  const soFar = filling && !preview?.ok && form?.ok ? textToEdit(filling.source, values, missing) : null;
  const length = (soFar ? soFar.marks.reduce((words, mark) => words.replaceAll(mark, ''), soFar.text) : text).trim().length;
  const excess = length - MAX_BODY_CHARS;
  const tooLong = excess > 0;
  // Said only of a message that may go: above the maximum, shortening it comes first.
  const billedParts = !tooLong && sms && sms.segments > PARTS_WITHOUT_COST_WARNING ? sms.segments : null;
  const canSubmit = !locked && !sending && length > 0 && !tooLong && preview?.ok !== false && holesLeft.length === 0;

  // biome-ignore lint/correctness/useExhaustiveDependencies: `inserted` is the trigger; the form of that insertion is rendered by then.
  useEffect(() => {
    if (inserted === 0) return;
    // Nothing to fill: the next step is Send.
    if (form?.ok && form.inputs.length === 0) sendButton.current?.focus();
  }, [inserted]);

  async function send() {
    if (!canSubmit) return;
    setSending(true);
    setError(null);
    // An approved WhatsApp template left as it is goes as the provider's template; anything else as the text shown.
    const asApproved = filling?.approved && templates?.channel === 'whatsapp' && Object.values(filling.entered).every((value) => !value?.trim());
    try {
      await (asApproved ? onSend(filling.source, filling.templateId) : onSend(text, null));
      setDraft('');
      setFilling(null);
      setHoles([]);
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setSending(false);
      // After the frame: a sent template's form gives way to the textarea only on the next render.
      requestAnimationFrame(() => input.current?.focus());
    }
  }

  function sendOnShortcut(event: KeyboardEvent) {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void send();
    }
  }

  /** Free text from here: the rendered text, a blank field marked "[Interview date]" to replace. */
  function editAsText() {
    if (!filling) return;
    const editable = textToEdit(filling.source, values, missing);
    if (!editable) return;
    setDraft(editable.text);
    setHoles(editable.marks);
    setFilling(null);
    requestAnimationFrame(() => input.current?.focus());
  }

  const describedBy = [
    ids.count,
    locked && ids.locked,
    tooLong && ids.tooLong,
    billedParts && ids.cost,
    (missing.length > 0 || holesLeft.length > 0) && ids.missing,
    quietHold && ids.held,
    error && ids.error,
  ]
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
        {filling ? (
          <span id={ids.label} className="composer__label">
            {label}
          </span>
        ) : (
          <label id={ids.label} htmlFor={ids.input} className="composer__label">
            {label}
          </label>
        )}
        {filling && form?.ok && (
          <button type="button" className="link-button composer__switch" data-testid="edit-as-text" disabled={sending} onClick={editAsText}>
            Edit as text
          </button>
        )}
        {filling && (
          <button
            type="button"
            className="link-button composer__switch"
            data-testid="template-discard"
            disabled={sending}
            onClick={() => {
              setFilling(null);
              setDraft('');
            }}
          >
            Clear
          </button>
        )}
        {templates && (
          <TemplatePicker
            channel={templates.channel}
            language={templates.language}
            disabled={locked || sending}
            onPick={(template: Template) => {
              setFilling({ templateId: template.id, source: template.body, approved: template.whatsapp !== null, entered: {} });
              setDraft('');
              setHoles([]);
              setInserted((count) => count + 1);
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
      {filling && form?.ok ? (
        <MergeFieldForm
          key={`${filling.templateId}:${inserted}`}
          form={form}
          entered={filling.entered}
          values={values}
          onChange={(field, value) => setFilling({ ...filling, entered: { ...filling.entered, [field]: value } })}
          labelledBy={ids.label}
          describedBy={describedBy}
          disabled={locked || sending}
          focusFirst={inserted > 0}
          onKeyDown={sendOnShortcut}
        />
      ) : (
        !filling && (
          <textarea
            ref={input}
            id={ids.input}
            data-testid="composer"
            rows={3}
            value={draft}
            disabled={locked}
            readOnly={sending}
            onChange={(event) => setDraft(event.target.value)}
            onKeyDown={sendOnShortcut}
            aria-keyshortcuts="Control+Enter Meta+Enter"
            aria-invalid={tooLong || undefined}
            aria-describedby={describedBy}
          />
        )
      )}
      {/* The problems of a template that cannot be filled (an old draft); a filled one shows as the candidate reads it. */}
      {preview && templates && (!form?.ok || missing.length === 0) && (
        <TemplatePreview
          preview={preview}
          channel={templates.channel}
          recipient={templates.recipient}
          show={form?.ok === true && !picksDateOrTime ? 'warnings' : 'all'}
        />
      )}
      <FillStatus id={ids.missing} missing={missing} marks={holesLeft} />
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
        <button ref={sendButton} type="submit" className="button button--primary" data-testid="send" disabled={!canSubmit}>
          {sending ? 'Sending…' : 'Send'}
        </button>
      </div>
    </form>
  );
}
