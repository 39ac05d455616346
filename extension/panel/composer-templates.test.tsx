import { beforeEach, describe, expect, test } from 'vitest';
import type { Template } from '@shared/api/templates.ts';
import { mergeValuesOf, type MergeValues } from '@shared/domain/template.ts';
import { createApi } from '../api/client.ts';
import { allByTestId, byTestId, click, typeInto, until } from '../testing/dom.ts';
import { renderAsync } from '../testing/render.tsx';
import { ApiProvider } from '../ui/api-context.tsx';
import { Composer } from './composer.tsx';

const template = (overrides: Partial<Template>): Template => ({
  id: 'tpl-1',
  name: 'Quick hello',
  language: 'en',
  channels: ['sms'],
  body: 'Hi {{candidate.first_name}}, {{recruiter.first_name}} from {{company.name}} here.',
  whatsapp: null,
  purpose: null,
  updatedAt: '2026-11-28T09:00:00.000Z',
  ...overrides,
});
const stored = [
  template({}),
  template({ id: 'tpl-de', name: 'Kurzer Gruß', language: 'de', body: 'Hallo {{candidate.first_name}}!' }),
  template({ id: 'tpl-fr', name: 'Salut', language: 'fr', body: 'Bonjour {{candidate.first_name}} !' }),
];
const adaValues = mergeValuesOf({
  candidate: { name: 'Ada Lovelace', jobTitle: 'Senior Backend Engineer' },
  companyName: 'Northwind Talent',
  recruiterName: 'Rita Ortiz',
  interview: null,
});

let searches: URLSearchParams[];
let sent: { body: string; templateId: string | null }[];

beforeEach(() => {
  searches = [];
  sent = [];
});

/** Answers GET /v1/templates like the worker: filtered by `q` over names and bodies. */
const fakeFetch: typeof fetch = async (input) => {
  const url = new URL(String(input));
  searches.push(url.searchParams);
  const q = url.searchParams.get('q')?.toLowerCase() ?? '';
  const templates = stored.filter((t) => `${t.name} ${t.body}`.toLowerCase().includes(q));
  return new Response(JSON.stringify({ templates }), { status: 200, headers: { 'content-type': 'application/json' } });
};

async function renderComposer(values: MergeValues = adaValues, language = 'de') {
  const api = createApi({ origin: 'http://worker.test', getToken: async () => 'token', fetch: fakeFetch });
  await renderAsync(
    <ApiProvider api={api}>
      <Composer
        label="Message Ada by SMS"
        lockedReason={null}
        onSend={async (body, templateId) => void sent.push({ body, templateId })}
        templates={{ channel: 'sms', language, recipient: 'Ada', values }}
      />
    </ApiProvider>,
  );
}

async function insert(name: string) {
  await click(byTestId('template-picker-toggle'));
  const option = await until(() => allByTestId('template-option').find((o) => o.textContent?.includes(name)));
  await click(option);
}

describe('templates in the composer', () => {
  test("searches the channel's templates, the candidate's language first", async () => {
    await renderComposer(adaValues, 'de');
    await click(byTestId('template-picker-toggle'));
    await until(() => allByTestId('template-option').length === 3);
    expect(allByTestId('template-option').map((o) => o.querySelector('.template-picker__name')?.textContent)).toEqual(['Kurzer Gruß', 'Quick hello', 'Salut']);
    expect(searches.at(-1)?.get('channel')).toBe('sms');

    await typeInto(byTestId<HTMLInputElement>('template-search')!, 'bonjour');
    await until(() => allByTestId('template-option').length === 1);
    expect(searches.at(-1)?.get('q')).toBe('bonjour');
  });

  test("inserts the template and previews it with the candidate's real values, segments and encoding", async () => {
    await renderComposer();
    await insert('Quick hello');
    expect(byTestId<HTMLTextAreaElement>('composer')!.value).toBe(stored[0]!.body);
    expect(byTestId('template-preview')!.textContent).toBe('Hi Ada, Rita from Northwind Talent here.');
    expect(byTestId('template-encoding')!.textContent).toBe('GSM-7 · 1 segment');
    expect(byTestId('template-option')).toBeNull();
  });

  test('follows edits live and sends the edited template with its id', async () => {
    await renderComposer();
    await insert('Quick hello');
    await typeInto(byTestId<HTMLTextAreaElement>('composer')!, 'Hi {{candidate.first_name}}, still keen on {{job.title}}?');
    expect(byTestId('template-preview')!.textContent).toBe('Hi Ada, still keen on Senior Backend Engineer?');
    await click(byTestId('send'));
    expect(sent).toEqual([{ body: 'Hi {{candidate.first_name}}, still keen on {{job.title}}?', templateId: 'tpl-1' }]);
    await until(() => byTestId<HTMLTextAreaElement>('composer')!.value === '');
    expect(byTestId('template-preview')).toBeNull();
  });

  test('explains what cannot be filled and will not send until it is fixed', async () => {
    await renderComposer();
    await insert('Quick hello');
    await typeInto(byTestId<HTMLTextAreaElement>('composer')!, 'See you on {{interview.date}}, {{candidate.firstname}}');
    const problems = byTestId('template-problems')!.textContent;
    expect(problems).toContain('{{interview.date}} has no value here and no fallback');
    expect(problems).toContain('Did you mean {{candidate.first_name}}?');
    expect(byTestId<HTMLButtonElement>('send')!.disabled).toBe(true);

    await typeInto(byTestId<HTMLTextAreaElement>('composer')!, 'See you on Tuesday, {{candidate.first_name}}');
    expect(byTestId('template-problems')).toBeNull();
    expect(byTestId<HTMLButtonElement>('send')!.disabled).toBe(false);
  });

  test("warns when the candidate's name switches the message to UCS-2", async () => {
    await renderComposer({ ...adaValues, 'candidate.first_name': 'Zoë' });
    await insert('Quick hello');
    expect(byTestId('template-encoding')!.textContent).toBe('UCS-2 · 1 segment');
    expect(byTestId('template-warning')!.textContent).toMatch(/"Zoë" \(\{\{candidate\.first_name\}\}\) has ë/);
  });

  test('a cleared draft is free text again', async () => {
    await renderComposer();
    await insert('Quick hello');
    await typeInto(byTestId<HTMLTextAreaElement>('composer')!, '');
    await typeInto(byTestId<HTMLTextAreaElement>('composer')!, 'Plain words');
    expect(byTestId('template-preview')).toBeNull();
    await click(byTestId('send'));
    expect(sent).toEqual([{ body: 'Plain words', templateId: null }]);
  });
});
