import { useEffect, useMemo, useState } from 'react';
import type { CandidateContext } from '@shared/api/candidates.ts';
import type { Channel } from '@shared/api/channels.ts';
import { CandidateHeader } from './candidate-header.tsx';
import { ChannelSwitch } from './channel-switch.tsx';
import { Conversation } from './conversation.tsx';
import { ConsentPane } from './consent-pane.tsx';
import { InterviewsView } from './interviews/interviews-view.tsx';
import { PhonePrompt } from './phone-prompt.tsx';
import { useCandidate } from './use-candidate.ts';
import { useSeatRefusal } from './use-seat.ts';
import { Segmented } from '../ui/segmented.tsx';
import { onRealtimeEvents } from '../messaging/protocol.ts';

type PanelView = 'conversation' | 'interviews';

/** Everything about one candidate. Keyed by the candidate, so switching resets it all. */
export function CandidatePanel({ context }: { context: CandidateContext }) {
  const [confirmedPhone, setConfirmedPhone] = useState<string | null>(null);
  // The recruiter's number travels with the page's context; the worker keeps it on later visits
  // to a page that still shows none.
  const resolvable = useMemo(() => (confirmedPhone ? { ...context, phone: confirmedPhone } : context), [context, confirmedPhone]);
  const { state, refresh } = useCandidate(resolvable);
  const [channel, setChannel] = useState<Channel>('sms');
  const [view, setView] = useState<PanelView>('conversation');
  const seatRefusal = useSeatRefusal();
  const candidate = state.status === 'ready' ? state.candidate : null;
  // A consent page grant, a START or a STOP elsewhere: the pane and the composer's lock follow at once.
  const candidateId = candidate?.id;
  useEffect(
    () => onRealtimeEvents((events) => events.some((e) => e.kind === 'consent.changed' && e.candidateId === candidateId) && refresh()),
    [candidateId, refresh],
  );

  return (
    <>
      <CandidateHeader context={context} candidate={candidate} />
      <Segmented<PanelView>
        label="Show"
        value={view}
        onChange={setView}
        testId="panel-view"
        className="panel-view"
        options={[
          { value: 'conversation', label: 'Conversation' },
          { value: 'interviews', label: 'Interviews' },
        ]}
      />
      {view === 'conversation' && <ChannelSwitch value={channel} onChange={setChannel} />}
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
      {candidate && <ConsentPane candidate={candidate} onChanged={refresh} />}
      {candidate?.phone === null && <PhonePrompt candidateName={candidate.name} pageText={context.phone} onConfirm={setConfirmedPhone} />}
      {candidate && view === 'interviews' && <InterviewsView candidate={candidate} />}
      {candidate && view === 'conversation' && (
        <Conversation key={`${candidate.id}:${channel}`} candidate={candidate} channel={channel} seatRefusal={seatRefusal} onConsentMayChange={refresh} />
      )}
    </>
  );
}
