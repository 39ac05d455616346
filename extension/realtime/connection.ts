/**
 * The extension's end of the tenant's realtime feed: one WebSocket, reconnecting with backoff,
 * resuming from the last seq it saw so nothing is lost while offline, and handing each event on
 * exactly once. Polling stays in the panel only as the fallback.
 * @module
 */
import {
  PING,
  PONG,
  REALTIME_PROTOCOL,
  RealtimeFrame,
  SESSION_ENDED,
  ACCESS_CHANGED,
  TOKEN_PROTOCOL_PREFIX,
  type RealtimeEvent,
} from '@shared/api/realtime.ts';

export type RealtimeStatus = 'connecting' | 'open' | 'offline';

export type RealtimeOptions = {
  /** The worker's origin, http(s); the socket uses ws(s). */
  origin: string;
  token: string;
  /** The last seq already handled: the feed resumes after it. */
  cursor: number;
  /** @param replay true for what was missed while offline, sent on (re)connecting. */
  onEvents(events: RealtimeEvent[], replay: boolean): void;
  onCursor?(seq: number): void;
  onStatus?(status: RealtimeStatus): void;
  /** The worker closed the socket because the session ended (code 4001): sign the user out; no reconnect follows. */
  onSessionEnded?(): void;
  WebSocketImpl?: typeof WebSocket;
  random?: () => number;
};

/** MV3 keeps a service worker alive while its socket is busy at least every 30 s. */
export const PING_INTERVAL_MS = 20_000;
const BACKOFF_MS = [1_000, 2_000, 4_000, 8_000, 15_000, 30_000];

/** The wait before reconnect attempt `attempt` (0-based): exponential, capped, ±20 % jitter. */
export function backoffDelay(attempt: number, random: () => number = Math.random): number {
  const base = BACKOFF_MS[Math.min(attempt, BACKOFF_MS.length - 1)]!;
  return Math.round(base * (0.8 + 0.4 * random()));
}

export function realtimeUrl(origin: string, cursor: number): string {
  const url = new URL('/v1/realtime', origin);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  url.searchParams.set('cursor', String(cursor));
  return url.href;
}

/** @returns close: stops for good (sign-out), no reconnect. */
export function connectRealtime(options: RealtimeOptions): { close(): void } {
  const { origin, token, onEvents, onCursor, onStatus, onSessionEnded, WebSocketImpl = WebSocket, random = Math.random } = options;
  let cursor = options.cursor;
  let attempt = 0;
  let socket: WebSocket | null = null;
  let reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  let pingTimer: ReturnType<typeof setInterval> | undefined;
  let closed = false;

  function open(): void {
    onStatus?.('connecting');
    const ws = new WebSocketImpl(realtimeUrl(origin, cursor), [REALTIME_PROTOCOL, `${TOKEN_PROTOCOL_PREFIX}${token}`]);
    socket = ws;
    ws.addEventListener('open', () => {
      attempt = 0;
      onStatus?.('open');
      pingTimer = setInterval(() => ws.readyState === ws.OPEN && ws.send(PING), PING_INTERVAL_MS);
    });
    ws.addEventListener('message', (event) => receive(event.data));
    ws.addEventListener('close', (event) => {
      clearInterval(pingTimer);
      if (socket !== ws || closed) return;
      onStatus?.('offline');
      // Reconnecting with an ended session would only be refused, again and again.
      if (event.code === SESSION_ENDED) {
        closed = true;
        onSessionEnded?.();
        return;
      }
      // Anything else (a dropped network, a deploy, a seat or role change) reconnects.
      reconnectTimer = setTimeout(open, event.code === ACCESS_CHANGED ? 0 : backoffDelay(attempt++, random));
    });
  }

  function receive(data: unknown): void {
    if (data === PONG || typeof data !== 'string') return;
    let frame: RealtimeFrame;
    try {
      frame = RealtimeFrame.parse(JSON.parse(data));
    } catch {
      return; // a frame from a newer worker this build does not know: skip it, keep the socket
    }
    // The backlog and the live feed can overlap by a few events: hand on each seq once.
    const fresh = frame.events.filter((event) => event.seq > cursor);
    if (fresh.length === 0) return;
    cursor = Math.max(...fresh.map((event) => event.seq));
    onEvents(fresh, frame.replay);
    onCursor?.(cursor);
  }

  open();
  return {
    close() {
      closed = true;
      clearTimeout(reconnectTimer);
      clearInterval(pingTimer);
      socket?.close(1000, 'signed out');
    },
  };
}
