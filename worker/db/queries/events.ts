import type { RealtimeEvent, RealtimeEventKind } from '../../../shared/api/realtime.ts';

type EventRow = { seq: number; kind: RealtimeEventKind; candidate_id: string; payload: string };

/** An event that no message change reports (message events come from triggers, see 0005). */
export function insertEvent(
  db: D1Database,
  tenantId: string,
  event: { kind: Exclude<RealtimeEventKind, `message.${string}`>; candidateId: string; payload: unknown },
  createdAt: string,
): D1PreparedStatement {
  return db
    .prepare(`INSERT INTO events (tenant_id, kind, candidate_id, payload, created_at) VALUES (?, ?, ?, ?, ?)`)
    .bind(tenantId, event.kind, event.candidateId, JSON.stringify(event.payload), createdAt);
}

const CATCH_UP_LIMIT = 500;

/** Events after a cursor, oldest first; a client far behind gets the newest page and refetches. */
export async function eventsAfter(db: D1Database, tenantId: string, afterSeq: number): Promise<RealtimeEvent[]> {
  const { results } = await db
    .prepare(
      `SELECT seq, kind, candidate_id, payload FROM (
         SELECT * FROM events WHERE tenant_id = ? AND seq > ? ORDER BY seq DESC LIMIT ${CATCH_UP_LIMIT}
       ) ORDER BY seq`,
    )
    .bind(tenantId, afterSeq)
    .all<EventRow>();
  return results.map(toEvent);
}

const toEvent = (row: EventRow) => ({ seq: row.seq, kind: row.kind, candidateId: row.candidate_id, payload: JSON.parse(row.payload) }) as RealtimeEvent;
