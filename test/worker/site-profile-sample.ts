/** A valid site profile (POST /v1/site-profiles) for `host`: the Workable-like label/value page of test/fixtures/ats/unknown. */
export const siteProfileSample = (host: string) => ({
  host,
  urlPattern: '/backend/candidates/{id}',
  fields: {
    name: [
      { kind: 'attribute', name: 'data-ui', value: 'candidate-name' },
      { kind: 'css', selector: 'main > header > h2' },
    ],
    phone: [
      { kind: 'label', text: 'Phone' },
      { kind: 'css', selector: 'main > section:nth-of-type(1) > div:nth-of-type(2) > span:nth-of-type(2)' },
    ],
  },
});

/** A host no other call has used: profiles are one per host and tenant. */
export const uniqueSiteHost = () => `matrix-${crypto.randomUUID().slice(0, 8)}.ats.test`;
