import { expect, test } from 'vitest';
import { ApiRequestError } from '../api/client.ts';
import { errorMessage } from './errors.ts';

test('a validation failure names the field and its row in words, never the request path', () => {
  const refusal = (message: string) => errorMessage(new ApiRequestError(422, 'validation_failed', message));
  expect(refusal('countries.0.country: an ISO 3166 alpha-2 code such as "DE"')).toBe('Country (row 1): an ISO 3166 alpha-2 code such as "DE"');
  expect(refusal('phoneNumber: an E.164 number such as +14155550100')).toBe('Phone number: an E.164 number such as +14155550100');
  expect(refusal('the message is empty')).toBe('the message is empty');
  // Other refusals are the worker's sentences already.
  expect(errorMessage(new ApiRequestError(409, 'conflict', 'seats.0: taken'))).toBe('seats.0: taken');
  expect(errorMessage(new Error('boom'))).toBe('Something went wrong in Parley. Try again.');
});
