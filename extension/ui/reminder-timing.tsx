/**
 * Reminder timings as people say them, and the control that adds one: shared by the panel's
 * interviews and the options page's default reminders.
 * @module
 */
import { useState } from 'react';

/** 1440 → "1 day before", 120 → "2 hours before", 90 → "1 h 30 min before". */
export function offsetLabel(minutes: number): string {
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const rest = minutes % 60;
  if (minutes % 1440 === 0) return `${days} ${days === 1 ? 'day' : 'days'} before`;
  if (minutes < 1440 && rest === 0) return `${hours} ${hours === 1 ? 'hour' : 'hours'} before`;
  if (minutes < 60) return `${minutes} min before`;
  const parts = [days && `${days} d`, hours && `${hours} h`, rest && `${rest} min`].filter(Boolean);
  return `${parts.join(' ')} before`;
}

/** The timings the reminder form offers, in minutes before the start. */
export const REMINDER_OFFSETS = [15, 30, 60, 120, 240, 1440, 2880, 10080] as const;

/** A timing not in the list yet, from the usual ones. */
export function AddReminder({ existing, onAdd }: { existing: readonly { offsetMinutes: number }[]; onAdd(offsetMinutes: number): void }) {
  const free = REMINDER_OFFSETS.filter((minutes) => !existing.some((r) => r.offsetMinutes === minutes));
  const [choice, setChoice] = useState<number>(free[0] ?? 60);
  if (free.length === 0) return null;
  const selected = free.includes(choice as (typeof free)[number]) ? choice : free[0]!;
  return (
    <span className="interview-form__add-reminder">
      <select aria-label="Reminder timing" value={selected} onChange={(e) => setChoice(Number(e.target.value))}>
        {free.map((minutes) => (
          <option key={minutes} value={minutes}>
            {offsetLabel(minutes)}
          </option>
        ))}
      </select>{' '}
      <button type="button" className="button button--small" onClick={() => onAdd(selected)}>
        Add reminder
      </button>
    </span>
  );
}
