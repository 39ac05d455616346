import { beforeAll, describe, expect, it } from 'vitest';
import { call, seedDemo, signIn, DEMO } from '../test/worker/support.ts';

beforeAll(seedDemo);

describe('the app shell', () => {
  it('answers /health', async () => {
    const response = await call('/health');
    expect(response.status).toBe(200);
    // The database answers, with the migrations the tests applied: the last one names the schema.
    expect(await response.json()).toEqual({ ok: true, service: 'parley', database: 'ok', migration: expect.stringMatching(/^\d{4}_\w+\.sql$/) });
    expect(response.headers.get('X-Request-Id')).toBeTruthy();
  });

  it('describes its API as OpenAPI from the same schemas', async () => {
    const doc = (await (await call('/openapi.json')).json()) as {
      openapi: string;
      paths: Record<string, unknown>;
      components: { schemas: Record<string, unknown> };
    };
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/health', '/v1/auth/sessions', '/v1/candidates', '/v1/candidates/{candidateId}/messages', '/webhooks/sandbox/{integrationId}']),
    );
    expect(Object.keys(doc.components.schemas)).toEqual(expect.arrayContaining(['Message', 'Candidate', 'SendMessageBody']));
  });

  it('answers unknown routes with the error envelope', async () => {
    const response = await call('/nope');
    expect(response.status).toBe(404);
    const body = (await response.json()) as { error: { code: string; requestId: string } };
    expect(body.error.code).toBe('not_found');
    expect(body.error.requestId).toBe(response.headers.get('X-Request-Id'));
  });
});

describe('sign-in', () => {
  it('issues an opaque token and stores only its hash', async () => {
    const token = await signIn();
    expect(token.length).toBeGreaterThanOrEqual(43); // 256 bits, base64url
    const { env } = await import('cloudflare:workers');
    const stored = await env.DB.prepare(`SELECT token_hash FROM sessions`).all<{ token_hash: string }>();
    expect(stored.results.map((r) => r.token_hash)).not.toContain(token);
    const me = await call('/v1/me', { headers: { Authorization: `Bearer ${token}` } });
    expect(await me.json()).toMatchObject({ email: DEMO.recruiter.email, role: 'recruiter', tenantId: DEMO.tenantId });
  });

  it('refuses a wrong password with the envelope and no session', async () => {
    const response = await call('/v1/auth/sessions', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: DEMO.recruiter.email, password: 'wrong' }),
    });
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: { code: 'unauthorized' } });
  });

  it('refuses malformed and invalid bodies with 4xx envelopes', async () => {
    const malformed = await call('/v1/auth/sessions', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"email":' });
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toMatchObject({ error: { code: 'bad_request' } });
    const invalid = await call('/v1/auth/sessions', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{"email":"not-an-email","password":"x"}',
    });
    expect(invalid.status).toBe(422);
    expect(await invalid.json()).toMatchObject({ error: { code: 'validation_failed' } });
  });

  it('signs out: the token stops working', async () => {
    const token = await signIn();
    const headers = { Authorization: `Bearer ${token}` };
    expect((await call('/v1/auth/sessions/current', { method: 'DELETE', headers })).status).toBe(204);
    const after = await call('/v1/me', { headers });
    expect(after.status).toBe(401);
  });

  it('refuses API routes without a session', async () => {
    for (const path of ['/v1/me', '/v1/candidates/cand_demo_c1001', '/v1/candidates/cand_demo_c1001/messages?channel=sms']) {
      const response = await call(path, { headers: { Authorization: 'Bearer forged-token-forged-token-forged' } });
      expect(response.status, path).toBe(401);
    }
  });
});

describe('a deployment without the settings production needs', () => {
  it('answers every request with a 500 naming each missing setting, never falling back to a dev key or a localhost URL', async () => {
    const { env } = await import('cloudflare:workers');
    const { app } = await import('./app.ts');
    const production = { ...env, SANDBOX_ENABLED: 'false', CLOCK_OFFSET_MS: undefined, PUBLIC_URL: 'http://localhost:8787', EMAIL_PROVIDER: undefined };
    const response = await app.request('/health', {}, production);
    expect(response.status).toBe(500);
    const { error } = (await response.json()) as { error: { message: string } };
    for (const setting of ['PUBLIC_URL', 'EMAIL_PROVIDER', 'EMAIL_API_URL', 'EMAIL_API_KEY', 'EMAIL_FROM']) expect(error.message).toContain(setting);
    expect(error.message).not.toContain('CREDENTIALS_KEY');
  });
});
