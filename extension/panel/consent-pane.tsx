import { useCallback, useEffect, useId, useState } from 'react';
import type { Candidate } from '@shared/api/candidates.ts';
import { Channel } from '@shared/api/channels.ts';
import type { ConsentPane as Pane } from '@shared/api/consent.ts';
import { canRequestConsent, type ConsentSource, canAskConsent } from '@shared/domain/consent.ts';
import { ApiRequestError } from '../api/client.ts';
import { useApi } from '../ui/api-context.tsx';
import { channelLabel, consentLabel } from '../ui/format.ts';

const sourceLabel: Record<ConsentSource, string> = {
  application: 'at application',
  consent_page: 'on the consent page',
  keyword: 'by keyword reply',
  provider_flag: "by the provider's opt-out",
  admin_import: 'by import',
  recruiter: 'by a recruiter',
};

type Props = {
  candidate: Candidate;
  /** Consent changed here (request, revoke): the candidate's record, and so the composer's lock, must be read again. */
  onChanged(): void;
};

/** Each channel's consent with its last change, the Request action, and replies that read like an opt-out. */
export function ConsentPane({ candidate, onChanged }: Props) {
  const api = useApi();
  const [pane, setPane] = useState<Pane | null>(null);
  const [notice, setNotice] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const refusalId = useId();

  const load = useCallback(() => api.consentPane(candidate.id).then(setPane), [api, candidate.id]);
  // Reloaded whenever the candidate's consent changes (a STOP arriving, a send refused).
  // biome-ignore lint/correctness/useExhaustiveDependencies: the consent values are the trigger, not inputs of `load`.
  useEffect(() => {
    load().catch(() => setPane(null));
  }, [load, candidate.consent.sms, candidate.consent.whatsapp]);

  async function act(action: () => Promise<string>) {
    setBusy(true);
    try {
      setNotice({ kind: 'ok', text: await action() });
      await load();
      onChanged();
    } catch (error) {
      setNotice({ kind: 'error', text: error instanceof ApiRequestError ? error.message : 'Something went wrong.' });
    } finally {
      setBusy(false);
    }
  }

  // The worker's own rule (409 otherwise): said up front instead of after a click.
  const askable = canAskConsent(candidate);
  const refusal = askable.ok ? null : askable.refusal;
  const requestable = Channel.options.some((channel) => canRequestConsent(candidate.consent[channel]));
  return (
    <details className="consent-pane" data-testid="consent-pane">
      <summary>Consent</summary>
      <ul className="consent-pane__channels">
        {Channel.options.map((channel) => {
          const last = pane?.lastChange[channel];
          return (
            <li key={channel} data-testid={`consent-pane-${channel}`}>
              <strong>{channelLabel[channel]}</strong>: {consentLabel[candidate.consent[channel]]}
              {last && (
                <span className="muted">
                  {' '}
                  · {sourceLabel[last.source]}, {new Date(last.at).toLocaleDateString()}
                </span>
              )}
            </li>
          );
        })}
      </ul>
      {pane && (
        <p className="muted">
          {pane.optIn === 'double' ? 'Double opt-in' : 'Single opt-in'}
          {pane.country ? ` (${pane.country})` : ''}:{' '}
          {pane.optIn === 'double'
            ? 'after agreeing, the candidate confirms by replying START.'
            : 'an identification message goes out first, then the conversation opens.'}
        </p>
      )}
      {pane?.openOptOutFlags.map((flag) => (
        <div key={flag.messageId} className="consent-pane__flag" role="note" data-testid="opt-out-flag">
          <p>Reads like an opt-out: “{flag.body}”</p>
          <button
            type="button"
            disabled={busy}
            onClick={() =>
              act(async () => {
                await api.revokeConsent(candidate.id, flag.channel);
                return `${channelLabel[flag.channel]} consent revoked.`;
              })
            }
          >
            Revoke {channelLabel[flag.channel]} consent
          </button>
        </div>
      ))}
      <button
        type="button"
        data-testid="consent-request"
        disabled={busy || !requestable || refusal !== null}
        aria-describedby={refusal ? refusalId : undefined}
        onClick={() => act(async () => `Consent link emailed to ${(await api.requestConsent(candidate.id)).sentTo}.`)}
      >
        Request consent by email
      </button>
      {refusal && (
        <p className="muted" id={refusalId} data-testid="consent-request-refusal">
          {refusal}
        </p>
      )}
      {notice && (
        <p className={notice.kind === 'error' ? 'alert' : 'muted'} role={notice.kind === 'error' ? 'alert' : 'status'} data-testid="consent-notice">
          {notice.text}
        </p>
      )}
    </details>
  );
}
