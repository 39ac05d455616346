import { insertSandboxEmail } from '../db/queries/sandbox.ts';
import type { Clock } from '../lib/clock.ts';
import type { EmailSender } from './port.ts';

/**
 * Writes emails to the sandbox outbox that `/sandbox/email` shows; nothing leaves the machine. It
 * stamps them with its own clock, as a real email service would.
 */
export function sandboxEmailSender(db: D1Database, clock: Clock): EmailSender {
  return {
    async send(email) {
      await insertSandboxEmail(db, { ...email, at: clock.now().toISOString() });
    },
  };
}
