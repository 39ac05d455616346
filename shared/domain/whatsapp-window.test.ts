import { describe, expect, it } from 'vitest';
import { canSendWhatsapp, whatsappWindow } from './whatsapp-window.ts';

const now = new Date('2026-11-20T12:00:00.000Z');

describe('the WhatsApp 24-hour window', () => {
  it('is open for 24 hours after the last inbound message, to the millisecond', () => {
    expect(whatsappWindow('2026-11-19T12:00:00.001Z', now)).toEqual({ open: true, closesAt: '2026-11-20T12:00:00.001Z' });
    expect(whatsappWindow('2026-11-19T12:00:00.000Z', now)).toEqual({ open: false, closedAt: '2026-11-20T12:00:00.000Z' });
  });

  it('is closed when the candidate never wrote', () => {
    expect(whatsappWindow(null, now)).toEqual({ open: false, closedAt: null });
  });

  it('lets templates through a closed window and refuses free text with whatsapp_window_closed', () => {
    expect(canSendWhatsapp(null, true, now)).toEqual({ ok: true });
    expect(canSendWhatsapp('2026-11-20T11:00:00.000Z', false, now)).toEqual({ ok: true });
    expect(canSendWhatsapp('2026-11-18T11:00:00.000Z', false, now)).toMatchObject({ ok: false, code: 'whatsapp_window_closed' });
    expect(canSendWhatsapp(null, false, now)).toMatchObject({ ok: false, code: 'whatsapp_window_closed' });
  });
});
