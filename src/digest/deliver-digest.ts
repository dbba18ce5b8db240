import type { Knowledge } from '../knowledge.js';
import { forLog, type Logger } from '../logger.js';
import type { Store } from '../store/store.js';
import type { Subscription } from '../store/subscription.js';
import { composeDigest } from './compose-digest.js';
import { backoffMs, type DigestSenders, type SendOutcome } from './digest-sender.js';

/** What delivery needs; every scheduler (BullMQ worker, digest run, memory loop) passes the same. */
export interface DeliveryDeps {
  knowledge: Knowledge;
  store: Store;
  senders: DigestSenders;
  /** how long a delivery may hold its claim before another runner may take over (a crashed holder) */
  leaseMs: number;
  now: () => number;
  logger: Logger;
}

/** How one delivery attempt ended. */
export type DeliveryResult =
  | { status: 'delivered' }
  | { status: 'skipped'; why: 'already-delivered' | 'inactive' | 'removed' | 'no-sender' }
  /** another runner holds the claim (it is sending, or it crashed and its lease has not run out) */
  | { status: 'held'; until: number }
  /** not sent; try again after afterMs */
  | { status: 'retry'; afterMs: number; reason: string }
  | { status: 'deactivated'; reason: string };

/** The claim that makes a subscription's digest for one local date go out once. */
export function deliveryClaimId(subId: string, date: string): string {
  return `digest:${subId}:${date}`;
}

async function deactivate(deps: DeliveryDeps, sub: Subscription, reason: string): Promise<void> {
  const current = (await deps.store.getSubscription(sub.id)) ?? sub;
  await deps.store.putSubscription({ ...current, active: false, deactivatedReason: reason, deactivatedAt: new Date(deps.now()).toISOString() });
}

/** Record a sent digest; retried a little, because failing here after a send is the one way a digest could repeat. */
async function record(deps: DeliveryDeps, subId: string, cursor: Parameters<Store['setCursor']>[1]): Promise<void> {
  for (let i = 1; ; i++) {
    try {
      await deps.store.setCursor(subId, cursor);
      return;
    } catch (err) {
      if (i >= 3) throw err;
      deps.logger.warn({ err: forLog((err as Error).message), sub: subId, try: i }, 'could not record a sent digest; trying again');
      await new Promise((r) => setTimeout(r, 100 * i));
    }
  }
}

/**
 * Deliver one subscription's digest for one local date, at most once: claim a lease, re-read the cursor
 * under it (a digest already sent that date is skipped), compose, send, and record the new cursor.
 * A sender that asks to retry gets the claim released; a permanent error deactivates the subscription.
 * A sender that throws leaves the outcome unknown, so the claim is kept and only its expiry allows a retry.
 */
export async function deliverDigest(deps: DeliveryDeps, subId: string, date: string, attempt = 1): Promise<DeliveryResult> {
  const sub = await deps.store.getSubscription(subId);
  if (!sub) return { status: 'skipped', why: 'removed' };
  if (!sub.active) return { status: 'skipped', why: 'inactive' };
  const sender = deps.senders[sub.platform];
  if (!sender) return { status: 'skipped', why: 'no-sender' };
  const claimId = deliveryClaimId(subId, date);
  const lease = await deps.store.claimLease(claimId, deps.now(), deps.leaseMs);
  if (!lease.claimed) return { status: 'held', until: lease.expiresAt };
  const cursor = await deps.store.getCursor(subId);
  if (cursor?.lastDate && cursor.lastDate >= date) return { status: 'skipped', why: 'already-delivered' };
  const digest = composeDigest(deps.knowledge, sub.topic, date, cursor);
  let outcome: SendOutcome;
  try {
    outcome = await sender.send(sub, digest.reply, { attempt });
  } catch (err) {
    deps.logger.error({ err: forLog((err as Error).message), sub: subId, platform: sub.platform }, 'digest sender threw; outcome unknown, retrying only after the claim expires');
    return { status: 'retry', afterMs: Math.max(0, lease.expiresAt - deps.now()), reason: 'sender-threw' };
  }
  switch (outcome.kind) {
    case 'ok':
      await record(deps, subId, digest.cursor);
      deps.logger.info({ sub: subId, platform: sub.platform, date }, 'digest delivered');
      return { status: 'delivered' };
    case 'retry-after':
      await deps.store.releaseClaim(claimId);
      deps.logger.warn({ sub: subId, platform: sub.platform, reason: forLog(outcome.reason), retryInMs: outcome.ms }, 'digest not delivered yet; will retry');
      return { status: 'retry', afterMs: outcome.ms || backoffMs(attempt), reason: outcome.reason };
    case 'permanent':
      await deactivate(deps, sub, outcome.reason);
      deps.logger.warn({ sub: subId, platform: sub.platform, reason: forLog(outcome.reason) }, 'digest subscription deactivated');
      return { status: 'deactivated', reason: outcome.reason };
  }
}
