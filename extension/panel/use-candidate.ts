import { useCallback, useEffect, useState } from 'react';
import type { Candidate, CandidateContext } from '@shared/api/candidates.ts';
import { useApi } from '../ui/api-context.tsx';
import { errorMessage } from '../ui/errors.ts';
import { usePanelStore } from './store-context.tsx';

export type CandidateState = { status: 'loading' } | { status: 'ready'; candidate: Candidate } | { status: 'error'; message: string };

/**
 * Resolves the page's candidate with the worker, showing the cached one meanwhile so the thread can
 * open from the cache at once. `refresh` asks again (consent can change when the candidate
 * replies); a failed refresh keeps what is already shown.
 */
export function useCandidate(context: CandidateContext): { state: CandidateState; refresh(): void } {
  const api = useApi();
  const store = usePanelStore();
  const [state, setState] = useState<CandidateState>({ status: 'loading' });
  const [generation, setGeneration] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `generation` is the trigger `refresh` moves to load again.
  useEffect(() => {
    let current = true;
    let answered = false;
    void (store ? store.cachedCandidate(context) : Promise.resolve(null)).then(
      (candidate) => current && !answered && candidate && setState((shown) => (shown.status === 'ready' ? shown : { status: 'ready', candidate })),
      () => undefined,
    );
    api.resolveCandidate(context).then(
      (candidate) => {
        answered = true;
        if (current) setState({ status: 'ready', candidate });
        void store?.cacheCandidate(context, candidate).catch(() => undefined);
      },
      (error: unknown) => current && setState((shown) => (shown.status === 'ready' ? shown : { status: 'error', message: errorMessage(error) })),
    );
    return () => {
      current = false;
    };
  }, [api, store, context, generation]);

  const refresh = useCallback(() => setGeneration((value) => value + 1), []);
  return { state, refresh };
}
