/**
 * What the composer's notices (the WhatsApp window, quiet hours) read off a conversation: when
 * the candidate last wrote on the channel, and a clock that moves while the panel stays open.
 * @module
 */
import { useEffect, useState } from 'react';
import type { Message } from '@shared/api/messages.ts';
import { clock } from '../lib/clock.ts';

/** The candidate's last message in the thread, as the worker reads it from its own store. */
export function lastInboundAt(messages: readonly Message[]): string | null {
  return messages.filter((message) => message.direction === 'inbound').at(-1)?.createdAt ?? null;
}

/** The time now, rendered again every `everyMs` while `active`: a rule that depends on it changes without any event. */
export function useClock(active: boolean, everyMs: number): Date {
  const [, setTicks] = useState(0);
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => setTicks((ticks) => ticks + 1), everyMs);
    return () => clearInterval(timer);
  }, [active, everyMs]);
  return clock.now();
}
