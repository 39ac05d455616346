import { createApi, type Api } from '../api/client.ts';
import { sessionItem } from '../storage/items.ts';

/** The panel's client: the token comes from the stored session, and a 401 signs the panel out. */
export function createPanelApi(origin: string, fetch?: typeof globalThis.fetch): Api {
  return createApi({
    origin,
    getToken: async () => (await sessionItem.getValue())?.token ?? null,
    onUnauthorized: () => void sessionItem.setValue(null),
    ...(fetch ? { fetch } : {}),
  });
}
