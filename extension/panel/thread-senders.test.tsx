import { expect, test } from 'vitest';
import { clock } from '../lib/clock.ts';
import { aMessage } from '../testing/messages.ts';
import { renderAsync } from '../testing/render.tsx';
import { Thread } from './thread.tsx';

test('each outbound bubble says who sent it: you, a teammate by name, or Parley’s automatic messages', async () => {
  const at = (minutes: number) => new Date(clock.now().getTime() - minutes * 60_000).toISOString();
  await renderAsync(
    <Thread
      messages={[
        aMessage({ id: 'auto', seq: 1, direction: 'outbound', body: 'Reply START', status: 'delivered', senderUserId: null, createdAt: at(40) }),
        aMessage({ id: 'reply', seq: 2, direction: 'inbound', body: 'START', status: 'received', senderUserId: null, createdAt: at(30) }),
        aMessage({
          id: 'jana',
          seq: 3,
          direction: 'outbound',
          body: 'Hallo',
          status: 'sent',
          senderUserId: 'usr_jana',
          senderName: 'Jana Köhler',
          createdAt: at(20),
        }),
        aMessage({
          id: 'mine',
          seq: 4,
          direction: 'outbound',
          body: 'Hi Ada',
          status: 'sent',
          senderUserId: 'usr_rita',
          senderName: 'Rita Ortiz',
          createdAt: at(10),
        }),
      ]}
      loaded
      pollError={null}
      emptyText="No SMS messages with Ada yet."
      viewerUserId="usr_rita"
    />,
  );
  const senders = [...document.querySelectorAll('[data-testid="message"]')].map(
    (bubble) => bubble.querySelector('[data-testid="message-sender"]')?.textContent ?? null,
  );
  expect(senders).toEqual(['Parley (automatic) · ', null, 'Jana Köhler · ', 'You · ']);
});
