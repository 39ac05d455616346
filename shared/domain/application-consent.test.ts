import { describe, expect, it } from 'vitest';
import {
  ambiguousAnswers,
  type ApplicationAnswer,
  type ConsentMapping,
  DEFAULT_NO_ANSWERS,
  DEFAULT_YES_ANSWERS,
  normaliseAnswerText,
  readConsentAnswer,
  readConsentAnswers,
} from './application-consent.ts';

const SMS_QUESTION = 'May we text you about your application?';
const smsOnly = (yes = DEFAULT_YES_ANSWERS, no = DEFAULT_NO_ANSWERS): ConsentMapping => ({ sms: { question: SMS_QUESTION, yes, no }, whatsapp: null });

describe('readConsentAnswers', () => {
  it.each(['Yes', 'yes', ' YES ', 'true', 'Ja', 'Oui', 'Sí', 'si', 'Yes.'])('reads %j as yes', (given) => {
    expect(readConsentAnswers(smsOnly(), [{ question: SMS_QUESTION, answer: given }]).sms).toEqual({ answer: 'yes', question: SMS_QUESTION, given });
  });

  it.each(['No', 'no', 'false', 'Nein', 'Non', 'Nee'])('reads %j as no', (given) => {
    expect(readConsentAnswers(smsOnly(), [{ question: SMS_QUESTION, answer: given }]).sms.answer).toBe('no');
  });

  it('reads booleans (a checkbox in a JSON payload) as true/false', () => {
    expect(readConsentAnswers(smsOnly(), [{ question: SMS_QUESTION, answer: true }]).sms.answer).toBe('yes');
    expect(readConsentAnswers(smsOnly(), [{ question: SMS_QUESTION, answer: false }]).sms.answer).toBe('no');
  });

  it('matches the question by its text whatever the case and whitespace, or by its id', () => {
    const answers: ApplicationAnswer[] = [{ question: '  may WE   text you about your application? *', answer: 'Yes' }];
    expect(readConsentAnswers(smsOnly(), answers).sms.answer).toBe('yes');
    const byId: ConsentMapping = { sms: null, whatsapp: { question: 'question_4821', yes: ['Yes'], no: ['No'] } };
    expect(readConsentAnswers(byId, [{ questionId: 'question_4821', question: 'WhatsApp?', answer: 'No' }]).whatsapp).toEqual({
      answer: 'no',
      question: 'WhatsApp?',
      given: 'No',
    });
  });

  it('is unknown when the question is absent, unanswered, or answered with a value the mapping does not list', () => {
    expect(readConsentAnswers(smsOnly(), []).sms).toEqual({ answer: 'unknown', question: null, given: null });
    expect(readConsentAnswers(smsOnly(), [{ question: SMS_QUESTION, answer: null }]).sms).toEqual({ answer: 'unknown', question: SMS_QUESTION, given: null });
    expect(readConsentAnswers(smsOnly(), [{ question: SMS_QUESTION, answer: '  ' }]).sms.answer).toBe('unknown');
    expect(readConsentAnswers(smsOnly(), [{ question: SMS_QUESTION, answer: 'Maybe' }]).sms).toEqual({
      answer: 'unknown',
      question: SMS_QUESTION,
      given: 'Maybe',
    });
    expect(readConsentAnswers(smsOnly(), [{ question: 'Another question', answer: 'Yes' }]).sms.answer).toBe('unknown');
  });

  it('reads only the mapped channels: an unmapped channel stays unknown whatever the form says', () => {
    const reading = readConsentAnswers(smsOnly(), [{ question: SMS_QUESTION, answer: 'Yes' }]);
    expect(reading.whatsapp).toEqual({ answer: 'unknown', question: null, given: null });
  });

  it("uses the admin's own answers instead of the defaults", () => {
    const custom = smsOnly(['I consent'], ['I do not consent']);
    expect(readConsentAnswers(custom, [{ question: SMS_QUESTION, answer: 'I consent' }]).sms.answer).toBe('yes');
    expect(readConsentAnswers(custom, [{ question: SMS_QUESTION, answer: 'Yes' }]).sms.answer).toBe('unknown');
  });

  it('reads an answer listed as both yes and no as unknown', () => {
    expect(readConsentAnswer({ question: SMS_QUESTION, yes: ['Ok'], no: ['OK'] }, [{ question: SMS_QUESTION, answer: 'ok' }]).answer).toBe('unknown');
  });
});

describe('ambiguousAnswers', () => {
  it('names the answers that would mean both yes and no', () => {
    expect(ambiguousAnswers({ yes: ['Yes', 'Ok'], no: ['No', ' ok '] })).toEqual(['Ok']);
    expect(ambiguousAnswers({ yes: DEFAULT_YES_ANSWERS, no: DEFAULT_NO_ANSWERS })).toEqual([]);
  });
});

describe('normaliseAnswerText', () => {
  it('drops case, accents, whitespace runs and surrounding punctuation', () => {
    expect(normaliseAnswerText('  Sí. ')).toBe('si');
    expect(normaliseAnswerText('May we\n text  you?*')).toBe('may we text you');
    expect(normaliseAnswerText("J'accepte")).toBe("j'accepte");
  });
});
