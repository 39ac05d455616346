/**
 * No module of extension/ or worker/ may import itself through others: a cycle makes the order in
 * which modules are evaluated decide whether an import is still undefined, and it means two rooms
 * (or two files) have stopped being separable. This test reads the relative imports of every
 * non-test .ts/.tsx file of both rooms — `import type` and `import('…')` types included, since a
 * type-only cycle is still two files that cannot be understood apart — and names each cycle.
 *
 * Hand-written rather than madge or dpdm: madge brings dependency-tree, precinct and a parser per
 * language plus a CLI (chalk, ora, commander), dpdm brings its own TypeScript 5 next to the
 * project's TypeScript 7 plus yargs and ora; the project writes every relative import with its
 * extension and on one statement, which a regular expression reads reliably.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, posix } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../..');
const ROOMS = ['extension', 'worker'] as const;

/**
 * `import … from '…'`, `import '…'`, `export … from '…'` at the start of a line (so prose in a
 * comment that says "import" is not read), and `import('…')` anywhere (a type position).
 */
const STATIC_IMPORT = /^[ \t]*(?:import|export)\s+(?:type\s+)?(?:[\w$*{},\s]+?\s+from\s+)?['"]([^'"]+)['"]/gm;
const IMPORT_CALL = /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g;

/** The relative specifiers a module names, in source order; packages and aliases (`@shared/…`) are not followed. */
function relativeImports(source: string): string[] {
  const specifiers = [...source.matchAll(STATIC_IMPORT), ...source.matchAll(IMPORT_CALL)]
    .sort((a, b) => (a.index ?? 0) - (b.index ?? 0))
    .map((match) => match[1] ?? '');
  return specifiers.filter((specifier) => specifier.startsWith('./') || specifier.startsWith('../'));
}

type Graph = ReadonlyMap<string, readonly string[]>;

/**
 * One cycle per back edge of a depth-first walk (files and imports in sorted order, so the report
 * is stable), each as the path `a → b → … → a` starting at its alphabetically first file.
 */
function importCycles(graph: Graph): string[][] {
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const cycles = new Map<string, string[]>();

  const visit = (file: string) => {
    state.set(file, 'open');
    stack.push(file);
    for (const target of graph.get(file) ?? []) {
      const seen = state.get(target);
      if (seen === 'open') {
        const loop = stack.slice(stack.indexOf(target));
        const start = loop.indexOf([...loop].sort()[0] ?? target);
        const path = [...loop.slice(start), ...loop.slice(0, start)];
        cycles.set(path.join('\n'), [...path, path[0] ?? target]);
      } else if (seen === undefined) {
        visit(target);
      }
    }
    stack.pop();
    state.set(file, 'done');
  };
  for (const file of [...graph.keys()].sort()) if (!state.has(file)) visit(file);
  return [...cycles.values()];
}

function sourceFiles(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sourceFiles(path);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

/** Both rooms in one graph: an edge between them counts, whichever room it leaves. */
function roomsGraph(): Graph {
  const files = new Set(ROOMS.flatMap(sourceFiles));
  return new Map(
    [...files].map((file) => {
      const targets = relativeImports(readFileSync(join(root, file), 'utf8'))
        .map((specifier) => posix.normalize(posix.join(dirname(file), specifier)))
        .filter((target) => files.has(target));
      return [file, [...new Set(targets)].sort()];
    }),
  );
}

const asPath = (cycle: readonly string[]) => cycle.join(' → ');

describe('import cycles', () => {
  it('reads every kind of relative import, and nothing else', () => {
    const source = [
      "import { a } from './a.ts';",
      "import type { B } from '../b.ts';",
      'import {',
      '  c,',
      '  type C,',
      "} from './c.tsx';",
      "import * as d from './d.ts';",
      "import './e.css';",
      "export { f } from './f.ts';",
      "export * from './g.ts';",
      "export type { H } from './h.ts';",
      "type I = import('./i.ts').I;",
      "import { z } from 'zod';",
      "import { j } from '@shared/j.ts';",
      '/* import { k } from "./k.ts"; */',
      " * import { l } from './l.ts' (in a doc comment)",
      "const m = Array.from('./m.ts');",
    ].join('\n');
    expect(relativeImports(source)).toEqual(['./a.ts', '../b.ts', './c.tsx', './d.ts', './e.css', './f.ts', './g.ts', './h.ts', './i.ts']);
  });

  it('names each cycle as a path from its first file back to it', () => {
    const graph = new Map([
      ['x/b.ts', ['x/c.ts']],
      ['x/c.ts', ['x/a.ts', 'x/d.ts']],
      ['x/a.ts', ['x/b.ts']],
      ['x/d.ts', ['x/d.ts']],
      ['x/e.ts', ['x/a.ts']],
    ]);
    expect(importCycles(graph).map(asPath)).toEqual(['x/a.ts → x/b.ts → x/c.ts → x/a.ts', 'x/d.ts → x/d.ts']);
    expect(
      importCycles(
        new Map([
          ['x/a.ts', ['x/b.ts']],
          ['x/b.ts', []],
        ]),
      ),
    ).toEqual([]);
  });

  const cycles = importCycles(roomsGraph());
  it.each(ROOMS)('none in %s/ (each entry below is one cycle: break it where the arrow should not point)', (room) => {
    const inRoom = cycles.filter((cycle) => cycle.some((file) => file.startsWith(`${room}/`))).map(asPath);
    expect(inRoom, `import cycles in ${room}/`).toEqual([]);
  });
});
