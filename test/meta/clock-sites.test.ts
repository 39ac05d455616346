/**
 * Production code reads the wall clock in one module per runtime; everything else takes the time
 * from a clock handed to it, so tests can pin or move it. This test lists the allowed files and
 * fails on a wall-clock read anywhere else in extension/, worker/, shared/ and scripts/.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../..');

/** The clock modules: the only production files that may read the wall clock. */
const CLOCK_MODULES = ['worker/lib/clock.ts', 'extension/lib/clock.ts', 'scripts/lib/clock.ts'];

/** `Date.now()` or an argument-less `new Date()`, outside comments. */
const WALL_CLOCK_READ = /\bDate\.now\s*\(\s*\)|\bnew\s+Date\s*\(\s*\)/;

const isTestCode = (path: string) => /\.test\.tsx?$/.test(path) || path.startsWith('extension/testing/') || /(^|\/)fake-[^/]+\.tsx?$/.test(path);

function sourceFiles(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

function wallClockReads(source: string): number[] {
  const withoutComments = source.replace(/\/\*[\s\S]*?\*\//g, (comment) => comment.replace(/[^\n]/g, ' ')).replace(/\/\/.*$/gm, '');
  return withoutComments.split('\n').flatMap((line, index) => (WALL_CLOCK_READ.test(line) ? [index + 1] : []));
}

describe('wall-clock reads', () => {
  it('finds the reads it must find, and not those in comments', () => {
    expect(wallClockReads('const a = 1;\nconst t = Date.now();\nconst d = new Date( );\nconst p = new Date(t);')).toEqual([2, 3]);
    expect(wallClockReads('// Date.now() is read by the clock\n/* new Date() */ const x = 1;')).toEqual([]);
  });

  it('happen in production code only in the clock modules', () => {
    const offenders = ['extension', 'worker', 'shared', 'scripts']
      .flatMap(sourceFiles)
      .filter((path) => !isTestCode(path) && !CLOCK_MODULES.includes(path))
      .flatMap((path) => wallClockReads(readFileSync(join(root, path), 'utf8')).map((line) => `${relative('.', path)}:${line}`));
    expect(offenders, 'read the time from the runtime clock module (or take a `now`/`Clock` from the caller)').toEqual([]);
  });

  it('happen in each clock module', () => {
    for (const path of CLOCK_MODULES) expect(wallClockReads(readFileSync(join(root, path), 'utf8')), path).not.toEqual([]);
  });
});
