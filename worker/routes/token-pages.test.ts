import { afterEach, describe, expect, it, vi } from 'vitest';
import { createApi } from '../app.ts';
import { call, env } from '../../test/worker/support.ts';

const token = 'tok_'.padEnd(48, 'x');
const pages = [`/c/${token}`, `/account/password/${token}`, `/i/${token}`, `/i/${token}/interview.ics`];

describe('pages opened by a link token', () => {
  afterEach(() => vi.restoreAllMocks());

  it.each(pages)('%s cannot be framed, cached or leak its URL as a referrer', async (path) => {
    for (const method of ['GET', 'POST']) {
      const response = await call(path, { method, body: method === 'POST' ? new URLSearchParams({ x: '1' }) : undefined });
      const csp = response.headers.get('Content-Security-Policy') ?? '';
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("default-src 'none'");
      expect(response.headers.get('Cache-Control')).toBe('no-store');
      expect(response.headers.get('Referrer-Policy')).toBe('no-referrer');
    }
  });

  it('a 500 on a token page logs the route pattern, never the token', async () => {
    const logged: string[] = [];
    vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void logged.push(args.map(String).join(' ')));
    const brokenDb = {
      prepare: () => {
        throw new Error('D1 is down');
      },
    } as unknown as D1Database;
    const response = await createApi().request(`/c/${token}`, {}, { ...env, DB: brokenDb });
    expect(response.status).toBe(500);
    expect(logged.join('\n')).toContain('/c/:token');
    expect(logged.join('\n')).not.toContain(token);
  });
});
