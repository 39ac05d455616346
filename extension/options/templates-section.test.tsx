import { beforeEach, describe, expect, test } from 'vitest';
import type { User } from '@shared/api/auth.ts';
import type { Template } from '@shared/api/templates.ts';
import { createApi } from '../api/client.ts';
import { byTestId, click, typeInto, until } from '../testing/dom.ts';
import { renderAsync } from '../testing/render.tsx';
import { ApiProvider } from '../ui/api-context.tsx';
import { TemplatesSection } from './templates-section.tsx';

const admin: User = { id: 'u-1', tenantId: 't-1', tenantName: 'Acme', email: 'avery@acme.test', name: 'Avery Admin', role: 'admin' };
const reminder: Template = {
  id: 'tpl-1',
  name: 'Interview reminder',
  language: 'en',
  channels: ['sms', 'whatsapp'],
  body: 'See you on {{interview.date}}, {{candidate.first_name}}.',
  whatsapp: null,
  purpose: 'interview_reminder',
  updatedAt: '2026-11-28T09:00:00.000Z',
};

type Call = { method: string; path: string; body: unknown };
let calls: Call[];

beforeEach(() => {
  calls = [];
});

/** The worker's template routes, as far as this section uses them. */
const fakeFetch: typeof fetch = async (input, init) => {
  const url = new URL(String(input));
  const method = init?.method ?? 'GET';
  const body = typeof init?.body === 'string' ? (JSON.parse(init.body) as unknown) : null;
  calls.push({ method, path: url.pathname, body });
  const json = (status: number, payload: unknown) => new Response(JSON.stringify(payload), { status, headers: { 'content-type': 'application/json' } });
  if (method === 'GET') return json(200, { templates: [reminder] });
  if (method === 'DELETE') return new Response(null, { status: 204 });
  const saved = body as { name: string };
  if (saved.name === 'Taken') return json(409, { error: { code: 'conflict', message: 'There is already a template named "Taken" in en.', requestId: 'r' } });
  return json(method === 'POST' ? 201 : 200, { ...reminder, ...saved, id: 'tpl-new' });
};

async function renderSection() {
  const api = createApi({ origin: 'http://worker.test', getToken: async () => 'token', fetch: fakeFetch });
  await renderAsync(
    <ApiProvider api={api}>
      <TemplatesSection user={admin} />
    </ApiProvider>,
  );
}

describe('the Templates section', () => {
  test('creates a template, previewing it live on sample values', async () => {
    await renderSection();
    await until(() => byTestId('template-row'));
    await click(byTestId('template-new'));
    await typeInto(byTestId<HTMLInputElement>('template-name')!, 'Hello');
    await typeInto(byTestId<HTMLTextAreaElement>('template-body')!, 'Hi {{candidate.first_name}}, {{recruiter.first_name}} from {{company.name}}.');
    expect(byTestId('template-preview')!.textContent).toBe('Hi Ada, Avery from Acme.');

    await typeInto(byTestId<HTMLTextAreaElement>('template-body')!, 'Hi {{candidate.first}}');
    expect(byTestId('template-problems')!.textContent).toContain('Did you mean {{candidate.first_name}}?');
    // Save waits until the problems listed are fixed, and points at them.
    expect(byTestId<HTMLButtonElement>('template-save')!.disabled).toBe(true);
    expect(byTestId('template-save')!.getAttribute('aria-describedby')).toBe(byTestId('template-problems')!.id);

    await typeInto(byTestId<HTMLTextAreaElement>('template-body')!, 'Hi {{candidate.first_name}}');
    expect(byTestId<HTMLButtonElement>('template-save')!.disabled).toBe(false);
    await click(byTestId('template-channel-whatsapp'));
    await typeInto(byTestId<HTMLInputElement>('template-whatsapp-id')!, 'hello_v1');
    await click(byTestId('template-save'));
    await until(() => !byTestId('template-editor'));
    expect(calls.find((c) => c.method === 'POST')).toEqual({
      method: 'POST',
      path: '/v1/templates',
      body: {
        name: 'Hello',
        language: 'en',
        channels: ['sms', 'whatsapp'],
        body: 'Hi {{candidate.first_name}}',
        whatsapp: { id: 'hello_v1', language: 'en', variables: [] },
      },
    });
  });

  test("shows the worker's refusal and keeps the editor open", async () => {
    await renderSection();
    await click(await until(() => byTestId('template-new')));
    await typeInto(byTestId<HTMLInputElement>('template-name')!, 'Taken');
    await typeInto(byTestId<HTMLTextAreaElement>('template-body')!, 'Hi');
    await click(byTestId('template-save'));
    expect((await until(() => byTestId('template-save-error'))).textContent).toBe('There is already a template named "Taken" in en.');
    expect(byTestId('template-editor')).not.toBeNull();
  });

  test('edits and deletes an existing template', async () => {
    await renderSection();
    await click((await until(() => byTestId('template-row')))!.querySelector('button'));
    expect(byTestId<HTMLTextAreaElement>('template-body')!.value).toBe(reminder.body);
    expect(byTestId('template-preview')!.textContent).toBe('See you on Tuesday 3 December, Ada.');
    await typeInto(byTestId<HTMLTextAreaElement>('template-body')!, 'Reminder: {{interview.date}}');
    await click(byTestId('template-save'));
    await until(() => !byTestId('template-editor'));
    expect(calls.find((c) => c.method === 'PUT')).toMatchObject({ path: '/v1/templates/tpl-1', body: { body: 'Reminder: {{interview.date}}' } });

    globalThis.confirm = () => true;
    await click(byTestId('template-row')!.querySelector('button'));
    await click(byTestId('template-delete'));
    await until(() => calls.some((c) => c.method === 'DELETE' && c.path === '/v1/templates/tpl-1'));
  });
});
