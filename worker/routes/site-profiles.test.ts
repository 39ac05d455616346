import { beforeAll, describe, expect, it } from 'vitest';
import type { SiteProfile } from '../../shared/api/site-profiles.ts';
import { siteProfileSample } from '../../test/worker/site-profile-sample.ts';
import { authed, call, count, DEMO, demoContext, env, seedDemo, seedOtherTenant, signIn } from '../../test/worker/support.ts';

let admin: string;
let recruiter: string;
let eve: string;

beforeAll(async () => {
  await seedDemo();
  const other = await seedOtherTenant();
  [admin, recruiter, eve] = await Promise.all([signIn(DEMO.admin.email), signIn(DEMO.recruiter.email), signIn(other.email)]);
});

const as = (token: string, path: string, method = 'GET', body?: unknown) => call(path, authed(token, method, body));
const errorOf = async (response: Response) => ((await response.json()) as { error: { code: string; message: string } }).error;
const listAs = async (token: string) => ((await (await as(token, '/v1/site-profiles')).json()) as { profiles: SiteProfile[] }).profiles;
const auditCount = (action: string) => count('audit_events', 'action = ?', action);

describe('teaching a site', () => {
  it('an admin creates a profile; every user of the tenant lists it, no other tenant sees it; the audit log says what was taught', async () => {
    const created = await as(admin, '/v1/site-profiles', 'POST', siteProfileSample('acme.workable-like.test'));
    expect(created.status).toBe(201);
    const profile = (await created.json()) as SiteProfile;
    expect(profile).toMatchObject({
      ats: 'site-acme-workable-like-test',
      host: 'acme.workable-like.test',
      urlPattern: '/backend/candidates/{id}',
      updatedBy: DEMO.admin.email,
    });
    expect(profile.fields.phone).toEqual([
      { kind: 'label', text: 'Phone' },
      { kind: 'css', selector: 'main > section:nth-of-type(1) > div:nth-of-type(2) > span:nth-of-type(2)' },
    ]);

    expect((await listAs(recruiter)).map((p) => p.id)).toContain(profile.id);
    expect(await listAs(eve)).toEqual([]);

    const audit = await env.DB.prepare(`SELECT detail, actor_email FROM audit_events WHERE action = 'site_profile.created'`).first<{
      detail: string;
      actor_email: string;
    }>();
    expect(audit).toEqual({ detail: 'acme.workable-like.test /backend/candidates/{id} (fields: name, phone)', actor_email: DEMO.admin.email });
  });

  it('re-teaching replaces the profile, deleting forgets it; both are audited', async () => {
    const profile = (await (await as(admin, '/v1/site-profiles', 'POST', siteProfileSample('reteach.ats.test'))).json()) as SiteProfile;
    const changed = { ...siteProfileSample('reteach.ats.test'), urlPattern: '/app#/people/{id}' };
    const updated = await as(admin, `/v1/site-profiles/${profile.id}`, 'PUT', changed);
    expect(updated.status).toBe(200);
    expect(await updated.json()).toMatchObject({ id: profile.id, urlPattern: '/app#/people/{id}' });
    expect(await auditCount('site_profile.updated')).toBe(1);

    expect((await as(admin, `/v1/site-profiles/${profile.id}`, 'DELETE')).status).toBe(204);
    expect((await listAs(admin)).map((p) => p.id)).not.toContain(profile.id);
    expect(await auditCount('site_profile.deleted')).toBe(1);
  });
});

describe('bad input gets a clear error and changes nothing', () => {
  const sample = siteProfileSample('bad.ats.test');
  it.each([
    ['a pattern matching every page of the site', { ...sample, urlPattern: '/{id}' }, /every page/],
    ['a pattern without an id', { ...sample, urlPattern: '/candidates' }, /exactly one \{id\}/],
    ['a host with a port or scheme', { ...sample, host: 'https://bad.ats.test:8443' }, /host name/],
    ['a field with one locator', { ...sample, fields: { ...sample.fields, phone: [{ kind: 'label', text: 'Phone' }] } }, /two locators/],
    [
      'two locators of the same kind',
      {
        ...sample,
        fields: {
          ...sample.fields,
          phone: [
            { kind: 'label', text: 'Phone' },
            { kind: 'label', text: 'Mobile' },
          ],
        },
      },
      /different kinds/,
    ],
    [
      'a selector that is more than a selector',
      {
        ...sample,
        fields: {
          ...sample.fields,
          name: [
            { kind: 'id', id: 'n' },
            { kind: 'css', selector: 'h1 { color: red }' },
          ],
        },
      },
      /not a selector/,
    ],
    [
      'an attribute that is not a stable hook',
      {
        ...sample,
        fields: {
          ...sample.fields,
          name: [
            { kind: 'attribute', name: 'onclick', value: 'x' },
            { kind: 'id', id: 'n' },
          ],
        },
      },
      /only data-/,
    ],
    ['a field Parley does not read', { ...sample, fields: { ...sample.fields, salary: sample.fields.name } }, /salary|Unrecognized/i],
    ['no phone', { ...sample, fields: { name: sample.fields.name } }, /phone/],
  ])('%s', async (_, body, message) => {
    const [profiles, audits] = [await count('site_profiles'), await count('audit_events')];
    const response = await as(admin, '/v1/site-profiles', 'POST', body);
    expect(response.status).toBe(422);
    const error = await errorOf(response);
    expect(error.code).toBe('validation_failed');
    expect(error.message).toMatch(message);
    expect([await count('site_profiles'), await count('audit_events')]).toEqual([profiles, audits]);
  });

  it('a second profile for the same host is a 409 naming it', async () => {
    await as(admin, '/v1/site-profiles', 'POST', siteProfileSample('twice.ats.test'));
    const before = await count('site_profiles');
    const again = await as(admin, '/v1/site-profiles', 'POST', siteProfileSample('TWICE.ats.test'));
    expect(again.status).toBe(409);
    expect((await errorOf(again)).message).toMatch(/twice\.ats\.test already has a site profile/);
    expect(await count('site_profiles')).toBe(before);
  });
});

describe('who may change profiles', () => {
  it('a recruiter cannot create, re-teach or delete: 403, nothing changed', async () => {
    const profile = (await (await as(admin, '/v1/site-profiles', 'POST', siteProfileSample('guarded.ats.test'))).json()) as SiteProfile;
    const before = await count('site_profiles');
    expect((await as(recruiter, '/v1/site-profiles', 'POST', siteProfileSample('mine.ats.test'))).status).toBe(403);
    expect((await as(recruiter, `/v1/site-profiles/${profile.id}`, 'PUT', siteProfileSample('guarded.ats.test'))).status).toBe(403);
    expect((await as(recruiter, `/v1/site-profiles/${profile.id}`, 'DELETE')).status).toBe(403);
    expect(await count('site_profiles')).toBe(before);
  });

  it("another tenant's profile is 404 to this tenant's admin, and stays as it was", async () => {
    await env.DB.prepare(
      `INSERT INTO site_profiles (id, tenant_id, host, ats, url_pattern, fields, updated_by, created_at, updated_at)
       VALUES ('site_other', 'ten_other', 'other.ats.test', 'site-other-ats-test', '/c/{id}', ?, 'eve@other.test', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z')`,
    )
      .bind(JSON.stringify(siteProfileSample('other.ats.test').fields))
      .run();
    expect((await as(admin, '/v1/site-profiles/site_other', 'PUT', siteProfileSample('other.ats.test'))).status).toBe(404);
    expect((await as(admin, '/v1/site-profiles/site_other', 'DELETE')).status).toBe(404);
    expect(await count('site_profiles', `id = 'site_other' AND tenant_id = 'ten_other' AND url_pattern = '/c/{id}'`)).toBe(1);
  });
});

describe("a candidate read through a site profile keeps a link to the taught site's page only", () => {
  it('profileUrl on the profile host is stored; on another host it is refused', async () => {
    await as(admin, '/v1/site-profiles', 'POST', siteProfileSample('links.ats.test'));
    const context = { ...demoContext('4711', 'Grace Hopper', '+1 415 555 0161'), ats: 'site-links-ats-test' };
    const ok = await as(recruiter, '/v1/candidates', 'PUT', { ...context, profileUrl: 'https://links.ats.test/backend/candidates/4711' });
    expect(ok.status).toBe(200);
    const refused = await as(recruiter, '/v1/candidates', 'PUT', { ...context, profileUrl: 'https://phish.example/backend/candidates/4711' });
    expect(refused.status).toBe(422);
  });
});
