/**
 * A long message is never cut: the composer counts it, refuses it above the worker's maximum with
 * a reason, and warns before Send what a many-part SMS costs — through the real panel and API
 * client against the fake worker.
 */
import { beforeEach, expect, test } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { MAX_BODY_CHARS } from '@shared/api/messages.ts';
import { sessionItem } from '../storage/items.ts';
import { byTestId, typeInto, until } from '../testing/dom.ts';
import { createFakeWorker, fakeSession } from '../testing/fake-worker.ts';
import { renderAsync } from '../testing/render.tsx';
import { ApiProvider } from '../ui/api-context.tsx';
import { createSessionApi } from '../ui/session-api.ts';
import { CandidatePanel } from './candidate-panel.tsx';
import { adaContext as ada } from '../testing/candidates.ts';

beforeEach(async () => {
  fakeBrowser.reset();
  await sessionItem.setValue(fakeSession);
  const worker = createFakeWorker();
  worker.setConsent('cand-c-1001', { sms: 'granted', whatsapp: 'granted' });
  await renderAsync(
    <ApiProvider api={createSessionApi('http://worker.test', worker.fetch)}>
      <CandidatePanel context={ada} />
    </ApiProvider>,
  );
});

const composer = () => until(() => !byTestId('composer')?.hasAttribute('disabled') && byTestId<HTMLTextAreaElement>('composer'));
const sendEnabled = () => !byTestId<HTMLButtonElement>('send')!.disabled;

test('a pasted 1,700-character message is kept whole, counted, and refused above the maximum with a reason', async () => {
  const textarea = await composer();
  await typeInto(textarea, 'a'.repeat(1700));

  expect(textarea.value).toHaveLength(1700);
  expect(textarea.hasAttribute('maxlength')).toBe(false);
  expect(byTestId('composer-count')!.textContent).toContain(`1700 / ${MAX_BODY_CHARS}`);
  const tooLong = byTestId('composer-too-long')!;
  expect(tooLong.textContent).toBe('This message is 1,700 characters; one message carries at most 1,600. Shorten it by 100 characters.');
  expect(textarea.getAttribute('aria-invalid')).toBe('true');
  expect(textarea.getAttribute('aria-describedby')).toContain(tooLong.id);
  expect(sendEnabled()).toBe(false);

  // At the maximum it may go, with its cost said first.
  await typeInto(textarea, 'a'.repeat(MAX_BODY_CHARS));
  expect(byTestId('composer-too-long')).toBeNull();
  expect(byTestId('sms-cost-warning')!.textContent).toBe('This SMS is 11 parts; each part is billed.');
  expect(sendEnabled()).toBe(true);
});

test('an SMS of up to 3 parts goes without a warning; from 4 parts the composer says each part is billed', async () => {
  const textarea = await composer();
  // GSM-7 parts of a long SMS carry 153 characters each.
  await typeInto(textarea, 'a'.repeat(3 * 153));
  expect(byTestId('composer-count')!.textContent).toContain('3 segments');
  expect(byTestId('sms-cost-warning')).toBeNull();

  await typeInto(textarea, 'a'.repeat(3 * 153 + 1));
  expect(byTestId('sms-cost-warning')!.textContent).toBe('This SMS is 4 parts; each part is billed.');
  expect(sendEnabled()).toBe(true);
});
