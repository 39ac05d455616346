/**
 * The one error class routes and services throw. `app.onError` turns it into the envelope.
 * @module
 */
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ErrorCode } from '../../shared/api/errors.ts';

export class ApiError extends HTTPException {
  readonly code: ErrorCode;

  constructor(status: ContentfulStatusCode, code: ErrorCode, message: string) {
    super(status, { message });
    this.code = code;
  }
}

export const notFound = (what: string) => new ApiError(404, 'not_found', `${what} was not found.`);
