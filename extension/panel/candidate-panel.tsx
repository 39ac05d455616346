import { useState } from 'react';
import type { CandidateContext } from '@shared/api/candidates.ts';
import type { Channel } from '@shared/api/channels.ts';
import { CandidateHeader } from './candidate-header.tsx';
import { ChannelSwitch } from './channel-switch.tsx';
import { Conversation } from './conversation.tsx';
import { useCandidate } from './use-candidate.ts';

/** Everything about one candidate. Keyed by the candidate, so switching resets it all. */
export function CandidatePanel({ context }: { context: CandidateContext }) {
  const { state, refresh } = useCandidate(context);
  const [channel, setChannel] = useState<Channel>('sms');
  const candidate = state.status === 'ready' ? state.candidate : null;

  return (
    <>
      <CandidateHeader context={context} candidate={candidate} />
      <ChannelSwitch value={channel} onChange={setChannel} />
      {state.status === 'loading' && (
        <p className="panel__status muted" role="status">
          Loading conversation…
        </p>
      )}
      {state.status === 'error' && (
        <p className="alert panel__status" role="alert">
          {state.message}
        </p>
      )}
      {candidate && (
        <Conversation key={`${candidate.id}:${channel}`} candidate={candidate} channel={channel} onConsentMayChange={refresh} />
      )}
    </>
  );
}
