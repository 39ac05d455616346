/**
 * One Durable Object per tenant fans the tenant's events out to every signed-in extension.
 * It holds no state of its own: D1's events table is the record, so a client that reconnects
 * gets what it missed from there, and a hub that hibernates or restarts loses nothing.
 * @module
 */
import { DurableObject } from 'cloudflare:workers';
import { PING, PONG, REALTIME_PROTOCOL, type RealtimeEvent, type RealtimeFrame } from '../../shared/api/realtime.ts';
import { eventsAfter } from '../db/queries/events.ts';
import type { Bindings } from '../env.ts';

type SocketTag = { userId: string };

export class TenantHub extends DurableObject<Bindings> {
  constructor(ctx: DurableObjectState, env: Bindings) {
    super(ctx, env);
    // Keepalive pings are answered without waking the object from hibernation.
    ctx.setWebSocketAutoResponse(new WebSocketRequestResponsePair(PING, PONG));
  }

  /** Accepts an authenticated socket (the worker checked the session) and replays what it missed. */
  override async fetch(request: Request): Promise<Response> {
    const tenantId = request.headers.get('X-Parley-Tenant');
    const userId = request.headers.get('X-Parley-User');
    const cursor = Number(new URL(request.url).searchParams.get('cursor') ?? '0');
    if (!tenantId || !userId || !Number.isSafeInteger(cursor) || cursor < 0) {
      return new Response('bad realtime request', { status: 400 });
    }
    const { 0: client, 1: server } = new WebSocketPair();
    this.ctx.acceptWebSocket(server, [userId]);
    server.serializeAttachment({ userId } satisfies SocketTag);
    // Accept first, then read the backlog: an event committed in between arrives twice at worst
    // (live and in the backlog), and clients drop seqs they have already seen.
    const backlog = await eventsAfter(this.env.DB, tenantId, cursor);
    server.send(JSON.stringify({ type: 'events', replay: true, events: backlog } satisfies RealtimeFrame));
    return new Response(null, { status: 101, webSocket: client, headers: { 'Sec-WebSocket-Protocol': REALTIME_PROTOCOL } });
  }

  /** Pushes committed events to every open socket of the tenant. */
  async broadcast(events: RealtimeEvent[]): Promise<number> {
    const frame = JSON.stringify({ type: 'events', replay: false, events } satisfies RealtimeFrame);
    const sockets = this.ctx.getWebSockets();
    for (const socket of sockets) {
      try {
        socket.send(frame);
      } catch {
        // A socket closing right now; its client catches up from the cursor when it reconnects.
      }
    }
    return sockets.length;
  }

  override webSocketMessage(socket: WebSocket, message: string | ArrayBuffer): void {
    // Clients only ping (answered by the auto-response); anything else is a confused client.
    if (message !== PING) socket.close(1003, 'this socket only sends');
  }

  override webSocketClose(socket: WebSocket, code: number): void {
    socket.close(code === 1005 ? 1000 : code, 'closing');
  }
}
