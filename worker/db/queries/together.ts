/**
 * Reads that can share one round trip. A `Query` is its statements and how their rows become the
 * value, so a caller that needs several (the outbound gate's consent, window, quiet hours and
 * sending number; a delivery's re-check, integration and pacing slot) runs them in one
 * `db.batch`: a D1 call costs about as much as a batch of ten, so the calls per message set how
 * many messages a second the worker can send.
 * @module
 */

/** A read: its statements, and their rows (one list per statement, in order) made into the value. */
export type Query<T> = { statements: readonly D1PreparedStatement[]; read: (results: readonly (readonly unknown[])[]) => T };

/** A query of one statement. */
export const query = <T>(statement: D1PreparedStatement, read: (rows: readonly unknown[]) => T): Query<T> => ({
  statements: [statement],
  read: ([rows]) => read(rows ?? []),
});

type ValueOf<E> = E extends Query<infer T> ? T : null;
type Values<Q extends readonly (Query<unknown> | null)[]> = { [K in keyof Q]: ValueOf<Q[K]> };

/**
 * Several queries as one, whose value `read` makes of theirs; a query not needed this time is
 * given as null and read as null.
 */
export function together<const Q extends readonly (Query<unknown> | null)[], T>(queries: Q, read: (values: Values<Q>) => T): Query<T> {
  return {
    statements: queries.flatMap((part) => part?.statements ?? []),
    read: (results) => {
      let next = 0;
      const values = queries.map((part) => {
        if (part === null) return null;
        const own = results.slice(next, next + part.statements.length);
        next += part.statements.length;
        return part.read(own);
      });
      return read(values as Values<Q>);
    },
  };
}

/** Runs a query: its statements in one `db.batch` (one round trip, one transaction). */
export async function runQuery<T>(db: D1Database, query: Query<T>): Promise<T> {
  const { statements } = query;
  if (statements.length === 1) return query.read([(await statements[0]!.all()).results]);
  const results = statements.length ? await db.batch([...statements]) : [];
  return query.read(results.map((result) => result.results));
}

/** Runs several queries in one round trip: their values, in order (null for a null query). */
export const runTogether = <const Q extends readonly (Query<unknown> | null)[]>(db: D1Database, queries: Q): Promise<Values<Q>> =>
  runQuery(
    db,
    together(queries, (values) => values),
  );
