import { createRoute, z } from '@hono/zod-openapi';
import { CandidateIdParam } from '../../shared/api/candidates.ts';
import {
  ConsentEvidenceExport,
  ConsentEvidenceQuery,
  ConsentPane,
  ConsentRequestBody,
  ConsentRequestResult,
  ConsentRevocationBody,
} from '../../shared/api/consent.ts';
import { errors, json } from '../lib/openapi-responses.ts';
import { createRouter } from '../lib/router.ts';
import { signedIn } from '../middleware/auth.ts';
import { consentPaneOf, revokeByRecruiter } from '../services/consent.ts';
import { consentEvidenceOf, evidenceCsv } from '../services/consent-evidence.ts';
import { requestConsent } from '../services/consent-links.ts';

const signedInRoute = { tags: ['consent'], ...signedIn };

export const consentRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/{candidateId}/consent',
      summary: "The consent pane: each channel's state, the opt-in rule, the last change and opt-outs to review",
      ...signedInRoute,
      request: { params: CandidateIdParam },
      responses: { 200: json(ConsentPane, 'The consent pane'), 401: errors[401], 404: errors[404] },
    }),
    async (c) => c.json(await consentPaneOf(c.env.DB, c.get('user'), c.req.valid('param').candidateId), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/{candidateId}/consent-revocations',
      summary: 'Revoke consent on a channel for the candidate (one click after a free-text opt-out)',
      ...signedInRoute,
      request: { params: CandidateIdParam, body: { content: { 'application/json': { schema: ConsentRevocationBody } }, required: true } },
      responses: { 200: json(ConsentPane, "Revoked; the channel's opt-out flags are resolved"), 401: errors[401], 404: errors[404], 422: errors[422] },
    }),
    async (c) => {
      return c.json(await revokeByRecruiter(c.env, c.get('user'), c.req.valid('param').candidateId, c.req.valid('json').channel, c.var.clock.now()), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/{candidateId}/consent-requests',
      summary: "Email the candidate a one-time link to the consent page, in the job ad's language",
      ...signedInRoute,
      request: { params: CandidateIdParam, body: { content: { 'application/json': { schema: ConsentRequestBody } }, required: true } },
      responses: {
        201: json(ConsentRequestResult, 'Emailed; the channels asked about are now requested'),
        401: errors[401],
        404: errors[404],
        409: errors[409],
        422: errors[422],
      },
    }),
    async (c) => {
      const result = await requestConsent(
        c.env,
        c.get('user'),
        c.req.valid('param').candidateId,
        c.req.valid('json'),
        new URL(c.req.url).origin,
        c.var.clock.now(),
      );
      return c.json(result, 201);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/{candidateId}/consent-evidence',
      summary: 'Every consent record of the candidate (JSON, or CSV with format=csv)',
      ...signedInRoute,
      request: { params: CandidateIdParam, query: ConsentEvidenceQuery },
      responses: {
        200: {
          description: 'The evidence, oldest first',
          content: { 'application/json': { schema: ConsentEvidenceExport }, 'text/csv': { schema: z.string() } },
        },
        401: errors[401],
        404: errors[404],
        422: errors[422],
      },
    }),
    async (c) => {
      const evidence = await consentEvidenceOf(c.env.DB, c.get('user'), c.req.valid('param').candidateId);
      if (c.req.valid('query').format === 'json') return c.json(evidence, 200);
      return c.text(evidenceCsv(evidence), 200, {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="consent-evidence-${evidence.candidateId}.csv"`,
      });
    },
  );
