import { ErrorEnvelope } from '../../shared/api/errors.ts';

const errorResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: ErrorEnvelope } },
});

/** Shared error entries for route definitions: spread the ones a route can answer. */
export const errors = {
  400: errorResponse('Malformed request'),
  401: errorResponse('Missing, expired or revoked session'),
  403: errorResponse('Forbidden'),
  404: errorResponse('Not found in your tenant'),
  409: errorResponse('Refused by a rule (consent, …)'),
  422: errorResponse('Invalid input'),
  429: errorResponse('Too many attempts; wait and retry'),
} as const;

export const json = <T>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});
