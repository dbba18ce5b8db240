import type { Store } from '../store/store.js';
import { dueDate } from './digest-schedule.js';

/** One digest that should go out: which subscription, for which of its local dates. */
export interface DueDigest {
  subId: string;
  date: string;
  platform: string;
}

/**
 * The digests due at an instant: active subscriptions whose local time has come today and whose cursor
 * does not show today's digest. Cursors are read only for subscriptions whose time has come.
 */
export async function findDue(store: Store, now: number): Promise<DueDigest[]> {
  const candidates = (await store.listSubscriptions()).filter((s) => dueDate(s, null, now) !== undefined);
  const cursors = await Promise.all(candidates.map((s) => store.getCursor(s.id)));
  const due: DueDigest[] = [];
  candidates.forEach((s, i) => {
    const date = dueDate(s, cursors[i] ?? null, now);
    if (date) due.push({ subId: s.id, date, platform: s.platform });
  });
  return due;
}
