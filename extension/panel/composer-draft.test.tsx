import { act } from 'react';
import { expect, test } from 'vitest';
import { typeInto } from '../testing/dom.ts';
import { renderAsync } from '../testing/render.tsx';
import { Composer } from './composer.tsx';
import type { Draft } from './use-draft.ts';

async function renderComposer(initialDraft: Draft, onSend: (body: string, templateId: string | null) => Promise<void>) {
  const changes: Draft[] = [];
  await renderAsync(
    <Composer label="Message Ada by SMS" lockedReason={null} onSend={onSend} initialDraft={initialDraft} onDraftChange={(draft) => changes.push(draft)} />,
  );
  return changes;
}

const textarea = () => document.querySelector<HTMLTextAreaElement>('[data-testid="composer"]')!;
const send = () => act(async () => document.querySelector<HTMLButtonElement>('[data-testid="send"]')!.click());

test('a kept free text comes back, and every change is handed on', async () => {
  const changes = await renderComposer({ body: 'Hi Ada', templateId: null }, async () => undefined);
  expect(textarea().value).toBe('Hi Ada');
  await typeInto(textarea(), 'Hi Ada, free on Tuesday?');
  expect(changes.at(-1)).toEqual({ body: 'Hi Ada, free on Tuesday?', templateId: null });
});

test('a kept template comes back as the form to fill, never as its syntax, and what is filled is kept in it', async () => {
  const changes = await renderComposer(
    { body: 'Hi {{candidate.first_name | "there"}}, see you {{interview.date}}.', templateId: 'tpl-1' },
    async () => undefined,
  );
  expect(document.querySelector('[data-testid="composer"]')).toBeNull();
  const form = document.querySelector('[data-testid="merge-form"]')!;
  expect(form.textContent).toBe('Hi , see you .');
  const date = form.querySelector<HTMLInputElement>('input[aria-label="Interview date"]')!;
  expect(form.querySelector<HTMLInputElement>('input[aria-label="Candidate\'s first name"]')!.placeholder).toBe('there');
  await typeInto(date, '2026-12-08');
  expect(changes.at(-1)).toEqual({ body: 'Hi {{candidate.first_name | "there"}}, see you Tuesday, December 8, 2026.', templateId: 'tpl-1' });
});

test('a sent draft is emptied; a refused one is kept', async () => {
  const sent: string[] = [];
  let refuse = true;
  const changes = await renderComposer({ body: 'Are you free?', templateId: null }, async (body) => {
    if (refuse) throw new Error('refused');
    sent.push(body);
  });
  await send();
  expect(changes.at(-1)).toEqual({ body: 'Are you free?', templateId: null });
  refuse = false;
  await send();
  expect(sent).toEqual(['Are you free?']);
  expect(changes.at(-1)).toEqual({ body: '', templateId: null });
});
