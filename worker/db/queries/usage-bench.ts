/**
 * The usage bench's data (scripts/lib/usage-bench.ts, through worker/sandbox/usage-bench.ts): a year of messaging in a tenant (the bench uses the demo's) —
 * 200 recruiters with seats, 20,000 candidates in 30 countries, SMS and WhatsApp, 1,000,000
 * messages (a third of them replies), with deliveries, reads and failures and example prices.
 * Generated inside SQLite by recursive queries, in chunks, so loading takes one statement per
 * chunk rather than a million; every row goes through the message triggers like any other write,
 * so the rollups the report reads are built exactly as in production.
 * @module
 */
export const USAGE_BENCH = { users: 200, candidates: 20_000, messages: 1_000_000, days: 365 } as const;

const COUNTRIES = 'US GB DE FR ES IT NL BE AT CH SE NO DK FI PL CZ PT IE CA MX BR AR AU NZ JP IN SG ZA AE IL'.split(' ');

/** Users, candidates and their conversations, and a price per channel: run before the messages. */
export function usageBenchSetupSql(tenantId: string, now: Date): string[] {
  const at = now.toISOString();
  return [
    `WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < ${USAGE_BENCH.users - 1})
     INSERT INTO users (id, tenant_id, email, name, role, has_seat, created_at)
     SELECT printf('usr_usage_%03d', i), '${tenantId}', printf('recruiter%03d@usage.bench', i), printf('Recruiter %03d', i), 'recruiter', 1, '${at}' FROM n`,
    `WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < ${USAGE_BENCH.candidates - 1})
     INSERT INTO candidates (id, tenant_id, ats, ats_candidate_id, name, phone, phone_country, language, created_at, updated_at)
     SELECT printf('cand_usage_%05d', i), '${tenantId}', 'usage-bench', printf('u-%05d', i), printf('Candidate %05d', i), printf('+999%08d', i),
            json_extract('${JSON.stringify(COUNTRIES)}', printf('$[%d]', (i * 7) % ${COUNTRIES.length})), 'en', '${at}', '${at}' FROM n`,
    `INSERT INTO conversations (id, tenant_id, candidate_id, channel, created_at)
     SELECT 'conv_' || c.id || '_' || ch.value, c.tenant_id, c.id, ch.value, '${at}'
       FROM candidates c, json_each('["sms","whatsapp"]') ch WHERE c.tenant_id = '${tenantId}' AND c.ats = 'usage-bench'`,
    `INSERT INTO usage_prices (tenant_id, country, channel, direction, category, valid_from, price_micros, is_example) VALUES
       ('${tenantId}', '*', 'sms', 'outbound', 'standard', '2000-01-01T00:00:00.000Z', 7900, 1),
       ('${tenantId}', 'DE', 'sms', 'outbound', 'standard', '2000-01-01T00:00:00.000Z', 75000, 1),
       ('${tenantId}', '*', 'whatsapp', 'outbound', 'template', '2000-01-01T00:00:00.000Z', 25000, 1)`,
  ];
}

/**
 * Messages `from` (inclusive) to `to` (exclusive) of the million, spread evenly over the year that
 * ends at `now`, in exchanges of five messages with one candidate on one channel (a conversation
 * is written in bursts, not one message a week), each candidate's exchanges spread over the year.
 * A candidate's conversations belong to one recruiter; every third message is the candidate's
 * reply; 60% of exchanges are by SMS (1–3 segments).
 */
export function usageBenchMessagesSql(tenant: { tenantId: string; integrationId: string }, now: Date, from: number, to: number): string {
  const start = new Date(now.getTime() - USAGE_BENCH.days * 86_400_000).toISOString();
  const secondsPerMessage = (USAGE_BENCH.days * 86_400) / USAGE_BENCH.messages;
  return `WITH RECURSIVE n(i) AS (SELECT ${from} UNION ALL SELECT i + 1 FROM n WHERE i < ${to - 1}),
  spec(i, candidate, sms, inbound) AS (SELECT i, ((i / 5) * 7919) % ${USAGE_BENCH.candidates}, (i / 5) % 5 < 3, i % 3 = 2 FROM n)
  INSERT INTO messages (id, tenant_id, conversation_id, direction, body, status, failure_reason, sender_user_id, integration_id,
                        from_number, to_number, created_at, updated_at, encoding, segments)
  SELECT printf('msg_usage_%07d', i), '${tenant.tenantId}', printf('conv_cand_usage_%05d_%s', candidate, CASE WHEN sms THEN 'sms' ELSE 'whatsapp' END),
         CASE WHEN inbound THEN 'inbound' ELSE 'outbound' END, 'Usage bench message',
         CASE WHEN inbound THEN 'received' WHEN i % 17 = 0 THEN 'failed' WHEN i % 2 = 0 THEN 'delivered' ELSE 'read' END,
         CASE WHEN NOT inbound AND i % 17 = 0 THEN 'The carrier rejected the message.' END,
         CASE WHEN inbound THEN NULL ELSE printf('usr_usage_%03d', candidate % ${USAGE_BENCH.users}) END,
         '${tenant.integrationId}', '+14155550100', printf('+999%08d', candidate),
         strftime('%Y-%m-%dT%H:%M:%fZ', '${start}', printf('+%d seconds', CAST(i * ${secondsPerMessage} AS INTEGER))),
         strftime('%Y-%m-%dT%H:%M:%fZ', '${start}', printf('+%d seconds', CAST(i * ${secondsPerMessage} AS INTEGER))),
         CASE WHEN sms AND NOT inbound THEN 'GSM-7' END, CASE WHEN sms AND NOT inbound THEN 1 + i % 3 END
    FROM spec`;
}
