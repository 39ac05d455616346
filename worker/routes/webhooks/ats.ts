import { createRoute, z } from '@hono/zod-openapi';
import {
  AtsWebhookResult,
  GenericApplicationEvent,
  GreenhouseApplication,
  PARLEY_SIGNATURE_HEADER,
  SIGNATURE_TOLERANCE_SECONDS,
} from '../../../shared/api/ats-integrations.ts';
import { errors, json } from '../../lib/openapi-responses.ts';
import { createRouter } from '../../lib/router.ts';
import { GREENHOUSE_EVENT_ID_HEADER, GREENHOUSE_SIGNATURE_HEADER, receiveAtsWebhook } from '../../services/ats-webhooks.ts';

export const atsWebhookRoutes = createRouter().openapi(
  createRoute({
    method: 'post',
    path: '/{integrationId}',
    tags: ['webhooks'],
    summary: "An ATS's application event: the candidate, and their answer to the consent question",
    // The body is not declared for validation: the signature is checked over the raw bytes first
    // (an unsigned body must get 403, not a validation error), then the body is read.
    description:
      `Generic format: JSON GenericApplicationEvent signed with ${PARLEY_SIGNATURE_HEADER}: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">, ` +
      `within ${SIGNATURE_TOLERANCE_SECONDS} s. Greenhouse: its new_candidate_application payload, ${GREENHOUSE_SIGNATURE_HEADER}: sha256 <hex HMAC-SHA256 of the raw body>, ` +
      `${GREENHOUSE_EVENT_ID_HEADER} (required, named in the evidence; it is not signed, so the event applies once per signed body, by its SHA-256). ` +
      'A replayed event answers {"duplicate": true} and changes nothing.',
    request: { params: z.object({ integrationId: z.string().min(1).max(64) }) },
    responses: {
      200: json(AtsWebhookResult, 'Applied, or accepted as a duplicate or an event Parley does not act on'),
      403: errors[403],
      404: errors[404],
      413: errors[400],
      422: errors[422],
    },
  }),
  async (c) => c.json(await receiveAtsWebhook(c.env, c.req.valid('param').integrationId, c.req.raw, c.var.clock.now()), 200),
);

// The bodies are not declared on the route (the signature is checked before any body is read), so
// they are documented as components of /openapi.json instead.
atsWebhookRoutes.openAPIRegistry.register('GenericApplicationEvent', GenericApplicationEvent);
atsWebhookRoutes.openAPIRegistry.register('GreenhouseApplication', GreenhouseApplication);
