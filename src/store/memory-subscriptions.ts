import type { Keys } from './keys.js';
import { DELIVERY_LOG_SIZE, DeliveryLogEntry } from './delivery-log.js';
import { parseStored, parseStoredList } from './parse-stored.js';
import type { CorruptHandler } from './store.js';
import { DigestCursor, Subscription, type ChannelRef, type UserRef } from './subscription.js';
import type { DeliveryClaim, SubscriptionStore } from './subscription-store.js';

/** A subscription's delivery record: active or not, the cursor (JSON), the last local date sent, the lease deadline (store clock, ms). */
interface DeliveryRecord {
  active?: boolean;
  cursor?: string;
  last?: string;
  lease: number;
  /** the date a claim was taken for and not yet recorded or released (its outcome is unknown once the lease ends) */
  pending?: string;
}

/**
 * Subscriptions in memory, laid out as on Redis (records by id, ids by channel, a due time per active id, a
 * delivery record per id), with the same claim rules; the lease is judged by the store's clock. Finding what is
 * due compares the due times only, never the records: memory mode is one process, so a scan of numbers is enough.
 */
export class MemorySubscriptions implements SubscriptionStore {
  private readonly subs = new Map<string, string>();
  private readonly channels = new Map<string, Set<string>>();
  private readonly users = new Map<string, Set<string>>();
  private readonly due = new Map<string, number>();
  private readonly deliveries = new Map<string, DeliveryRecord>();
  /** each subscription's delivery log as JSON strings, newest first (a list on Redis) */
  private readonly logs = new Map<string, string[]>();

  constructor(
    private readonly keys: Keys,
    private readonly now: () => number,
    private readonly onCorrupt: CorruptHandler,
  ) {}

  /** The keys Redis would hold for this data: for the contract tests. */
  rawKeys(): string[] {
    const keys = [...this.subs.keys()].map((id) => this.keys.subscription(id));
    keys.push(...[...this.channels].filter(([, ids]) => ids.size).map(([k]) => k));
    keys.push(...[...this.users].filter(([, ids]) => ids.size).map(([k]) => k));
    keys.push(...[...this.deliveries.keys()].map((id) => this.keys.delivery(id)));
    keys.push(...[...this.logs.keys()].map((id) => this.keys.deliveryLog(id)));
    if (this.due.size) keys.push(this.keys.due());
    return keys;
  }

  private parseSub(id: string): Subscription | null {
    return parseStored(this.keys.subscription(id), this.subs.get(id), Subscription, this.onCorrupt);
  }

  private record(id: string): DeliveryRecord {
    let r = this.deliveries.get(id);
    if (!r) this.deliveries.set(id, (r = { lease: 0 }));
    return r;
  }

  async putSubscription(sub: Subscription) {
    const s = Subscription.parse(sub);
    this.subs.set(s.id, JSON.stringify(s));
    const channel = this.keys.channel(s);
    this.channels.set(channel, (this.channels.get(channel) ?? new Set()).add(s.id));
    if (s.createdBy) {
      const user = this.keys.user({ platform: s.platform, workspace: s.workspace, user: s.createdBy });
      this.users.set(user, (this.users.get(user) ?? new Set()).add(s.id));
    }
    this.record(s.id).active = s.active;
    if (s.active) this.due.set(s.id, 0);
    else this.due.delete(s.id);
  }
  async getSubscription(id: string) {
    return this.parseSub(id);
  }
  async listChannelSubscriptions(channel: ChannelRef) {
    const out: Subscription[] = [];
    for (const id of this.channels.get(this.keys.channel(channel)) ?? []) {
      const s = this.parseSub(id);
      if (s && s.platform === channel.platform && s.workspace === channel.workspace && s.conversation === channel.conversation) out.push(s);
    }
    return out;
  }
  async listUserSubscriptions(user: UserRef) {
    const ids = this.users.get(this.keys.user(user));
    const out: Subscription[] = [];
    for (const id of ids ?? []) {
      const s = this.parseSub(id);
      // removed, or subscribed again by someone else since: no longer this user's (as on Redis)
      if (!this.subs.has(id) || (s && s.createdBy !== user.user)) ids!.delete(id);
      else if (s && s.platform === user.platform && s.workspace === user.workspace) out.push(s);
    }
    return out;
  }
  async listWorkspaceSubscriptions(platform: string, workspace: string) {
    const out: Subscription[] = [];
    for (const id of this.subs.keys()) {
      const s = this.parseSub(id);
      if (s && s.platform === platform && s.workspace === workspace) out.push(s);
    }
    return out;
  }
  async listSubscriptions() {
    return [...this.subs.keys()].map((id) => this.parseSub(id)).filter((s): s is Subscription => s !== null);
  }
  async removeSubscription(id: string) {
    const s = this.parseSub(id);
    if (s) this.channels.get(this.keys.channel(s))?.delete(id);
    if (s?.createdBy) this.users.get(this.keys.user({ platform: s.platform, workspace: s.workspace, user: s.createdBy }))?.delete(id);
    this.due.delete(id);
    this.record(id).active = false;
    return this.subs.delete(id);
  }
  async dueSubscriptions(at: number, limit: number) {
    const ids = [...this.due].filter(([, t]) => t <= at).sort((a, b) => a[1] - b[1]).slice(0, limit);
    return ids.map(([id]) => this.parseSub(id)).filter((s): s is Subscription => s !== null);
  }
  async scheduleDue(entries: readonly { id: string; at: number }[]) {
    for (const e of entries) if (this.due.has(e.id)) this.due.set(e.id, e.at);
  }
  async getCursor(subscriptionId: string) {
    return parseStored(`${this.keys.delivery(subscriptionId)}#cursor`, this.deliveries.get(subscriptionId)?.cursor, DigestCursor, this.onCorrupt);
  }
  async claimDelivery(subscriptionId: string, date: string, leaseMs: number): Promise<DeliveryClaim> {
    const r = this.record(subscriptionId);
    if (!r.active) return { kind: 'gone' };
    if (r.last && r.last >= date) return { kind: 'sent', lastDate: r.last };
    const now = this.now();
    if (r.lease > now) return { kind: 'held', msLeft: r.lease - now };
    r.lease = now + leaseMs;
    const unresolved = r.pending === date;
    r.pending = date;
    const cursor = await this.getCursor(subscriptionId);
    return unresolved ? { kind: 'claimed', cursor, leaseMs, unresolved: true } : { kind: 'claimed', cursor, leaseMs };
  }
  async recordDelivery(subscriptionId: string, date: string, cursor: DigestCursor, nextDueAt: number) {
    Object.assign(this.record(subscriptionId), { cursor: JSON.stringify(DigestCursor.parse(cursor)), last: date, lease: 0, pending: undefined });
    await this.scheduleDue([{ id: subscriptionId, at: nextDueAt }]);
  }
  async releaseDelivery(subscriptionId: string, retryAt: number, opts: { outcomeUnknown?: boolean } = {}) {
    const r = this.record(subscriptionId);
    r.lease = 0;
    if (!opts.outcomeUnknown) r.pending = undefined;
    await this.scheduleDue([{ id: subscriptionId, at: retryAt }]);
  }
  async logDelivery(subscriptionId: string, entry: DeliveryLogEntry) {
    const log = this.logs.get(subscriptionId) ?? [];
    log.unshift(JSON.stringify(DeliveryLogEntry.parse(entry)));
    log.length = Math.min(log.length, DELIVERY_LOG_SIZE);
    this.logs.set(subscriptionId, log);
  }
  async deliveryLog(subscriptionId: string) {
    return parseStoredList(this.keys.deliveryLog(subscriptionId), this.logs.get(subscriptionId) ?? [], DeliveryLogEntry, this.onCorrupt);
  }
}
