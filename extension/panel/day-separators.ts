/**
 * The thread's day headings: items grouped by the local calendar day they were written, labelled
 * "Today", "Yesterday", the weekday within the last week, and the date before that.
 * @module
 */

export type DayGroup<T> = { key: string; label: string; items: T[] };

const dayMs = 24 * 60 * 60 * 1000;

function localDay(at: Date): string {
  return `${at.getFullYear()}-${String(at.getMonth() + 1).padStart(2, '0')}-${String(at.getDate()).padStart(2, '0')}`;
}

/** Whole calendar days from `at` to `now`, by the local calendar (a DST day still counts as one). */
function daysBefore(at: Date, now: Date): number {
  const start = Date.UTC(at.getFullYear(), at.getMonth(), at.getDate());
  const end = Date.UTC(now.getFullYear(), now.getMonth(), now.getDate());
  return Math.round((end - start) / dayMs);
}

export function dayLabel(at: Date, now: Date, locale?: string): string {
  const days = daysBefore(at, now);
  if (days === 0) return 'Today';
  if (days === 1) return 'Yesterday';
  if (days > 1 && days < 7) return new Intl.DateTimeFormat(locale, { weekday: 'long' }).format(at);
  return new Intl.DateTimeFormat(locale, {
    weekday: 'short',
    day: 'numeric',
    month: 'long',
    ...(at.getFullYear() === now.getFullYear() ? {} : { year: 'numeric' }),
  }).format(at);
}

/** Keeps the items' order; a new group starts whenever the day changes. */
export function groupByDay<T extends { createdAt: string }>(items: readonly T[], now: Date, locale?: string): DayGroup<T>[] {
  const groups: DayGroup<T>[] = [];
  for (const item of items) {
    const at = new Date(item.createdAt);
    const key = localDay(at);
    const last = groups.at(-1);
    if (last?.key === key) last.items.push(item);
    else groups.push({ key, label: dayLabel(at, now, locale), items: [item] });
  }
  return groups;
}
