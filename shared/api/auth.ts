import { z } from 'zod';

export const Role = z.enum(['admin', 'recruiter']);
export type Role = z.infer<typeof Role>;

export const SignInBody = z
  .object({
    email: z.email().max(320),
    password: z.string().min(1).max(200),
  })
  .meta({ id: 'SignInBody' });

export const User = z
  .object({
    id: z.string(),
    tenantId: z.string(),
    tenantName: z.string(),
    email: z.string(),
    name: z.string(),
    role: Role,
  })
  .meta({ id: 'User' });
export type User = z.infer<typeof User>;

export const Session = z
  .object({
    /** Opaque bearer token; the worker keeps only its hash. */
    token: z.string(),
    expiresAt: z.iso.datetime(),
    user: User,
  })
  .meta({ id: 'Session' });
export type Session = z.infer<typeof Session>;
