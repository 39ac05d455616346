/**
 * The composition root: one app, one request id per request, one error envelope, one `onError`.
 * Resource routers are chained here so `AppType` carries every route for the typed client.
 * @module
 */
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { requestId } from 'hono/request-id';
import { routePath } from 'hono/route';
import type { ErrorEnvelope } from '../shared/api/errors.ts';
import type { AppEnv } from './env.ts';
import { clockOf } from './lib/clock.ts';
import { ApiError } from './lib/errors.ts';
import { log, withRequestId } from './lib/log.ts';
import { finishDocument } from './lib/openapi-document.ts';
import { MisconfiguredWorker, requireProductionConfig } from './services/production-config.ts';
import { createRouter } from './lib/router.ts';
import { accountPageRoutes } from './routes/account-pages.ts';
import { auditRoutes } from './routes/audit.ts';
import { authRoutes } from './routes/auth.ts';
import { candidateRoutes } from './routes/candidates.ts';
import { meRoutes } from './routes/me.ts';
import { healthRoutes } from './routes/health.ts';
import { inboxRoutes } from './routes/inbox.ts';
import { realtimeRoutes } from './routes/realtime.ts';
import { userRoutes } from './routes/users.ts';
import { twilioWebhookRoutes } from './routes/webhooks/twilio.ts';
import { whatsappWebhookRoutes } from './routes/webhooks/whatsapp.ts';
import { integrationRoutes } from './routes/integrations.ts';
import { sendingNumberRoutes } from './routes/sending-numbers.ts';
import { messageRoutes } from './routes/messages.ts';
import { templateRoutes } from './routes/templates.ts';
import { consentRoutes } from './routes/consent.ts';
import { consentPageRoutes } from './routes/consent-page.ts';
import { complianceRoutes } from './routes/compliance.ts';
import { atsIntegrationRoutes } from './routes/ats-integrations.ts';
import { atsWebhookRoutes } from './routes/webhooks/ats.ts';
import { usageCsvRoutes, usageRoutes } from './routes/usage.ts';
import { interviewRoutes, interviewSettingsRoutes } from './routes/interviews.ts';
import { interviewPageRoutes } from './routes/interview-page.ts';
import { siteProfileRoutes } from './routes/site-profiles.ts';

/** A new instance of Parley's API: the production worker serves one, the dev entry adds the sandbox to another. */
export function createApi() {
  const base = createRouter();

  base.use(requestId({ headerName: 'X-Request-Id' }));
  // Every log line of the request, in services too, carries its id (worker/lib/log.ts).
  base.use((c, next) => withRequestId(c.get('requestId'), next));
  base.use(async (c, next) => {
    requireProductionConfig(c.env);
    c.set('clock', clockOf(c.env));
    await next();
  });

  // Logged by the route's pattern, never its path: a path may hold a link token (/c/…, /account/password/…, /i/…).
  const route = (c: Context<AppEnv>) => ({ method: c.req.method, route: routePath(c, -1) });
  const refused = (c: Context<AppEnv>, status: number, code: string) => log.warn('request.refused', { ...route(c), status, code });

  base.notFound((c) => {
    refused(c, 404, 'not_found');
    return c.json<ErrorEnvelope>({ error: { code: 'not_found', message: `No route for ${c.req.method} ${c.req.path}.`, requestId: c.get('requestId') } }, 404);
  });

  base.onError((err, c) => {
    const requestId = c.get('requestId');
    if (err instanceof ApiError) {
      refused(c, err.status, err.code);
      return c.json<ErrorEnvelope>({ error: { code: err.code, message: err.message, requestId } }, err.status);
    }
    if (err instanceof MisconfiguredWorker) {
      // Loud on purpose: the operator sees which setting is missing, from any request.
      log.error('worker.misconfigured', route(c), err);
      return c.json<ErrorEnvelope>({ error: { code: 'internal', message: err.message, requestId } }, 500);
    }
    if (err instanceof HTTPException) {
      // Hono's own refusals (e.g. malformed JSON from the validator) keep their status.
      const code = err.status === 401 ? 'unauthorized' : err.status === 404 ? 'not_found' : 'bad_request';
      refused(c, err.status, code);
      return c.json<ErrorEnvelope>({ error: { code, message: err.message || 'Bad request.', requestId } }, err.status);
    }
    log.error('request.failed', route(c), err);
    return c.json<ErrorEnvelope>({ error: { code: 'internal', message: 'Something went wrong on our side.', requestId } }, 500);
  });

  const api = base
    .route('/health', healthRoutes)
    .route('/v1/auth', authRoutes)
    .route('/v1/me', meRoutes)
    .route('/v1/users', userRoutes)
    .route('/v1/audit-events', auditRoutes)
    .route('/account', accountPageRoutes)
    .route('/v1/candidates', candidateRoutes)
    .route('/v1/candidates', consentRoutes)
    .route('/c', consentPageRoutes)
    .route('/v1/compliance-settings', complianceRoutes)
    .route('/v1/inbox', inboxRoutes)
    .route('/v1/realtime', realtimeRoutes)
    .route('/v1/templates', templateRoutes)
    .route('/webhooks/twilio', twilioWebhookRoutes)
    .route('/webhooks/whatsapp', whatsappWebhookRoutes)
    .route('/webhooks/ats', atsWebhookRoutes)
    .route('/v1/ats-integrations', atsIntegrationRoutes)
    .route('/v1/integrations', integrationRoutes)
    .route('/v1/sending-numbers', sendingNumberRoutes)
    .route('/v1/messages', messageRoutes)
    .route('/v1/usage', usageRoutes)
    .route('/v1/usage.csv', usageCsvRoutes)
    .route('/v1/interviews', interviewRoutes)
    .route('/v1/interview-settings', interviewSettingsRoutes)
    .route('/v1/site-profiles', siteProfileRoutes)
    .route('/i', interviewPageRoutes);

  const documentConfig = {
    openapi: '3.1.0',
    info: { title: 'Parley API', version: '0.1.0', description: "The extension's API and the providers' webhooks." },
  };
  // Completed with operation ids, security and servers in one place (lib/openapi-document.ts).
  api.get('/openapi.json', (c) => c.json(finishDocument(api.getOpenAPI31Document(documentConfig), c.env.PUBLIC_URL ?? new URL(c.req.url).origin)));
  return api;
}

/** The production worker's app (worker/index.ts). */
export const app = createApi();

export type AppType = typeof app;
