import { beforeAll, expect, it } from 'vitest';
import { authed, call, clock, DEMO, demoContext, env, seedDemo, signIn } from '../../test/worker/support.ts';
import { prepareAll } from '../db/queries/sql.ts';
import { demoConversationStatements } from './seed.ts';

beforeAll(async () => {
  await seedDemo();
  await env.DB.batch(prepareAll(env.DB, demoConversationStatements(clock.now())));
});

it("npm start's demo thread keeps Ada's WhatsApp window open on whatever day it is seeded", async () => {
  const token = await signIn();
  const ada = (await (
    await call('/v1/candidates', authed(token, 'PUT', demoContext(DEMO.consentedCandidate, 'Ada Lovelace', '+1 (415) 555-0101')))
  ).json()) as {
    id: string;
    consent: Record<string, string>;
  };
  expect(ada.consent).toEqual({ sms: 'granted', whatsapp: 'granted' });
  const threadOn = async (channel: string) =>
    (
      (await (await call(`/v1/candidates/${ada.id}/messages?channel=${channel}`, authed(token))).json()) as {
        messages: { direction: string; createdAt: string }[];
      }
    ).messages;
  const [sms, whatsapp] = [await threadOn('sms'), await threadOn('whatsapp')];
  expect(sms.map((message) => message.direction)).toEqual(['outbound', 'inbound']);
  expect(whatsapp.map((message) => message.direction)).toEqual(['inbound']);
  const hoursAgo = (message: { createdAt: string }) => (clock.now().getTime() - Date.parse(message.createdAt)) / 3_600_000;
  expect(hoursAgo(whatsapp[0]!)).toBeGreaterThan(1.9);
  expect(hoursAgo(whatsapp[0]!)).toBeLessThan(2.1);

  const reply = await call(`/v1/candidates/${ada.id}/messages`, authed(token, 'POST', { channel: 'whatsapp', body: 'Friday at 10:00 then, talk soon!' }));
  expect(reply.status).toBe(201);
});
