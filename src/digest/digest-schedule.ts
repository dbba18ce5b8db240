import type { DigestCursor, Subscription } from '../store/subscription.js';
import { addDays, instantOf, localTime, weekdayOf } from './local-time.js';

/** The part of a subscription that decides when it is delivered. */
export type Schedule = Pick<Subscription, 'time' | 'tz' | 'weekdays' | 'createdAt'>;

function deliversOn(s: Pick<Schedule, 'weekdays'>, date: string): boolean {
  return !s.weekdays || weekdayOf(date) <= 5;
}

/**
 * Whether a subscription's digest for its current local date should go out now: its time has come
 * today (late is fine, the same day), it was not delivered today, and it did not start after today's slot.
 * Returns the local date to deliver for, or undefined.
 */
export function dueDate(sub: Subscription, cursor: DigestCursor | null, now: number): string | undefined {
  if (!sub.active) return undefined;
  const local = localTime(now, sub.tz);
  if (!deliversOn(sub, local.date) || local.time < sub.time) return undefined;
  if (cursor?.lastDate && cursor.lastDate >= local.date) return undefined;
  const created = Date.parse(sub.createdAt);
  // subscribed today after today's slot: the first digest is tomorrow's
  if (localTime(created, sub.tz).date === local.date && created > instantOf(local.date, sub.time, sub.tz)) return undefined;
  return local.date;
}

/** The next instant a subscription will be delivered after `now` (skipping a date already delivered), for the confirmation reply. */
export function nextDelivery(s: Schedule, now: number, lastDate?: string): { date: string; time: string; instant: number } {
  const today = localTime(now, s.tz).date;
  // within any 8 consecutive days some day qualifies, so the last candidate is only a formality
  for (let i = 0; ; i++) {
    const date = addDays(today, i);
    const instant = instantOf(date, s.time, s.tz);
    if (i >= 8 || (instant >= now && deliversOn(s, date) && !(lastDate && lastDate >= date))) return { date, time: s.time, instant };
  }
}
