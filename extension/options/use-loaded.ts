import { useCallback, useEffect, useState, type DependencyList, type Dispatch, type SetStateAction } from 'react';
import { errorMessage } from '../ui/errors.ts';

export type Loaded<T> = {
  /** null until the first load succeeds; a failed reload keeps what was shown. */
  data: T | null;
  /** Why the last load failed, in words for the user; the next successful load clears it. */
  error: string | null;
  /** Nothing loaded yet and nothing failed. */
  loading: boolean;
  reload(): Promise<void>;
  /** For an action whose answer already says what the data is now, without asking again. */
  setData: Dispatch<SetStateAction<T | null>>;
};

/**
 * What a section shows from the worker: loaded on mount and whenever `deps` change, reloaded after
 * a change. Errors of the section's own actions are the section's to show; this holds the load's.
 */
export function useLoaded<T>(load: () => Promise<T>, deps: DependencyList): Loaded<T> {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const reload = useCallback(async () => {
    try {
      setData(await load());
      setError(null);
    } catch (failure) {
      setError(errorMessage(failure));
    }
    // `deps` name what `load` reads: a caller's inline `load` is new on every render.
    // biome-ignore lint/correctness/useExhaustiveDependencies: the caller's `deps` stand for `load`.
  }, deps);
  useEffect(() => void reload(), [reload]);
  return { data, error, loading: data === null && error === null, reload, setData };
}
