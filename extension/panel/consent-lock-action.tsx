/**
 * What the recruiter can do about a composer locked for lack of consent, in the lock banner
 * itself: request consent by email for the channels they choose, resend a request the candidate
 * has not answered, or — after a decline — ask again only with a word on what that means.
 * @module
 */
import { useId, useState } from 'react';
import type { Candidate } from '@shared/api/candidates.ts';
import { Channel } from '@shared/api/channels.ts';
import { canAskConsent, canRequestConsent } from '@shared/domain/consent.ts';
import { useApi } from '../ui/api-context.tsx';
import { errorMessage } from '../ui/errors.ts';
import { channelLabel } from '../ui/format.ts';

type Props = {
  candidate: Candidate;
  /** The channel the recruiter is on: asked about first. */
  channel: Channel;
  /** A request went out: the candidate's consent states are worth reading again. */
  onRequested(): void;
};

export function ConsentLockAction({ candidate, channel, onRequested }: Props) {
  const api = useApi();
  const askable = canAskConsent(candidate);
  const requestable = Channel.options.filter((option) => canRequestConsent(candidate.consent[option]));
  const [chosen, setChosen] = useState<Channel[]>(() => requestable.filter((option) => option === channel || candidate.consent[option] === 'none'));
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const id = useId();
  const state = candidate.consent[channel];
  const firstName = candidate.name.split(' ')[0] ?? candidate.name;

  if (!askable.ok) {
    return (
      <p className="lock-action__note muted" data-testid="lock-action-refusal">
        {askable.refusal}
      </p>
    );
  }
  // Waiting for START, or open: nothing to ask for on this channel.
  if (!requestable.includes(channel)) return null;

  async function request() {
    setBusy(true);
    setNotice(null);
    try {
      const result = await api.requestConsent(candidate.id, { channels: chosen });
      setNotice({ kind: 'ok', text: `Consent link emailed to ${result.sentTo} (${result.channels.map((c) => channelLabel[c]).join(' and ')}).` });
      onRequested();
    } catch (failure) {
      setNotice({ kind: 'error', text: errorMessage(failure) });
    } finally {
      setBusy(false);
    }
  }

  const action = state === 'requested' ? 'Resend the request' : state === 'declined' ? 'Ask again' : 'Request consent';
  return (
    <div className="lock-action" data-testid="lock-action">
      {state === 'declined' && (
        <p className="lock-action__note" data-testid="lock-action-declined">
          {firstName} declined {channelLabel[channel]} messages. Ask again only if they told you they have changed their mind.
        </p>
      )}
      {state === 'requested' && <p className="lock-action__note muted">The emailed link has not been answered yet.</p>}
      <fieldset className="lock-action__channels">
        <legend className="visually-hidden">Channels to ask about</legend>
        {requestable.map((option) => (
          <label key={option}>
            <input
              type="checkbox"
              checked={chosen.includes(option)}
              onChange={(event) => setChosen((current) => (event.target.checked ? [...current, option] : current.filter((c) => c !== option)))}
              data-testid={`lock-action-${option}`}
            />{' '}
            {channelLabel[option]}
          </label>
        ))}
      </fieldset>
      <button
        type="button"
        className="button button--primary button--small"
        disabled={busy || chosen.length === 0}
        onClick={() => void request()}
        aria-describedby={`${id}-how`}
        data-testid="lock-action-request"
      >
        {busy ? 'Sending…' : action}
      </button>
      <p id={`${id}-how`} className="lock-action__note muted">
        {firstName} gets an email ({askable.email}) with a link to allow or decline each channel.
      </p>
      {notice && (
        <p
          className={notice.kind === 'error' ? 'alert' : 'lock-action__sent'}
          role={notice.kind === 'error' ? 'alert' : 'status'}
          data-testid="lock-action-notice"
        >
          {notice.text}
        </p>
      )}
    </div>
  );
}
