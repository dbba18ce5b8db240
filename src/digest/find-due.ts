import type { Store } from '../store/store.js';
import type { Subscription } from '../store/subscription.js';
import { dueDate, nextDelivery } from './digest-schedule.js';

/** One digest that should go out: which subscription, for which of its local dates. */
export interface DueDigest {
  sub: Subscription;
  date: string;
}

/** The most subscriptions one pass takes from the due index; the next pass takes the rest. */
export const MAX_DUE_PER_PASS = 20_000;

/**
 * The digests due at an instant, from the due index only (never a read of every subscription): the subscriptions
 * whose due time has come and whose local time has come today. The others the index offered (new or changed ones,
 * which enter it at 0, and days a weekday subscription skips) are moved to their next delivery time.
 */
export async function findDue(store: Store, now: number, limit = MAX_DUE_PER_PASS): Promise<DueDigest[]> {
  const due: DueDigest[] = [];
  const later: { id: string; at: number }[] = [];
  for (const sub of await store.dueSubscriptions(now, limit)) {
    const date = dueDate(sub, null, now);
    if (date) due.push({ sub, date });
    else later.push({ id: sub.id, at: nextDelivery(sub, now).instant });
  }
  if (later.length) await store.scheduleDue(later);
  return due;
}
