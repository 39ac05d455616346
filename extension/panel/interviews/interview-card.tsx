import { useState } from 'react';
import type { Interview, Reminder } from '@shared/api/interviews.ts';
import { useApi } from '../../ui/api-context.tsx';
import { errorMessage } from '../../ui/errors.ts';
import { channelLabel } from '../../ui/format.ts';
import { dateTimeIn, interviewStateLabel, recruiterZone, reminderStateLabel, timeThere } from './labels.ts';
import { AddReminder, offsetLabel } from '../../ui/reminder-timing.tsx';

type Props = {
  interview: Interview;
  onChanged(interview: Interview): void;
  onReschedule(interview: Interview): void;
};

const FINAL = new Set<Interview['state']>(['cancelled', 'declined']);

/** One interview: its state, when (for both sides), where, its reminders, and what can be done next. */
export function InterviewCard({ interview, onChanged, onReschedule }: Props) {
  const api = useApi();
  const here = recruiterZone();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [cancelling, setCancelling] = useState(false);
  const [notify, setNotify] = useState(true);
  const open = !FINAL.has(interview.state);

  async function act(change: () => Promise<Interview>) {
    setBusy(true);
    setError(null);
    try {
      onChanged(await change());
      setCancelling(false);
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setBusy(false);
    }
  }

  return (
    <article className={`interview-card interview-card--${interview.state}`} data-testid="interview-card" data-interview-id={interview.id}>
      <header className="interview-card__header">
        <h3 className="interview-card__title">{interview.title}</h3>
        <span className={`chip chip--${interview.state}`} data-testid="interview-state" data-state={interview.state}>
          {interviewStateLabel[interview.state]}
        </span>
      </header>
      {interview.startsAt ? (
        <p className="interview-card__when" data-testid="interview-when">
          <strong>{dateTimeIn(interview.startsAt, here)}</strong> your time, {interview.durationMinutes} min
          <br />
          <span className="muted">{timeThere(interview.startsAt, interview.candidateTimeZone)} for the candidate</span>
        </p>
      ) : (
        <div className="interview-card__when">
          <p>Offered times, {interview.durationMinutes} min (your time):</p>
          <ul className="interview-card__slots" data-testid="interview-offered">
            {interview.slots.map((slot) => (
              <li key={slot.id} className={slot.available ? undefined : 'muted'}>
                {dateTimeIn(slot.startsAt, here)}
                {!slot.available && ' (taken meanwhile)'}
              </li>
            ))}
          </ul>
        </div>
      )}
      <p className="muted interview-card__meta">
        {[interview.location, interview.videoLink, `with ${interview.interviewer.name}`, `by ${channelLabel[interview.channel]}`].filter(Boolean).join(' · ')}
      </p>
      <section aria-label="Reminders" className="interview-card__reminders">
        <h4>Reminders</h4>
        {interview.reminders.length === 0 && <p className="muted">None.</p>}
        <ul data-testid="interview-reminders">
          {interview.reminders.map((reminder) => (
            <ReminderRow key={reminder.id} interview={interview} reminder={reminder} busy={busy} onAct={act} />
          ))}
        </ul>
        {open && (
          <AddReminder
            existing={interview.reminders.filter((r) => r.state === 'pending')}
            onAdd={(offsetMinutes) => void act(() => api.addReminder(interview.id, { offsetMinutes }))}
          />
        )}
      </section>
      {error && (
        <p className="alert" role="alert">
          {error}
        </p>
      )}
      {open && !cancelling && (
        <div className="interview-card__actions">
          <button type="button" className="button button--small" onClick={() => onReschedule(interview)} disabled={busy}>
            Reschedule
          </button>
          <button type="button" className="button button--small button--danger" onClick={() => setCancelling(true)} disabled={busy}>
            Cancel interview
          </button>
        </div>
      )}
      {cancelling && (
        <fieldset className="interview-card__confirm">
          <legend className="visually-hidden">Cancel the interview</legend>
          <label>
            <input type="checkbox" checked={notify} onChange={(e) => setNotify(e.target.checked)} /> Tell the candidate by {channelLabel[interview.channel]}
          </label>
          <button
            type="button"
            className="button button--small button--danger"
            disabled={busy}
            data-testid="confirm-cancel"
            onClick={() => void act(() => api.cancelInterview(interview.id, { notifyCandidate: notify }))}
          >
            Cancel it
          </button>
          <button type="button" className="button button--small" onClick={() => setCancelling(false)}>
            Keep it
          </button>
        </fieldset>
      )}
    </article>
  );
}

function ReminderRow({
  interview,
  reminder,
  busy,
  onAct,
}: {
  interview: Interview;
  reminder: Reminder;
  busy: boolean;
  onAct(change: () => Promise<Interview>): Promise<void>;
}) {
  const api = useApi();
  const pending = reminder.state === 'pending';
  return (
    <li data-testid="interview-reminder" data-state={reminder.state}>
      {offsetLabel(reminder.offsetMinutes)} · {channelLabel[reminder.channel]} · {reminderStateLabel[reminder.state]}
      {reminder.dueAt && pending && <span className="muted"> ({dateTimeIn(reminder.dueAt, recruiterZone())})</span>}
      {reminder.reason && <span className="muted"> — {reminder.reason}</span>}
      {pending && (
        <>
          {' '}
          <label className="visually-hidden" htmlFor={`channel-${reminder.id}`}>
            Channel of the reminder {offsetLabel(reminder.offsetMinutes)}
          </label>
          <select
            id={`channel-${reminder.id}`}
            value={reminder.channel}
            disabled={busy}
            onChange={(e) => void onAct(() => api.updateReminder(interview.id, reminder.id, { channel: e.target.value as Reminder['channel'] }))}
          >
            <option value="sms">{channelLabel.sms}</option>
            <option value="whatsapp">{channelLabel.whatsapp}</option>
          </select>{' '}
          <button
            type="button"
            className="link-button"
            disabled={busy}
            aria-label={`Delete the reminder ${offsetLabel(reminder.offsetMinutes)}`}
            onClick={() => void onAct(() => api.deleteReminder(interview.id, reminder.id))}
          >
            Delete
          </button>
        </>
      )}
    </li>
  );
}
