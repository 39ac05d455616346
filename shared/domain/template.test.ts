import { describe, expect, it } from 'vitest';
import {
  checkTemplate,
  describeProblems,
  enteredMergeValues,
  fieldsOf,
  mergeForm,
  nonGsmCharacters,
  mergeValuesOf,
  previewTemplate,
  renderTemplate,
  splitName,
  type MergeValues,
  withValues,
} from './template.ts';

const ada: MergeValues = mergeValuesOf({
  candidate: { name: 'Ada Lovelace', jobTitle: 'Senior Backend Engineer' },
  companyName: 'Northwind Talent',
  recruiterName: 'Rita Ortiz',
  interview: { date: 'Tuesday 3 December', time: '10:00', location: '1 Market St, San Francisco' },
});

const rendered = (source: string, values: MergeValues = ada) => {
  const result = renderTemplate(source, values);
  if (!result.ok) throw new Error(describeProblems(result.problems));
  return result.text;
};
const problemsOf = (source: string, values: MergeValues = ada) => {
  const result = renderTemplate(source, values);
  return result.ok ? [] : result.problems;
};

describe('merge fields', () => {
  it('fills every field from the candidate, the company, the recruiter and the interview', () => {
    expect(
      rendered(
        '{{candidate.first_name}} {{candidate.last_name}} / {{job.title}} / {{company.name}} / {{recruiter.first_name}} = {{recruiter.name}} / {{interview.date}} {{interview.time}} {{interview.location}}',
      ),
    ).toBe('Ada Lovelace / Senior Backend Engineer / Northwind Talent / Rita = Rita Ortiz / Tuesday 3 December 10:00 1 Market St, San Francisco');
  });

  it('allows spaces inside the braces and leaves text without placeholders alone', () => {
    expect(rendered('Hi {{  candidate.first_name  }}!')).toBe('Hi Ada!');
    expect(rendered('No fields at all, {single} braces and a lone } are text.')).toBe('No fields at all, {single} braces and a lone } are text.');
  });

  it('lists the fields a template uses, once each, in order', () => {
    expect(fieldsOf('{{job.title}} {{candidate.first_name}} {{job.title | "x"}} {{nope.x}}')).toEqual(['job.title', 'candidate.first_name']);
  });
});

describe('fallbacks', () => {
  const noName = { ...ada, 'candidate.first_name': null };

  it('uses the fallback only when the value is missing or blank', () => {
    expect(rendered('Hi {{candidate.first_name | "there"}},')).toBe('Hi Ada,');
    expect(rendered('Hi {{candidate.first_name | "there"}},', noName)).toBe('Hi there,');
    expect(rendered('Hi {{candidate.first_name | "there"}},', { ...ada, 'candidate.first_name': '   ' })).toBe('Hi there,');
  });

  it('takes single and curly quotes, escaped quotes, and an explicitly empty fallback', () => {
    expect(rendered("Hi {{candidate.first_name | 'there'}}", noName)).toBe('Hi there');
    expect(rendered('Hi {{candidate.first_name | “there”}}', noName)).toBe('Hi there');
    expect(rendered('Hi {{candidate.first_name | "\\"friend\\""}}', noName)).toBe('Hi "friend"');
    expect(rendered('Hi{{candidate.first_name | ""}}!', noName)).toBe('Hi!');
  });
});

describe('what cannot be rendered is an error with a clear message', () => {
  it('refuses an unknown field and suggests the one that was meant', () => {
    const [problem, ...rest] = problemsOf('Hi {{candidate.firstname}}');
    expect(rest).toEqual([]);
    expect(problem).toMatchObject({ code: 'unknown_field', field: 'candidate.firstname', at: 4 });
    expect(problem?.message).toBe('{{candidate.firstname}} at character 4 is not a merge field. Did you mean {{candidate.first_name}}?');
  });

  it('suggests the full name of a field cut short', () => {
    expect(problemsOf('{{candidate.first}}')[0]?.message).toMatch(/Did you mean \{\{candidate\.first_name\}\}\?/);
  });

  it('lists the fields when nothing is close', () => {
    expect(problemsOf('{{salary.amount}}')[0]?.message).toMatch(/Use one of: \{\{candidate\.first_name\}\}, .*\{\{interview\.location\}\}\./);
  });

  it('treats field names as case sensitive but still suggests the right one', () => {
    expect(problemsOf('{{Candidate.First_Name}}')[0]?.message).toMatch(/Did you mean \{\{candidate\.first_name\}\}\?/);
  });

  it('refuses an empty value without a fallback, naming the field', () => {
    const problems = problemsOf('Your interview is on {{interview.date}} at {{interview.time | "a time we agree"}}.', {
      ...ada,
      'interview.date': null,
      'interview.time': null,
    });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ code: 'empty_value', field: 'interview.date' });
    expect(problems[0]?.message).toMatch(/^\{\{interview\.date\}\} has no value here and no fallback/);
  });

  it('reports every problem at once, not just the first', () => {
    const problems = problemsOf('{{candidate.firstname}} {{interview.date}} {{job.title}}', { ...ada, 'interview.date': '' });
    expect(problems.map((p) => p.code).sort()).toEqual(['empty_value', 'unknown_field']);
    expect(describeProblems(problems)).toContain('{{interview.date}} has no value');
  });

  it('refuses a placeholder that is not a field expression', () => {
    for (const source of ['{{}}', '{{ candidate first name }}', '{{candidate.first_name | there}}', '{{candidate.first_name | "a" | "b"}}']) {
      expect(
        problemsOf(source).map((p) => p.code),
        source,
      ).toEqual(['malformed']);
    }
  });
});

describe('odd and nested braces', () => {
  it.each([
    ['{{{candidate.first_name}}}', 'nested_braces'],
    ['{{candidate.first_name}}}', 'nested_braces'],
    ['{{ {{candidate.first_name}} }}', 'nested_braces'],
    ['{{candidate.{{job.title}}}}', 'nested_braces'],
    ['Hi {{candidate.first_name', 'unclosed'],
    ['Hi {{candidate.first_name} see you', 'unclosed'],
    ['Hi candidate.first_name}}', 'stray_close'],
    ['Hi {candidate.first_name}', 'single_braces'],
    ['Hi {candidate.first_name | "there"}', 'single_braces'],
  ])('%s → %s, never sent as text', (source, code) => {
    const problems = problemsOf(source);
    expect(problems.map((p) => p.code)).toContain(code);
    expect(renderTemplate(source, ada).ok).toBe(false);
  });

  it('says where the problem is, counting from 1', () => {
    expect(problemsOf('ab {{x')[0]).toMatchObject({ code: 'unclosed', at: 4, message: '"{{" at character 4 is never closed with "}}".' });
    expect(problemsOf('abc}}')[0]).toMatchObject({ code: 'stray_close', at: 4 });
  });
});

describe('values are plain text', () => {
  it('never expands placeholders that come in a value', () => {
    const sneaky = { ...ada, 'candidate.first_name': '{{company.name}}', 'job.title': '{{job.title}} {{' };
    expect(rendered('Hi {{candidate.first_name}}, {{job.title}}', sneaky)).toBe('Hi {{company.name}}, {{job.title}} {{');
  });

  it('inserts markup and dollar patterns literally', () => {
    const odd = { ...ada, 'candidate.last_name': "<b>$& $' $1</b>" };
    expect(rendered('{{candidate.last_name}}', odd)).toBe("<b>$& $' $1</b>");
  });

  it('trims values from the ATS', () => {
    expect(rendered('[{{candidate.first_name}}]', { ...ada, 'candidate.first_name': '  Ada \n' })).toBe('[Ada]');
  });
});

describe('segments and encoding', () => {
  it('names the characters that force UCS-2, once each, whole emoji included', () => {
    expect(nonGsmCharacters('Hello Grüße')).toEqual([]);
    expect(nonGsmCharacters('Zoë and Zoë 👩‍💻')).toEqual(['ë', '👩‍💻']);
  });

  it('warns when a value switches a GSM-7 template to UCS-2, naming the value and its characters', () => {
    const zoe = { ...ada, 'candidate.first_name': 'Zoë' };
    const preview = previewTemplate('Hi {{candidate.first_name}}, this is {{recruiter.first_name}}.', zoe);
    expect(preview.ok).toBe(true);
    if (!preview.ok) return;
    expect(preview.sms.encoding).toBe('UCS-2');
    expect(preview.warnings).toEqual([
      {
        field: 'candidate.first_name',
        characters: ['ë'],
        message: '"Zoë" ({{candidate.first_name}}) has ë, which GSM-7 cannot carry: the whole message goes as UCS-2, 70 characters a segment instead of 160.',
      },
    ]);
  });

  it('does not warn when the template itself is already UCS-2, nor for GSM-7 values', () => {
    const zoe = { ...ada, 'candidate.first_name': 'Zoë' };
    const ucs = previewTemplate('¿Hola {{candidate.first_name}}? Entrevista el día {{interview.date}}', zoe);
    expect(ucs.ok && ucs.sms.encoding === 'UCS-2' && ucs.warnings).toEqual([]);
    const gsm = previewTemplate('Hi {{candidate.first_name}}, Grüße', { ...ada, 'candidate.first_name': 'Jürgen' });
    expect(gsm.ok && gsm.sms).toMatchObject({ encoding: 'GSM-7', segments: 1 });
    expect(gsm.ok && gsm.warnings).toEqual([]);
  });

  it('counts segments on the rendered text, not on the template', () => {
    const long = { ...ada, 'job.title': 'x'.repeat(160) };
    const preview = previewTemplate('Role: {{job.title}}', long);
    expect(preview.ok && preview.sms.segments).toBe(2);
  });

  it('passes render problems through', () => {
    expect(previewTemplate('{{nope.x}}', ada)).toMatchObject({ ok: false, problems: [{ code: 'unknown_field' }] });
  });
});

describe('where the values come from', () => {
  it('splits names the way people write them', () => {
    expect(splitName('Ada Lovelace')).toEqual({ first: 'Ada', last: 'Lovelace' });
    expect(splitName('  Ludwig  van Beethoven ')).toEqual({ first: 'Ludwig', last: 'van Beethoven' });
    expect(splitName('Madonna')).toEqual({ first: 'Madonna', last: null });
  });

  it('leaves interview fields empty until an interview exists', () => {
    const values = mergeValuesOf({ candidate: { name: 'Bo', jobTitle: null }, companyName: 'Acme', recruiterName: 'Rita Ortiz', interview: null });
    expect(values).toMatchObject({ 'candidate.last_name': null, 'job.title': null, 'recruiter.first_name': 'Rita', 'interview.date': null });
    expect(problemsOf('{{interview.date}}', values)[0]?.code).toBe('empty_value');
  });
});

describe('save-time check', () => {
  it('accepts a well-formed template whatever values will be missing later', () => {
    expect(checkTemplate('Hi {{candidate.first_name}}, see you {{interview.date}}.')).toEqual([]);
  });

  it('catches syntax and unknown fields before anything is stored', () => {
    expect(checkTemplate('Hi {{candidate.first}} {{job.title').map((p) => p.code)).toEqual(['unknown_field', 'unclosed']);
  });
});

describe("the panel's merge-field form", () => {
  const noInterview = mergeValuesOf({
    candidate: { name: 'Ada Lovelace', jobTitle: 'Senior Backend Engineer' },
    companyName: 'Northwind Talent',
    recruiterName: 'Rita Ortiz',
    interview: null,
  });
  const invitation =
    'Hi {{candidate.first_name | "there"}}, {{company.name}} invites you on {{interview.date}} at {{interview.time}}, {{interview.location | "online"}}. See you {{interview.date}}!';

  it('writes known values as text and asks once for each unknown one, required unless it has a fallback', () => {
    const form = mergeForm(invitation, noInterview);
    expect(form).toEqual({
      ok: true,
      parts: [
        { kind: 'text', text: 'Hi Ada, Northwind Talent invites you on ' },
        { kind: 'input', field: 'interview.date', fallback: null },
        { kind: 'text', text: ' at ' },
        { kind: 'input', field: 'interview.time', fallback: null },
        { kind: 'text', text: ', ' },
        { kind: 'input', field: 'interview.location', fallback: 'online' },
        { kind: 'text', text: '. See you ' },
        { kind: 'echo', field: 'interview.date', fallback: null },
        { kind: 'text', text: '!' },
      ],
      inputs: ['interview.date', 'interview.time', 'interview.location'],
      required: ['interview.date', 'interview.time'],
    });
    expect(mergeForm('Hi {{candidate.firstname}}', noInterview).ok).toBe(false);
    // The interview form's own date control fills it: the text only echoes it.
    expect(mergeForm('On {{interview.date}}, {{job.title | "the job"}}', { 'job.title': null }, ['interview.date'])).toEqual({
      ok: true,
      parts: [
        { kind: 'text', text: 'On ' },
        { kind: 'echo', field: 'interview.date', fallback: null },
        { kind: 'text', text: ', ' },
        { kind: 'input', field: 'job.title', fallback: 'the job' },
      ],
      inputs: ['job.title'],
      required: [],
    });
  });

  it("writes a picked date and time the way the candidate's language and zone read them", () => {
    const de = enteredMergeValues(
      { 'interview.date': '2026-12-08', 'interview.time': '10:00', 'interview.location': '  ' },
      { language: 'de', timeZone: 'Europe/Berlin' },
    );
    expect(de).toEqual({ 'interview.date': 'Dienstag, 8. Dezember 2026', 'interview.time': '10:00 (Europe/Berlin)' });
    const en = enteredMergeValues({ 'interview.date': '2026-12-08' }, { language: 'en', timeZone: 'America/New_York' });
    expect(en).toEqual({ 'interview.date': 'Tuesday, December 8, 2026' });
    expect(renderTemplate(invitation, { ...noInterview, ...de })).toEqual({
      ok: true,
      text: 'Hi Ada, Northwind Talent invites you on Dienstag, 8. Dezember 2026 at 10:00 (Europe/Berlin), online. See you Dienstag, 8. Dezember 2026!',
    });
  });

  it('keeps a half-filled template as a template, fallbacks and all, but never writes a brace into one', () => {
    expect(withValues('On {{interview.date}} at {{interview.time}}, {{interview.location | "say \\"hi\\""}}', { 'interview.date': 'Tuesday' })).toBe(
      'On Tuesday at {{interview.time}}, {{interview.location | "say \\"hi\\""}}',
    );
    expect(renderTemplate(withValues('{{interview.location | "say \\"hi\\""}}', {})!, {})).toEqual({ ok: true, text: 'say "hi"' });
    expect(withValues("Hi {{ candidate.first_name | 'there' }}", {})).toBe("Hi {{ candidate.first_name | 'there' }}");
    expect(withValues('On {{interview.date}}', { 'interview.date': '{{company.name}}' })).toBeNull();
  });
});
