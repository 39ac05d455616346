/**
 * A phone number the recruiter confirmed in the panel, for a candidate whose ATS page shows none
 * (or one without a country code): stored once, kept on later visits to the same page.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { authed, call, seedDemo, signIn } from '../../test/worker/support.ts';

let token: string;

beforeAll(async () => {
  await seedDemo();
  token = await signIn();
});

const context = (phone: string | null) => ({
  ats: 'lever',
  atsCandidateId: '7f3c2a91-5b4e-4d2f-9c8a-1e6b0d4f2a37',
  name: 'Sam Okafor',
  phone,
  email: 'sam.okafor@example.co.uk',
  jobTitle: 'Platform Engineer (On-call)',
  language: 'en',
});

const resolve = async (phone: string | null) => {
  const response = await call('/v1/candidates', authed(token, 'PUT', context(phone)));
  expect(response.status).toBe(200);
  return (await response.json()) as { id: string; phone: string | null; phoneCountry: string | null };
};

describe('a phone number the ATS page does not show', () => {
  it('is null until the recruiter confirms one, then kept while the page still shows none', async () => {
    expect(await resolve(null)).toMatchObject({ phone: null, phoneCountry: null });

    const confirmed = await resolve('+1 512 555 0187');
    expect(confirmed).toMatchObject({ phone: '+15125550187', phoneCountry: 'US' });

    // The next visit: the page still shows no number, or one the worker cannot place.
    expect(await resolve(null)).toMatchObject({ id: confirmed.id, phone: '+15125550187', phoneCountry: 'US' });
    expect(await resolve('(512) 555-0187')).toMatchObject({ phone: '+15125550187', phoneCountry: 'US' });
  });

  it('gives way to a usable number the page shows later', async () => {
    expect(await resolve('+1 415 555 0134')).toMatchObject({ phone: '+14155550134', phoneCountry: 'US' });
  });
});
