/**
 * Test-only: an in-memory stand-in for the worker's /v1 routes, answering like the real one
 * (statuses and the error envelope), so the panel's and inbox's tests go through the real API client.
 * @module
 */
import type { Session } from '@shared/api/auth.ts';
import type { Candidate, CandidateContext } from '@shared/api/candidates.ts';
import type { Channel } from '@shared/api/channels.ts';
import type { Message } from '@shared/api/messages.ts';
import type { SeatContact } from '@shared/api/users.ts';
import { DEFAULT_LANGUAGE } from '@shared/domain/candidate-language.ts';
import { canSend, type ConsentState } from '@shared/domain/consent.ts';
import { normalisePhone } from '@shared/domain/phone.ts';
import type { QuietNight } from '@shared/domain/quiet-hours.ts';
import { canSendWithSeat } from '@shared/domain/seats.ts';
import { clock } from '../lib/clock.ts';

export const validPassword = 'correct horse';

export const fakeSession: Session = {
  token: 'token-1',
  // As the worker issues one at sign-in: good for 30 days, longer than any test run.
  expiresAt: new Date(clock.now().getTime() + 30 * 86_400_000).toISOString(),
  user: { id: 'u-1', tenantId: 't-1', tenantName: 'Acme', email: 'rita@example.com', name: 'Rita Ortiz', role: 'recruiter' },
};

export type RecordedRequest = { method: string; path: string; authorization: string | null; body: unknown };

export function createFakeWorker() {
  const consent = new Map<string, Record<Channel, ConsentState>>();
  const nights = new Map<string, QuietNight>();
  const messages: Message[] = [];
  const requests: RecordedRequest[] = [];
  let seq = 0;
  let seat = true;
  let seatAdmins: SeatContact[] = [];
  let online = true;

  const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  const refuse = (status: number, code: string, message: string) => json(status, { error: { code, message, requestId: 'req-test' } });

  function candidateFor(context: CandidateContext): Candidate {
    return {
      id: `cand-${context.atsCandidateId}`,
      ats: context.ats,
      atsCandidateId: context.atsCandidateId,
      name: context.name,
      // As the worker stores it: E.164, or null for a number it cannot place.
      phone: context.phone ? (normalisePhone(context.phone)?.e164 ?? null) : null,
      phoneCountry: null,
      email: context.email,
      jobTitle: context.jobTitle,
      language: context.language ?? DEFAULT_LANGUAGE,
      consent: consent.get(`cand-${context.atsCandidateId}`) ?? { sms: 'none', whatsapp: 'none' },
      quietHours: nights.get(`cand-${context.atsCandidateId}`) ?? null,
    };
  }

  function addMessage(candidateId: string, channel: Channel, direction: Message['direction'], body: string): Message {
    seq += 1;
    const message: Message = {
      id: `${candidateId}/msg-${seq}`,
      seq,
      channel,
      direction,
      body,
      status: direction === 'inbound' ? 'received' : 'sent',
      failureReason: null,
      senderUserId: direction === 'inbound' ? null : fakeSession.user.id,
      // Written now, as the worker stamps it: the WhatsApp window and quiet hours count from here.
      createdAt: clock.now().toISOString(),
    };
    messages.push(message);
    return message;
  }

  async function handle(method: string, url: URL, body: unknown, authorization: string | null): Promise<Response> {
    const path = url.pathname;
    if (method === 'POST' && path === '/v1/auth/sessions') {
      const { password } = body as { password: string };
      return password === validPassword ? json(201, fakeSession) : refuse(401, 'unauthorized', 'Wrong email or password.');
    }
    if (authorization !== `Bearer ${fakeSession.token}`) return refuse(401, 'unauthorized', 'Sign in again.');
    if (method === 'DELETE' && path === '/v1/auth/sessions/current') return new Response(null, { status: 204 });
    if (method === 'GET' && path === '/v1/me') return json(200, { ...fakeSession.user, seat, seatAdmins: seat ? [] : seatAdmins });
    if (method === 'PUT' && path === '/v1/candidates') return json(200, candidateFor(body as CandidateContext));

    const thread = /^\/v1\/candidates\/([^/]+)\/messages$/.exec(path);
    const candidateId = thread?.[1];
    if (candidateId && method === 'GET') {
      const channel = url.searchParams.get('channel');
      const after = Number(url.searchParams.get('after') ?? -1);
      const list = messages.filter((m) => m.id.startsWith(`${candidateId}/`) && m.channel === channel && m.seq > after);
      return json(200, { messages: list });
    }
    if (candidateId && method === 'POST') {
      const { channel, body: text } = body as { channel: Channel; body: string };
      // The worker's order: the seat before consent.
      const seatDecision = canSendWithSeat({ seat }, seatAdmins);
      if (!seatDecision.ok) return refuse(403, seatDecision.refusal.code, seatDecision.refusal.message);
      const decision = canSend(consent.get(candidateId) ?? { sms: 'none', whatsapp: 'none' }, channel);
      if (!decision.ok) return refuse(409, 'consent_required', decision.refusal.message);
      return json(201, addMessage(candidateId, channel, 'outbound', text));
    }
    return refuse(404, 'not_found', `No route for ${method} ${path}.`);
  }

  const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = new URL(String(input));
    const method = init?.method ?? 'GET';
    const authorization = new Headers(init?.headers).get('Authorization');
    const body = typeof init?.body === 'string' ? (JSON.parse(init.body) as unknown) : null;
    // As fetch fails without a connection: the request never reaches the worker.
    if (!online) throw new TypeError('Failed to fetch');
    requests.push({ method, path: url.pathname, authorization, body });
    return handle(method, url, body, authorization);
  };

  return {
    fetch: fetch as typeof globalThis.fetch,
    requests,
    setConsent(candidateId: string, states: Record<Channel, ConsentState>) {
      consent.set(candidateId, states);
    },
    /** The candidate's night as the worker reports it (zones of the number, the country's quiet hours); none until set. */
    setQuietHours(candidateId: string, night: QuietNight) {
      nights.set(candidateId, night);
    },
    /** Takes the signed-in user's seat away (or gives it back); without one, `admins` are whom /v1/me says to ask. */
    setSeat(hasSeat: boolean, admins: SeatContact[] = []) {
      seat = hasSeat;
      seatAdmins = admins;
    },
    /** Offline, every request fails as fetch does without a connection, and is not recorded. */
    setOnline(connected: boolean) {
      online = connected;
    },
    /** The candidate replies from their phone. */
    reply(candidateId: string, channel: Channel, body: string) {
      return addMessage(candidateId, channel, 'inbound', body);
    },
  };
}
