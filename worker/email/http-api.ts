import type { EmailSender } from './port.ts';

export type HttpEmailConfig = { url: string; apiKey: string; from: string };

/**
 * An HTTP email API that takes `{from, to, subject, text}` as JSON with a bearer key — the shape
 * of Resend's `POST /emails` and of most transactional email APIs.
 */
export function httpEmailSender(config: HttpEmailConfig, send: typeof fetch = fetch): EmailSender {
  return {
    async send(email) {
      const response = await send(config.url, {
        method: 'POST',
        headers: { Authorization: `Bearer ${config.apiKey}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ from: config.from, to: [email.to], subject: email.subject, text: email.text }),
        signal: AbortSignal.timeout(10_000),
      });
      if (!response.ok) {
        throw new Error(`The email API answered ${response.status}: ${(await response.text()).slice(0, 300)}`);
      }
    },
  };
}
