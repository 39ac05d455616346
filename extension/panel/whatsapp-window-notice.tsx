/**
 * The WhatsApp 24-hour window, said before the worker has to refuse: while it is open, how long
 * free text may still be sent; once it is closed, the approved templates that can still go out,
 * one click each. The rule is the worker's (`whatsappWindow` in shared/domain), computed here from
 * the thread only to explain it.
 * @module
 */
import { useEffect, useState } from 'react';
import type { Template } from '@shared/api/templates.ts';
import { whatsappWindow, type WhatsappWindow } from '@shared/domain/whatsapp-window.ts';
import type { Message } from '@shared/api/messages.ts';
import { clock } from '../lib/clock.ts';
import { useApi } from '../ui/api-context.tsx';
import { errorMessage } from '../ui/errors.ts';
import { lastInboundAt, useClock } from './conversation-clock.ts';

/** The window as of now, re-evaluated every half minute so the countdown moves and the lock falls on time. */
export function useWhatsappWindow(messages: readonly Message[], active: boolean): WhatsappWindow | null {
  const now = useClock(active, 30_000);
  return active ? whatsappWindow(lastInboundAt(messages), now) : null;
}

/** "5 h 12 min", "12 min", "less than a minute" */
export function timeLeft(fromMs: number, toMs: number): string {
  const minutes = Math.floor((toMs - fromMs) / 60_000);
  if (minutes < 1) return 'less than a minute';
  const hours = Math.floor(minutes / 60);
  return hours > 0 ? `${hours} h ${minutes % 60} min` : `${minutes} min`;
}

type Props = {
  window: WhatsappWindow;
  language: string;
  /** Sends the template unedited: the worker sends it as the provider's approved template. */
  onSendTemplate(template: Template): Promise<void>;
};

export function WhatsappWindowNotice({ window, language, onSendTemplate }: Props) {
  if (window.open) {
    return (
      <p className="wa-window wa-window--open" data-testid="whatsapp-window" data-open="true">
        WhatsApp window open: free text for another {timeLeft(clock.now().getTime(), Date.parse(window.closesAt))}.
      </p>
    );
  }
  return <ClosedWindow language={language} onSendTemplate={onSendTemplate} neverWrote={window.closedAt === null} />;
}

function ClosedWindow({ language, onSendTemplate, neverWrote }: { language: string; onSendTemplate: Props['onSendTemplate']; neverWrote: boolean }) {
  const api = useApi();
  const [approved, setApproved] = useState<Template[] | null>(null);
  const [sending, setSending] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const abort = new AbortController();
    api
      .listTemplates({ channel: 'whatsapp' }, abort.signal)
      .then(({ templates }) => {
        const withApproval = templates.filter((template) => template.whatsapp !== null);
        // The candidate's language first: the job ad's language is theirs.
        setApproved([...withApproval].sort((a, b) => Number(b.language === language) - Number(a.language === language)));
      })
      .catch((failure: unknown) => !abort.signal.aborted && setError(errorMessage(failure)));
    return () => abort.abort();
  }, [api, language]);

  async function send(template: Template) {
    setSending(template.id);
    setError(null);
    try {
      await onSendTemplate(template);
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setSending(null);
    }
  }

  return (
    <section className="wa-window wa-window--closed" data-testid="whatsapp-window" data-open="false" aria-label="WhatsApp window closed">
      <p>{neverWrote ? 'The candidate has not written on WhatsApp yet' : 'The 24-hour WhatsApp window is closed'}: only an approved template can be sent.</p>
      {approved && approved.length === 0 && <p className="muted">Your company has no approved WhatsApp templates yet. Ask an admin to map one.</p>}
      <ul className="wa-window__templates">
        {approved?.map((template) => (
          <li key={template.id}>
            <button type="button" className="button" disabled={sending !== null} onClick={() => void send(template)} data-testid="send-approved-template">
              {sending === template.id ? 'Sending…' : `Send “${template.name}”`} <span className="muted">({template.language})</span>
            </button>
          </li>
        ))}
      </ul>
      {error && (
        <p role="alert" className="composer__error">
          {error}
        </p>
      )}
    </section>
  );
}
