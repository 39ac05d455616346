import { act } from 'react';
import { describe, expect, test, vi } from 'vitest';
import type { Template } from '@shared/api/templates.ts';
import { whatsappWindow } from '@shared/domain/whatsapp-window.ts';
import { createApi } from '../api/client.ts';
import { clock } from '../lib/clock.ts';
import { renderAsync } from '../testing/render.tsx';
import { ApiProvider } from '../ui/api-context.tsx';
import { timeLeft, WhatsappWindowNotice } from './whatsapp-window-notice.tsx';

const template = (id: string, name: string, language: string, approved: boolean): Template => ({
  id,
  name,
  language,
  channels: ['whatsapp'],
  body: `Hello {{candidate.first_name}} (${name})`,
  whatsapp: approved ? { id: `meta_${id}`, language, variables: ['{{candidate.first_name}}'] } : null,
  purpose: null,
  updatedAt: '2026-11-01T00:00:00.000Z',
});

/** The window as it stands now for a candidate who last wrote `hours` ago. */
function wroteHoursAgo(hours: number) {
  const now = clock.now();
  return whatsappWindow(new Date(now.getTime() - hours * 3_600_000).toISOString(), now);
}

async function renderNotice(window: ReturnType<typeof whatsappWindow>, onSendTemplate = vi.fn(async () => {})) {
  const templates = [
    template('t1', 'Free text only', 'en', false),
    template('t2', 'Interview invitation', 'en', true),
    template('t3', 'Einladung', 'de', true),
  ];
  const api = createApi({ origin: 'http://worker.test', getToken: async () => 'token', fetch: async () => Response.json({ templates }) });
  const { host } = await renderAsync(
    <ApiProvider api={api}>
      <WhatsappWindowNotice window={window} language="de" onSendTemplate={onSendTemplate} />
    </ApiProvider>,
  );
  return { host, onSendTemplate };
}

describe('the WhatsApp window notice', () => {
  test('counts down while the window is open', async () => {
    const { host } = await renderNotice(wroteHoursAgo(20));
    const notice = host.querySelector('[data-testid="whatsapp-window"]')!;
    expect(notice.getAttribute('data-open')).toBe('true');
    expect(notice.textContent).toMatch(/free text for another 3 h 59 min|free text for another 4 h 0 min/);
  });

  test('once closed, offers only approved templates, the candidate’s language first, one click each', async () => {
    const { host, onSendTemplate: onSend } = await renderNotice(wroteHoursAgo(30));
    const notice = host.querySelector('[data-testid="whatsapp-window"]')!;
    expect(notice.getAttribute('data-open')).toBe('false');
    expect(notice.textContent).toContain('The 24-hour WhatsApp window is closed');
    const buttons = [...host.querySelectorAll<HTMLButtonElement>('[data-testid="send-approved-template"]')];
    expect(buttons.map((b) => b.textContent)).toEqual(['Send “Einladung” (de)', 'Send “Interview invitation” (en)']);
    await act(async () => buttons[1]!.click());
    expect(onSend).toHaveBeenCalledWith(expect.objectContaining({ id: 't2' }));
  });

  test('says when the candidate never wrote on WhatsApp', async () => {
    const { host } = await renderNotice(whatsappWindow(null, clock.now()));
    expect(host.textContent).toContain('has not written on WhatsApp yet');
  });
});

test('timeLeft', () => {
  expect(timeLeft(0, 30_000)).toBe('less than a minute');
  expect(timeLeft(0, 12 * 60_000)).toBe('12 min');
  expect(timeLeft(0, (5 * 60 + 12) * 60_000)).toBe('5 h 12 min');
});
