import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { RealtimeEvent } from '@shared/api/realtime.ts';
import { backoffDelay, connectRealtime, realtimeUrl } from './connection.ts';

/** Just enough of a browser WebSocket to drive the client from the test. */
class FakeSocket extends EventTarget {
  static instances: FakeSocket[] = [];
  readonly OPEN = 1;
  readyState = 0;
  sent: string[] = [];
  closedWith: number | null = null;
  constructor(
    readonly url: string,
    readonly protocols: string[],
  ) {
    super();
    FakeSocket.instances.push(this);
  }
  send(data: string) {
    this.sent.push(data);
  }
  close(code = 1000) {
    this.closedWith = code;
    this.readyState = 3;
    this.dispatchEvent(new Event('close'));
  }
  // test controls
  serverOpen() {
    this.readyState = 1;
    this.dispatchEvent(new Event('open'));
  }
  serverSend(frame: unknown) {
    this.dispatchEvent(new MessageEvent('message', { data: typeof frame === 'string' ? frame : JSON.stringify(frame) }));
  }
  serverDrop() {
    this.readyState = 3;
    this.dispatchEvent(new Event('close'));
  }
  serverClose(code: number) {
    this.readyState = 3;
    this.dispatchEvent(Object.assign(new Event('close'), { code }));
  }
}

const event = (seq: number): RealtimeEvent => ({
  seq,
  kind: 'conversation.read',
  candidateId: 'cand_1',
  payload: { conversationId: 'conv_1', userId: 'usr_1' },
});

beforeEach(() => {
  FakeSocket.instances = [];
  vi.useFakeTimers();
});
afterEach(() => vi.useRealTimers());

function start(cursor = 0) {
  const received: [number[], boolean][] = [];
  const cursors: number[] = [];
  const ended = { count: 0 };
  const connection = connectRealtime({
    onSessionEnded: () => ended.count++,
    origin: 'https://api.parley.test',
    token: 'tok_secret',
    cursor,
    onEvents: (events, replay) => received.push([events.map((e) => e.seq), replay]),
    onCursor: (seq) => cursors.push(seq),
    WebSocketImpl: FakeSocket as unknown as typeof WebSocket,
    random: () => 0.5,
  });
  return { connection, received, cursors, ended, socket: () => FakeSocket.instances.at(-1)! };
}

describe('the realtime connection', () => {
  it('connects over wss with the token as a subprotocol, never in the URL', () => {
    const { socket } = start(41);
    expect(socket().url).toBe('wss://api.parley.test/v1/realtime?cursor=41');
    expect(socket().protocols).toEqual(['parley.v1', 'token.tok_secret']);
    expect(realtimeUrl('http://127.0.0.1:8787', 0)).toBe('ws://127.0.0.1:8787/v1/realtime?cursor=0');
  });

  it('hands on each event once, across the replay and the live feed, and advances the cursor', () => {
    const { socket, received, cursors } = start(3);
    socket().serverOpen();
    socket().serverSend({ type: 'events', replay: true, events: [event(2), event(4), event(5)] });
    socket().serverSend({ type: 'events', replay: false, events: [event(5), event(6)] });
    socket().serverSend('pong');
    socket().serverSend('{"type":"something-new"}');
    expect(received).toEqual([
      [[4, 5], true],
      [[6], false],
    ]);
    expect(cursors).toEqual([5, 6]);
  });

  it('reconnects with growing backoff from the last cursor, and resets the backoff once connected', () => {
    const { socket } = start(0);
    socket().serverOpen();
    socket().serverSend({ type: 'events', replay: true, events: [event(7)] });
    socket().serverDrop();
    expect(FakeSocket.instances).toHaveLength(1);
    vi.advanceTimersByTime(backoffDelay(0, () => 0.5));
    expect(FakeSocket.instances).toHaveLength(2);
    expect(socket().url).toContain('cursor=7');
    socket().serverDrop(); // the worker is still down
    vi.advanceTimersByTime(backoffDelay(0, () => 0.5));
    expect(FakeSocket.instances).toHaveLength(2); // the second wait is longer
    vi.advanceTimersByTime(backoffDelay(1, () => 0.5));
    expect(FakeSocket.instances).toHaveLength(3);
    socket().serverOpen();
    socket().serverDrop();
    vi.advanceTimersByTime(backoffDelay(0, () => 0.5));
    expect(FakeSocket.instances).toHaveLength(4);
  });

  it('treats a close with 4001 as signed out: tells the extension once and never reconnects', () => {
    const { socket, ended } = start(0);
    socket().serverOpen();
    vi.advanceTimersByTime(20_000);
    socket().serverClose(4001);
    vi.advanceTimersByTime(120_000);
    expect(ended.count).toBe(1);
    expect(FakeSocket.instances).toHaveLength(1);
    expect(socket().sent).toEqual(['ping']);
  });

  it('reconnects at once after a close with 4002 (seat or role changed), still signed in', () => {
    const { socket, ended } = start(0);
    socket().serverOpen();
    socket().serverClose(4002);
    vi.advanceTimersByTime(0);
    expect(FakeSocket.instances).toHaveLength(2);
    expect(ended.count).toBe(0);
  });

  it('pings to stay alive, and stops for good on close', () => {
    const { socket, connection } = start(0);
    socket().serverOpen();
    vi.advanceTimersByTime(20_000);
    expect(socket().sent).toEqual(['ping']);
    connection.close();
    expect(socket().closedWith).toBe(1000);
    vi.advanceTimersByTime(120_000);
    expect(FakeSocket.instances).toHaveLength(1);
  });

  it('backs off exponentially up to 30 s, with jitter', () => {
    expect([0, 1, 2, 3, 4, 5, 9].map((n) => backoffDelay(n, () => 0.5))).toEqual([1000, 2000, 4000, 8000, 15000, 30000, 30000]);
    expect(backoffDelay(0, () => 0)).toBe(800);
    expect(backoffDelay(0, () => 1)).toBe(1200);
  });
});
