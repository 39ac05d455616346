import { createApi, type Api } from '../api/client.ts';
import { sessionItem } from '../storage/items.ts';

/**
 * The client of every extension page that calls the worker (panel, inbox, options): the token comes
 * from the stored session, so signing in on one page signs in all of them, and a 401 signs them all out.
 */
export function createSessionApi(origin: string, fetch?: typeof globalThis.fetch): Api {
  return createApi({
    origin,
    getToken: async () => (await sessionItem.getValue())?.token ?? null,
    onUnauthorized: () => void sessionItem.setValue(null),
    ...(fetch ? { fetch } : {}),
  });
}
