/** Small helpers the fake provider servers share. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { testClock } from '../clock.ts';

export type RecordedRequest = {
  method: string;
  path: string;
  query: Record<string, string>;
  authorization: string | null;
  contentType: string | null;
  body: string;
  at: string;
};

/**
 * What the next send request gets instead of success, one per request, in order:
 *  - `status`: an error answer (nothing accepted);
 *  - `hang`: accepted, but the answer comes `ms` late (the caller may have given up: outcome unknown to it);
 *  - `stall`: no answer for `ms`, then the connection is closed, nothing accepted;
 *  - `drop`: accepted, then the connection is dropped without an answer (outcome unknown to the caller);
 *  - `late-body`: accepted, the answer's status and headers at once, its body `ms` later.
 */
export type Fault =
  | { kind: 'status'; status: number; body: unknown; headers?: Record<string, string> }
  | { kind: 'hang'; ms: number }
  | { kind: 'stall'; ms: number }
  | { kind: 'drop' }
  | { kind: 'late-body'; ms: number };

export function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => (body += chunk));
    request.on('end', () => resolve(body));
    request.on('error', reject);
  });
}

export function record(request: IncomingMessage, url: URL, body: string): RecordedRequest {
  return {
    method: request.method ?? 'GET',
    path: url.pathname,
    query: Object.fromEntries(url.searchParams),
    authorization: request.headers.authorization ?? null,
    contentType: request.headers['content-type'] ?? null,
    body,
    at: testClock.now().toISOString(),
  };
}

export function sendJson(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (response.destroyed) return;
  response.writeHead(status, { 'Content-Type': 'application/json', ...headers });
  response.end(JSON.stringify(body));
}

/** `sendJson`, with the headers flushed at once and the body `ms` later (the `late-body` fault). */
export async function sendJsonLate(response: ServerResponse, status: number, body: unknown, ms: number): Promise<void> {
  response.writeHead(status, { 'Content-Type': 'application/json' });
  response.flushHeaders();
  await sleep(ms);
  if (!response.destroyed) response.end(JSON.stringify(body));
}

export const randomHex = (length: number) => Array.from(crypto.getRandomValues(new Uint8Array(length / 2)), (b) => b.toString(16).padStart(2, '0')).join('');

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
