/**
 * WHO MAY CALL EACH ROUTE — the policy table of the authorization matrix (worker/authorization.test.ts).
 *
 * The matrix reads every route from the app itself (`app.routes`) and calls it as five callers:
 * anonymous, a recruiter without a seat, a recruiter with a seat, an admin, and an admin of ANOTHER
 * tenant using the first tenant's ids. A route without a row here fails the test.
 *
 * ADDING YOUR ROUTE: add one row keyed `'<METHOD> <path as Hono registers it>'` — OpenAPI
 * `{param}` is registered as `:param`, e.g. `'PUT /v1/templates/:templateId'`.
 *   access   'public'  anyone (health, sign-in, worker-hosted pages, sandbox/bench in dev)
 *            'signed'  webhooks, sockets, signed links: without the signature → 4xx, nothing changes
 *            'session' any signed-in user of the tenant (reading conversations)
 *            'seat'    signed in AND holding a seat (sending): no seat → 403 seat_required
 *            'admin'   admins only: recruiters → 403
 *   body     a valid request body (or a function returning one, when each call must differ,
 *            e.g. a unique email): with it, allowed callers must get 2xx — so keep it valid.
 *   form     the same, sent form-encoded (worker-hosted pages).
 *   path     a concrete path when `:params` need other values than `routeParams` below.
 *   gateOnly no valid sample yet: allowed callers need only pass the gate (not 401/403), and the
 *            other tenant may get 422 instead of 404. Replace it with a real `body` when you can.
 * Paths with `:params` are tenant-scoped: the other tenant's admin must get 404 there. On every
 * other route their response must not contain the first tenant's data (checked for every row).
 * @module
 */
import { DEMO } from '../../worker/sandbox/seed.ts';
import { fromNow } from './support.ts';

export type Access = 'public' | 'signed' | 'session' | 'seat' | 'admin';

export type RoutePolicy = {
  access: Access;
  body?: unknown | (() => unknown);
  form?: Record<string, string>;
  path?: string;
  gateOnly?: true;
};

/** Default values for `:params`: ids from the first (demo) tenant. */
export const routeParams: Record<string, string> = {
  candidateId: 'cand_demo_c1001',
  userId: DEMO.recruiter.id,
  integrationId: DEMO.integrationId,
  number: '+14155550101',
  token: 'unknown-token-unknown-token-unknown-token-00',
};

const probeContext = { ats: 'demo', atsCandidateId: 'c-matrix', name: 'Matrix Probe', phone: null, email: null, jobTitle: null, language: 'en' };
/** A time 30 days from the worker's now: in the future whatever date the suite runs at. */
const matrixTime = () => ({ kind: 'fixed', startsAt: fromNow(30 * 86_400_000).toISOString(), durationMinutes: 30 });
const uniqueEmail = () => `probe-${crypto.randomUUID().slice(0, 8)}@matrix.test`;

export const routePolicy: Record<string, RoutePolicy> = {
  'GET /health': { access: 'public' },
  'GET /openapi.json': { access: 'public' },

  // auth
  'POST /v1/auth/sessions': { access: 'public', body: { email: DEMO.recruiter.email, password: DEMO.password } },
  'POST /v1/auth/password-resets': { access: 'public', body: { email: 'nobody@matrix.test' } },
  'DELETE /v1/auth/sessions/current': { access: 'session' },
  'DELETE /v1/auth/sessions': { access: 'session' },
  'GET /v1/me': { access: 'session' },

  // users, seats, audit
  'GET /v1/users': { access: 'admin' },
  'POST /v1/users': { access: 'admin', body: () => ({ email: uniqueEmail(), name: 'Matrix Invitee', role: 'recruiter' }) },
  'PATCH /v1/users/:userId': { access: 'admin', body: { seat: true } },
  // The demo users have passwords (409): only the gate is checked here; worker/routes/users.test.ts covers the invite.
  'POST /v1/users/:userId/invitations': { access: 'admin', gateOnly: true },
  'GET /v1/users/export': { access: 'admin' },
  'POST /v1/users/import': { access: 'admin', body: { csv: 'email,name,role,seat\n', dryRun: true } },
  'GET /v1/audit-events': { access: 'admin' },

  // worker-hosted pages
  'GET /account/password/:token': { access: 'public' },
  'POST /account/password/:token': { access: 'public', form: { password: 'matrix-password', confirm: 'matrix-password' } },
  'GET /account/forgot': { access: 'public' },
  'POST /account/forgot': { access: 'public', form: { email: 'nobody@matrix.test' } },

  // candidates and messages
  'PUT /v1/candidates': { access: 'session', body: probeContext },
  'GET /v1/candidates/:candidateId': { access: 'session' },
  'GET /v1/candidates/:candidateId/messages': { access: 'session', path: '/v1/candidates/cand_demo_c1001/messages?channel=sms' },
  'POST /v1/candidates/:candidateId/messages': { access: 'seat', body: { channel: 'sms', body: 'Matrix probe' } },

  // consent (issue 4): the request emails the candidate (sandbox outbox); the page is keyed by its token
  'POST /v1/candidates/:candidateId/consent-requests': { access: 'session', body: { channels: ['whatsapp'] } },
  'GET /v1/candidates/:candidateId/consent-evidence': { access: 'session' },
  'GET /v1/candidates/:candidateId/consent': { access: 'session' },
  'POST /v1/candidates/:candidateId/consent-revocations': { access: 'session', body: { channel: 'whatsapp' } },
  'GET /c/:token': { access: 'public' },
  'POST /c/:token': { access: 'public', form: { sms: 'grant', whatsapp: 'grant' } },
  'GET /v1/compliance-settings': { access: 'session' },
  'PUT /v1/compliance-settings': { access: 'admin', body: { defaultOptIn: 'double', countries: [] } },

  // usage (issue 15): every signed-in user reads (a recruiter only their own usage); admins set zone and prices
  'GET /v1/usage': { access: 'session', path: '/v1/usage?from=2026-01-01&to=2026-03-31&groupBy=user,country' },
  'GET /v1/usage.csv': { access: 'session', path: '/v1/usage.csv?from=2026-01-01&to=2026-03-31&groupBy=user' },
  'GET /v1/usage/settings': { access: 'session' },
  'PUT /v1/usage/settings': { access: 'admin', body: { timeZone: 'Europe/Berlin', currency: 'EUR' } },
  'GET /v1/usage/prices': { access: 'session' },
  'PUT /v1/usage/prices': {
    access: 'admin',
    body: { prices: [{ country: '*', channel: 'sms', direction: 'outbound', category: 'standard', priceMicros: 7900 }] },
  },

  // interviews (issue 14): scheduling sends the invitation (a seat); the candidate's page is keyed by its signed token
  // The candidate is named in the query or body, not the path: another tenant's admin gets 404 (gateOnly allows it).
  'GET /v1/interviews': { access: 'session', path: '/v1/interviews?candidateId=cand_demo_c1001', gateOnly: true },
  // A valid invitation; earlier rows may have disabled the demo's sending number, so a 409 passes too.
  'POST /v1/interviews': {
    access: 'seat',
    body: () => ({ candidateId: 'cand_demo_c1001', title: 'Matrix interview', channel: 'sms', time: matrixTime() }),
    gateOnly: true,
  },
  // No interview in the demo seed: allowed callers reach the handler (404), the other tenant gets 404 too.
  'GET /v1/interviews/:interviewId': { access: 'session', gateOnly: true },
  'POST /v1/interviews/:interviewId/reschedule': { access: 'seat', body: () => ({ time: matrixTime() }), gateOnly: true },
  'POST /v1/interviews/:interviewId/cancel': { access: 'session', gateOnly: true },
  'POST /v1/interviews/:interviewId/reminders': { access: 'session', gateOnly: true },
  'PATCH /v1/interviews/:interviewId/reminders/:reminderId': { access: 'session', gateOnly: true },
  'DELETE /v1/interviews/:interviewId/reminders/:reminderId': { access: 'session', gateOnly: true },
  'GET /v1/interview-settings': { access: 'session' },
  'PUT /v1/interview-settings': { access: 'admin', body: { defaultReminders: [{ offsetMinutes: 1440, channel: null }] } },
  'GET /i/:token': { access: 'public' },
  'POST /i/:token': { access: 'public', form: { answer: 'confirm' } },
  'GET /i/:token/interview.ics': { access: 'public' },

  // Rows added for routes of other issues without a real sample yet (their owners: add a `body`).
  'GET /v1/templates': { access: 'session' },
  'GET /v1/templates/:templateId': { access: 'session', gateOnly: true },
  'POST /v1/templates': { access: 'admin', gateOnly: true },
  'PUT /v1/templates/:templateId': { access: 'admin', gateOnly: true },
  'DELETE /v1/templates/:templateId': { access: 'admin', gateOnly: true },
  'GET /v1/inbox': { access: 'session' },
  'GET /v1/inbox/unread': { access: 'session' },
  'GET /v1/inbox/unknown-senders': { access: 'session' },
  'GET /v1/me/digest': { access: 'session' },
  'PUT /v1/me/digest': { access: 'session', body: { enabled: false } },
  // 404 until the candidate has a conversation on the channel; the gate is what the matrix checks.
  'POST /v1/candidates/:candidateId/read': { access: 'session', body: { channel: 'sms' }, gateOnly: true },
  'POST /v1/messages/:messageId/retry': { access: 'seat', gateOnly: true },
  // 404 for an unknown message id; the held-message cases are in worker/services/quiet-hours.test.ts.
  'POST /v1/messages/:messageId/cancel': { access: 'seat', gateOnly: true },
  'GET /v1/integrations': { access: 'admin' },
  'POST /v1/integrations': { access: 'admin', gateOnly: true },
  'POST /v1/integrations/:integrationId/test': { access: 'admin', gateOnly: true },
  'POST /v1/integrations/:integrationId/disable': { access: 'admin', gateOnly: true },
  'GET /v1/sending-numbers': { access: 'admin' },
  'PUT /v1/sending-numbers': { access: 'admin', gateOnly: true },
  'DELETE /v1/sending-numbers/:numberId': { access: 'admin', gateOnly: true },
  'GET /v1/ats-integrations': { access: 'admin' },
  'POST /v1/ats-integrations': { access: 'admin', body: { name: 'Matrix ATS', format: 'generic', consentMapping: { sms: { question: 'May we text you?' } } } },
  // No ATS integration in the demo seed: admins reach the handler (404), the other tenant gets 404 too.
  'PATCH /v1/ats-integrations/:atsIntegrationId': { access: 'admin', body: { name: 'Renamed' }, gateOnly: true },
  'POST /v1/ats-integrations/:atsIntegrationId/disable': { access: 'admin', gateOnly: true },
  'GET /v1/candidates/:candidateId/sender': { access: 'session', path: '/v1/candidates/cand_demo_c1001/sender?channel=sms' },
  'GET /v1/realtime': { access: 'signed' },

  // webhooks
  'POST /webhooks/twilio/:integrationId': { access: 'signed' },
  'GET /webhooks/whatsapp/:integrationId': { access: 'signed' },
  'POST /webhooks/whatsapp/:integrationId': { access: 'signed' },
  'POST /webhooks/sandbox/:integrationId': { access: 'signed', body: { messageId: 'm', channel: 'sms', from: '+14155550101', to: '+14155550100', body: 'x' } },
  // ATS application webhooks (issue 4): the demo integration id is no ATS integration, so 404 — and unsigned anyway.
  'POST /webhooks/ats/:integrationId': { access: 'signed', body: { id: 'evt_matrix', type: 'application.created' } },

  // development only (SANDBOX_ENABLED): the simulated phone and email outbox, the bench's reference routes
  'GET /sandbox/phone': { access: 'public' },
  'GET /sandbox/open': { access: 'public', path: '/sandbox/open?number=%2B14155550101' },
  'GET /sandbox/phone/:number': { access: 'public' },
  'POST /sandbox/phone/:number/reply': { access: 'public', form: { body: 'x' } },
  'GET /sandbox/email': { access: 'public' },
  // The cron on demand at a test clock's instant (worker/sandbox/scheduler.ts).
  'POST /sandbox/scheduler': { access: 'public' },
  'POST /bench/empty': { access: 'public' },
  'POST /bench/floor': { access: 'public' },
  // The reminders bench (scripts/lib/reminders-bench.ts): the due scan, one scheduler run, the counts.
  'POST /bench/reminders/scan': { access: 'public' },
  'POST /bench/reminders/run': { access: 'public' },
  'GET /bench/reminders/status': { access: 'public' },
};
