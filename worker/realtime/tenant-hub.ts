/**
 * One Durable Object per tenant fans the tenant's events out to every signed-in extension.
 * D1's events table is the record (written by triggers with every message change); the hub only
 * remembers how far it has pushed. Whoever commits a change pokes the hub, which pushes every
 * event it has not pushed yet — so a lost poke delays an event until the next one, never drops
 * it, and a client that reconnects gets what it missed from its own cursor.
 * @module
 */
import { DurableObject } from 'cloudflare:workers';
import { ACCESS_CHANGED, PING, PONG, REALTIME_PROTOCOL, type RealtimeFrame, SESSION_ENDED } from '../../shared/api/realtime.ts';
import { idleCutoff } from '../../shared/domain/sessions.ts';
import { eventsAfter } from '../db/queries/events.ts';
import { liveSessionIds } from '../db/queries/live-sessions.ts';
import { clockOf, wallClock } from '../lib/clock.ts';
import { log, newRunId, withRequestId } from '../lib/log.ts';

type SocketTag = { userId: string; sessionId: string };

/** A socket is tagged with its user and its session, so either can be disconnected. */
export const sessionTag = (sessionId: string) => `session:${sessionId}`;
export const userTag = (userId: string) => `user:${userId}`;

export { ACCESS_CHANGED, SESSION_ENDED };

/**
 * How often, at most, the hub checks before a push that every socket's session is still live: a
 * backstop for a session that ended without its socket being closed (expiry, idle timeout, an
 * isolate that died before it could ask). Measured in-isolate, on the monotonic timer.
 */
export const SESSION_RECHECK_MS = 60_000;

const PUSHED_SEQ = 'pushedSeq';
const TENANT_ID = 'tenantId';

/**
 * After each poke the hub pushes once more this much later: pokers skip pokes that come soon
 * after one of their own (services/realtime.ts `POKE_SPACING_MS`), and this push delivers what
 * those skipped pokes stood for.
 */
export const TRAILING_PUSH_MS = 150;

/** What the hub reads of the worker's bindings (its own type, so env.ts can name the hub's class without a cycle). */
type HubBindings = { DB: D1Database; SANDBOX_ENABLED: string; CLOCK_OFFSET_MS?: string };

export class TenantHub extends DurableObject<HubBindings> {
  constructor(ctx: DurableObjectState, env: HubBindings) {
    super(ctx, env);
    // Keepalive pings are answered without waking the object from hibernation.
    ctx.setWebSocketAutoResponse(new WebSocketRequestResponsePair(PING, PONG));
  }

  /** Accepts an authenticated socket (the worker checked the session) and replays what it missed. */
  override async fetch(request: Request): Promise<Response> {
    const tenantId = request.headers.get('X-Parley-Tenant');
    const userId = request.headers.get('X-Parley-User');
    const sessionId = request.headers.get('X-Parley-Session');
    const cursor = Number(new URL(request.url).searchParams.get('cursor') ?? '0');
    if (!tenantId || !userId || !sessionId || !Number.isSafeInteger(cursor) || cursor < 0) {
      return new Response('bad realtime request', { status: 400 });
    }
    const { 0: client, 1: server } = new WebSocketPair();
    this.ctx.acceptWebSocket(server, [userTag(userId), sessionTag(sessionId)]);
    server.serializeAttachment({ userId, sessionId } satisfies SocketTag);
    // Accept first, then read the backlog: an event committed in between arrives twice at worst
    // (live and in the backlog), and clients drop seqs they have already seen.
    const backlog = await eventsAfter(this.env.DB, tenantId, cursor);
    server.send(JSON.stringify({ type: 'events', replay: true, events: backlog } satisfies RealtimeFrame));
    // Pokes are ignored while nobody listens, so the first listener's backlog is where pushing resumes
    // (with others connected, events past the push mark may still be owed to them) …
    const newest = backlog.at(-1)?.seq;
    if (newest !== undefined && this.ctx.getWebSockets().length === 1) {
      await this.ctx.storage.put(PUSHED_SEQ, Math.max(newest, (await this.ctx.storage.get<number>(PUSHED_SEQ)) ?? 0));
    }
    // … and a change committed just after the backlog read, whose poke was skipped as too soon after an
    // ignored one, still goes out with the trailing push.
    await this.scheduleTrailingPush(tenantId);
    return new Response(null, { status: 101, webSocket: client, headers: { 'Sec-WebSocket-Protocol': REALTIME_PROTOCOL } });
  }

  private pushing: Promise<void> = Promise.resolve();
  /** A push that has not started yet: it will read every change committed before it starts. */
  private queued: Promise<void> | null = null;

  /** Pushes every committed event of the tenant not pushed yet, now and once more shortly after. */
  async poke(tenantId: string): Promise<void> {
    // Nobody to push to (a tenant's night, a webhook burst with no panel open): no D1 read, no alarm.
    if (this.ctx.getWebSockets().length === 0) return;
    await this.scheduleTrailingPush(tenantId);
    return this.push(tenantId);
  }

  override async alarm(): Promise<void> {
    const due = this.trailingPushAt;
    this.trailingPushAt = 0;
    const tenantId = await this.ctx.storage.get<string>(TENANT_ID);
    if (tenantId) await this.push(tenantId);
    // A poke that came after this alarm was set asked for a later push than this one.
    if (this.trailingPushAt === 0 && due > wallClock.now().getTime()) await this.setTrailingPush(due);
  }

  private knownTenantId: string | null = null;
  /** When the pending trailing push runs (0: none). Pokes move it later without rescheduling the alarm each time. */
  private trailingPushAt = 0;

  private async scheduleTrailingPush(tenantId: string): Promise<void> {
    if (this.knownTenantId !== tenantId) {
      await this.ctx.storage.put(TENANT_ID, tenantId);
      this.knownTenantId = tenantId;
    }
    // Alarms fire on the platform's clock, never a shifted one.
    const due = wallClock.now().getTime() + TRAILING_PUSH_MS;
    if (this.trailingPushAt === 0) await this.setTrailingPush(due);
    else this.trailingPushAt = due;
  }

  private async setTrailingPush(due: number): Promise<void> {
    this.trailingPushAt = due;
    await this.ctx.storage.setAlarm(due);
  }

  /** Pushes run one at a time, and a burst of pokes shares the one queued push instead of a D1 read each. */
  private push(tenantId: string): Promise<void> {
    if (this.queued) return this.queued;
    const run = this.pushing.then(() => {
      this.queued = null;
      return this.pushPending(tenantId);
    });
    this.pushing = run.catch((error: unknown) => {
      // A push serves many pokes, so it has no request of its own: its line gets an id of its own.
      withRequestId(newRunId('hub'), () => log.error('realtime.push_failed', { tenantId }, error));
    });
    this.queued = this.pushing;
    return this.pushing;
  }

  private sessionsCheckedAt: number | null = null;

  /** Closes the sockets whose session is no longer live, at most once per {@link SESSION_RECHECK_MS}. */
  private async closeEndedSessions(tenantId: string): Promise<void> {
    if (this.sessionsCheckedAt !== null && performance.now() - this.sessionsCheckedAt < SESSION_RECHECK_MS) return;
    this.sessionsCheckedAt = performance.now();
    const now = clockOf(this.env).now();
    const sockets = this.ctx.getWebSockets().map((socket) => ({ socket, tag: socket.deserializeAttachment() as SocketTag | null }));
    const live = await liveSessionIds(
      this.env.DB,
      tenantId,
      sockets.flatMap(({ tag }) => (tag ? [tag.sessionId] : [])),
      now.toISOString(),
      idleCutoff(now),
    );
    for (const { socket, tag } of sockets) if (!tag || !live.has(tag.sessionId)) socket.close(SESSION_ENDED, 'session ended');
  }

  private async pushPending(tenantId: string): Promise<void> {
    const pushedSeq = (await this.ctx.storage.get<number>(PUSHED_SEQ)) ?? 0;
    const events = await eventsAfter(this.env.DB, tenantId, pushedSeq);
    if (events.length === 0) return;
    await this.closeEndedSessions(tenantId);
    const frame = JSON.stringify({ type: 'events', replay: false, events } satisfies RealtimeFrame);
    for (const socket of this.ctx.getWebSockets()) {
      try {
        socket.send(frame);
      } catch {
        // A socket closing right now; its client catches up from its cursor when it reconnects.
      }
    }
    await this.ctx.storage.put(PUSHED_SEQ, events.at(-1)!.seq);
  }

  /**
   * Closes the sockets with this tag (`sessionTag`, `userTag`): a session that ended hears nothing
   * more, not even previews, and its client's reconnect is refused with 401 (`SESSION_ENDED`); a
   * user whose seat or role changed reconnects under what they may now do (`ACCESS_CHANGED`).
   * @returns how many closed.
   */
  async disconnect(tag: string, code: typeof SESSION_ENDED | typeof ACCESS_CHANGED = SESSION_ENDED): Promise<number> {
    const sockets = this.ctx.getWebSockets(tag);
    for (const socket of sockets) socket.close(code, code === SESSION_ENDED ? 'session ended' : 'access changed');
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
