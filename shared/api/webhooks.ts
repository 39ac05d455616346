import { z } from 'zod';

/** A provider webhook's answer: what became of each event it carried (a replay is `duplicate`, stored once). */
export const WebhookReceived = z
  .object({ outcomes: z.array(z.enum(['stored', 'duplicate', 'unknown_sender', 'updated', 'unchanged'])) })
  .meta({ id: 'WebhookReceived' });
export type WebhookReceived = z.infer<typeof WebhookReceived>;
