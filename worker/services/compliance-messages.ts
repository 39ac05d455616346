/**
 * The messages Parley sends on its own — the HELP answer, the START invitation and the
 * identification — rendered from the tenant's templates and sent through the one outbound gate,
 * which lets each through only when the consent model allows it in the candidate's current state.
 * @module
 */
import type { Channel } from '../../shared/api/channels.ts';
import type { ComplianceMessage } from '../../shared/domain/consent.ts';
import { mergeValuesOf, renderTemplate } from '../../shared/domain/template.ts';
import type { CandidateRow } from '../db/queries/candidates.ts';
import { findTemplateByPurpose } from '../db/queries/templates.ts';
import type { Bindings } from '../env.ts';
import type { ConsentLanguage, Purpose } from './consent-wording.ts';
import { sendOutbound } from './outbound.ts';
import { log } from '../lib/log.ts';

/**
 * Sends one of Parley's own messages to the candidate, through the gate. Refused (consent does not
 * allow it now, or WhatsApp's window is closed — the candidate can still reply START), it is not
 * sent and nothing is stored. @returns the message id, or null.
 */
export async function sendComplianceMessage(
  env: Bindings,
  candidate: Pick<CandidateRow, 'id' | 'tenant_id' | 'phone' | 'phone_country'>,
  channel: Channel,
  purpose: ComplianceMessage,
  body: string,
  route: { integrationId: string; from: string; to: string } | null,
  now: Date,
): Promise<string | null> {
  const sent = await sendOutbound(
    env,
    { tenantId: candidate.tenant_id, candidate, channel, body, whatsappTemplate: null, sender: { kind: 'parley', purpose }, ...(route ? { route } : {}) },
    now,
  );
  return sent.ok ? sent.message.id : null;
}

/** The START invitation or the identification, from the tenant's own template (admins may have edited it) in the job ad's language. */
export async function sendOptInMessage(
  env: Bindings,
  to: { candidate: CandidateRow; purpose: Purpose; language: ConsentLanguage },
  channel: Channel,
  kind: 'start_invitation' | 'identification',
  now: Date,
): Promise<void> {
  const { candidate, purpose } = to;
  if (!candidate.phone) return;
  const purposeKey = kind === 'start_invitation' ? 'consent_request' : 'opt_in_identification';
  const template =
    (await findTemplateByPurpose(env.DB, candidate.tenant_id, purposeKey, to.language)) ??
    (await findTemplateByPurpose(env.DB, candidate.tenant_id, purposeKey, 'en'));
  if (!template) {
    log.error('compliance_message.no_template', { candidateId: candidate.id, channel, kind, purpose: purposeKey });
    return;
  }
  const rendered = renderTemplate(
    template.body,
    mergeValuesOf({
      candidate: { name: candidate.name, jobTitle: candidate.job_title },
      companyName: purpose.company,
      recruiterName: purpose.recruiter,
      interview: null,
    }),
  );
  if (!rendered.ok) {
    log.error('compliance_message.template_unfillable', { candidateId: candidate.id, channel, kind, templateId: template.id });
    return;
  }
  // The gate picks the sending number for the candidate's country.
  const messageId = await sendComplianceMessage(env, candidate, channel, kind, rendered.text, null, now);
  if (!messageId) log.error('compliance_message.refused_by_gate', { candidateId: candidate.id, channel, kind });
}
