import { createContext, useContext, type ReactNode } from 'react';
import type { PanelStore } from '../messaging/store.ts';

/** null: no local store (a view rendered on its own); the panel then uses the worker alone. */
const PanelStoreContext = createContext<PanelStore | null>(null);

export function PanelStoreProvider({ store, children }: { store: PanelStore; children: ReactNode }) {
  return <PanelStoreContext.Provider value={store}>{children}</PanelStoreContext.Provider>;
}

export function usePanelStore(): PanelStore | null {
  return useContext(PanelStoreContext);
}
