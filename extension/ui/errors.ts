import { ApiRequestError } from '../api/client.ts';

/** What to tell the recruiter about a failed call: the worker's own words when it gave any. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiRequestError) return error.code === 'validation_failed' ? inWords(error.message) : error.message;
  return 'Something went wrong in Parley. Try again.';
}

/**
 * The worker names the field a validation failure is about by its path in the request
 * ("countries.0.country: an ISO 3166 alpha-2 code…"), which is for API clients; people read the
 * field's name and its row instead ("Country (row 1): an ISO 3166 alpha-2 code…").
 */
function inWords(message: string): string {
  const match = /^([A-Za-z0-9_]+(?:\.[A-Za-z0-9_]+)*): (.+)$/s.exec(message);
  if (!match) return message;
  const segments = match[1]!.split('.');
  const field = segments.filter((segment) => !/^\d+$/.test(segment)).at(-1);
  if (!field) return match[2]!;
  const rows = segments.filter((segment) => /^\d+$/.test(segment)).map((index) => `row ${Number(index) + 1}`);
  const words = field
    .replace(/_/g, ' ')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase();
  return `${words.charAt(0).toUpperCase()}${words.slice(1)}${rows.length ? ` (${rows.join(', ')})` : ''}: ${match[2]}`;
}
