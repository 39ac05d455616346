/**
 * `POST /webhooks/ats/{integrationId}`: an ATS reports a new application, with the candidate's
 * answer to the consent question. In order: find the integration (unknown or disabled: 404),
 * check the signature over the raw bytes (403), read the body (422), skip an event seen before
 * (by a key the signature covers: the generic event's id, Greenhouse's body hash), upsert the candidate as the panel does, then apply each mapped channel's answer through
 * the consent service — the event id written in the same batch as the consent changes, so a
 * replay, even a concurrent one, changes nothing. Nothing is written before the signature holds.
 * @module
 */
import { z } from 'zod';
import { type AtsWebhookResult, GenericApplicationEvent, GreenhouseApplication, PARLEY_SIGNATURE_HEADER } from '../../shared/api/ats-integrations.ts';
import { CandidateContext, LanguageTag } from '../../shared/api/candidates.ts';
import type { Channel } from '../../shared/api/channels.ts';
import { type ApplicationAnswer, type ConsentReading, readConsentAnswers } from '../../shared/domain/application-consent.ts';
import { type AtsIntegrationRecord, atsEventSeen, findEnabledAtsIntegration, insertAtsEventStatement } from '../db/queries/ats-integrations.ts';
import type { Bindings } from '../env.ts';
import { verifyGreenhouseSignature, verifyParleySignature } from '../lib/ats-signatures.ts';
import { toHex } from '../lib/crypto.ts';
import { ApiError, notFound } from '../lib/errors.ts';
import { signingSecretOf } from './ats-integrations.ts';
import { type ApplicationDecisions, applyApplicationConsent } from './consent-application.ts';
import { upsertFromAts } from './candidates.ts';

/** Greenhouse's application payloads are a few kB; anything this large is not one. */
const MAX_BODY_BYTES = 1_000_000;
export const GREENHOUSE_SIGNATURE_HEADER = 'Signature';
export const GREENHOUSE_EVENT_ID_HEADER = 'Greenhouse-Event-ID';

/**
 * An application as Parley acts on it, whatever the ATS's format. `eventId` is the ATS's own id
 * (named in the evidence); `key` is what makes it apply once, and is always covered by the
 * signature: the generic event's signed `id`, or for Greenhouse (whose `Greenhouse-Event-ID`
 * header is not signed) the SHA-256 of the signed body bytes, so a captured body replayed under a
 * new header id is still the same event.
 */
type Application = { eventId: string; key: string; context: CandidateContext; answers: ApplicationAnswer[] };

const invalid = (message: string) => new ApiError(422, 'validation_failed', message);

function validated<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  throw invalid(`${what}: ${issue?.path.length ? `${issue.path.join('.')}: ` : ''}${issue?.message ?? 'invalid'}`);
}

async function readBody(request: Request): Promise<Uint8Array> {
  if (Number(request.headers.get('Content-Length') ?? 0) > MAX_BODY_BYTES)
    throw new ApiError(413, 'bad_request', 'The body is too large for an application event.');
  const body = new Uint8Array(await request.arrayBuffer());
  if (body.length > MAX_BODY_BYTES) throw new ApiError(413, 'bad_request', 'The body is too large for an application event.');
  return body;
}

function parseJson(body: Uint8Array): unknown {
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(body));
  } catch {
    throw invalid('The body is not JSON in UTF-8.');
  }
}

// ---- formats ------------------------------------------------------------------------------------------

function fromGeneric(json: unknown): Application {
  const event = validated(GenericApplicationEvent, json, 'The application event');
  return {
    eventId: event.id,
    key: event.id,
    context: { ...event.candidate, jobTitle: event.job.title, language: event.job.language },
    answers: event.answers,
  };
}

type GreenhouseCustomFields = GreenhouseApplication['payload']['application']['custom_fields'];

/** Custom fields as answers: an admin may put the consent question in an application custom field. */
function customFieldAnswers(fields: GreenhouseCustomFields): ApplicationAnswer[] {
  return Object.entries(fields ?? {}).map(([key, field]) => ({
    questionId: key,
    question: field.name,
    answer: typeof field.value === 'string' || typeof field.value === 'boolean' ? field.value : null,
  }));
}

/** A job custom field named "Language" (e.g. "de") gives the job ad's language; Greenhouse has no field of its own for it. */
function greenhouseJobLanguage(application: GreenhouseApplication['payload']['application']): string | null {
  for (const job of application.jobs) {
    for (const field of Object.values(job.custom_fields ?? {})) {
      const tag = LanguageTag.safeParse(field.value);
      if (field.name.trim().toLowerCase() === 'language' && tag.success) return tag.data;
    }
  }
  return null;
}

const Email = z.email().max(320);
const ProfileUrl = z.url({ protocol: /^https?$/ }).max(2000);

/** Greenhouse's idempotency key: the signed body itself (its retries resend the same bytes). */
export async function greenhouseEventKey(body: Uint8Array): Promise<string> {
  return `sha256:${toHex(await crypto.subtle.digest('SHA-256', body))}`;
}

function fromGreenhouse(json: unknown, eventIdHeader: string | null, key: string): Application {
  const { application } = validated(GreenhouseApplication, json, 'The Greenhouse application').payload;
  const eventId = eventIdHeader?.trim() ?? '';
  if (!eventId || eventId.length > 128) throw invalid(`The ${GREENHOUSE_EVENT_ID_HEADER} header is missing: it is what makes a retried event apply once.`);
  const { candidate } = application;
  const atsCandidateId = String(candidate.id);
  const phone = candidate.phone_numbers.find((p) => p.type?.trim().toLowerCase() === 'mobile') ?? candidate.phone_numbers[0];
  // An address or URL Parley cannot use is left out rather than refusing the candidate's consent.
  const email = candidate.email_addresses.map((e) => Email.safeParse(e.value.trim())).find((e) => e.success)?.data ?? null;
  const profileUrl = ProfileUrl.safeParse(candidate.url);
  const name = [candidate.first_name, candidate.last_name]
    .map((part) => part?.trim())
    .filter(Boolean)
    .join(' ');
  const context = validated(
    CandidateContext,
    {
      ats: 'greenhouse',
      atsCandidateId,
      name: name || `Greenhouse candidate ${atsCandidateId}`,
      phone: phone?.value.trim() || null,
      email,
      jobTitle: application.jobs[0]?.name?.trim() || null,
      language: greenhouseJobLanguage(application),
      ...(profileUrl.success ? { profileUrl: profileUrl.data } : {}),
    },
    'The Greenhouse candidate',
  );
  const answers: ApplicationAnswer[] = [
    ...(application.answers ?? []).map((a) => ({ question: a.question, answer: a.answer ?? null })),
    ...customFieldAnswers(application.custom_fields),
  ];
  return { eventId, key, context, answers };
}

// ---- the webhook --------------------------------------------------------------------------------------

const clip = (text: string, length: number) => (text.length > length ? `${text.slice(0, length - 1)}…` : text);

function decisionsOf(readings: Record<Channel, ConsentReading>, integration: AtsIntegrationRecord, eventId: string): ApplicationDecisions {
  const decisions: ApplicationDecisions = {};
  for (const channel of ['sms', 'whatsapp'] as const) {
    const reading = readings[channel];
    if (reading.answer === 'unknown') continue;
    decisions[channel] = {
      decision: reading.answer === 'yes' ? 'grant' : 'decline',
      detail: `answered "${clip(reading.given, 100)}" to "${clip(reading.question, 200)}" on the application (${integration.format} event ${clip(eventId, 128)}, ${clip(integration.name, 100)})`,
    };
  }
  return decisions;
}

export async function receiveAtsWebhook(env: Bindings, integrationId: string, request: Request, now: Date): Promise<AtsWebhookResult> {
  const integration = await findEnabledAtsIntegration(env.DB, integrationId);
  if (!integration) throw notFound('The ATS integration');
  const body = await readBody(request);
  const secret = await signingSecretOf(env, integration);
  const verdict =
    integration.format === 'greenhouse'
      ? await verifyGreenhouseSignature(secret, request.headers.get(GREENHOUSE_SIGNATURE_HEADER), body)
      : await verifyParleySignature(secret, request.headers.get(PARLEY_SIGNATURE_HEADER), body, Math.floor(now.getTime() / 1000));
  if (!verdict.ok) throw new ApiError(403, 'invalid_signature', verdict.reason);

  const json = parseJson(body);
  if (integration.format === 'greenhouse') {
    // Greenhouse pings a webhook when it is saved (and keeps it disabled unless the ping succeeds),
    // and sends whatever actions the admin ticked: accepted, so it does not retry them for hours.
    const action = z.object({ action: z.string().max(100) }).safeParse(json);
    if (action.success && action.data.action !== 'new_candidate_application') return { duplicate: false, ignored: `action ${action.data.action}` };
  }
  const application =
    integration.format === 'greenhouse'
      ? fromGreenhouse(json, request.headers.get(GREENHOUSE_EVENT_ID_HEADER), await greenhouseEventKey(body))
      : fromGeneric(json);

  const { tenantId } = integration;
  if (await atsEventSeen(env.DB, tenantId, integration.id, application.key)) return { duplicate: true };
  const candidate = await upsertFromAts(env.DB, tenantId, application.context, now);
  const readings = readConsentAnswers(integration.consentMapping, application.answers);
  const gate = insertAtsEventStatement(env.DB, {
    integrationId: integration.id,
    eventId: application.key,
    tenantId,
    candidateId: candidate.id,
    now: now.toISOString(),
  });
  try {
    await applyApplicationConsent(env, candidate, decisionsOf(readings, integration, application.eventId), gate, now);
  } catch (error) {
    // The same event delivered concurrently: the other delivery's batch applied it, this one rolled back whole.
    if (await atsEventSeen(env.DB, tenantId, integration.id, application.key)) return { duplicate: true };
    throw error;
  }
  return { duplicate: false, candidateId: candidate.id, consent: { sms: readings.sms.answer, whatsapp: readings.whatsapp.answer } };
}
