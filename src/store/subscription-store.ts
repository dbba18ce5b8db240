import type { DeliveryLogEntry } from './delivery-log.js';
import type { ChannelRef, DigestCursor, Subscription, UserRef } from './subscription.js';

/**
 * What claiming one subscription's digest for one local date found (Store.claimDelivery):
 * - claimed: this caller may send; its lease lasts leaseMs by the store's clock; cursor is where the rotation stands;
 *   unresolved: an earlier claim for this date ended neither recorded nor released (its holder crashed after
 *   claiming, or its send threw), so a post may be out already: look on the platform before sending;
 * - sent: a digest for this date (or a later one) was already recorded;
 * - held: another runner holds an unexpired lease (it is sending, or it crashed), for msLeft more;
 * - gone: the subscription was removed or deactivated.
 */
export type DeliveryClaim =
  | { kind: 'claimed'; cursor: DigestCursor | null; leaseMs: number; unresolved?: true }
  | { kind: 'sent'; lastDate: string }
  | { kind: 'held'; msLeft: number }
  | { kind: 'gone' };

/**
 * The subscription half of the Store: records indexed by channel, a due index by next delivery time, and the
 * delivery record (cursor, last date sent, lease) whose claim is the one exactly-once mechanism of digests
 * (see the comment block in src/digest/deliver-digest.ts).
 */
export interface SubscriptionStore {
  /** save or replace; an active one enters the due index at 0, so the next delivery pass schedules it */
  putSubscription(sub: Subscription): Promise<void>;
  getSubscription(id: string): Promise<Subscription | null>;
  /** one channel's subscriptions, reading only that channel's index and records */
  listChannelSubscriptions(channel: ChannelRef): Promise<Subscription[]>;
  /**
   * the subscriptions a user set up last (createdBy), in any channel of their workspace, reading only that user's index
   * and its records; a record without createdBy (stored before it was kept) is in no one's
   */
  listUserSubscriptions(user: UserRef): Promise<Subscription[]>;
  /** one workspace's subscriptions, active and not, from its index (an uninstall deactivates them) */
  listWorkspaceSubscriptions(platform: string, workspace: string): Promise<Subscription[]>;
  /**
   * every subscription, active and not, for the operator's listing (plan-bot subscriptions list): on Redis a SCAN
   * over the records in bounded batches (never KEYS), so it costs a pass over the key space, off the request path
   */
  listSubscriptions(): Promise<Subscription[]>;
  /** drop a subscription (its cursor is kept, so subscribing again resumes the rotation) */
  removeSubscription(id: string): Promise<boolean>;
  /** subscriptions whose due time is at or before `at` (ms), earliest first, at most `limit`, read from the due index */
  dueSubscriptions(at: number, limit: number): Promise<Subscription[]>;
  /** move subscriptions still in the due index to new due times (ms) */
  scheduleDue(entries: readonly { id: string; at: number }[]): Promise<void>;
  getCursor(subscriptionId: string): Promise<DigestCursor | null>;
  /**
   * Atomically: refuse if the subscription is gone, if a digest for `date` or later is recorded, or if another
   * lease is unexpired by the store's clock (Redis TIME) and its holder alive; otherwise take a lease of leaseMs
   * and return the cursor, saying whether an earlier claim for this date ended unrecorded.
   */
  claimDelivery(subscriptionId: string, date: string, leaseMs: number): Promise<DeliveryClaim>;
  /** record a sent digest: the cursor and the date in one write (which ends the lease), then the next due time */
  recordDelivery(subscriptionId: string, date: string, cursor: DigestCursor, nextDueAt: number): Promise<void>;
  /**
   * give a lease back without recording anything (the send is to be retried), and look again at retryAt;
   * outcomeUnknown: whether a post went out is not known, so the next claim is still told "unresolved"
   */
  releaseDelivery(subscriptionId: string, retryAt: number, opts?: { outcomeUnknown?: boolean }): Promise<void>;
  /** add an attempt to the subscription's delivery log, which keeps the newest DELIVERY_LOG_SIZE (what /plan status shows) */
  logDelivery(subscriptionId: string, entry: DeliveryLogEntry): Promise<void>;
  /** the subscription's delivery log, newest first; unreadable entries are dropped and reported */
  deliveryLog(subscriptionId: string): Promise<DeliveryLogEntry[]>;
}
