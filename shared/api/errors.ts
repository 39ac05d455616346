/**
 * The one error envelope every route answers with, and the codes it may carry.
 * Clients switch on `code`; `message` is for people; `requestId` ties a report to the worker's log.
 * @module
 */
import { z } from 'zod';

export const ErrorCode = z.enum([
  'bad_request',
  'validation_failed',
  'unauthorized',
  'forbidden',
  'not_found',
  'conflict',
  'consent_required',
  'template_incomplete',
  'whatsapp_window_closed',
  'seat_required',
  'seats_exhausted',
  'too_many_attempts',
  'import_has_errors',
  'invalid_signature',
  'provider_error',
  'internal',
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const ErrorEnvelope = z.object({
  error: z.object({
    code: ErrorCode,
    message: z.string(),
    requestId: z.string(),
  }),
});
export type ErrorEnvelope = z.infer<typeof ErrorEnvelope>;
