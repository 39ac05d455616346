import { type FormEvent, useEffect, useId, useMemo, useState } from 'react';
import type { Candidate } from '@shared/api/candidates.ts';
import { Channel } from '@shared/api/channels.ts';
import { type Interview, MAX_SLOTS, type ReminderInput } from '@shared/api/interviews.ts';
import type { Template } from '@shared/api/templates.ts';
import { endOf, interviewLanguageOf, slotsFromRange, slotsFromStarts, wallTimeOf, zonedInstant } from '@shared/domain/interviews.ts';
import { timeZonesOfPhone } from '@shared/domain/phone-time-zones.ts';
import { clock } from '../../lib/clock.ts';
import { useApi } from '../../ui/api-context.tsx';
import { errorMessage } from '../../ui/errors.ts';
import { Field } from '../../ui/field.tsx';
import { channelLabel } from '../../ui/format.ts';
import { Segmented } from '../../ui/segmented.tsx';
import { FillStatus, MergeFieldForm } from '../../ui/merge-field-form.tsx';
import { TemplatePreview } from '../../ui/template-preview.tsx';
import { type EnteredValues, type MergeField, mergeForm, enteredMergeValues, previewTemplate, textToEdit, withValues } from '@shared/domain/template.ts';
import { INTERVIEW_FIELDS, interviewMergeValues, LINK_PLACEHOLDER, templateFor } from './interview-message.ts';
import { AddReminder, offsetLabel } from '../../ui/reminder-timing.tsx';
import { candidateZone, dateTimeIn, recruiterZone, timeThere } from './labels.ts';

type Mode = 'fixed' | 'self_schedule';
type Slot = { date: string; time: string };
type ReminderRow = { offsetMinutes: number; channel: Channel | null };
/**
 * The message in the recruiter's own words: `from` is the filled template's text they started from
 * (null when written from scratch), `marks` its blanks ("[Job title]") to replace.
 */
type OwnText = { text: string; from: string | null; marks?: string[] };

const DURATIONS = [15, 30, 45, 60, 90, 120] as const;

type Props = {
  candidate: Candidate;
  /** Moving an existing interview: the time and place change, the candidate gets the update. */
  rescheduling?: Interview;
  onDone(interview: Interview): void;
  onCancel(): void;
};

/** The next whole hour tomorrow, in the recruiter's zone: a start that is never in the past. */
function tomorrowAtTen(zone: string): Slot {
  const { date } = wallTimeOf(new Date(clock.now().getTime() + 86_400_000), zone);
  return { date, time: '10:00' };
}

/**
 * Schedules an interview (or moves one): a fixed time or times the candidate picks from, entered
 * in the recruiter's zone and shown in the candidate's; the invitation's text from the tenant's
 * template, editable, with the preview the worker will send; the reminders it starts with.
 */
export function ScheduleForm({ candidate, rescheduling, onDone, onCancel }: Props) {
  const api = useApi();
  const formId = useId();
  const here = useMemo(recruiterZone, []);
  const [mode, setMode] = useState<Mode>(rescheduling?.kind ?? 'fixed');
  const [title, setTitle] = useState(rescheduling?.title ?? (candidate.jobTitle ? `Interview: ${candidate.jobTitle}` : 'Interview'));
  const [fixed, setFixed] = useState<Slot>(() => (rescheduling?.startsAt ? wallTimeOf(new Date(rescheduling.startsAt), here) : tomorrowAtTen(here)));
  const [slots, setSlots] = useState<Slot[]>(() => [tomorrowAtTen(here)]);
  const [range, setRange] = useState({ date: tomorrowAtTen(here).date, from: '09:00', to: '12:00' });
  const [duration, setDuration] = useState(rescheduling?.durationMinutes ?? 45);
  const [location, setLocation] = useState(rescheduling?.location ?? '');
  const [videoLink, setVideoLink] = useState(rescheduling?.videoLink ?? '');
  const [zone, setZone] = useState(rescheduling?.candidateTimeZone ?? candidateZone(candidate, here));
  const [channel, setChannel] = useState<Channel>(rescheduling?.channel ?? (candidate.consent.sms === 'granted' ? 'sms' : 'whatsapp'));
  const [reminders, setReminders] = useState<ReminderRow[]>([]);
  const [templates, setTemplates] = useState<Template[] | null>(null);
  // What the recruiter filled in the invitation's text, and their own wording once they edit it as text.
  const [entered, setEntered] = useState<EnteredValues>({});
  const [ownText, setOwnText] = useState<OwnText | null>(null);
  const [senderName, setSenderName] = useState({ companyName: '', recruiterName: '' });
  const [numbers, setNumbers] = useState<Partial<Record<Channel, boolean>>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const language = interviewLanguageOf(rescheduling?.language ?? candidate.language);

  useEffect(() => {
    let current = true;
    void api.listTemplates({}).then(
      ({ templates }) => current && setTemplates(templates),
      () => current && setTemplates([]),
    );
    void api.me().then(
      (me) => current && setSenderName({ companyName: me.tenantName, recruiterName: me.name }),
      () => undefined,
    );
    if (!rescheduling)
      void api.interviewSettings().then(
        (settings) => current && setReminders(settings.defaultReminders),
        () => undefined,
      );
    for (const ch of Channel.options)
      void api.sender(candidate.id, ch).then(
        (sender) => current && setNumbers((known) => ({ ...known, [ch]: sender.phoneNumber !== null })),
        () => undefined,
      );
    return () => {
      current = false;
    };
  }, [api, candidate.id, rescheduling]);

  const purpose = rescheduling ? 'interview_update' : mode === 'fixed' ? 'interview_invitation' : 'interview_slots';
  const template = templates && templateFor(templates, purpose, language, channel);
  // The template's text, filled afresh, until the recruiter edits it; a new purpose or channel starts from its template again.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the purpose and channel are the triggers.
  useEffect(() => {
    setEntered({});
    setOwnText(null);
  }, [purpose, channel]);

  const fixedStart = useMemo(() => (fixed.date && fixed.time ? zonedInstant(fixed.date, fixed.time, here) : null), [fixed, here]);
  const offered = useMemo(
    () =>
      slotsFromStarts(
        slots.filter((s) => s.date && s.time).map((s) => zonedInstant(s.date, s.time, here)),
        clock.now(),
      ),
    [slots, here],
  );
  const known = interviewMergeValues(
    {
      title,
      startsAt: mode === 'fixed' ? fixedStart : null,
      location: location.trim() || null,
      videoLink: videoLink.trim() || null,
      candidateTimeZone: zone,
      language,
    },
    candidate,
    senderName,
  );
  const source = template?.body ?? '';
  const form = mergeForm(source, known, INTERVIEW_FIELDS);
  const enteredValues = enteredMergeValues(entered, { language, timeZone: zone });
  const filled = { ...known, ...enteredValues };
  const formPreview = previewTemplate(source, filled);
  const formBlanks = formPreview.ok
    ? []
    : [...new Set(formPreview.problems.flatMap((p) => (p.code === 'empty_value' && p.field ? [p.field as MergeField] : [])))];
  // The template as text as it reads now: what "Edit as text" starts from.
  const asText = form.ok ? textToEdit(source, filled, formBlanks) : null;
  // Without a template for this message the recruiter writes it from the start.
  const writing = ownText ?? (templates && !template ? { text: '', from: null } : null);
  // Own text is a template to the worker too: merge fields typed in it are filled, and the page link goes where it stands.
  const preview = writing ? previewTemplate(writing.text, known) : formPreview;
  const blanks = writing ? [] : formBlanks;
  // Edited from a filled template whose time or place has changed since: the text may tell the candidate something else.
  const stale = writing !== null && writing.from !== null && writing.from !== asText?.text;
  const marksLeft = writing?.marks?.filter((mark) => writing.text.includes(mark)) ?? [];
  // The form's own fields go as text; the worker fills the rest (the link among them) when it sends.
  const body = writing ? writing.text.replaceAll(LINK_PLACEHOLDER, '{{interview.link}}') : withValues(source, enteredValues);

  const channelRefusal = (ch: Channel): string | null =>
    candidate.consent[ch] !== 'granted' ? 'no consent yet' : numbers[ch] === false ? 'no sending number for their country' : null;
  const zones = useMemo(() => {
    const listed = new Set([zone, ...(candidate.phone ? timeZonesOfPhone(candidate.phone) : []), here]);
    return [...listed, ...Intl.supportedValuesOf('timeZone').filter((z) => !listed.has(z))];
  }, [candidate.phone, here, zone]);

  function fillRange() {
    const plan = slotsFromRange(
      { from: zonedInstant(range.date, range.from, here), to: zonedInstant(range.date, range.to, here) },
      duration,
      clock.now(),
      MAX_SLOTS,
    );
    if (!plan.ok) return setError(plan.message);
    setError(null);
    setSlots(plan.starts.map((start) => wallTimeOf(start, here)));
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (mode === 'fixed' && (!fixedStart || fixedStart.getTime() <= clock.now().getTime())) return setError('Pick a start in the future.');
    if (mode === 'self_schedule' && !offered.ok) return setError(offered.message);
    if (!preview.ok || marksLeft.length > 0 || body === null) return setError('Fix the message first (see below it).');
    if (stale) return setError('The time or place changed after you edited the message: check its text, or fill the template again.');
    const time =
      mode === 'fixed'
        ? { kind: 'fixed' as const, startsAt: fixedStart!.toISOString(), durationMinutes: duration }
        : { kind: 'self_schedule' as const, durationMinutes: duration, slots: { starts: offered.ok ? offered.starts.map((s) => s.toISOString()) : [] } };
    const place = { location: location.trim() || null, videoLink: videoLink.trim() || null };
    setBusy(true);
    setError(null);
    try {
      const interview = rescheduling
        ? await api.rescheduleInterview(rescheduling.id, { time, ...place, body })
        : await api.scheduleInterview({
            candidateId: candidate.id,
            title: title.trim(),
            time,
            ...place,
            channel,
            candidateTimeZone: zone,
            language,
            body,
            reminders: reminders.map((r): ReminderInput => ({ offsetMinutes: r.offsetMinutes, ...(r.channel ? { channel: r.channel } : {}) })),
          });
      onDone(interview);
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="interview-form" aria-labelledby={`${formId}-title`} onSubmit={submit} data-testid="schedule-form">
      <h3 id={`${formId}-title`} className="interview-form__title">
        {rescheduling ? `Move “${rescheduling.title}”` : 'Schedule an interview'}
      </h3>
      {!rescheduling && (
        <Field label="Title">
          <input value={title} onChange={(e) => setTitle(e.target.value)} maxLength={120} required data-testid="interview-title" />
        </Field>
      )}
      <Segmented<Mode>
        label="How the time is chosen"
        value={mode}
        onChange={setMode}
        testId="interview-mode"
        options={[
          { value: 'fixed', label: 'A fixed time' },
          { value: 'self_schedule', label: 'Let them pick' },
        ]}
      />
      <div className="interview-form__row">
        {mode === 'fixed' && (
          <>
            <Field label="Date">
              <input type="date" value={fixed.date} onChange={(e) => setFixed({ ...fixed, date: e.target.value })} required data-testid="interview-date" />
            </Field>
            <Field label="Start">
              <input type="time" value={fixed.time} onChange={(e) => setFixed({ ...fixed, time: e.target.value })} required data-testid="interview-time" />
            </Field>
          </>
        )}
        <Field label="Duration">
          <select value={duration} onChange={(e) => setDuration(Number(e.target.value))} data-testid="interview-duration">
            {DURATIONS.map((minutes) => (
              <option key={minutes} value={minutes}>
                {minutes} min
              </option>
            ))}
          </select>
        </Field>
      </div>
      {mode === 'fixed' && fixedStart && (
        <p className="muted interview-form__zones" data-testid="interview-zones">
          {dateTimeIn(fixedStart, here)}–{dateTimeIn(endOf(fixedStart, duration), here).split(', ').at(-1)} your time · {timeThere(fixedStart, zone)} for{' '}
          {candidate.name.split(' ')[0]}
        </p>
      )}
      {mode === 'self_schedule' && (
        <fieldset className="interview-form__slots" data-testid="interview-slots">
          <legend>Times they can pick (your time)</legend>
          <ul>
            {slots.map((slot, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: rows are edited in place; the index is their identity.
              <li key={index}>
                <input
                  type="date"
                  aria-label={`Time ${index + 1}: date`}
                  value={slot.date}
                  onChange={(e) => setSlots(slots.map((s, i) => (i === index ? { ...s, date: e.target.value } : s)))}
                />
                <input
                  type="time"
                  aria-label={`Time ${index + 1}: start`}
                  value={slot.time}
                  onChange={(e) => setSlots(slots.map((s, i) => (i === index ? { ...s, time: e.target.value } : s)))}
                />
                {slot.date && slot.time && <span className="muted">{timeThere(zonedInstant(slot.date, slot.time, here), zone)}</span>}
                <button
                  type="button"
                  className="link-button"
                  aria-label={`Remove time ${index + 1}`}
                  onClick={() => setSlots(slots.filter((_, i) => i !== index))}
                >
                  Remove
                </button>
              </li>
            ))}
          </ul>
          <button
            type="button"
            className="button button--small"
            onClick={() => setSlots([...slots, slots.at(-1) ?? tomorrowAtTen(here)])}
            disabled={slots.length >= MAX_SLOTS}
          >
            Add a time
          </button>
          <details className="interview-form__range">
            <summary>Fill from a range</summary>
            <div className="interview-form__row">
              <Field label="Day">
                <input type="date" value={range.date} onChange={(e) => setRange({ ...range, date: e.target.value })} />
              </Field>
              <Field label="From">
                <input type="time" value={range.from} onChange={(e) => setRange({ ...range, from: e.target.value })} />
              </Field>
              <Field label="To">
                <input type="time" value={range.to} onChange={(e) => setRange({ ...range, to: e.target.value })} />
              </Field>
            </div>
            <button type="button" className="button button--small" onClick={fillRange} data-testid="fill-range">
              Cut into {duration}-minute slots
            </button>
          </details>
        </fieldset>
      )}
      <div className="interview-form__row">
        <Field label="Location">
          <input value={location} onChange={(e) => setLocation(e.target.value)} maxLength={300} placeholder="Office, address" />
        </Field>
        <Field label="Video link">
          <input type="url" value={videoLink} onChange={(e) => setVideoLink(e.target.value)} maxLength={500} placeholder="https://" />
        </Field>
      </div>
      <Field label="Candidate's time zone" hint="From their phone number; change it if they are elsewhere.">
        <select value={zone} onChange={(e) => setZone(e.target.value)} data-testid="interview-zone">
          {zones.map((z) => (
            <option key={z} value={z}>
              {z.replaceAll('_', ' ')}
            </option>
          ))}
        </select>
      </Field>
      {!rescheduling && (
        <fieldset className="interview-form__channels">
          <legend>Send by</legend>
          {Channel.options.map((ch) => {
            const refusal = channelRefusal(ch);
            return (
              <label key={ch}>
                <input type="radio" name={`${formId}-channel`} checked={channel === ch} disabled={refusal !== null} onChange={() => setChannel(ch)} />{' '}
                {channelLabel[ch]}
                {refusal && <span className="muted"> ({refusal})</span>}
              </label>
            );
          })}
        </fieldset>
      )}
      <div className="field">
        <div className="interview-form__message-head">
          <span className="field__label" id={`${formId}-message`}>
            {rescheduling ? 'Update message' : 'Invitation'}
          </span>
          {writing === null && asText && (
            <button
              type="button"
              className="link-button"
              data-testid="interview-edit-as-text"
              onClick={() => {
                if (asText) setOwnText({ text: asText.text, from: asText.text, marks: asText.marks });
              }}
            >
              Edit as text
            </button>
          )}
          {ownText && template && (
            <button type="button" className="link-button" data-testid="interview-use-template" onClick={() => setOwnText(null)}>
              Fill the template again
            </button>
          )}
        </div>
        {writing ? (
          <textarea
            rows={4}
            aria-labelledby={`${formId}-message`}
            value={writing.text}
            onChange={(e) => setOwnText({ ...writing, text: e.target.value })}
            data-testid="interview-message"
          />
        ) : form.ok ? (
          <MergeFieldForm
            form={form}
            entered={entered}
            values={filled}
            onChange={(field, value) => setEntered({ ...entered, [field]: value })}
            labelledBy={`${formId}-message`}
          />
        ) : null}
        {templates && !template && <span className="field__hint">No template for this message yet: write it here.</span>}
        {stale && (
          <p className="merge-status merge-status--marks" data-testid="interview-message-stale">
            The time or place changed after you edited the message: check its text, or fill the template again.
          </p>
        )}
      </div>
      {/* Said once: what is missing while the text has blanks, else the message as the candidate reads it. */}
      {blanks.length > 0 || marksLeft.length > 0 ? (
        <FillStatus id={`${formId}-status`} missing={blanks} marks={marksLeft} />
      ) : (
        <TemplatePreview
          preview={preview}
          channel={channel}
          recipient={candidate.name.split(' ')[0] ?? candidate.name}
          // The filled template is the message as the candidate reads it (its date in their words): said once.
          show={writing ? 'all' : 'cost'}
        />
      )}
      {!rescheduling && (
        <fieldset className="interview-form__reminders" data-testid="interview-form-reminders">
          <legend>Reminders</legend>
          {reminders.length === 0 && <p className="muted">No reminders.</p>}
          <ul>
            {reminders.map((reminder, index) => (
              <li key={`${reminder.offsetMinutes}/${reminder.channel}`}>
                {offsetLabel(reminder.offsetMinutes)} · {channelLabel[reminder.channel ?? channel]}{' '}
                <button type="button" className="link-button" onClick={() => setReminders(reminders.filter((_, i) => i !== index))}>
                  Remove
                </button>
              </li>
            ))}
          </ul>
          <AddReminder
            existing={reminders}
            onAdd={(offsetMinutes) => setReminders([...reminders, { offsetMinutes, channel: null }].sort((a, b) => b.offsetMinutes - a.offsetMinutes))}
          />
        </fieldset>
      )}
      {error && (
        <p className="alert" role="alert" data-testid="schedule-error">
          {error}
        </p>
      )}
      <div className="interview-form__actions">
        <button
          type="submit"
          className="button button--primary"
          disabled={busy || !preview.ok || marksLeft.length > 0 || stale || channelRefusal(channel) !== null}
          data-testid="send-invitation"
        >
          {busy ? 'Sending…' : rescheduling ? 'Move and tell them' : 'Send invitation'}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
