import { useCallback, useEffect, useState } from 'react';
import type { Channel } from '@shared/api/channels.ts';
import { loadDraft, saveDraft } from '../db/panel-store.ts';
import { usePanelDb } from './db-context.tsx';

export type Draft = { body: string; templateId: string | null };

const noDraft: Draft = { body: '', templateId: null };

/**
 * The composer's text for one candidate on one channel, kept in the local database so it survives
 * a reload and a switch to another candidate. `initial` is undefined while it is read.
 */
export function useDraft(candidateId: string, channel: Channel): { initial: Draft | undefined; save(draft: Draft): void } {
  const db = usePanelDb();
  const [initial, setInitial] = useState<Draft | undefined>(undefined);
  useEffect(() => {
    let current = true;
    setInitial(undefined);
    void (db ? loadDraft(db, candidateId, channel) : Promise.resolve(null)).then(
      (stored) => current && setInitial(stored ? { body: stored.body, templateId: stored.templateId } : noDraft),
      () => current && setInitial(noDraft),
    );
    return () => {
      current = false;
    };
  }, [db, candidateId, channel]);
  // Every keystroke is written: IndexedDB applies writes in order, and a debounce would lose the
  // last words to a reload.
  const save = useCallback(
    (draft: Draft) => {
      if (db) void saveDraft(db, { candidateId, channel, ...draft }).catch(() => undefined);
    },
    [db, candidateId, channel],
  );
  return { initial, save };
}
