import { z } from 'zod';

/** Whether the user gets an email listing candidate replies nobody has answered yet. */
export const DigestPreference = z.object({ enabled: z.boolean() }).meta({ id: 'DigestPreference' });
export type DigestPreference = z.infer<typeof DigestPreference>;
