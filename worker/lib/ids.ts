/** Prefixed ids say what they identify in logs and URLs (`msg_…`, `cand_…`). */
export function newId(prefix: string): string {
  return `${prefix}_${crypto.randomUUID().replaceAll('-', '')}`;
}
