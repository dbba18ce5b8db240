import type { DeliveryLogEntry } from '../store/delivery-log.js';
import type { Store } from '../store/store.js';
import type { ChannelRef, Subscription, UserRef } from '../store/subscription.js';
import { nextDelivery } from './digest-schedule.js';
import { describeLocal, localTime } from './local-time.js';
import { describeReason, describeSchedule, describeTopic } from './subscription-replies.js';

/** One subscription as an overview shows it: what, when, how its last deliveries went, and what comes next. */
export interface SubscriptionOverview {
  id: string;
  /** 「应急管理」 or 整部规划 */
  topic: string;
  /** 每天 09:00(Asia/Shanghai) */
  schedule: string;
  active: boolean;
  /** the last delivered digest: when (ISO-8601) and as the subscription's local time reads it */
  lastDelivery?: { at: string; shown: string; date: string };
  /** the last attempt that did not deliver, with its reason in words (a stopped subscription's reason when none is logged) */
  lastFailure?: { at?: string; shown?: string; reason: string; retried: boolean };
  /** the next delivery in local time (active subscriptions only) */
  next?: string;
}

/** A channel a user set up subscriptions in, with every subscription of that channel. */
export interface ChannelOverview {
  channel: ChannelRef;
  subscriptions: SubscriptionOverview[];
}

/** How many channels an overview reads at most (the home tab shows fewer; this bounds the Store reads). */
export const MAX_OVERVIEW_CHANNELS = 100;

function shownAt(at: string, tz: string): string {
  const t = localTime(Date.parse(at), tz);
  return describeLocal(t.date, t.time);
}

/** One subscription's overview from its delivery log (newest first) and the last date its cursor records. */
export function subscriptionOverview(sub: Subscription, log: readonly DeliveryLogEntry[], lastDate: string | undefined, now: number): SubscriptionOverview {
  const delivered = log.find((e) => e.outcome === 'delivered');
  const failed = log.find((e) => e.outcome !== 'delivered');
  const out: SubscriptionOverview = { id: sub.id, topic: describeTopic(sub.topic), schedule: describeSchedule(sub), active: sub.active };
  if (delivered) out.lastDelivery = { at: delivered.at, shown: shownAt(delivered.at, sub.tz), date: delivered.date };
  // a failure older than the last delivery is over; a stopped subscription always says why
  if (failed && (!delivered || failed.at > delivered.at)) {
    out.lastFailure = { at: failed.at, shown: shownAt(failed.at, sub.tz), reason: describeReason(failed.reason), retried: failed.outcome === 'retry' };
  } else if (!sub.active) out.lastFailure = { reason: describeReason(sub.deactivatedReason), retried: false };
  if (sub.active) {
    const next = nextDelivery(sub, now, lastDate);
    out.next = describeLocal(next.date, next.time);
  }
  return out;
}

/**
 * The channels a user manages subscriptions in (those they set up last, Subscription.createdBy), each with all of
 * that channel's subscriptions and how their deliveries went: what a home screen (Slack's App Home) shows them.
 * Reads the user's index, then each channel's subscriptions, delivery log and cursor; at most MAX_OVERVIEW_CHANNELS.
 */
export async function userOverview(store: Store, user: UserRef, now: number): Promise<ChannelOverview[]> {
  const mine = (await store.listUserSubscriptions(user)).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  const channels = new Map<string, ChannelRef>();
  for (const s of mine) channels.set(JSON.stringify([s.platform, s.workspace, s.conversation]), { platform: s.platform, workspace: s.workspace, conversation: s.conversation });
  return Promise.all(
    [...channels.values()].slice(0, MAX_OVERVIEW_CHANNELS).map(async (channel) => {
      const subs = (await store.listChannelSubscriptions(channel)).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
      const subscriptions = await Promise.all(
        subs.map(async (s) => subscriptionOverview(s, await store.deliveryLog(s.id), (await store.getCursor(s.id))?.lastDate, now)),
      );
      return { channel, subscriptions };
    }),
  );
}
