/**
 * Email has the same shape as the messaging providers: one port, a sandbox outbox for local runs
 * and tests, and a real HTTP email API adapter. Invites and password resets go through it.
 * @module
 */
export type OutgoingEmail = { tenantId: string; to: string; subject: string; text: string };

export interface EmailSender {
  /** Resolves once the email was accepted for delivery; rejects with a readable reason. */
  send(email: OutgoingEmail): Promise<void>;
}
