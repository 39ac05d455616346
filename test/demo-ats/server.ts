/**
 * The demo ATS server: every URL is fully server-rendered (deep links work without JavaScript),
 * and `/app.js` upgrades in-app links to client-side navigation through the JSON API.
 *
 * Run directly: `npx node test/demo-ats/server.ts` (PORT env, default 4173).
 * @module
 */
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { demoCandidates, demoJob, findDemoCandidate, type DemoCandidate } from '../../worker/sandbox/demo-data.ts';
import { listView, notFoundView, profileView, renderDocument, type PageView } from './render.ts';

export type DemoAts = { url: string; close(): Promise<void> };

export type DemoAtsOptions = { host?: string; port?: number };

type Reply = { status: number; contentType: string; body: string; location?: string };

export async function startDemoAts({ host = '127.0.0.1', port = 4173 }: DemoAtsOptions = {}): Promise<DemoAts> {
  const clientScript = await readFile(new URL('./app.js', import.meta.url), 'utf8');
  const server = createServer((request, response) => {
    send(request, response, route(request, clientScript));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port: boundPort } = server.address() as AddressInfo;
  return {
    url: `http://${publicHost(host)}:${boundPort}`,
    close: () => closeServer(server),
  };
}

/** The extension's content script matches http://localhost/*, so loopback is named that way. */
function publicHost(host: string): string {
  return ['127.0.0.1', '::1', '0.0.0.0', '::'].includes(host) ? 'localhost' : host;
}

function route(request: IncomingMessage, clientScript: string): Reply {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    return { status: 405, contentType: 'text/plain; charset=utf-8', body: 'Method not allowed' };
  }
  const { pathname } = new URL(request.url ?? '/', 'http://localhost');
  if (pathname === '/') return { status: 302, contentType: 'text/plain; charset=utf-8', body: '', location: '/candidates' };
  if (pathname === '/app.js') return { status: 200, contentType: 'text/javascript; charset=utf-8', body: clientScript };
  if (pathname === '/candidates') return page(listView());
  if (pathname === '/api/candidates') return json(200, { candidates: demoCandidates.map(candidateJson), view: listView() });

  const profileId = matchId(pathname, /^\/candidates\/([^/]+)$/);
  if (profileId !== null) {
    const candidate = findDemoCandidate(profileId);
    return candidate ? page(profileView(candidate)) : page(candidateNotFound(profileId), 404);
  }
  const apiId = matchId(pathname, /^\/api\/candidates\/([^/]+)$/);
  if (apiId !== null) {
    const candidate = findDemoCandidate(apiId);
    if (candidate) return json(200, { candidate: candidateJson(candidate), view: profileView(candidate) });
    const message = `No candidate with id ${apiId}.`;
    return json(404, { error: { code: 'not_found', message }, view: candidateNotFound(apiId) });
  }
  return page(notFoundView(`There is no page at ${pathname}.`), 404);
}

/** @returns the decoded id, or null when the path does not match (or is malformed). */
function matchId(pathname: string, pattern: RegExp): string | null {
  const encoded = pattern.exec(pathname)?.[1];
  if (encoded === undefined) return null;
  try {
    return decodeURIComponent(encoded);
  } catch {
    return null;
  }
}

function candidateNotFound(id: string): PageView {
  return notFoundView(`No candidate with id ${id}.`);
}

function candidateJson(candidate: DemoCandidate) {
  return { ...candidate, job: demoJob(candidate.jobId) };
}

function page(view: PageView, status = 200): Reply {
  return { status, contentType: 'text/html; charset=utf-8', body: renderDocument(view) };
}

function json(status: number, value: unknown): Reply {
  return { status, contentType: 'application/json; charset=utf-8', body: JSON.stringify(value) };
}

function send(request: IncomingMessage, response: ServerResponse, reply: Reply): void {
  response.statusCode = reply.status;
  response.setHeader('content-type', reply.contentType);
  response.setHeader('content-length', Buffer.byteLength(reply.body));
  // Pages and script change while developing; a stale cached app.js would hide the change.
  response.setHeader('cache-control', 'no-store');
  if (reply.location) response.setHeader('location', reply.location);
  response.end(request.method === 'HEAD' ? undefined : reply.body);
}

function closeServer(server: ReturnType<typeof createServer>): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
  });
}

if (import.meta.main) {
  const port = Number(process.env.PORT ?? 4173);
  const ats = await startDemoAts({ port });
  console.log(`Demo ATS listening on ${ats.url}/candidates`);
}
