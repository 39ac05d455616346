import { describe, expect, it } from 'vitest';
import { TemplateInput, TemplatePurpose } from '../../shared/api/templates.ts';
import { smsSegments } from '../../shared/domain/segments.ts';
import { fieldsOf, mergeValuesOf, renderTemplate } from '../../shared/domain/template.ts';
import { DEFAULT_TEMPLATE_LANGUAGES, defaultTemplates } from './default-templates.ts';

// Plain ASCII values, so any UCS-2 below comes from the wording itself.
const values = mergeValuesOf({
  candidate: { name: 'Sam Taylor', jobTitle: 'Warehouse Associate' },
  companyName: 'Northwind Talent',
  recruiterName: 'Rita Ortiz',
  interview: {
    date: 'Tue 3 Dec',
    time: '10:00 (Europe/Berlin)',
    location: '1 Market St',
    title: 'Interview for Warehouse Associate',
    timezone: 'Europe/Berlin',
    interviewer: 'Rita Ortiz',
    // As long as a deployed link: an origin and a 50-character token.
    link: `https://parley.northwind.example/i/${'x'.repeat(50)}`,
  },
});

describe('default templates', () => {
  it('cover every purpose in every language, once', () => {
    const keys = defaultTemplates.map((t) => `${t.purpose}/${t.language}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys).toHaveLength(TemplatePurpose.options.length * DEFAULT_TEMPLATE_LANGUAGES.length);
  });

  it.each(defaultTemplates.map((t) => [`${t.purpose}/${t.language}`, t] as const))('%s saves, renders in GSM-7 within 2 segments', (_, t) => {
    expect(TemplateInput.safeParse({ ...t, whatsapp: null }).success).toBe(true);
    const rendered = renderTemplate(t.body, values);
    if (!rendered.ok) throw new Error(rendered.problems.map((p) => p.message).join(' '));
    expect(smsSegments(rendered.text).encoding).toBe('GSM-7');
    expect(smsSegments(rendered.text).segments).toBeLessThanOrEqual(2);
  });

  it('identify the sender without needing a job title or an interview', () => {
    for (const t of defaultTemplates.filter((d) => d.purpose === 'opt_in_identification')) {
      expect(fieldsOf(t.body)).toEqual(expect.arrayContaining(['recruiter.name', 'company.name']));
      expect(fieldsOf(t.body).filter((f) => f.startsWith('interview.') || f === 'job.title')).toEqual([]);
    }
  });
});
