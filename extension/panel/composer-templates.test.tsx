import { beforeEach, describe, expect, test } from 'vitest';
import type { Channel } from '@shared/api/channels.ts';
import type { Template } from '@shared/api/templates.ts';
import { mergeValuesOf, type MergeValues } from '@shared/domain/template.ts';
import { createApi } from '../api/client.ts';
import { allByTestId, byTestId, click, typeInto, until } from '../testing/dom.ts';
import { renderAsync } from '../testing/render.tsx';
import { ApiProvider } from '../ui/api-context.tsx';
import { Composer } from './composer.tsx';
import type { Draft } from './use-draft.ts';

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
const invitation = template({
  id: 'tpl-interview',
  name: 'Interview invitation',
  body: 'Hi {{candidate.first_name | "there"}}, {{company.name}} invites you to {{interview.title}} on {{interview.date}} at {{interview.time}}, {{interview.location | "online"}}. Details: {{interview.link}}',
  purpose: 'interview_invitation',
});
const stored = [
  template({}),
  invitation,
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
let drafts: Draft[];

beforeEach(() => {
  searches = [];
  sent = [];
  drafts = [];
});

/** Answers GET /v1/templates like the worker: filtered by `q` over names and bodies. */
const fakeFetch: typeof fetch = async (input) => {
  const url = new URL(String(input));
  searches.push(url.searchParams);
  const q = url.searchParams.get('q')?.toLowerCase() ?? '';
  const templates = stored.filter((t) => `${t.name} ${t.body}`.toLowerCase().includes(q));
  return new Response(JSON.stringify({ templates }), { status: 200, headers: { 'content-type': 'application/json' } });
};

type Options = { values?: MergeValues; language?: string; channel?: Channel; initialDraft?: Draft };

async function renderComposer({ values = adaValues, language = 'de', channel = 'sms', initialDraft }: Options = {}) {
  const api = createApi({ origin: 'http://worker.test', getToken: async () => 'token', fetch: fakeFetch });
  await renderAsync(
    <ApiProvider api={api}>
      <Composer
        label="Message Ada by SMS"
        lockedReason={null}
        onSend={async (body, templateId) => void sent.push({ body, templateId })}
        templates={{ channel, language, timeZone: 'Europe/Berlin', recipient: 'Ada', values }}
        onDraftChange={(draft) => drafts.push(draft)}
        {...(initialDraft ? { initialDraft } : {})}
      />
    </ApiProvider>,
  );
}

async function insert(name: string) {
  await click(byTestId('template-picker-toggle'));
  const option = await until(() => allByTestId('template-option').find((o) => o.textContent?.includes(name)));
  await click(option);
}

/** An inline field by its accessible name, as a screen reader announces it. */
const field = (label: string) => document.querySelector<HTMLInputElement>(`[data-testid="merge-form"] input[aria-label="${label}"]`);
/** Everything the recruiter can see of the message: its text, and what each field holds or suggests. */
const shown = () => {
  const form = byTestId('merge-form')!;
  return [form.textContent, ...[...form.querySelectorAll('input')].flatMap((i) => [i.value, i.placeholder])].join(' ');
};
/** Types into the fields named, as a recruiter tabbing through them would. */
async function fill(values: Record<string, string>) {
  for (const [label, value] of Object.entries(values)) await typeInto(field(label)!, value);
}
/** Sends, and checks the candidate gets exactly `body` as free text. */
async function sendsExactly(body: string) {
  await click(byTestId('send'));
  expect(sent).toEqual([{ body, templateId: null }]);
}
const sendDisabled = () => byTestId<HTMLButtonElement>('send')!.disabled;

describe('templates in the composer', () => {
  test("searches the channel's templates, the candidate's language first", async () => {
    await renderComposer({ language: 'de' });
    await click(byTestId('template-picker-toggle'));
    await until(() => allByTestId('template-option').length === 4);
    expect(allByTestId('template-option').map((o) => o.querySelector('.template-picker__name')?.textContent)).toEqual([
      'Kurzer Gruß',
      'Quick hello',
      'Interview invitation',
      'Salut',
    ]);
    expect(searches.at(-1)?.get('channel')).toBe('sms');

    await typeInto(byTestId<HTMLInputElement>('template-search')!, 'bonjour');
    await until(() => allByTestId('template-option').length === 1);
    expect(searches.at(-1)?.get('q')).toBe('bonjour');
  });

  test('inserts the template as the text Ada will read, never its syntax, and sends that text', async () => {
    await renderComposer();
    await insert('Quick hello');
    expect(byTestId('composer')).toBeNull();
    expect(byTestId('merge-form')!.textContent).toBe('Hi Ada, Rita from Northwind Talent here.');
    expect(byTestId('merge-form')!.querySelectorAll('input')).toHaveLength(0);
    // The form is the message as sent: nothing to pick, so it is not shown a second time.
    expect(byTestId('template-preview')).toBeNull();
    expect(byTestId('composer-count')!.textContent).toBe('40 / 1600 characters · GSM-7 · 1 segment');
    expect(byTestId('template-option')).toBeNull();
    // Nothing to fill: Send is next.
    expect(document.activeElement).toBe(byTestId('send'));

    await sendsExactly('Hi Ada, Rita from Northwind Talent here.');
    await until(() => byTestId<HTMLTextAreaElement>('composer')?.value === '');
    expect(byTestId('merge-form')).toBeNull();
    // Ready for the next message.
    await until(() => document.activeElement === byTestId('composer'));
  });

  test('asks for what the panel does not know in the text itself, labelled, in reading order, the default as a placeholder', async () => {
    await renderComposer({ language: 'en' });
    await insert('Interview invitation');
    expect(shown()).not.toContain('{{');
    expect(byTestId('merge-form')!.textContent).toBe('Hi Ada, Northwind Talent invites you to  on  at , . Details: ');
    const inputs = [...byTestId('merge-form')!.querySelectorAll('input')];
    // Tab follows the document: the fields in the order the sentence uses them.
    expect(inputs.map((i) => [i.getAttribute('aria-label'), i.type, i.placeholder, i.required])).toEqual([
      ['Interview title', 'text', 'Interview title', true],
      ['Interview date', 'date', 'Interview date', true],
      ['Interview time', 'time', 'Interview time', true],
      ['Interview location', 'text', 'online', false],
      ['Interview link', 'url', 'Interview link', true],
    ]);
    expect(inputs.every((i) => i.tabIndex >= 0)).toBe(true);
    expect(document.activeElement).toBe(field('Interview title'));
    expect(sendDisabled()).toBe(true);
    expect(byTestId('merge-missing')!.textContent).toBe('To send, fill in: interview title, interview date, interview time, interview link.');
    // The words so far ("Hi Ada, Northwind Talent invites you to  on  at , online. Details:"), not 0.
    expect(byTestId('composer-count')!.textContent).toBe('66 / 1600 characters');
  });

  test('fills the fields into the exact text, the picked date and time as the candidate writes them; Send waits for the required ones', async () => {
    await renderComposer({ language: 'en' });
    await insert('Interview invitation');
    await fill({ 'Interview title': 'a second interview', 'Interview date': '2026-12-08', 'Interview time': '10:00' });
    expect(sendDisabled()).toBe(true);
    expect(byTestId('merge-missing')!.textContent).toBe('To send, fill in: interview link.');
    await typeInto(field('Interview link')!, 'https://meet.example/ada');
    expect(sendDisabled()).toBe(false);
    expect(byTestId('merge-missing')).toBeNull();
    const text =
      'Hi Ada, Northwind Talent invites you to a second interview on Tuesday, December 8, 2026 at 10:00 (Europe/Berlin), online. Details: https://meet.example/ada';
    expect(byTestId('template-preview')!.textContent).toBe(text);
    expect(byTestId('composer-count')!.textContent).toBe('155 / 1600 characters · GSM-7 · 1 segment');

    await typeInto(field('Interview location')!, 'our Berlin office');
    await sendsExactly(
      'Hi Ada, Northwind Talent invites you to a second interview on Tuesday, December 8, 2026 at 10:00 (Europe/Berlin), our Berlin office. Details: https://meet.example/ada',
    );
  });

  test("writes a picked date in the candidate's language", async () => {
    await renderComposer({ language: 'de' });
    await insert('Interview invitation');
    await fill({ 'Interview title': 'Zweitgespräch', 'Interview date': '2026-12-08', 'Interview time': '14:30', 'Interview link': 'https://meet.example/ada' });
    expect(byTestId('template-preview')!.textContent).toBe(
      'Hi Ada, Northwind Talent invites you to Zweitgespräch on Dienstag, 8. Dezember 2026 at 14:30 (Europe/Berlin), online. Details: https://meet.example/ada',
    );
  });

  test('switches to free editing of the rendered text, a blank field marked to replace before Send', async () => {
    await renderComposer({ language: 'en' });
    await insert('Interview invitation');
    await fill({ 'Interview title': 'a call', 'Interview date': '2026-12-08', 'Interview link': 'https://meet.example/ada' });
    await click(byTestId('edit-as-text'));
    const textarea = byTestId<HTMLTextAreaElement>('composer')!;
    expect(textarea.value).toBe(
      'Hi Ada, Northwind Talent invites you to a call on Tuesday, December 8, 2026 at [Interview time], online. Details: https://meet.example/ada',
    );
    expect(byTestId('merge-form')).toBeNull();
    expect(sendDisabled()).toBe(true);
    expect(byTestId('merge-holes')!.textContent).toBe('Replace [Interview time] before sending.');

    await typeInto(
      textarea,
      'Hi Ada, Northwind Talent invites you to a call on Tuesday, December 8, 2026 at 9 am your time. Details: https://meet.example/ada',
    );
    expect(sendDisabled()).toBe(false);
    expect(byTestId('merge-holes')).toBeNull();
    await sendsExactly('Hi Ada, Northwind Talent invites you to a call on Tuesday, December 8, 2026 at 9 am your time. Details: https://meet.example/ada');
  });

  test('keeps a half-filled template as the draft and opens it as the form again', async () => {
    await renderComposer({ language: 'en' });
    await insert('Interview invitation');
    await typeInto(field('Interview date')!, '2026-12-08');
    expect(drafts.at(-1)).toEqual({
      body: 'Hi {{candidate.first_name | "there"}}, {{company.name}} invites you to {{interview.title}} on Tuesday, December 8, 2026 at {{interview.time}}, {{interview.location | "online"}}. Details: {{interview.link}}',
      templateId: 'tpl-interview',
    });

    document.body.innerHTML = '';
    await renderComposer({ language: 'en', initialDraft: drafts.at(-1)! });
    expect(byTestId('merge-form')!.textContent).toBe('Hi Ada, Northwind Talent invites you to  on Tuesday, December 8, 2026 at , . Details: ');
    expect([...byTestId('merge-form')!.querySelectorAll('input')].map((i) => i.getAttribute('aria-label'))).toEqual([
      'Interview title',
      'Interview time',
      'Interview location',
      'Interview link',
    ]);
  });

  test('an approved WhatsApp template left as it is goes as the approved template', async () => {
    stored.push(
      template({
        id: 'tpl-wa',
        name: 'Approved hello',
        channels: ['whatsapp'],
        body: 'Hi {{candidate.first_name}}, {{recruiter.first_name}} here.',
        whatsapp: { id: 'hello_v1', language: 'en', variables: ['{{candidate.first_name}}', '{{recruiter.first_name}}'] },
      }),
    );
    try {
      await renderComposer({ channel: 'whatsapp' });
      await insert('Approved hello');
      expect(byTestId('merge-form')!.textContent).toBe('Hi Ada, Rita here.');
      await click(byTestId('send'));
      expect(sent).toEqual([{ body: 'Hi {{candidate.first_name}}, {{recruiter.first_name}} here.', templateId: 'tpl-wa' }]);
    } finally {
      stored.pop();
    }
  });

  test("warns when the candidate's name switches the message to UCS-2", async () => {
    await renderComposer({ values: { ...adaValues, 'candidate.first_name': 'Zoë' } });
    await insert('Quick hello');
    expect(byTestId('composer-count')!.textContent).toBe('40 / 1600 characters · UCS-2 · 1 segment');
    expect(byTestId('template-warning')!.textContent).toMatch(/"Zoë" \(\{\{candidate\.first_name\}\}\) has ë/);
  });

  test('a cleared template leaves free text', async () => {
    await renderComposer();
    await insert('Quick hello');
    await click(byTestId('template-discard'));
    expect(byTestId('merge-form')).toBeNull();
    await typeInto(byTestId<HTMLTextAreaElement>('composer')!, 'Plain words');
    expect(byTestId('template-preview')).toBeNull();
    await sendsExactly('Plain words');
  });
});
