/**
 * The worker's rooms, as the README's layout describes them, checked on the source: the outbound
 * gate is the only writer of outbound messages, SQL runs only from worker/db/queries, routes never
 * notify the tenant hub themselves, production code never reaches into test/ or scripts/, and the
 * scripts use the worker through its services (and the sandbox room), never its SQL or internals.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../..');

function sourceFiles(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.ts$/.test(entry.name) && !/\.test\.ts$/.test(entry.name) ? [path] : [];
  });
}

const workerFiles = sourceFiles('worker');
const read = (path: string) => readFileSync(join(root, path), 'utf8');

/** `path:line` of each line matching `pattern` in the files `where` selects. */
function occurrences(pattern: RegExp, where: (path: string) => boolean, files = workerFiles): string[] {
  return files.filter(where).flatMap((path) =>
    read(path)
      .split('\n')
      .flatMap((line, index) => (pattern.test(line) ? [`${path}:${index + 1}`] : [])),
  );
}

/** The statements that write an outbound message or move one into the outbox. */
const OUTBOUND_WRITES = /\b(insertMessageStatements|insertOutboxStatement|requeueFailedStatements|holdRetryStatements|releaseHoldStatements)\(/;

describe('the worker rooms', () => {
  it('let only the outbound gate write outbound messages and outbox rows', () => {
    const gate = 'worker/services/outbound.ts';
    expect(occurrences(OUTBOUND_WRITES, (path) => !path.startsWith('worker/db/queries/') && path !== gate)).toEqual([]);
    expect(occurrences(OUTBOUND_WRITES, (path) => path === gate).length).toBeGreaterThan(0);
    // The demo seed writes Ada's thread as data, through wrangler d1 execute: it never sends.
    expect(occurrences(/INSERT INTO (messages|outbox)\b/, (path) => !path.startsWith('worker/db/queries/') && path !== 'worker/sandbox/seed.ts')).toEqual([]);
  });

  it('run SQL only from worker/db/queries', () => {
    expect(occurrences(/\.prepare\(/, (path) => !path.startsWith('worker/db/queries/'))).toEqual([]);
  });

  it('notify the tenant hub from services, never from routes', () => {
    expect(occurrences(/\bnotifyTenant\(/, (path) => path.startsWith('worker/routes/'))).toEqual([]);
  });

  it('keep production code out of test/ and scripts/', () => {
    expect(occurrences(/from '(\.\.\/)+(test|scripts)\//, () => true)).toEqual([]);
  });

  it('let scripts/ use the worker through its services and sandbox room only', () => {
    const scriptFiles = sourceFiles('scripts');
    expect(scriptFiles.length).toBeGreaterThan(0);
    expect(occurrences(/from '(\.\.\/)+worker\/(?!services\/|sandbox\/)/, () => true, scriptFiles)).toEqual([]);
  });
});
