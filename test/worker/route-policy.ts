/**
 * WHO MAY CALL EACH ROUTE — the policy table of the authorization matrix (worker/authorization.test.ts).
 *
 * The matrix reads every route from the app itself (`app.routes`) and calls it as six callers:
 * anonymous, a recruiter without a seat, a recruiter with a seat, an admin, an admin of ANOTHER
 * tenant using the first tenant's ids, and the first tenant's admin using the OTHER tenant's real
 * ids. A route without a row here fails the test.
 *
 * ADDING YOUR ROUTE: add one row keyed `'<METHOD> <path as Hono registers it>'` — OpenAPI
 * `{param}` is registered as `:param`, e.g. `'PUT /v1/templates/:templateId'`.
 *   access   'public'  anyone (health, sign-in, worker-hosted pages, sandbox/bench in dev)
 *            'signed'  webhooks, sockets, signed links: without the signature → 4xx, nothing changes
 *            'session' any signed-in user of the tenant (reading conversations)
 *            'seat'    signed in AND holding a seat (sending): no seat → 403 seat_required
 *            'admin'   admins only: recruiters → 403
 *   body     a valid request body, or a function of the call's ids (`p.candidateId`, …) returning
 *            one: with it, allowed callers must get 2xx — so keep it valid.
 *   form     the same, sent form-encoded (worker-hosted pages).
 *   path     a concrete path (or a function of the ids) when the query matters.
 *   fresh    makes the objects the call acts on, new for every call (the call may delete or move
 *            them): returns ids merged over `routeParams`, e.g. `{ templateId }`.
 *   namesIds the route names a tenant's object in its query or body rather than its path: probed
 *            across tenants like a `:param` (another tenant's id → 404).
 * Paths with `:params` (and `namesIds` rows) are tenant-scoped: a caller of the other tenant gets
 * exactly 404 and changes no row, either way round (checked for every session/seat/admin row). On
 * every other route the other tenant's response must not contain the first tenant's data.
 * @module
 */
import { DEMO } from '../../worker/sandbox/seed.ts';
import { siteProfileSample, uniqueSiteHost } from './site-profile-sample.ts';
import { fromNow } from './support.ts';

export type Access = 'public' | 'signed' | 'session' | 'seat' | 'admin';

/** The ids one call uses: `routeParams` (or the other tenant's), with the row's `fresh` ones over them. */
export type Params = Readonly<Record<string, string>>;

export type RoutePolicy = {
  access: Access;
  body?: unknown | ((p: Params) => unknown);
  form?: Record<string, string>;
  path?: string | ((p: Params) => string);
  fresh?: (make: MatrixFixtures) => Promise<Record<string, string>>;
  namesIds?: true;
};

/** New objects of a tenant, made for one call (test/worker/matrix-fixtures.ts). */
export interface MatrixFixtures {
  template(): Promise<string>;
  interview(): Promise<{ interviewId: string; reminderId: string }>;
  /** An outbound SMS to the consented candidate that failed (retry) or is held for quiet hours (cancel). */
  failedMessage(): Promise<string>;
  heldMessage(): Promise<string>;
  /** The consented candidate's SMS conversation exists (it may already). */
  conversation(): Promise<void>;
  integration(): Promise<string>;
  sendingNumber(): Promise<string>;
  atsIntegration(): Promise<string>;
  /** A site profile (issue 18) on a host of its own. */
  siteProfile(): Promise<string>;
  /** A user invited but without a password yet. */
  invitee(): Promise<string>;
}

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
const templateSample = { language: 'en', channels: ['sms'], body: 'Hi {{candidate.first_name}}, thanks for applying.' };

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
  // The demo users have passwords (409): a freshly invited user gets the link again.
  'POST /v1/users/:userId/invitations': { access: 'admin', fresh: async (make) => ({ userId: await make.invitee() }) },
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
  'GET /v1/candidates/:candidateId/messages': { access: 'session', path: (p) => `/v1/candidates/${p.candidateId}/messages?channel=sms` },
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
  // The candidate is named in the query or body, not the path: another tenant's candidate → 404.
  'GET /v1/interviews': { access: 'session', path: (p) => `/v1/interviews?candidateId=${p.candidateId}`, namesIds: true },
  'POST /v1/interviews': {
    access: 'seat',
    body: (p: Params) => ({ candidateId: p.candidateId, title: 'Matrix interview', channel: 'sms', time: matrixTime() }),
    namesIds: true,
  },
  'GET /v1/interviews/:interviewId': { access: 'session', fresh: (make) => make.interview() },
  'POST /v1/interviews/:interviewId/reschedule': { access: 'seat', body: () => ({ time: matrixTime() }), fresh: (make) => make.interview() },
  'POST /v1/interviews/:interviewId/cancel': { access: 'session', body: { notifyCandidate: false }, fresh: (make) => make.interview() },
  'POST /v1/interviews/:interviewId/reminders': { access: 'session', body: { offsetMinutes: 120 }, fresh: (make) => make.interview() },
  'PATCH /v1/interviews/:interviewId/reminders/:reminderId': { access: 'session', body: { offsetMinutes: 90 }, fresh: (make) => make.interview() },
  'DELETE /v1/interviews/:interviewId/reminders/:reminderId': { access: 'session', fresh: (make) => make.interview() },
  'GET /v1/interview-settings': { access: 'session' },
  'PUT /v1/interview-settings': { access: 'admin', body: { defaultReminders: [{ offsetMinutes: 1440, channel: null }] } },
  'GET /i/:token': { access: 'public' },
  'POST /i/:token': { access: 'public', form: { answer: 'confirm' } },
  'GET /i/:token/interview.ics': { access: 'public' },

  'GET /v1/templates': { access: 'session' },
  'GET /v1/templates/:templateId': { access: 'session', fresh: async (make) => ({ templateId: await make.template() }) },
  'POST /v1/templates': { access: 'admin', body: () => ({ ...templateSample, name: `Matrix ${crypto.randomUUID().slice(0, 8)}` }) },
  'PUT /v1/templates/:templateId': {
    access: 'admin',
    body: () => ({ ...templateSample, name: `Matrix ${crypto.randomUUID().slice(0, 8)}` }),
    fresh: async (make) => ({ templateId: await make.template() }),
  },
  'DELETE /v1/templates/:templateId': { access: 'admin', fresh: async (make) => ({ templateId: await make.template() }) },
  'GET /v1/inbox': { access: 'session' },
  'GET /v1/inbox/unread': { access: 'session' },
  'GET /v1/inbox/unknown-senders': { access: 'session' },
  'GET /v1/me/digest': { access: 'session' },
  'PUT /v1/me/digest': { access: 'session', body: { enabled: false } },
  // 404 until the candidate has a conversation on the channel: the fixture makes sure there is one.
  'POST /v1/candidates/:candidateId/read': { access: 'session', body: { channel: 'sms' }, fresh: async (make) => (await make.conversation(), {}) },
  'POST /v1/messages/:messageId/retry': { access: 'seat', fresh: async (make) => ({ messageId: await make.failedMessage() }) },
  'POST /v1/messages/:messageId/cancel': { access: 'seat', fresh: async (make) => ({ messageId: await make.heldMessage() }) },
  'GET /v1/integrations': { access: 'admin' },
  'POST /v1/integrations': { access: 'admin', body: { provider: 'sandbox', name: 'Matrix sandbox' } },
  'POST /v1/integrations/:integrationId/test': { access: 'admin' },
  // A new integration each time: disabling the demo's would stop the sends of the rows after it.
  'POST /v1/integrations/:integrationId/disable': { access: 'admin', fresh: async (make) => ({ integrationId: await make.integration() }) },
  'GET /v1/sending-numbers': { access: 'admin' },
  // Its integration is named in the body: another tenant's → 404. Country YY is no real country (the demo's own stay as they are).
  'PUT /v1/sending-numbers': {
    access: 'admin',
    body: (p: Params) => ({ integrationId: p.integrationId, channel: 'whatsapp', country: 'YY', phoneNumber: '+14155556999' }),
    namesIds: true,
  },
  'DELETE /v1/sending-numbers/:numberId': { access: 'admin', fresh: async (make) => ({ numberId: await make.sendingNumber() }) },
  'GET /v1/ats-integrations': { access: 'admin' },
  'POST /v1/ats-integrations': { access: 'admin', body: { name: 'Matrix ATS', format: 'generic', consentMapping: { sms: { question: 'May we text you?' } } } },
  'PATCH /v1/ats-integrations/:atsIntegrationId': {
    access: 'admin',
    body: { name: 'Renamed' },
    fresh: async (make) => ({ atsIntegrationId: await make.atsIntegration() }),
  },
  'POST /v1/ats-integrations/:atsIntegrationId/disable': { access: 'admin', fresh: async (make) => ({ atsIntegrationId: await make.atsIntegration() }) },
  // site profiles (issue 18): every user lists them (their extension runs on the taught sites); admins teach
  'GET /v1/site-profiles': { access: 'session' },
  'POST /v1/site-profiles': { access: 'admin', body: () => siteProfileSample(uniqueSiteHost()) },
  'PUT /v1/site-profiles/:siteProfileId': {
    access: 'admin',
    body: () => siteProfileSample(uniqueSiteHost()),
    fresh: async (make) => ({ siteProfileId: await make.siteProfile() }),
  },
  'DELETE /v1/site-profiles/:siteProfileId': { access: 'admin', fresh: async (make) => ({ siteProfileId: await make.siteProfile() }) },
  'GET /v1/candidates/:candidateId/sender': { access: 'session', path: (p) => `/v1/candidates/${p.candidateId}/sender?channel=sms` },
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
