import { z } from 'zod';

/** The channels Parley messages candidates on; consent is held separately for each. */
export const Channel = z.enum(['sms', 'whatsapp']).meta({ id: 'Channel' });
export type Channel = z.infer<typeof Channel>;
