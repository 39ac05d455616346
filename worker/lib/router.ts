/**
 * Every resource file starts from `createRouter()`, so validation failures answer with the same
 * envelope as every other error and every route lands in the OpenAPI document.
 * @module
 */
import { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../env.ts';
import { ApiError } from './errors.ts';

export function createRouter() {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (result.success) return;
      const issue = result.error.issues[0];
      const where = issue?.path.length ? `${issue.path.join('.')}: ` : '';
      throw new ApiError(422, 'validation_failed', `${where}${issue?.message ?? 'invalid input'}`);
    },
  });
}
