import type { Bindings } from '../env.ts';
import { ApiError } from '../lib/errors.ts';
import { clockOf } from '../lib/clock.ts';
import { httpEmailSender } from './http-api.ts';
import type { EmailSender } from './port.ts';
import { sandboxEmailSender } from './sandbox.ts';

/** The configured sender: the HTTP API when EMAIL_PROVIDER is "http", else the sandbox outbox where enabled. */
export function emailSenderFor(env: Bindings): EmailSender {
  if (env.EMAIL_PROVIDER === 'http') {
    if (!env.EMAIL_API_URL || !env.EMAIL_API_KEY || !env.EMAIL_FROM) {
      throw new ApiError(500, 'internal', 'Email is set to "http" but EMAIL_API_URL, EMAIL_API_KEY or EMAIL_FROM is missing.');
    }
    return httpEmailSender({ url: env.EMAIL_API_URL, apiKey: env.EMAIL_API_KEY, from: env.EMAIL_FROM });
  }
  if (env.SANDBOX_ENABLED === 'true') return sandboxEmailSender(env.DB, clockOf(env));
  throw new ApiError(500, 'internal', 'No email provider is configured (set EMAIL_PROVIDER=http and its settings).');
}
