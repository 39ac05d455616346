/**
 * Templates: the admin's CRUD, and turning a templated send into the text (and, on WhatsApp, the
 * approved template) the send path delivers. The rendering itself is the shared renderer's.
 * @module
 */
import type { Channel } from '../../shared/api/channels.ts';
import type { SendMessageBody, WhatsappTemplateRef } from '../../shared/api/messages.ts';
import { type Actor, settingsAuditStatement } from './audit.ts';
import { WhatsappApproval, type Template, type TemplateInput, type TemplateQuery } from '../../shared/api/templates.ts';
import { describeProblems, mergeValuesOf, renderTemplate, type MergeValues, type TemplateProblem } from '../../shared/domain/template.ts';
import type { CandidateRow } from '../db/queries/candidates.ts';
import * as queries from '../db/queries/templates.ts';
import type { SessionUser } from '../env.ts';
import { ApiError, notFound } from '../lib/errors.ts';
import { newId } from '../lib/ids.ts';

export function toTemplate(row: queries.TemplateRow): Template {
  return {
    id: row.id,
    name: row.name,
    language: row.language,
    channels: [...(row.sms ? (['sms'] as const) : []), ...(row.whatsapp ? (['whatsapp'] as const) : [])],
    body: row.body,
    whatsapp: row.whatsapp_approval === null ? null : WhatsappApproval.parse(JSON.parse(row.whatsapp_approval)),
    purpose: row.purpose,
    updatedAt: row.updated_at,
  };
}

export async function listTemplates(db: D1Database, tenantId: string, query: TemplateQuery): Promise<Template[]> {
  return (await queries.listTemplates(db, tenantId, query)).map(toTemplate);
}

export async function requireTemplate(db: D1Database, tenantId: string, templateId: string): Promise<queries.TemplateRow> {
  const row = await queries.findTemplate(db, tenantId, templateId);
  if (!row) throw notFound('The template');
  return row;
}

/** `input` has passed `TemplateInput`: the body parses and names known fields. */
const describeTemplate = (t: { id: string; name: string; language: string }) => `"${t.name}" (${t.language}, ${t.id})`;

export async function createTemplate(db: D1Database, tenantId: string, input: TemplateInput, now: Date, actor: Actor): Promise<Template> {
  const row = await queries
    .insertTemplate(db, tenantId, newId('tpl'), { ...fieldsOf(input), purpose: null }, now.toISOString())
    .catch(rethrowDuplicateName(input));
  if (!row) throw new Error('template insert returned no row');
  await settingsAuditStatement(db, tenantId, 'template.created', actor, describeTemplate(row), now).run();
  return toTemplate(row);
}

export async function updateTemplate(db: D1Database, tenantId: string, templateId: string, input: TemplateInput, now: Date, actor: Actor): Promise<Template> {
  const row = await queries.updateTemplate(db, tenantId, templateId, fieldsOf(input), now.toISOString()).catch(rethrowDuplicateName(input));
  if (!row) throw notFound('The template');
  await settingsAuditStatement(db, tenantId, 'template.updated', actor, describeTemplate(row), now).run();
  return toTemplate(row);
}

export async function deleteTemplate(db: D1Database, tenantId: string, templateId: string, now: Date, actor: Actor): Promise<void> {
  const existing = await queries.findTemplate(db, tenantId, templateId);
  const { meta } = await queries.deleteTemplate(db, tenantId, templateId);
  if (!existing || !meta.changes) throw notFound('The template');
  await settingsAuditStatement(db, tenantId, 'template.deleted', actor, describeTemplate(existing), now).run();
}

const fieldsOf = (input: TemplateInput) => ({
  name: input.name,
  language: input.language,
  channels: input.channels,
  body: input.body,
  whatsappApproval: input.whatsapp === null ? null : JSON.stringify(input.whatsapp),
});

const rethrowDuplicateName = (input: TemplateInput) => (error: unknown) => {
  if (String(error).includes('UNIQUE constraint failed')) {
    throw new ApiError(409, 'conflict', `There is already a template named "${input.name}" in ${input.language}.`);
  }
  throw error;
};

/** What a send fills merge fields with: the candidate's record, the sender, their company. */
export function mergeValuesFor(user: SessionUser, candidate: CandidateRow): MergeValues {
  return mergeValuesOf({
    candidate: { name: candidate.name, jobTitle: candidate.job_title },
    companyName: user.tenantName,
    recruiterName: user.name,
    // Interview fields stay empty until Parley knows the candidate's interview; the recruiter
    // types the date in, or the template gives a fallback.
    interview: null,
  });
}

/**
 * Turns a send from a template into what the send path delivers: the body with the candidate's
 * real values, and on WhatsApp, when the recruiter left an approved template unedited, the
 * provider's template with its variables. A send without `templateId` passes through untouched,
 * unless it names a WhatsApp template itself: only a template resolved here from the tenant's own
 * `templateId` goes to the provider, so a client's `whatsappTemplate` alone is refused.
 * @throws ApiError 422 `validation_failed` for a `whatsappTemplate` without `templateId`;
 *   422 `template_incomplete` when a field cannot be filled; 404 for a template outside the tenant.
 */
export async function renderTemplatedSend(db: D1Database, user: SessionUser, candidate: CandidateRow, input: SendMessageBody): Promise<SendMessageBody> {
  if (input.templateId === undefined) {
    if (input.whatsappTemplate !== undefined) {
      throw new ApiError(422, 'validation_failed', 'A WhatsApp template is sent by choosing one of your templates (templateId), not by naming it.');
    }
    return input;
  }
  const template = toTemplate(await requireTemplate(db, user.tenantId, input.templateId));
  if (!template.channels.includes(input.channel)) {
    throw new ApiError(422, 'validation_failed', `The template "${template.name}" is not for ${input.channel === 'sms' ? 'SMS' : 'WhatsApp'}.`);
  }
  const values = mergeValuesFor(user, candidate);
  const body = renderTemplate(input.body, values);
  if (!body.ok) throw incomplete(body.problems);

  const { whatsappTemplate: _fromClient, ...rest } = input;
  const whatsappTemplate = approvedTemplateRef(template, input.channel, input.body, values);
  return whatsappTemplate ? { ...rest, body: body.text, whatsappTemplate } : { ...rest, body: body.text };
}

/**
 * On WhatsApp, a template with an approved twin sent unedited goes as that approved template, its
 * variables filled like the body; null when it goes as free text (SMS, no twin, or edited).
 * @throws ApiError 422 `template_incomplete` when a variable cannot be filled.
 */
export function approvedTemplateRef(template: Template, channel: Channel, sentBody: string, values: MergeValues): WhatsappTemplateRef | null {
  const approval = template.whatsapp;
  // An approved template is delivered as approved: an edit makes the message free text.
  if (channel !== 'whatsapp' || approval === null || sentBody !== template.body) return null;
  const variables = approval.variables.map((variable) => renderTemplate(variable, values));
  // Meta refuses an empty parameter, so a variable whose fallback is "" still needs a value.
  const problems = variables.flatMap((v, i) =>
    !v.ok ? v.problems : v.text.trim() ? [] : [{ code: 'empty_value' as const, at: 1, message: `WhatsApp variable {{${i + 1}}} would be empty.` }],
  );
  if (problems.length) throw incomplete(problems);
  return { id: approval.id, language: approval.language, variables: variables.map((v) => (v.ok ? v.text : '')) };
}

export const incomplete = (problems: TemplateProblem[]) =>
  new ApiError(422, 'template_incomplete', `The template cannot be sent as it is. ${describeProblems(problems)}`);
