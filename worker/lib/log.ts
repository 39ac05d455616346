/**
 * The worker's one way to log: a JSON object per line, so Workers Logs can filter on its fields,
 * each carrying the id of what caused it — the HTTP request's `X-Request-Id` (returned to the
 * caller in every error envelope), or an id of the queue batch, cron run or realtime hub push
 * (`queue_…`, `cron_…`, `hub_…`). The id travels in an AsyncLocalStorage, so services deep in a
 * request log under its id without every signature carrying it.
 *
 * What may be logged: ids, codes, counts, route patterns, error names and messages. Never message
 * bodies, tokens, credentials or request URLs (consent, password and interview links carry their
 * token in the path). Error text is not ours to vouch for (a driver may echo a value), so long
 * token-like runs in it are redacted; worker/lib/log.test.ts checks a full send and webhook cycle.
 * @module
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { newId } from './ids.ts';

type Field = string | number | boolean | null | undefined;
type Fields = Record<string, Field>;

const context = new AsyncLocalStorage<string>();

/** Runs `work` with every log line inside it (awaited or not) tagged with `requestId`. */
export function withRequestId<T>(requestId: string, work: () => T): T {
  return context.run(requestId, work);
}

/** A fresh id for an invocation that has no HTTP request: `queue_…`, `cron_…`, `hub_…`. */
export const newRunId = (kind: 'queue' | 'cron' | 'hub'): string => newId(kind);

// Our own ids (`msg_` + 32 hex) stay readable; any other run of 32+ token characters — a session
// or link token (43 base64url), a Twilio auth token (32 hex), an HMAC — is replaced.
const TOKEN_LIKE = /[A-Za-z0-9_-]{32,}/g;
const OUR_ID = /^[a-z]+_[0-9a-f]{32}$/;
const redact = (text: string): string => text.replace(TOKEN_LIKE, (run) => (OUR_ID.test(run) ? run : '[redacted]'));

/** An error as a log may carry it: its name and redacted message, no stack (it repeats the message). */
export function describeError(error: unknown): string {
  if (error instanceof Error) return redact(`${error.name}: ${error.message}`);
  return redact(String(error));
}

function write(level: 'info' | 'warn' | 'error', event: string, fields: Fields, error?: unknown): void {
  const line: Record<string, Field> = { level, event };
  for (const [key, value] of Object.entries(fields)) line[key] = typeof value === 'string' ? redact(value) : value;
  // Not redacted: a request id (a UUID, or the caller's own X-Request-Id) is what the line is found by.
  line.requestId = context.getStore();
  if (error !== undefined) line.error = describeError(error);
  const text = JSON.stringify(line);
  if (level === 'error') console.error(text);
  else if (level === 'warn') console.warn(text);
  else console.log(text);
}

/** `event` names what happened (`delivery.adapter_failed`); fields say to what, by id. */
export const log = {
  info: (event: string, fields: Fields = {}) => write('info', event, fields),
  warn: (event: string, fields: Fields = {}, error?: unknown) => write('warn', event, fields, error),
  error: (event: string, fields: Fields = {}, error?: unknown) => write('error', event, fields, error),
};
