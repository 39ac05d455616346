/**
 * The candidate's interview page behind `/i/{token}`: what it shows, the answers it takes, and the
 * calendar file it offers once the time stands. The signed token is the only key (no session).
 * @module
 */
import { interviewLanguageOf, type InterviewLanguage } from '../../shared/domain/interviews.ts';
import { type InterviewView, type SlotRow, findInterviewById, slotsOf } from '../db/queries/interviews.ts';
import { tenantName } from '../db/queries/tenants.ts';
import type { Bindings } from '../env.ts';
import { icsOf } from '../lib/ics.ts';
import type { RequestOrigin } from './audit.ts';
import { publicUrl } from './integrations.ts';
import { interviewLinkPath, openInterviewLink } from './interview-links.ts';
import { type AnswerOutcome, answerInterview, type CandidateAnswer } from './interviews.ts';

export type OpenInterviewPage = {
  ok: true;
  interview: InterviewView;
  slots: (SlotRow & { available: 0 | 1 })[];
  company: string;
  language: InterviewLanguage;
};
export type ClosedInterviewPage = { ok: false; reason: 'unknown' | 'expired' };

export async function openInterviewPage(env: Bindings, token: string, now: Date): Promise<OpenInterviewPage | ClosedInterviewPage> {
  const link = await openInterviewLink(env, token, now);
  if (!link.ok) return link;
  const interview = await findInterviewById(env.DB, link.interviewId);
  if (!interview) return { ok: false, reason: 'unknown' };
  const [slots, company] = await Promise.all([
    interview.kind === 'self_schedule' ? slotsOf(env.DB, interview.tenant_id, interview.id) : Promise.resolve([]),
    tenantName(env.DB, interview.tenant_id),
  ]);
  return { ok: true, interview, slots, company: company?.name ?? '', language: interviewLanguageOf(interview.language) };
}

/** The candidate's answer on the page, recorded with the page's evidence (address and browser). */
export function answerOnPage(env: Bindings, page: OpenInterviewPage, answer: CandidateAnswer, origin: RequestOrigin, now: Date): Promise<AnswerOutcome> {
  return answerInterview(env, page.interview, answer, { candidate: 'candidate', origin }, now, 'on the interview page');
}

/**
 * The interview as an .ics once its time stands (confirmed), or its cancellation (METHOD:CANCEL)
 * once cancelled; null while there is nothing to put in a calendar.
 */
export function interviewCalendar(env: Bindings, interview: InterviewView, token: string, now: Date): string | null {
  if (!interview.starts_at || !interview.ends_at) return null;
  if (interview.state !== 'confirmed' && interview.state !== 'cancelled') return null;
  const origin = publicUrl(env);
  return icsOf({
    uid: `${interview.id}@${new URL(origin).host}`,
    sequence: interview.sequence,
    method: interview.state === 'cancelled' ? 'CANCEL' : 'REQUEST',
    start: new Date(interview.starts_at),
    end: new Date(interview.ends_at),
    stamp: now,
    summary: interview.title,
    location: interview.location ?? interview.video_link,
    description: interview.video_link ? `${interview.video_link}` : null,
    url: `${origin}${interviewLinkPath(token)}`,
    organizer: { name: interview.interviewer_name, email: interview.interviewer_email },
  });
}
