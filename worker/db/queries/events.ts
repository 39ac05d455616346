import type { RealtimeEvent, RealtimeEventKind } from '../../../shared/api/realtime.ts';

type EventRow = { seq: number; kind: RealtimeEventKind; candidate_id: string; payload: string };

/**
 * An event row for the same batch as the change it reports. `onlyIfMessageExists` ties it to a
 * message insert that may have been skipped as a duplicate: no message, no event.
 */
export function eventStatement(
  db: D1Database,
  tenantId: string,
  event: { kind: RealtimeEventKind; candidateId: string; payload: unknown },
  createdAt: string,
  onlyIfMessageExists?: string,
): D1PreparedStatement {
  const insert = `INSERT INTO events (tenant_id, kind, candidate_id, payload, created_at)`;
  const values = [tenantId, event.kind, event.candidateId, JSON.stringify(event.payload), createdAt];
  const returning = `RETURNING seq, kind, candidate_id, payload`;
  return onlyIfMessageExists
    ? db
        .prepare(`${insert} SELECT ?, ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM messages WHERE id = ? AND tenant_id = ?) ${returning}`)
        .bind(...values, onlyIfMessageExists, tenantId)
    : db.prepare(`${insert} VALUES (?, ?, ?, ?, ?) ${returning}`).bind(...values);
}

/** The events a batch wrote through `eventStatement`, ready to publish. */
export function writtenEvents(results: D1Result[]): RealtimeEvent[] {
  return results.flatMap((result) =>
    (result.results as Partial<EventRow>[]).filter((row): row is EventRow => typeof row.seq === 'number' && typeof row.kind === 'string' && typeof row.payload === 'string').map(toEvent),
  );
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

const toEvent = (row: EventRow) =>
  ({ seq: row.seq, kind: row.kind, candidateId: row.candidate_id, payload: JSON.parse(row.payload) }) as RealtimeEvent;
