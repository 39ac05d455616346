import { useCallback, useEffect, useState } from 'react';
import type { Channel } from '@shared/api/channels.ts';
import { usePanelStore } from './store-context.tsx';

export type Draft = { body: string; templateId: string | null };

const noDraft: Draft = { body: '', templateId: null };

/**
 * The composer's text for one candidate on one channel, kept in the local database so it survives
 * a reload and a switch to another candidate. `initial` is undefined while it is read.
 */
export function useDraft(candidateId: string, channel: Channel): { initial: Draft | undefined; save(draft: Draft): void } {
  const store = usePanelStore();
  const [initial, setInitial] = useState<Draft | undefined>(undefined);
  useEffect(() => {
    let current = true;
    setInitial(undefined);
    void (store ? store.loadDraft(candidateId, channel) : Promise.resolve(null)).then(
      (stored) => current && setInitial(stored ? { body: stored.body, templateId: stored.templateId } : noDraft),
      () => current && setInitial(noDraft),
    );
    return () => {
      current = false;
    };
  }, [store, candidateId, channel]);
  // Every keystroke is written: the background applies them in order, and a debounce would lose
  // the last words to a reload.
  const save = useCallback(
    (draft: Draft) => {
      void store?.saveDraft({ candidateId, channel, ...draft }).catch(() => undefined);
    },
    [store, candidateId, channel],
  );
  return { initial, save };
}
