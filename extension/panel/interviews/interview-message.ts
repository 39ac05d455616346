/**
 * The text an interview message starts from and how it reads with this candidate's values: the
 * tenant's template for the purpose in the candidate's language (then English), rendered by the
 * same renderer the worker sends with.
 * @module
 */
import type { Candidate } from '@shared/api/candidates.ts';
import type { Channel } from '@shared/api/channels.ts';
import type { Template, TemplatePurpose } from '@shared/api/templates.ts';
import { candidateTime, interviewLanguageOf } from '@shared/domain/interviews.ts';
import { MERGE_FIELDS, type MergeField, type MergeValues, mergeValuesOf } from '@shared/domain/template.ts';

/** The tenant's wording for `purpose` on `channel`: the candidate's language first, else English, else none. */
export function templateFor(templates: readonly Template[], purpose: TemplatePurpose, language: string, channel: Channel): Template | null {
  const usable = templates.filter((t) => t.purpose === purpose && t.channels.includes(channel));
  const wanted = interviewLanguageOf(language);
  return usable.find((t) => t.language === wanted) ?? usable.find((t) => t.language === 'en') ?? null;
}

/** Stands in for the candidate's own page, whose link the worker makes when it sends. */
export const LINK_PLACEHOLDER = '[link to their interview page]';

export type InterviewDraft = {
  title: string;
  /** Null while the candidate picks one of the offered times. */
  startsAt: Date | null;
  location: string | null;
  videoLink: string | null;
  candidateTimeZone: string;
  language: string;
};

/** The fields the schedule form's own controls fill (the time, the place, the title); its text never asks for them. */
export const INTERVIEW_FIELDS: readonly MergeField[] = MERGE_FIELDS.filter((field) => field.startsWith('interview.'));

/** The values the worker fills the message with, as far as the form knows them (the page link stands in). */
export function interviewMergeValues(
  draft: InterviewDraft,
  candidate: Pick<Candidate, 'name' | 'jobTitle'>,
  sender: { companyName: string; recruiterName: string },
): MergeValues {
  const at = draft.startsAt ? candidateTime(draft.startsAt, draft.candidateTimeZone, draft.language) : null;
  return mergeValuesOf({
    candidate,
    companyName: sender.companyName,
    recruiterName: sender.recruiterName,
    interview: {
      title: draft.title,
      date: at?.date ?? '',
      time: at?.time ?? '',
      timezone: at?.timezone ?? '',
      interviewer: sender.recruiterName,
      link: LINK_PLACEHOLDER,
      location: draft.location ?? draft.videoLink,
    },
  });
}
