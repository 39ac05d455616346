/**
 * Statements as plain SQL and parameters, for what runs both in the worker and from a script
 * through `wrangler d1 execute --file` (the demo seed, a new tenant): one builder, two ways to run it.
 * @module
 */
export type SqlStatement = { sql: string; params: (string | number | null)[] };

export function prepareAll(db: D1Database, statements: readonly SqlStatement[]): D1PreparedStatement[] {
  return statements.map(({ sql, params }) => db.prepare(sql).bind(...params));
}

const literal = (value: string | number | null): string =>
  value === null ? 'NULL' : typeof value === 'number' ? String(value) : `'${value.replaceAll("'", "''")}'`;

/** The statements as one SQL script, for `wrangler d1 execute --file`. */
export function toSqlScript(statements: readonly SqlStatement[]): string {
  return statements
    .map(({ sql, params }) => {
      let i = 0;
      return `${sql.replace(/\?(\d+)?/g, (_, n: string | undefined) => literal(params[n ? Number(n) - 1 : i++] ?? null))};`;
    })
    .join('\n');
}
