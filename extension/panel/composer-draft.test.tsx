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

test('the kept draft comes back with its template, and every change is handed on', async () => {
  const changes = await renderComposer({ body: 'Hi {{candidate.first_name}}', templateId: 'tpl-1' }, async () => undefined);
  expect(textarea().value).toBe('Hi {{candidate.first_name}}');
  await typeInto(textarea(), 'Hi {{candidate.first_name}}, free on Tuesday?');
  expect(changes.at(-1)).toEqual({ body: 'Hi {{candidate.first_name}}, free on Tuesday?', templateId: 'tpl-1' });
  // Emptied, it is no longer a template's text.
  await typeInto(textarea(), '');
  expect(changes.at(-1)).toEqual({ body: '', templateId: null });
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
