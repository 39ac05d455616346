import { ApiRequestError } from '../api/client.ts';

/** What to tell the recruiter about a failed call: the worker's own words when it gave any. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiRequestError) return error.message;
  return 'Something went wrong in Parley. Try again.';
}
