import { beforeEach, expect, test } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import type { Session } from '@shared/api/auth.ts';
import { sessionItem } from '../storage/items.ts';
import { adaContext } from '../testing/candidates.ts';
import { byTestId, until } from '../testing/dom.ts';
import { createFakeWorker, fakeSession } from '../testing/fake-worker.ts';
import { renderAsync } from '../testing/render.tsx';
import { fakeShownCandidate } from '../testing/shown-candidate.ts';
import { ApiProvider } from '../ui/api-context.tsx';
import { createSessionApi } from '../ui/session-api.ts';
import { App } from './app.tsx';

const taught = { profileId: 'site_1', host: 'acme.workable-like.example', missing: ['phone' as const] };

beforeEach(() => fakeBrowser.reset());

async function openAs(session: Session) {
  const worker = createFakeWorker();
  fakeShownCandidate({ ...adaContext, ats: 'site-acme-workable-like-example', phone: null }, taught);
  await sessionItem.setValue(session);
  await renderAsync(
    <ApiProvider api={createSessionApi('http://worker.test', worker.fetch)}>
      <App />
    </ApiProvider>,
  );
  return until(() => byTestId('missing-fields'));
}

test('on a taught site the panel names the field no locator found, instead of falling back silently', async () => {
  const notice = await openAs(fakeSession);
  expect(notice.textContent).toContain("Parley could not find the candidate's phone number on this acme.workable-like.example page");
  expect(notice.textContent).toContain('Ask an admin to re-teach');
  expect(notice.querySelector('button')).toBeNull();
});

test('admins are offered "Re-teach" for that field', async () => {
  const notice = await openAs({ ...fakeSession, user: { ...fakeSession.user, role: 'admin' } });
  expect([...notice.querySelectorAll('button')].map((button) => button.textContent)).toEqual(['Re-teach the phone number']);
});
