/**
 * The usage bench's door into the worker: scripts reach the worker through its services and this
 * sandbox room only, and the bench's bulk SQL lives with the other SQL in worker/db/queries.
 * @module
 */
export { USAGE_BENCH, usageBenchMessagesSql, usageBenchSetupSql } from '../db/queries/usage-bench.ts';
