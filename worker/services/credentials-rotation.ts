/**
 * The middle step of rotating CREDENTIALS_KEY (docs/runbook.md): every stored value sealed again
 * under the current key. Run by `npm run admin -- reseal-credentials` from the operator's machine,
 * as SQL scripts it runs against local or remote D1.
 * @module
 */
import { allSealedValuesSql, replaceSealedValueSql, type SealedValueRow } from '../db/queries/sealed-values.ts';
import { toSqlScript } from '../db/queries/sql.ts';
import { openCredentials, type SealingKeys, sealCredentials } from '../lib/sealed.ts';

export type { SealedValueRow };

/** Reads every sealed value (its rows are what {@link resealScript} takes). */
export const sealedValuesScript = (): string => toSqlScript([allSealedValuesSql]);

/** Opens under either key (the current, or the previous one) and seals under the current one. */
async function resealed(keys: SealingKeys, binding: { tenantId: string; integrationId: string }, sealed: string): Promise<string> {
  return sealCredentials(keys.CREDENTIALS_KEY, binding, await openCredentials(keys, binding, sealed));
}

/**
 * The rows sealed again, as one script; `unopened` names those that open under neither key (then
 * nothing should be written).
 */
export async function resealScript(keys: SealingKeys, rows: readonly SealedValueRow[]): Promise<{ script: string; count: number; unopened: string[] }> {
  const statements = [];
  const unopened: string[] = [];
  for (const row of rows) {
    try {
      statements.push(replaceSealedValueSql(row, await resealed(keys, { tenantId: row.tenant_id, integrationId: row.id }, row.sealed)));
    } catch {
      unopened.push(`${row.tbl} ${row.id} (${row.tenant_id})`);
    }
  }
  return { script: toSqlScript(statements), count: statements.length, unopened };
}
