import type { User } from '@shared/api/auth.ts';

/**
 * What every options section is given. Its own module so the sections need not import the list
 * that imports them (sections.ts).
 */
export type SectionProps = {
  /** The signed-in user, as the worker last described them. */
  user: User;
};
