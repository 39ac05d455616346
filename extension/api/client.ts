/**
 * The panel's one way to the worker: Hono's typed client over the worker's own routes, plus what
 * every call needs — the bearer token, and one error type for every refusal.
 * @module
 */
import { hc, type PickResponseByStatusCode } from 'hono/client';
import type { z } from 'zod';
import type { SignInBody } from '@shared/api/auth.ts';
import type { CandidateContext } from '@shared/api/candidates.ts';
import type { Channel } from '@shared/api/channels.ts';
import type { ConsentRequestBody } from '@shared/api/consent.ts';
import type { ComplianceSettings } from '@shared/api/compliance.ts';
import type { InboxQuery } from '@shared/api/inbox.ts';
import { ErrorEnvelope, type ErrorCode } from '@shared/api/errors.ts';
import type { SendMessageBody } from '@shared/api/messages.ts';
import type { CreateIntegrationBody, PutSendingNumberBody } from '@shared/api/integrations.ts';
import type { CreateAtsIntegrationBody, UpdateAtsIntegrationBody } from '@shared/api/ats-integrations.ts';
import type {
  CancelInterviewBody,
  InterviewSettings,
  ReminderInput,
  ReminderPatch,
  RescheduleInterviewBody,
  ScheduleInterviewBody,
} from '@shared/api/interviews.ts';
import type { SiteProfileInput } from '@shared/api/site-profiles.ts';
import type { TemplateInput, TemplateQuery } from '@shared/api/templates.ts';
import type { InviteBody, PasswordResetBody, SeatImportBody, UpdateUserBody } from '@shared/api/users.ts';
import type { UsagePricesInput, UsageSettings } from '@shared/api/usage.ts';
import type { AppType } from '../../worker/app.ts';

/** Refusals never reach the typed client (`apiFetch` throws them), so it only knows successes. */
type SuccessRoutes = PickResponseByStatusCode<AppType, 200 | 201 | 204>;

/** `network_error`: the worker was not reached at all (offline, wrong origin, CORS). */
export type ApiRequestErrorCode = ErrorCode | 'network_error';

/**
 * A call to the worker that did not succeed, as the extension receives it: the worker's refusal (its
 * status, and the code and message of its error envelope), or `network_error` when it was not reached.
 */
export class ApiRequestError extends Error {
  override readonly name = 'ApiRequestError';

  constructor(
    readonly status: number,
    readonly code: ApiRequestErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export type ApiOptions = {
  /** The worker's origin, e.g. http://127.0.0.1:8787. */
  origin: string;
  getToken(): Promise<string | null>;
  /** A call made with a token was answered 401: the session expired or was revoked. */
  onUnauthorized?(): void;
  fetch?: typeof fetch;
};

export function createApi({ origin, getToken, onUnauthorized, fetch: send = globalThis.fetch.bind(globalThis) }: ApiOptions) {
  const apiFetch: typeof fetch = async (input, init) => {
    const token = await getToken();
    const headers = new Headers(init?.headers);
    if (token) headers.set('Authorization', `Bearer ${token}`);
    const response = await send(input, { ...init, headers }).catch((error: unknown) => {
      if (init?.signal?.aborted) throw error;
      throw new ApiRequestError(0, 'network_error', 'Parley could not reach its server. Check your connection and try again.');
    });
    if (response.ok) return response;
    const error = await toApiRequestError(response);
    if (error.status === 401 && token) onUnauthorized?.();
    throw error;
  };
  const client = hc<SuccessRoutes>(origin, { fetch: apiFetch });
  const candidate = client.v1.candidates[':candidateId'];

  return {
    signIn: async (credentials: z.infer<typeof SignInBody>) => (await client.v1.auth.sessions.$post({ json: credentials })).json(),
    /** Emails a password reset link; answered alike whether or not the email has an account. */
    // Plain fetch: the typed client knows JSON responses only, and this one is an empty 202.
    requestPasswordReset: async (email: string): Promise<void> => {
      await apiFetch(new URL('/v1/auth/password-resets', origin), {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ email } satisfies z.input<typeof PasswordResetBody>),
      });
    },
    signOut: async (): Promise<void> => {
      await client.v1.auth.sessions.current.$delete();
    },
    signOutEverywhere: async (): Promise<void> => {
      await client.v1.auth.sessions.$delete();
    },
    me: async () => (await client.v1.me.$get()).json(),
    /** Finds or creates the candidate a page shows, with consent per channel. */
    resolveCandidate: async (context: CandidateContext) => (await client.v1.candidates.$put({ json: context })).json(),
    /** The thread on one channel, oldest first; with `after`, only messages with a higher seq. */
    listMessages: async (candidateId: string, channel: Channel, after?: number, signal?: AbortSignal) =>
      (
        await candidate.messages.$get(
          { param: { candidateId }, query: { channel, ...(after === undefined ? {} : { after: String(after) }) } },
          { init: signal ? { signal } : {} },
        )
      ).json(),
    sendMessage: async (candidateId: string, message: SendMessageBody) => (await candidate.messages.$post({ param: { candidateId }, json: message })).json(),
    /** The consent pane: each channel's state, the opt-in rule, the last change, opt-outs to review. */
    consentPane: async (candidateId: string) => (await candidate.consent.$get({ param: { candidateId } })).json(),
    /** Emails the candidate a link to the consent page; both channels unless `channels` says otherwise. */
    requestConsent: async (candidateId: string, body: ConsentRequestBody = {}) =>
      (await candidate['consent-requests'].$post({ param: { candidateId }, json: body })).json(),
    revokeConsent: async (candidateId: string, channel: Channel) =>
      (await candidate['consent-revocations'].$post({ param: { candidateId }, json: { channel } })).json(),
    /** Single or double opt-in per country (admins change it; the worker answers recruiters 403). */
    complianceSettings: async () => (await client.v1['compliance-settings'].$get()).json(),
    putComplianceSettings: async (settings: ComplianceSettings) => (await client.v1['compliance-settings'].$put({ json: settings })).json(),
    /** The email digest of unanswered replies: whether the user gets it. */
    digest: async () => (await client.v1.me.digest.$get()).json(),
    setDigest: async (enabled: boolean) => (await client.v1.me.digest.$put({ json: { enabled } })).json(),
    /** Conversations across candidates for the inbox, unread first. */
    inbox: async (query: InboxQuery, signal?: AbortSignal) => (await client.v1.inbox.$get({ query }, { init: signal ? { signal } : {} })).json(),
    unreadTotal: async () => (await client.v1.inbox.unread.$get()).json(),
    /** Numbers that wrote in but match no candidate. */
    unknownSenders: async () => (await client.v1.inbox['unknown-senders'].$get()).json(),
    /** Marks the candidate's conversation on a channel read, for this user on every device. */
    markRead: async (candidateId: string, channel: Channel) =>
      (await client.v1.candidates[':candidateId'].read.$post({ param: { candidateId }, json: { channel } })).json(),
    /** The tenant's templates by language, then name; `q` searches names and bodies. */
    listTemplates: async (query: TemplateQuery = {}, signal?: AbortSignal) =>
      (await client.v1.templates.$get({ query }, { init: signal ? { signal } : {} })).json(),
    createTemplate: async (input: z.input<typeof TemplateInput>) => (await client.v1.templates.$post({ json: input })).json(),
    updateTemplate: async (templateId: string, input: z.input<typeof TemplateInput>) =>
      (await client.v1.templates[':templateId'].$put({ param: { templateId }, json: input })).json(),
    deleteTemplate: async (templateId: string): Promise<void> => {
      await client.v1.templates[':templateId'].$delete({ param: { templateId } });
    },
    /** The ATS sites the tenant taught Parley (issue 18); admins create, re-teach and delete. */
    siteProfiles: async () => (await client.v1['site-profiles'].$get()).json(),
    createSiteProfile: async (input: z.input<typeof SiteProfileInput>) => (await client.v1['site-profiles'].$post({ json: input })).json(),
    updateSiteProfile: async (siteProfileId: string, input: z.input<typeof SiteProfileInput>) =>
      (await client.v1['site-profiles'][':siteProfileId'].$put({ param: { siteProfileId }, json: input })).json(),
    deleteSiteProfile: async (siteProfileId: string): Promise<void> => {
      await client.v1['site-profiles'][':siteProfileId'].$delete({ param: { siteProfileId } });
    },
    // Users, seats and the audit log (admins; the worker answers recruiters 403).
    team: async () => (await client.v1.users.$get()).json(),
    inviteUser: async (invite: InviteBody) => (await client.v1.users.$post({ json: invite })).json(),
    /** A new invite link for a user who has not set a password yet; their older links stop working. */
    reinviteUser: async (userId: string) => (await client.v1.users[':userId'].invitations.$post({ param: { userId } })).json(),
    updateUser: async (userId: string, change: UpdateUserBody) => (await client.v1.users[':userId'].$patch({ param: { userId }, json: change })).json(),
    // Plain fetch: the typed client knows JSON responses only, and this one is text/csv.
    exportUsersCsv: async () => (await apiFetch(new URL('/v1/users/export', origin))).text(),
    importUsersCsv: async (upload: SeatImportBody) => (await client.v1.users.import.$post({ json: upload })).json(),
    // Provider integrations and sending numbers (admins; the worker answers recruiters 403).
    integrations: async () => (await client.v1.integrations.$get()).json(),
    addIntegration: async (input: z.input<typeof CreateIntegrationBody>) => (await client.v1.integrations.$post({ json: input })).json(),
    testIntegration: async (integrationId: string) => (await client.v1.integrations[':integrationId'].test.$post({ param: { integrationId } })).json(),
    disableIntegration: async (integrationId: string) => (await client.v1.integrations[':integrationId'].disable.$post({ param: { integrationId } })).json(),
    // ATS application webhooks (admins): the create answer is the only one carrying the signing secret.
    atsIntegrations: async () => (await client.v1['ats-integrations'].$get()).json(),
    addAtsIntegration: async (input: z.input<typeof CreateAtsIntegrationBody>) => (await client.v1['ats-integrations'].$post({ json: input })).json(),
    updateAtsIntegration: async (atsIntegrationId: string, change: z.input<typeof UpdateAtsIntegrationBody>) =>
      (await client.v1['ats-integrations'][':atsIntegrationId'].$patch({ param: { atsIntegrationId }, json: change })).json(),
    disableAtsIntegration: async (atsIntegrationId: string) =>
      (await client.v1['ats-integrations'][':atsIntegrationId'].disable.$post({ param: { atsIntegrationId } })).json(),
    sendingNumbers: async () => (await client.v1['sending-numbers'].$get()).json(),
    putSendingNumber: async (input: z.input<typeof PutSendingNumberBody>) => (await client.v1['sending-numbers'].$put({ json: input })).json(),
    removeSendingNumber: async (numberId: string): Promise<void> => {
      await client.v1['sending-numbers'][':numberId'].$delete({ param: { numberId } });
    },
    /** The number a send to the candidate on `channel` goes from (local or international). */
    sender: async (candidateId: string, channel: Channel) =>
      (await client.v1.candidates[':candidateId'].sender.$get({ param: { candidateId }, query: { channel } })).json(),
    /** Resends a failed message (409 when it is not failed). */
    retryMessage: async (messageId: string) => (await client.v1.messages[':messageId'].retry.$post({ param: { messageId } })).json(),
    /** Cancels a message held for the candidate's quiet hours (409 once it is on its way). */
    cancelMessage: async (messageId: string) => (await client.v1.messages[':messageId'].cancel.$post({ param: { messageId } })).json(),
    // Interviews: scheduled from the panel; the candidate answers by reply or on their page.
    /** The candidate's interviews, upcoming first. */
    interviews: async (candidateId: string) => (await client.v1.interviews.$get({ query: { candidateId } })).json(),
    /** Schedules and sends the invitation (refused like any message: consent, seat, number, window). */
    scheduleInterview: async (body: z.input<typeof ScheduleInterviewBody>) => (await client.v1.interviews.$post({ json: body })).json(),
    rescheduleInterview: async (interviewId: string, body: z.input<typeof RescheduleInterviewBody>) =>
      (await client.v1.interviews[':interviewId'].reschedule.$post({ param: { interviewId }, json: body })).json(),
    cancelInterview: async (interviewId: string, body: z.input<typeof CancelInterviewBody>) =>
      (await client.v1.interviews[':interviewId'].cancel.$post({ param: { interviewId }, json: body })).json(),
    addReminder: async (interviewId: string, reminder: z.input<typeof ReminderInput>) =>
      (await client.v1.interviews[':interviewId'].reminders.$post({ param: { interviewId }, json: reminder })).json(),
    updateReminder: async (interviewId: string, reminderId: string, patch: z.input<typeof ReminderPatch>) =>
      (await client.v1.interviews[':interviewId'].reminders[':reminderId'].$patch({ param: { interviewId, reminderId }, json: patch })).json(),
    deleteReminder: async (interviewId: string, reminderId: string) =>
      (await client.v1.interviews[':interviewId'].reminders[':reminderId'].$delete({ param: { interviewId, reminderId } })).json(),
    /** The reminders every new interview starts with (admins change them). */
    interviewSettings: async () => (await client.v1['interview-settings'].$get()).json(),
    putInterviewSettings: async (settings: z.input<typeof InterviewSettings>) => (await client.v1['interview-settings'].$put({ json: settings })).json(),
    // Usage reporting: a recruiter's report is their own (the worker decides); zone, currency and prices are the admin's.
    usage: async (query: UsageQueryParams) => (await client.v1.usage.$get({ query })).json(),
    // Plain fetch: the typed client knows JSON responses only, and this one is text/csv.
    usageCsv: async (query: UsageQueryParams) => (await apiFetch(new URL(`/v1/usage.csv?${new URLSearchParams(query)}`, origin))).text(),
    usageSettings: async () => (await client.v1.usage.settings.$get()).json(),
    putUsageSettings: async (settings: UsageSettings) => (await client.v1.usage.settings.$put({ json: settings })).json(),
    usagePrices: async () => (await client.v1.usage.prices.$get()).json(),
    putUsagePrices: async (input: UsagePricesInput) => (await client.v1.usage.prices.$put({ json: input })).json(),
    auditEvents: async (before?: number) => (await client.v1['audit-events'].$get({ query: before === undefined ? {} : { before: String(before) } })).json(),
  };
}

export type Api = ReturnType<typeof createApi>;

/** GET /v1/usage's query as the URL carries it (shared/api/usage.ts UsageQuery). */
export type UsageQueryParams = {
  from: string;
  to: string;
  groupBy?: string;
  userId?: string;
  country?: string;
  channel?: Channel;
  direction?: 'outbound' | 'inbound';
};

async function toApiRequestError(response: Response): Promise<ApiRequestError> {
  const envelope = ErrorEnvelope.safeParse(await response.json().catch(() => null));
  if (envelope.success) {
    const { code, message } = envelope.data.error;
    return new ApiRequestError(response.status, code, message);
  }
  // Not the worker speaking (a proxy, a crash page): say what happened without guessing.
  return new ApiRequestError(response.status, 'internal', `The Parley server answered with an error (HTTP ${response.status}).`);
}
