import { useCallback, useEffect, useState } from 'react';
import type { Interview } from '@shared/api/interviews.ts';
import { onRealtimeEvents } from '../../messaging/protocol.ts';
import { useApi } from '../../ui/api-context.tsx';
import { errorMessage } from '../../ui/errors.ts';

export type InterviewsState = { status: 'loading' } | { status: 'ready'; interviews: Interview[] } | { status: 'error'; message: string };

/**
 * The candidate's interviews, read again whenever the worker says one changed: the candidate
 * answered by reply or on their page, a reminder went or was skipped, a teammate rescheduled.
 */
export function useInterviews(candidateId: string): { state: InterviewsState; reload(): void; replace(interview: Interview): void } {
  const api = useApi();
  const [state, setState] = useState<InterviewsState>({ status: 'loading' });
  const [generation, setGeneration] = useState(0);
  const reload = useCallback(() => setGeneration((value) => value + 1), []);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `generation` is the trigger `reload` moves to read again.
  useEffect(() => {
    let current = true;
    api.interviews(candidateId).then(
      ({ interviews }) => current && setState({ status: 'ready', interviews }),
      // A failed re-read keeps what is shown; only a first read shows the error.
      (error: unknown) => current && setState((shown) => (shown.status === 'ready' ? shown : { status: 'error', message: errorMessage(error) })),
    );
    return () => {
      current = false;
    };
  }, [api, candidateId, generation]);

  useEffect(
    () => onRealtimeEvents((events) => events.some((e) => e.kind === 'interview.changed' && e.candidateId === candidateId) && reload()),
    [candidateId, reload],
  );

  // The worker answers every change with the interview as it now is: shown at once, no second read.
  const replace = useCallback(
    (interview: Interview) =>
      setState((shown) => {
        if (shown.status !== 'ready') return { status: 'ready', interviews: [interview] };
        const known = shown.interviews.some((i) => i.id === interview.id);
        return { status: 'ready', interviews: known ? shown.interviews.map((i) => (i.id === interview.id ? interview : i)) : [interview, ...shown.interviews] };
      }),
    [],
  );
  return { state, reload, replace };
}
