/**
 * Every value sealed under CREDENTIALS_KEY (worker/lib/sealed.ts): provider credentials and ATS
 * webhook signing secrets. Read and rewritten together when the key is rotated.
 * @module
 */
import type { SqlStatement } from './sql.ts';

export type SealedValueRow = { tbl: 'integrations' | 'ats_integrations'; id: string; tenant_id: string; sealed: string };

export const allSealedValuesSql: SqlStatement = {
  sql: `SELECT 'integrations' AS tbl, id, tenant_id, credentials AS sealed FROM integrations WHERE credentials IS NOT NULL
        UNION ALL SELECT 'ats_integrations', id, tenant_id, sealed_secret FROM ats_integrations`,
  params: [],
};

/** The value sealed again, written only if the row still holds what was read (a save in between wins). */
export function replaceSealedValueSql(row: SealedValueRow, next: string): SqlStatement {
  const sql =
    row.tbl === 'integrations'
      ? `UPDATE integrations SET credentials = ?1 WHERE id = ?2 AND credentials = ?3`
      : `UPDATE ats_integrations SET sealed_secret = ?1 WHERE id = ?2 AND sealed_secret = ?3`;
  return { sql, params: [next, row.id, row.sealed] };
}
