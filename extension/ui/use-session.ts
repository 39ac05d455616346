import { useEffect, useState } from 'react';
import type { Session } from '@shared/api/auth.ts';
import { liveSession, sessionItem } from '../storage/items.ts';

/** undefined while storage is read; null when signed out. Follows sign-in/out on the other pages too. */
export function useSession(): Session | null | undefined {
  const [session, setSession] = useState<Session | null | undefined>(undefined);
  useEffect(() => {
    let current = true;
    void sessionItem.getValue().then((stored) => {
      if (current) setSession(liveSession(stored));
    });
    const unwatch = sessionItem.watch((stored) => setSession(liveSession(stored)));
    return () => {
      current = false;
      unwatch();
    };
  }, []);
  return session;
}
