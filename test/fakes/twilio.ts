/**
 * A fake of Twilio's Messaging REST API over node:http, speaking its real shapes: form-encoded
 * CreateMessage with Basic auth answered 201 with a Message resource, Twilio's error JSON, the
 * Messages list, and signed status callbacks (signatures from the `twilio` package itself).
 * State is kept per account SID so parallel test files do not see each other's traffic.
 *
 * Control routes (tests only): POST /_fake/accounts {accountSid, authToken}; GET /_fake/{sid}/requests;
 * POST /_fake/{sid}/faults [Fault]; POST /_fake/{sid}/sign {url, params}; POST /_fake/{sid}/callback
 * {sid, status, errorCode?, forge?, prepareOnly?}.
 * @module
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import twilio from 'twilio';
import { type Fault, randomHex, readBody, record, type RecordedRequest, sendJson, sendJsonLate, sleep } from './http.ts';
import { testClock } from '../clock.ts';

type StoredMessage = {
  sid: string;
  to: string;
  from: string;
  body: string | null;
  contentSid: string | null;
  statusCallback: string | null;
  dateCreated: string;
};
type Account = { authToken: string; requests: RecordedRequest[]; faults: Fault[]; messages: StoredMessage[] };

export type FakeTwilio = { url: string; stop(): Promise<void> };

const twilioError = (code: number, message: string, status: number) => ({ code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status });

function resource(accountSid: string, m: StoredMessage) {
  return {
    sid: m.sid,
    account_sid: accountSid,
    to: m.to,
    from: m.from,
    body: m.body,
    status: 'queued',
    num_segments: '1',
    direction: 'outbound-api',
    // Twilio writes RFC 2822 dates: "Wed, 18 Aug 2010 20:01:40 +0000".
    date_created: new Date(m.dateCreated).toUTCString().replace('GMT', '+0000'),
    api_version: '2010-04-01',
    uri: `/2010-04-01/Accounts/${accountSid}/Messages/${m.sid}.json`,
  };
}

export async function startFakeTwilio(port = 0): Promise<FakeTwilio> {
  const accounts = new Map<string, Account>();

  const server = createServer(async (request, response) => {
    const url = new URL(request.url ?? '/', 'http://fake-twilio');
    const body = await readBody(request);
    const control = /^\/_fake\/(?:(AC[0-9a-f]{32})\/)?([a-z-]+)$/.exec(url.pathname);
    if (control) {
      const [, sid, action] = control;
      if (action === 'accounts') {
        const { accountSid, authToken } = JSON.parse(body) as { accountSid: string; authToken: string };
        accounts.set(accountSid, { authToken, requests: [], faults: [], messages: [] });
        return sendJson(response, 201, { accountSid });
      }
      const account = sid ? accounts.get(sid) : undefined;
      if (!account) return sendJson(response, 404, { error: 'unknown account' });
      if (action === 'requests') return sendJson(response, 200, account.requests);
      if (action === 'messages') return sendJson(response, 200, account.messages);
      if (action === 'faults') {
        account.faults.push(...(JSON.parse(body) as Fault[]));
        return sendJson(response, 200, { queued: account.faults.length });
      }
      if (action === 'sign') {
        const { url: signedUrl, params } = JSON.parse(body) as { url: string; params: Record<string, string> };
        return sendJson(response, 200, { signature: twilio.getExpectedTwilioSignature(account.authToken, signedUrl, params) });
      }
      if (action === 'callback') {
        const {
          sid: messageSid,
          status,
          errorCode,
          forge,
          prepareOnly,
        } = JSON.parse(body) as {
          sid: string;
          status: string;
          errorCode?: number;
          forge?: boolean;
          /** Answer the signed request instead of posting it (for callers that cannot be reached over HTTP). */
          prepareOnly?: boolean;
        };
        const message = account.messages.find((m) => m.sid === messageSid);
        if (!message?.statusCallback) return sendJson(response, 404, { error: 'no such message or no StatusCallback' });
        const params: Record<string, string> = {
          MessageSid: message.sid,
          SmsSid: message.sid,
          AccountSid: sid!,
          From: message.from,
          To: message.to,
          MessageStatus: status,
          SmsStatus: status,
          ApiVersion: '2010-04-01',
          ...(errorCode ? { ErrorCode: String(errorCode) } : {}),
        };
        const signature = twilio.getExpectedTwilioSignature(forge ? 'not-the-auth-token' : account.authToken, message.statusCallback, params);
        const headers = { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Twilio-Signature': signature };
        if (prepareOnly) return sendJson(response, 200, { url: message.statusCallback, headers, body: new URLSearchParams(params).toString() });
        const answer = await fetch(message.statusCallback, { method: 'POST', headers, body: new URLSearchParams(params) });
        return sendJson(response, 200, { status: answer.status, body: await answer.text() });
      }
      return sendJson(response, 404, { error: 'unknown control route' });
    }

    const api = /^\/2010-04-01\/Accounts\/(AC[0-9a-f]{32})(\.json|\/Messages\.json)$/.exec(url.pathname);
    const account = api ? accounts.get(api[1]!) : undefined;
    if (!api) return sendJson(response, 404, twilioError(20404, 'The requested resource was not found', 404));
    const accountSid = api[1]!;
    account?.requests.push(record(request, url, body));
    const expected = account ? `Basic ${Buffer.from(`${accountSid}:${account.authToken}`).toString('base64')}` : null;
    if (!account || request.headers.authorization !== expected) {
      return sendJson(response, 401, twilioError(20003, 'Authenticate', 401));
    }
    if (api[2] === '.json') return sendJson(response, 200, { sid: accountSid, friendly_name: 'Fake account', status: 'active' });

    if (request.method === 'GET') {
      const to = url.searchParams.get('To');
      const from = url.searchParams.get('From');
      const since = url.searchParams.get('DateSent>');
      const found = account.messages.filter((m) => (!to || m.to === to) && (!from || m.from === from) && (!since || m.dateCreated.slice(0, 10) >= since));
      return sendJson(response, 200, { messages: found.map((m) => resource(accountSid, m)), page: 0, page_size: 50 });
    }

    const form = new URLSearchParams(body);
    const fault = account.faults.shift();
    if (fault?.kind === 'status') return sendJson(response, fault.status, fault.body, fault.headers);
    if (fault?.kind === 'stall') {
      await sleep(fault.ms);
      return void request.socket.destroy();
    }
    const to = form.get('To');
    if (!to) return sendJson(response, 400, twilioError(21604, "A 'To' phone number is required.", 400));
    const message: StoredMessage = {
      sid: `SM${randomHex(32)}`,
      to,
      from: form.get('From') ?? '',
      body: form.get('Body'),
      contentSid: form.get('ContentSid'),
      statusCallback: form.get('StatusCallback'),
      dateCreated: testClock.now().toISOString(),
    };
    account.messages.push(message);
    // A slow answer: the message is accepted, only the response is late (the caller may give up).
    if (fault?.kind === 'hang') await sleep(fault.ms);
    // Accepted, then the connection breaks before the answer: only a lookup can tell the caller.
    if (fault?.kind === 'drop') return void request.socket.destroy();
    if (fault?.kind === 'late-body') return sendJsonLate(response, 201, resource(accountSid, message), fault.ms);
    sendJson(response, 201, resource(accountSid, message));
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
