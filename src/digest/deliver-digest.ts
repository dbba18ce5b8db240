// EXACTLY ONCE: the one mechanism
//
// A digest goes out once per subscription and local date because of one thing: the delivery claim
// (Store.claimDelivery; on Redis the Lua script CLAIM_DELIVERY in src/store/redis-delivery-claim.ts, in memory
// its copy in memory-subscriptions.ts). deliverDigest below sends only after the claim answers "claimed", and the
// claim, in one atomic step over the subscription's delivery record, answers so only when it is still active and
//   - no digest for this date (or a later one) is recorded: recordDelivery writes the date with the cursor in one
//     HSET after the platform accepted the post, so a second runner, a second pass, or a retry finds it "sent";
//   - no other lease is unexpired, judged by Redis's clock (TIME) so runners' clocks do not matter, and held by a
//     runner whose heartbeat lives: a runner killed after claiming is replaced within seconds (its heartbeat's
//     TTL); one that hangs but lives, once its lease (DIGEST_LEASE_SECONDS) ends.
// A claim that takes over an earlier claim for the same date that ended neither recorded nor released is told so
// ("unresolved"): that post may be out. Before sending, deliverDigest asks the platform (sender.findDelivered; on
// Slack, conversations.history since the local day began, for the digest's message metadata) and, when the post is
// there, only records it. Nothing else guards a send. What triggers a pass (BullMQ's job scheduler in serve, `plan-bot digest run` from
// cron, the in-process loop without Redis), how many passes run at once, and the due index that says which
// subscriptions to look at are free to be wrong or to overlap: at worst they cost a refused claim.
// The gaps left: on a platform without such a lookup (Teams), a process that dies after the platform accepted a
// post and before recordDelivery has it posted once more by the runner that takes over (at most one duplicate);
// on Slack, a holder that is alive but silent past its heartbeat TTL (a frozen process) while its post is in
// flight can be taken over before that post is visible.
import type { Knowledge } from '../knowledge.js';
import { forLog, type Logger } from '../logger.js';
import { noMetrics, reasonCode, type Metrics } from '../metrics.js';
import type { DeliveryLogEntry } from '../store/delivery-log.js';
import type { Store } from '../store/store.js';
import type { DigestCursor, Subscription } from '../store/subscription.js';
import { composeDigest } from './compose-digest.js';
import { nextDelivery } from './digest-schedule.js';
import { instantOf } from './local-time.js';
import { backoffMs, type DigestSender, type DigestSenders, type SendOutcome } from './digest-sender.js';

/** What delivery needs; every trigger (BullMQ's job scheduler, digest run, the memory loop) passes the same. */
export interface DeliveryDeps {
  knowledge: Knowledge;
  store: Store;
  senders: DigestSenders;
  /** how long a delivery may hold its claim before another runner may take over (a crashed holder), by the store's clock */
  leaseMs: number;
  /** the runner's clock: which local date is due, and the due index's times (never the lease) */
  now: () => number;
  logger: Logger;
  /** deliveries, retries, failures by reason, lag behind the scheduled time (default: nothing) */
  metrics?: Metrics;
}

/** How one delivery attempt ended. */
export type DeliveryResult =
  | { status: 'delivered' }
  | { status: 'skipped'; why: 'already-delivered' | 'found-posted' | 'removed' | 'no-sender' }
  /** another runner holds the claim (it is sending, or it crashed and its lease has not run out) */
  | { status: 'held'; forMs: number }
  /** not sent; try again after afterMs */
  | { status: 'retry'; afterMs: number; reason: string }
  | { status: 'deactivated'; reason: string };

async function deactivate(deps: DeliveryDeps, sub: Subscription, reason: string): Promise<void> {
  const current = (await deps.store.getSubscription(sub.id)) ?? sub;
  await deps.store.putSubscription({ ...current, active: false, deactivatedReason: reason, deactivatedAt: new Date(deps.now()).toISOString() });
}

/**
 * Add an attempt to the subscription's delivery log (what /plan status shows). The log is for people: a Store that
 * fails here costs only the line, never the delivery or its record.
 */
async function logAttempt(deps: DeliveryDeps, sub: Subscription, date: string, outcome: DeliveryLogEntry['outcome'], reason?: string): Promise<void> {
  try {
    await deps.store.logDelivery(sub.id, { at: new Date(deps.now()).toISOString(), date, outcome, ...(reason ? { reason: reason.slice(0, 200) } : {}) });
  } catch (err) {
    deps.logger.warn({ err: forLog((err as Error).message), sub: sub.id }, 'could not add to the delivery log');
  }
}

/** Record a sent digest; retried a little, because failing here after a send is the one way a digest could repeat. */
async function record(deps: DeliveryDeps, sub: Subscription, date: string, cursor: DigestCursor): Promise<void> {
  const nextDueAt = nextDelivery(sub, deps.now(), date).instant;
  for (let i = 1; ; i++) {
    try {
      await deps.store.recordDelivery(sub.id, date, cursor, nextDueAt);
      return;
    } catch (err) {
      if (i >= 3) throw err;
      deps.logger.warn({ err: forLog((err as Error).message), sub: sub.id, try: i }, 'could not record a sent digest; trying again');
      await new Promise((r) => setTimeout(r, 100 * i));
    }
  }
}

/** An earlier claim of this date ended unrecorded: ask the platform whether its post is out, when it can tell. */
async function resolveUnknown(deps: DeliveryDeps, sender: DigestSender, sub: Subscription, date: string, attempt: number): Promise<'posted' | 'absent' | DeliveryResult> {
  if (!sender.findDelivered) {
    deps.logger.warn({ sub: sub.id, platform: sub.platform, date }, 'an earlier delivery of this digest was interrupted and this platform cannot be asked whether it landed; sending (at most one duplicate)');
    return 'absent';
  }
  try {
    return (await sender.findDelivered(sub, date)) ? 'posted' : 'absent';
  } catch (err) {
    const afterMs = backoffMs(attempt);
    await deps.store.releaseDelivery(sub.id, deps.now() + afterMs, { outcomeUnknown: true });
    deps.logger.warn({ err: forLog((err as Error).message), sub: sub.id, platform: sub.platform }, 'could not tell whether an interrupted digest landed; trying again later');
    await logAttempt(deps, sub, date, 'retry', 'lookup-failed');
    return { status: 'retry', afterMs, reason: 'lookup-failed' };
  }
}

/**
 * Deliver one subscription's digest for one local date, at most once (see the comment block above): claim,
 * compose from the cursor the claim returned, send, record (and add each attempt to the delivery log). A sender that asks to retry gets the claim released;
 * a permanent error deactivates the subscription. A sender that throws leaves the outcome unknown, so the claim
 * is kept and only its expiry allows a retry.
 */
export async function deliverDigest(deps: DeliveryDeps, sub: Subscription, date: string, attempt = 1): Promise<DeliveryResult> {
  const r = await attemptDelivery(deps, sub, date, attempt);
  const metrics = deps.metrics ?? noMetrics;
  if (r.status === 'delivered') metrics.digestDelivered(sub.platform, Math.max(0, deps.now() - instantOf(date, sub.time, sub.tz)) / 1000);
  else if (r.status === 'retry') metrics.digestRetry(sub.platform, reasonCode(r.reason));
  else if (r.status === 'deactivated') metrics.digestFailure(sub.platform, reasonCode(r.reason));
  return r;
}

/** One attempt of deliverDigest, without the reporting. */
async function attemptDelivery(deps: DeliveryDeps, sub: Subscription, date: string, attempt: number): Promise<DeliveryResult> {
  const sender = deps.senders[sub.platform];
  if (!sender) return { status: 'skipped', why: 'no-sender' };
  const claim = await deps.store.claimDelivery(sub.id, date, deps.leaseMs);
  if (claim.kind === 'gone') return { status: 'skipped', why: 'removed' };
  if (claim.kind === 'held') return { status: 'held', forMs: claim.msLeft };
  if (claim.kind === 'sent') {
    // found due again (the index lagged behind the record): look next when the next digest is due
    await deps.store.scheduleDue([{ id: sub.id, at: nextDelivery(sub, deps.now(), claim.lastDate).instant }]);
    return { status: 'skipped', why: 'already-delivered' };
  }
  const digest = composeDigest(deps.knowledge, sub.topic, date, claim.cursor);
  if (claim.unresolved) {
    const found = await resolveUnknown(deps, sender, sub, date, attempt);
    if (found === 'posted') {
      await record(deps, sub, date, digest.cursor);
      deps.logger.info({ sub: sub.id, platform: sub.platform, date }, 'digest of an interrupted delivery found posted; recorded, not sent again');
      await logAttempt(deps, sub, date, 'delivered', 'found-posted');
      return { status: 'skipped', why: 'found-posted' };
    }
    if (typeof found === 'object') return found;
  }
  let outcome: SendOutcome;
  try {
    outcome = await sender.send(sub, digest.reply, { attempt, date });
  } catch (err) {
    if (sender.findDelivered) {
      // whether it is out is unknown; the next claim looks on the platform first, so a retry soon is safe
      const afterMs = backoffMs(attempt);
      await deps.store.releaseDelivery(sub.id, deps.now() + afterMs, { outcomeUnknown: true });
      deps.logger.warn({ err: forLog((err as Error).message), sub: sub.id, platform: sub.platform }, 'digest sender threw; outcome unknown, the retry looks first');
      await logAttempt(deps, sub, date, 'retry', 'sender-threw');
      return { status: 'retry', afterMs, reason: 'sender-threw' };
    }
    deps.logger.error({ err: forLog((err as Error).message), sub: sub.id, platform: sub.platform }, 'digest sender threw; outcome unknown, retrying only after the claim expires');
    await logAttempt(deps, sub, date, 'retry', 'sender-threw');
    return { status: 'retry', afterMs: claim.leaseMs, reason: 'sender-threw' };
  }
  switch (outcome.kind) {
    case 'ok':
      await record(deps, sub, date, digest.cursor);
      deps.logger.info({ sub: sub.id, platform: sub.platform, date }, 'digest delivered');
      await logAttempt(deps, sub, date, 'delivered');
      return { status: 'delivered' };
    case 'retry-after': {
      const afterMs = outcome.ms || backoffMs(attempt);
      await deps.store.releaseDelivery(sub.id, deps.now() + afterMs);
      deps.logger.warn({ sub: sub.id, platform: sub.platform, reason: forLog(outcome.reason), retryInMs: afterMs }, 'digest not delivered yet; will retry');
      await logAttempt(deps, sub, date, 'retry', outcome.reason);
      return { status: 'retry', afterMs, reason: outcome.reason };
    }
    case 'permanent':
      await deactivate(deps, sub, outcome.reason);
      deps.logger.warn({ sub: sub.id, platform: sub.platform, reason: forLog(outcome.reason) }, 'digest subscription deactivated');
      await logAttempt(deps, sub, date, 'failed', outcome.reason);
      return { status: 'deactivated', reason: outcome.reason };
  }
}
