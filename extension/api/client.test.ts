import { describe, expect, test, vi } from 'vitest';
import { ApiRequestError, createApi } from './client.ts';

type Call = { method: string; url: string; authorization: string | null; body: unknown };

/** A fetch that records each request and answers with the next canned response. */
function fetchAnswering(...responses: Array<() => Response>) {
  const calls: Call[] = [];
  const fetch = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const headers = new Headers(init?.headers);
    calls.push({
      method: init?.method ?? 'GET',
      url: String(input),
      authorization: headers.get('Authorization'),
      body: typeof init?.body === 'string' ? JSON.parse(init.body) : null,
    });
    const next = responses.shift();
    if (!next) throw new Error('no response left');
    return next();
  });
  return { fetch: fetch as unknown as typeof globalThis.fetch, calls };
}

const json = (status: number, body: unknown) => () => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const envelope = (code: string, message: string) => ({ error: { code, message, requestId: 'req-1' } });

const context = {
  ats: 'demo',
  atsCandidateId: 'c-1001',
  name: 'Ada Lovelace',
  phone: '+14155550101',
  email: null,
  jobTitle: null,
  language: 'en',
};

describe('the API client', () => {
  test('sends the bearer token and the body to the typed route', async () => {
    const { fetch, calls } = fetchAnswering(json(200, { id: 'cand-1' }));
    const api = createApi({ origin: 'http://worker.test', getToken: async () => 'tok-123', fetch });

    await expect(api.resolveCandidate(context)).resolves.toEqual({ id: 'cand-1' });
    expect(calls).toEqual([{ method: 'PUT', url: 'http://worker.test/v1/candidates', authorization: 'Bearer tok-123', body: context }]);
  });

  test('asks only for messages after a seq', async () => {
    const { fetch, calls } = fetchAnswering(json(200, { messages: [] }), json(200, { messages: [] }));
    const api = createApi({ origin: 'http://worker.test', getToken: async () => 'tok', fetch });

    await api.listMessages('cand-1', 'whatsapp');
    await api.listMessages('cand-1', 'sms', 42);

    expect(calls.map((call) => call.url)).toEqual([
      'http://worker.test/v1/candidates/cand-1/messages?channel=whatsapp',
      'http://worker.test/v1/candidates/cand-1/messages?channel=sms&after=42',
    ]);
  });

  test("turns the worker's error envelope into an ApiRequestError", async () => {
    const refusal = 'The candidate has not consented to SMS messages.';
    const { fetch } = fetchAnswering(json(409, envelope('consent_required', refusal)));
    const api = createApi({ origin: 'http://worker.test', getToken: async () => 'tok', fetch });

    const error = await api.sendMessage('cand-1', { channel: 'sms', body: 'Hi' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiRequestError);
    expect(error).toMatchObject({ status: 409, code: 'consent_required', message: refusal });
  });

  test('an answer that is not an envelope still becomes an ApiRequestError with its status', async () => {
    const { fetch } = fetchAnswering(() => new Response('<h1>Bad gateway</h1>', { status: 502 }));
    const api = createApi({ origin: 'http://worker.test', getToken: async () => 'tok', fetch });

    await expect(api.me()).rejects.toMatchObject({ status: 502, code: 'internal' });
  });

  test('an unreachable worker is a network_error', async () => {
    const fetch = vi.fn().mockRejectedValue(new TypeError('Failed to fetch'));
    const api = createApi({ origin: 'http://worker.test', getToken: async () => null, fetch });

    await expect(api.me()).rejects.toMatchObject({ status: 0, code: 'network_error' });
  });

  test('a 401 on a signed-in call reports the session as gone; a failed sign-in does not', async () => {
    const onUnauthorized = vi.fn();
    const unauthorized = json(401, envelope('unauthorized', 'Your session has expired.'));
    const signedIn = createApi({
      origin: 'http://worker.test',
      getToken: async () => 'expired',
      onUnauthorized,
      fetch: fetchAnswering(unauthorized).fetch,
    });
    const signedOut = createApi({
      origin: 'http://worker.test',
      getToken: async () => null,
      onUnauthorized,
      fetch: fetchAnswering(json(401, envelope('unauthorized', 'Wrong email or password.'))).fetch,
    });

    await expect(signedOut.signIn({ email: 'a@example.com', password: 'nope' })).rejects.toMatchObject({ status: 401 });
    expect(onUnauthorized).not.toHaveBeenCalled();
    await expect(signedIn.me()).rejects.toMatchObject({ status: 401 });
    expect(onUnauthorized).toHaveBeenCalledTimes(1);
  });
});
