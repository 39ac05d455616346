/**
 * `/openapi.json` as other tools consume it: what every operation needs and what the route files
 * need not repeat is completed here, in one place, from the route's method, path and declared
 * security. Redocly's recommended rules hold it to that (`npm test` lints it: scripts/openapi.ts).
 *
 * - `operationId` (client generators name their methods by it): from the method and path,
 *   `GET /v1/candidates/{candidateId}/messages` → `getCandidatesByCandidateIdMessages`; stable as
 *   long as the route is. A route that declares its own keeps it.
 * - `security`: routes that need a session declare the bearer scheme (`signedIn`, `adminOnly` in
 *   worker/middleware/auth.ts). Provider and ATS webhooks are authenticated by the provider's
 *   signature (or, for Meta's verification GET, its verify token), declared here by path; every
 *   other route is public (`security: []`: health, sign-in, password resets, the token pages).
 *   worker/lib/openapi-document.test.ts checks each against the authorization matrix's policy.
 * - `servers`: the worker's own origin.
 * - The ATS webhook's body formats (see below).
 * @module
 */
// First: loading it extends zod with `.openapi()`, which zod 4 gives only to schemas made after
// that, and the imports below make the ATS schemas the ATS webhook route registers.
import '@hono/zod-openapi';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { PARLEY_SIGNATURE_HEADER } from '../../shared/api/ats-integrations.ts';
import { SANDBOX_SIGNATURE_HEADER } from '../providers/sandbox.ts';
import { TWILIO_SIGNATURE_HEADER } from '../providers/twilio.ts';
import { META_SIGNATURE_HEADER } from '../providers/whatsapp-cloud.ts';
import { GREENHOUSE_SIGNATURE_HEADER } from '../services/ats-webhooks.ts';

type Document = ReturnType<OpenAPIHono['getOpenAPI31Document']>;
type Security = Record<string, string[]>[];

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'] as const;

const apiKey = (where: 'header' | 'query', name: string, description: string) => ({ type: 'apiKey' as const, in: where, name, description });

const SCHEMES = {
  bearer: { type: 'http' as const, scheme: 'bearer', description: 'A session token from POST /v1/auth/sessions.' },
  twilioSignature: apiKey('header', TWILIO_SIGNATURE_HEADER, "Twilio's signature of the request URL and form parameters, under the integration's auth token."),
  metaSignature: apiKey('header', META_SIGNATURE_HEADER, "Meta's HMAC-SHA256 of the raw body, under the integration's app secret."),
  metaVerifyToken: apiKey('query', 'hub.verify_token', "The integration's verify token, sent by Meta when the webhook is set up."),
  parleySignature: apiKey('header', PARLEY_SIGNATURE_HEADER, "The generic ATS format's timestamped HMAC-SHA256, under the ATS webhook's signing secret."),
  sandboxSignature: apiKey('header', SANDBOX_SIGNATURE_HEADER, "The sandbox provider's signature (dev and test stacks only)."),
  greenhouseSignature: apiKey('header', GREENHOUSE_SIGNATURE_HEADER, "Greenhouse's HMAC-SHA256 of the raw body, under the ATS webhook's signing secret."),
};

/** Webhooks check the caller's signature themselves (the route files name no scheme): which one, by path. */
function webhookSecurity(method: string, path: string): Security | null {
  if (path.startsWith('/webhooks/twilio/')) return [{ twilioSignature: [] }];
  if (path.startsWith('/webhooks/sandbox/')) return [{ sandboxSignature: [] }];
  if (path.startsWith('/webhooks/whatsapp/')) return method === 'get' ? [{ metaVerifyToken: [] }] : [{ metaSignature: [] }];
  // Either format, each with its own header.
  if (path.startsWith('/webhooks/ats/')) return [{ parleySignature: [] }, { greenhouseSignature: [] }];
  return null;
}

const capitalized = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);

/** `get` + `/v1/usage.csv` → `getUsageCsv`; `{candidateId}` → `ByCandidateId`; the version prefix dropped. */
export function operationIdOf(method: string, path: string): string {
  const words = path
    .split('/')
    .filter((segment) => segment && !/^v\d+$/.test(segment))
    .flatMap((segment) => {
      const param = /^\{(.+)\}$/.exec(segment)?.[1];
      return param ? [`By${capitalized(param)}`] : segment.split(/[^A-Za-z0-9]+/).map(capitalized);
    });
  return method + words.join('');
}

export function finishDocument(document: Document, origin: string): Document {
  document.servers = [{ url: origin, description: 'This Parley worker (its PUBLIC_URL, else the origin it was asked on)' }];
  const used = new Set<string>();
  for (const [path, item] of Object.entries(document.paths ?? {})) {
    for (const method of METHODS) {
      const operation = item[method];
      if (!operation) continue;
      operation.operationId ??= operationIdOf(method, path);
      operation.security ??= webhookSecurity(method, path) ?? [];
      for (const requirement of operation.security) for (const name of Object.keys(requirement)) used.add(name);
    }
  }
  // Only the schemes some operation uses: the production app has no sandbox webhook.
  const schemes = Object.fromEntries(Object.entries(SCHEMES).filter(([name]) => used.has(name)));
  document.components = { ...document.components, securitySchemes: { ...document.components?.securitySchemes, ...schemes } };
  // The ATS webhook checks the signature over the raw bytes before it reads the body, so its route
  // declares no body (declaring one would validate it first); its two formats are named here.
  const atsWebhook = document.paths?.['/webhooks/ats/{integrationId}']?.post;
  if (atsWebhook && !atsWebhook.requestBody) {
    const formats = ['GenericApplicationEvent', 'GreenhouseApplication'].map((name) => ({ $ref: `#/components/schemas/${name}` }));
    atsWebhook.requestBody = { required: true, content: { 'application/json': { schema: { oneOf: formats } } } };
  }
  return document;
}
