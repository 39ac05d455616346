import { useState } from 'react';
import type { Channel } from '@shared/api/channels.ts';
import type { InterviewSettings } from '@shared/api/interviews.ts';
import { useApi } from '../ui/api-context.tsx';
import { errorMessage } from '../ui/errors.ts';
import { channelLabel } from '../ui/format.ts';
import { AddReminder, offsetLabel } from '../ui/reminder-timing.tsx';
import type { SectionProps } from './section-props.ts';
import { useLoaded } from './use-loaded.ts';

type DefaultReminder = InterviewSettings['defaultReminders'][number];

/**
 * The reminders every new interview starts with (recruiters change them per interview in the
 * panel). Admins edit; recruiters see what their interviews will get.
 */
export function InterviewsSection({ user }: SectionProps) {
  const api = useApi();
  const settings = useLoaded(() => api.interviewSettings(), [api]);
  const [draft, setDraft] = useState<DefaultReminder[] | null>(null);
  const [notice, setNotice] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const admin = user.role === 'admin';
  const reminders = draft ?? settings.data?.defaultReminders ?? [];
  const edit = (next: DefaultReminder[]) => {
    setNotice(null);
    setDraft([...next].sort((a, b) => b.offsetMinutes - a.offsetMinutes));
  };

  async function save() {
    setBusy(true);
    try {
      settings.setData(await api.putInterviewSettings({ defaultReminders: reminders }));
      setDraft(null);
      setNotice({ kind: 'ok', text: 'Saved. New interviews start with these reminders.' });
    } catch (failure) {
      setNotice({ kind: 'error', text: errorMessage(failure) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card" data-testid="interviews-section">
      <p>
        The reminders every new interview starts with, sent before its start on the channel you choose (or the one the invitation went by). Recruiters can add,
        change or remove reminders on each interview in the panel.
      </p>
      {settings.error && (
        <p className="alert" role="alert">
          {settings.error}
        </p>
      )}
      {settings.data && reminders.length === 0 && <p className="muted">No reminders: interviews start without any.</p>}
      <ul data-testid="default-reminders">
        {reminders.map((reminder, index) => (
          <li key={reminder.offsetMinutes} data-testid="default-reminder">
            {offsetLabel(reminder.offsetMinutes)} ·{' '}
            {admin ? (
              <select
                aria-label={`Channel of the reminder ${offsetLabel(reminder.offsetMinutes)}`}
                value={reminder.channel ?? ''}
                onChange={(e) => edit(reminders.map((r, i) => (i === index ? { ...r, channel: (e.target.value || null) as Channel | null } : r)))}
              >
                <option value="">the invitation's channel</option>
                <option value="sms">{channelLabel.sms}</option>
                <option value="whatsapp">{channelLabel.whatsapp}</option>
              </select>
            ) : reminder.channel ? (
              channelLabel[reminder.channel]
            ) : (
              "the invitation's channel"
            )}
            {admin && (
              <>
                {' '}
                <button
                  type="button"
                  className="link-button"
                  aria-label={`Remove the reminder ${offsetLabel(reminder.offsetMinutes)}`}
                  onClick={() => edit(reminders.filter((_, i) => i !== index))}
                >
                  Remove
                </button>
              </>
            )}
          </li>
        ))}
      </ul>
      {admin && settings.data && (
        <div className="row">
          <AddReminder existing={reminders} onAdd={(offsetMinutes) => edit([...reminders, { offsetMinutes, channel: null }])} />
          <button
            type="button"
            className="button button--primary"
            disabled={busy || draft === null}
            onClick={() => void save()}
            data-testid="save-default-reminders"
          >
            {busy ? 'Saving…' : 'Save'}
          </button>
        </div>
      )}
      {notice && (
        <p className={notice.kind === 'ok' ? 'ok' : 'alert'} role={notice.kind === 'ok' ? 'status' : 'alert'} data-testid="interviews-notice">
          {notice.text}
        </p>
      )}
    </section>
  );
}
