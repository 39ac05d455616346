/**
 * Consent captured on an ATS application form. No ATS has a first-class SMS-consent field: the
 * employer adds a question ("May we text you about your application?") and the ATS reports its
 * answer as text keyed by the question's text or id (Greenhouse: "Yes"/"No"). An admin maps, per
 * channel, which question asks for consent and which answers mean yes or no; this module reads an
 * application's answers through that mapping. What a reading then does to consent is the consent
 * model's business (shared/domain/consent.ts): yes → grant, no → decline, unknown → nothing.
 * @module
 */
import type { Channel } from '../api/channels.ts';

/** One channel's question: its text or id in the ATS, and the answers that mean yes and no. */
export type ConsentQuestionMapping = { question: string; yes: readonly string[]; no: readonly string[] };
export type ConsentMapping = Record<Channel, ConsentQuestionMapping | null>;

/** An application form's answer as the ATS reports it; `null` when the question was left unanswered. */
export type ApplicationAnswer = { questionId?: string | undefined; question: string; answer: string | boolean | null };

export type ConsentReading =
  | { answer: 'yes' | 'no'; question: string; given: string }
  /** The question was not on the form, not answered, or answered with something the mapping does not know. */
  | { answer: 'unknown'; question: string | null; given: string | null };

// Checkbox, yes/no and single-select questions in the languages Parley writes consent pages in.
export const DEFAULT_YES_ANSWERS: readonly string[] = [
  'Yes',
  'Y',
  'true',
  '1',
  'I agree',
  'Agree',
  'Ja',
  'Einverstanden',
  'Oui',
  "J'accepte",
  'Sí',
  'Acepto',
  'Akkoord',
];
export const DEFAULT_NO_ANSWERS: readonly string[] = ['No', 'N', 'false', '0', 'I do not agree', 'Nein', 'Non', 'Nee'];

/**
 * Case, accents, whitespace runs and surrounding punctuation do not matter: "  Sí. " reads "si",
 * "May we text you?*" matches "may we text you".
 */
export function normaliseAnswerText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/\s+/gu, ' ')
    .replace(/^[\s\p{P}\p{S}]+|[\s\p{P}\p{S}]+$/gu, '');
}

const answerText = (answer: ApplicationAnswer['answer']): string | null =>
  answer === null ? null : typeof answer === 'boolean' ? String(answer) : answer.trim() === '' ? null : answer;

/** The answer to a mapped question, matched by the question's text or its id. */
function findAnswer(question: string, answers: readonly ApplicationAnswer[]): ApplicationAnswer | undefined {
  const wanted = normaliseAnswerText(question);
  return answers.find((a) => normaliseAnswerText(a.question) === wanted || (a.questionId !== undefined && normaliseAnswerText(a.questionId) === wanted));
}

export function readConsentAnswer(mapping: ConsentQuestionMapping | null, answers: readonly ApplicationAnswer[]): ConsentReading {
  if (!mapping) return { answer: 'unknown', question: null, given: null };
  const found = findAnswer(mapping.question, answers);
  const given = found ? answerText(found.answer) : null;
  if (!found || given === null) return { answer: 'unknown', question: found?.question ?? null, given };
  const value = normaliseAnswerText(given);
  // A value in both lists is refused when the mapping is saved; if one slips through, unknown is the safe reading.
  const yes = mapping.yes.some((a) => normaliseAnswerText(a) === value);
  const no = mapping.no.some((a) => normaliseAnswerText(a) === value);
  if (yes === no) return { answer: 'unknown', question: found.question, given };
  return { answer: yes ? 'yes' : 'no', question: found.question, given };
}

/** Each channel's reading of one application. */
export function readConsentAnswers(mapping: ConsentMapping, answers: readonly ApplicationAnswer[]): Record<Channel, ConsentReading> {
  return { sms: readConsentAnswer(mapping.sms, answers), whatsapp: readConsentAnswer(mapping.whatsapp, answers) };
}

/** The answers that would read as both yes and no: a mapping with any is refused. */
export function ambiguousAnswers(mapping: Pick<ConsentQuestionMapping, 'yes' | 'no'>): string[] {
  const no = new Set(mapping.no.map(normaliseAnswerText));
  return mapping.yes.filter((answer) => no.has(normaliseAnswerText(answer)));
}
