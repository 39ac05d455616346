/**
 * /openapi.json as client generators and gateways read it: every operation has a unique
 * operationId, and its declared security says what the authorization matrix's policy table
 * (test/worker/route-policy.ts) enforces — a session route declares the bearer token, a webhook
 * its provider's signature, a public route nothing.
 */
import { describe, expect, it } from 'vitest';
import { routePolicy } from '../../test/worker/route-policy.ts';
import { call } from '../../test/worker/support.ts';
import { operationIdOf } from './openapi-document.ts';

type Operation = { operationId: string; summary?: string; security: Record<string, string[]>[] };
type Document = { servers: { url: string }[]; paths: Record<string, Record<string, Operation>> };

const document = async () => (await (await call('/openapi.json')).json()) as Document;

describe('/openapi.json', () => {
  it('names this worker as its server and every operation by a unique id', async () => {
    const doc = await document();
    expect(doc.servers).toEqual([expect.objectContaining({ url: 'http://parley.test' })]);
    const ids = Object.values(doc.paths).flatMap((item) => Object.values(item).map((operation) => operation.operationId));
    expect(new Set(ids).size).toBe(ids.length);
    expect(operationIdOf('get', '/v1/candidates/{candidateId}/messages')).toBe('getCandidatesByCandidateIdMessages');
    expect(operationIdOf('get', '/v1/usage.csv')).toBe('getUsageCsv');
  });

  it("declares each operation's security as the authorization matrix enforces it", async () => {
    const doc = await document();
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const [method, operation] of Object.entries(item)) {
        const key = `${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`;
        const access = routePolicy[key]?.access;
        const schemes = operation.security.flatMap((requirement) => Object.keys(requirement));
        if (access === 'public') expect(schemes, key).toEqual([]);
        else if (access === 'signed') expect(schemes.length > 0 && !schemes.includes('bearer'), key).toBe(true);
        else expect([key, schemes]).toEqual([key, ['bearer']]);
      }
    }
  });
});
