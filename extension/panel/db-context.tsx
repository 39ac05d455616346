import { createContext, useContext, useMemo, type ReactNode } from 'react';
import type { PanelDatabase } from '../db/app-db.ts';
import { panelDatabaseFor } from '../db/db.ts';

/** null: no local cache (signed out, or a view rendered on its own); the panel then uses the worker alone. */
const PanelDbContext = createContext<PanelDatabase | null>(null);

export function PanelDbProvider({ userId, children }: { userId: string; children: ReactNode }) {
  const db = useMemo(() => panelDatabaseFor(userId), [userId]);
  return <PanelDbContext.Provider value={db}>{children}</PanelDbContext.Provider>;
}

export function usePanelDb(): PanelDatabase | null {
  return useContext(PanelDbContext);
}
