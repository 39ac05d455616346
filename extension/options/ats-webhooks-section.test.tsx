import { act } from 'react';
import { beforeEach, expect, test } from 'vitest';
import type { AtsIntegration } from '@shared/api/ats-integrations.ts';
import { createApi } from '../api/client.ts';
import { renderAsync } from '../testing/render.tsx';
import { ApiProvider } from '../ui/api-context.tsx';
import { AtsWebhooksSection } from './ats-webhooks-section.tsx';

const copied: string[] = [];

beforeEach(() => {
  copied.length = 0;
  Object.defineProperty(navigator, 'clipboard', { configurable: true, value: { writeText: async (text: string) => void copied.push(text) } });
});

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

function type(element: HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement, value: string) {
  const setter = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(element), 'value')!.set!;
  setter.call(element, value);
  element.dispatchEvent(new Event(element instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true }));
}

const existing: AtsIntegration = {
  id: 'atsint_1',
  name: 'Greenhouse EU',
  format: 'greenhouse',
  enabled: true,
  webhookUrl: 'http://worker.test/webhooks/ats/atsint_1',
  consentMapping: { sms: { question: 'May we text you?', yes: ['Yes'], no: ['No'] }, whatsapp: null },
  createdAt: '2026-01-01T00:00:00.000Z',
};

const button = (label: string, within: ParentNode) => [...within.querySelectorAll('button')].find((b) => b.textContent === label)!;

test('admins add a webhook and see its URL and one-time secret with copy buttons, edit the questions, and disable it', async () => {
  const calls: { method: string; path: string; body: unknown }[] = [];
  let listed: AtsIntegration[] = [existing];
  const api = createApi({
    origin: 'http://worker.test',
    getToken: async () => 'token',
    fetch: async (input, init) => {
      const path = new URL(String(input instanceof Request ? input.url : input)).pathname;
      const method = init?.method ?? 'GET';
      const body = init?.body ? JSON.parse(String(init.body)) : undefined;
      calls.push({ method, path, body });
      if (method === 'GET') return json(200, { integrations: listed });
      if (method === 'POST' && path === '/v1/ats-integrations') {
        const created = {
          ...existing,
          id: 'atsint_2',
          name: body.name,
          format: body.format,
          webhookUrl: 'http://worker.test/webhooks/ats/atsint_2',
          secret: 's3cret-shown-once',
        };
        listed = [...listed, created];
        return json(201, created);
      }
      if (method === 'PATCH') {
        if (body.consentMapping.sms.yes.includes('No'))
          return json(422, { error: { code: 'validation_failed', message: 'an answer cannot mean both yes and no', requestId: 'r' } });
        // As the worker answers: omitted answer lists come back as the defaults.
        const withDefaults = (question: object | null) => question && { yes: ['Yes'], no: ['No'], ...question };
        return json(200, { ...existing, consentMapping: { sms: withDefaults(body.consentMapping.sms), whatsapp: withDefaults(body.consentMapping.whatsapp) } });
      }
      listed = listed.map((i) => (path.includes(i.id) ? { ...i, enabled: false } : i));
      return json(200, { ...existing, enabled: false });
    },
  });
  const { host } = await renderAsync(
    <ApiProvider api={api}>
      <AtsWebhooksSection />
    </ApiProvider>,
  );

  // The existing webhook: its URL (copyable) and its questions.
  const card = host.querySelector<HTMLFormElement>('[aria-label="ATS webhook Greenhouse EU"]')!;
  expect(card.textContent).toContain('http://worker.test/webhooks/ats/atsint_1');
  expect(card.querySelector<HTMLInputElement>('[aria-label="SMS question"]')!.value).toBe('May we text you?');
  await act(async () => host.querySelector<HTMLButtonElement>('[aria-label="Copy the webhook URL of Greenhouse EU"]')!.click());
  expect(copied).toEqual(['http://worker.test/webhooks/ats/atsint_1']);

  // Add one: the secret is shown once, with the URL, each copyable.
  const add = host.querySelector<HTMLFormElement>('[aria-label="Add an ATS webhook"]')!;
  await act(async () => type(add.querySelector<HTMLInputElement>('[aria-label="Name"]')!, 'Careers site'));
  await act(async () => type(add.querySelector<HTMLSelectElement>('[aria-label="Format"]')!, 'generic'));
  await act(async () => type(add.querySelector<HTMLInputElement>('[aria-label="WhatsApp question"]')!, 'WhatsApp OK?'));
  await act(async () => type(add.querySelector<HTMLTextAreaElement>('[aria-label="WhatsApp yes answers"]')!, 'Yes, I agree\nSure'));
  await act(async () => add.requestSubmit());
  expect(calls.find((c) => c.method === 'POST')?.body).toEqual({
    name: 'Careers site',
    format: 'generic',
    consentMapping: { sms: null, whatsapp: { question: 'WhatsApp OK?', yes: ['Yes, I agree', 'Sure'] } },
  });
  const shown = host.querySelector('[data-testid="ats-created"]')!;
  expect(shown.querySelector('[data-testid="ats-created-secret"]')!.textContent).toBe('s3cret-shown-once');
  expect(shown.querySelector('[data-testid="ats-created-url"]')!.textContent).toBe('http://worker.test/webhooks/ats/atsint_2');
  await act(async () => host.querySelector<HTMLButtonElement>('[aria-label="Copy the secret"]')!.click());
  expect(copied.at(-1)).toBe('s3cret-shown-once');
  await act(async () => button('I have saved it', host).click());
  expect(host.textContent).not.toContain('s3cret-shown-once');

  // Edit the questions: a refusal is shown, a fix saves.
  await act(async () => type(card.querySelector<HTMLTextAreaElement>('[aria-label="SMS yes answers"]')!, 'Yes\nNo'));
  await act(async () => card.requestSubmit());
  expect(card.querySelector('[role="alert"]')?.textContent).toContain('both yes and no');
  await act(async () => type(card.querySelector<HTMLTextAreaElement>('[aria-label="SMS yes answers"]')!, 'Yes\nJa'));
  await act(async () => type(card.querySelector<HTMLInputElement>('[aria-label="WhatsApp question"]')!, 'question_77'));
  await act(async () => card.requestSubmit());
  expect(calls.filter((c) => c.method === 'PATCH').at(-1)).toEqual({
    method: 'PATCH',
    path: '/v1/ats-integrations/atsint_1',
    body: { consentMapping: { sms: { question: 'May we text you?', yes: ['Yes', 'Ja'], no: ['No'] }, whatsapp: { question: 'question_77' } } },
  });
  expect(card.querySelector('[role="status"]')?.textContent).toBe('Saved.');

  // Disable: the list reloads and the webhook shows as disabled, without its editor.
  await act(async () => button('Disable', card).click());
  expect(calls.some((c) => c.method === 'POST' && c.path === '/v1/ats-integrations/atsint_1/disable')).toBe(true);
  const disabled = host.querySelector('[data-testid="ats-integration"][data-enabled="false"]')!;
  expect(disabled.textContent).toContain('Greenhouse EU');
  expect(disabled.querySelector('[aria-label="SMS question"]')).toBeNull();
});
