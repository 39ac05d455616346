/**
 * A fake of Meta's WhatsApp Cloud API (Graph) over node:http: POST /{version}/{phone-number-id}/messages
 * with a Bearer token, answered like Graph (`messages[0].id = wamid…`, or `{error:{code,…}}`), and
 * GET /{version}/{phone-number-id} for the credentials check. State is per phone number ID.
 *
 * Control routes: POST /_fake/numbers {phoneNumberId, accessToken}; GET /_fake/{id}/requests;
 * POST /_fake/{id}/faults [Fault].
 * @module
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Fault, randomHex, readBody, record, type RecordedRequest, sendJson, sendJsonLate, sleep } from './http.ts';

type PhoneNumber = { accessToken: string; requests: RecordedRequest[]; faults: Fault[] };

export type FakeMeta = { url: string; stop(): Promise<void> };

const graphError = (code: number, message: string) => ({ error: { message, type: 'OAuthException', code, fbtrace_id: `A${randomHex(20)}` } });

export async function startFakeMeta(port = 0): Promise<FakeMeta> {
  const numbers = new Map<string, PhoneNumber>();

  const server = createServer(async (request, response) => {
    const url = new URL(request.url ?? '/', 'http://fake-meta');
    const body = await readBody(request);
    const control = /^\/_fake\/(?:(\d+)\/)?([a-z]+)$/.exec(url.pathname);
    if (control) {
      const [, id, action] = control;
      if (action === 'numbers') {
        const { phoneNumberId, accessToken } = JSON.parse(body) as { phoneNumberId: string; accessToken: string };
        numbers.set(phoneNumberId, { accessToken, requests: [], faults: [] });
        return sendJson(response, 201, { phoneNumberId });
      }
      const number = id ? numbers.get(id) : undefined;
      if (!number) return sendJson(response, 404, { error: 'unknown phone number id' });
      if (action === 'requests') return sendJson(response, 200, number.requests);
      if (action === 'faults') {
        number.faults.push(...(JSON.parse(body) as Fault[]));
        return sendJson(response, 200, { queued: number.faults.length });
      }
      return sendJson(response, 404, { error: 'unknown control route' });
    }

    const api = /^\/v\d+\.\d\/(\d+)(\/messages)?$/.exec(url.pathname);
    const number = api ? numbers.get(api[1]!) : undefined;
    if (!api || !number) return sendJson(response, 400, graphError(100, 'Unsupported request: object does not exist'));
    number.requests.push(record(request, url, body));
    if (request.headers.authorization !== `Bearer ${number.accessToken}`) {
      return sendJson(response, 401, graphError(190, 'Invalid OAuth access token - Cannot parse access token'));
    }
    if (!api[2]) return sendJson(response, 200, { display_phone_number: '15550001111', id: api[1] });

    const fault = number.faults.shift();
    if (fault?.kind === 'status') return sendJson(response, fault.status, fault.body, fault.headers);
    if (fault?.kind === 'stall') {
      await sleep(fault.ms);
      return void request.socket.destroy();
    }
    const sent = JSON.parse(body) as { to?: string };
    const id = `wamid.${Buffer.from(randomHex(24)).toString('base64')}`;
    if (fault?.kind === 'hang') await sleep(fault.ms);
    if (fault?.kind === 'drop') return void request.socket.destroy();
    const answer = { messaging_product: 'whatsapp', contacts: [{ input: sent.to, wa_id: sent.to?.replace(/\D/g, '') }], messages: [{ id }] };
    if (fault?.kind === 'late-body') return sendJsonLate(response, 200, answer, fault.ms);
    sendJson(response, 200, answer);
  });

  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const { port: bound } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${bound}`,
    stop: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
