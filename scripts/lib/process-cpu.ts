/**
 * CPU time of a process and all its descendants, from Linux's /proc: the bench's load-robust
 * figure. Requests per second swing with whatever else the machine runs; the CPU each request
 * costs the worker (wrangler, its two workerd processes) holds steady.
 * @module
 */
import { readdirSync, readFileSync } from 'node:fs';

const CLOCK_TICK_MS = 10; // USER_HZ is 100 on Linux

/** Fields of /proc/PID/stat after the command name, which may itself contain spaces. */
function statFields(pid: string): string[] | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return null; // exited between listing and reading
  }
}

function descendantsOf(rootPid: number): string[] {
  const parentOf = new Map<string, string>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const fields = statFields(entry);
    if (fields) parentOf.set(entry, fields[1]!);
  }
  const tree = new Set([String(rootPid)]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const [pid, parent] of parentOf) {
      if (tree.has(parent) && !tree.has(pid)) {
        tree.add(pid);
        grew = true;
      }
    }
  }
  return [...tree];
}

/** Milliseconds of user + system CPU the tree has used so far; NaN where there is no /proc. */
export function treeCpuMs(rootPid: number): number {
  try {
    return descendantsOf(rootPid).reduce((sum, pid) => {
      const fields = statFields(pid);
      // utime and stime: fields 14 and 15 of stat, 11 and 12 after the name.
      return fields ? sum + (Number(fields[11]) + Number(fields[12])) * CLOCK_TICK_MS : sum;
    }, 0);
  } catch {
    return Number.NaN;
  }
}
