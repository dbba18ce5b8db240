import { randomUUID } from 'node:crypto';
import type { ChainableCommander, Redis } from 'ioredis';
import type { Keys } from './keys.js';
import { DELIVERY_LOG_SIZE, DeliveryLogEntry } from './delivery-log.js';
import { parseStored, parseStoredList } from './parse-stored.js';
import { runClaimDelivery } from './redis-delivery-claim.js';
import { HEARTBEAT_TTL_MS, RunnerHeartbeat } from './runner-heartbeat.js';
import type { CorruptHandler } from './store.js';
import { DigestCursor, Subscription, type ChannelRef, type UserRef } from './subscription.js';
import type { DeliveryClaim, SubscriptionStore } from './subscription-store.js';

/** Records read per MGET, and due-index moves per ZADD: bounded replies however many subscriptions there are. */
const BATCH = 500;

/** Run a MULTI and return its replies, throwing the first error of its commands (ioredis reports them per command). */
async function execAll(m: ChainableCommander): Promise<unknown[]> {
  const results = (await m.exec()) ?? [];
  const failed = results.find(([err]) => err);
  if (failed) throw failed[0];
  return results.map(([, reply]) => reply);
}

/**
 * Subscriptions on Redis: sub:{id} (the record, JSON), chan:{platform}:{workspace}:{conversation} (a set of ids), usr:{platform}:{workspace}:{user} (the ids a user set up),
 * due (a sorted set, id → when the next delivery pass should look, ms) and dlv:{id} (the delivery record: whether
 * the subscription is active, cursor, last date sent, lease) and dlog:{id} (the delivery log, a capped list). A channel's listing reads its set and its records only; a pass reads the due part of the index.
 */
export class RedisSubscriptions implements SubscriptionStore {
  /** this process's heartbeat as a digest runner; its leases name it */
  private readonly heartbeat: RunnerHeartbeat;

  constructor(
    private readonly redis: Redis,
    private readonly keys: Keys,
    private readonly onCorrupt: CorruptHandler,
    onError: (err: Error) => void = () => undefined,
  ) {
    this.heartbeat = new RunnerHeartbeat(redis, keys.runner(randomUUID()), onError);
  }

  /** Stop this runner's heartbeat (before the connection closes). */
  close(): Promise<void> {
    return this.heartbeat.close();
  }

  private parseSub(id: string, raw: string | null | undefined): Subscription | null {
    return parseStored(this.keys.subscription(id), raw, Subscription, this.onCorrupt);
  }

  private async records(ids: readonly string[]): Promise<(string | null)[]> {
    const out: (string | null)[] = [];
    for (let i = 0; i < ids.length; i += BATCH) out.push(...(await this.redis.mget(ids.slice(i, i + BATCH).map((id) => this.keys.subscription(id)))));
    return out;
  }

  async putSubscription(sub: Subscription) {
    const s = Subscription.parse(sub);
    const m = this.redis.multi().set(this.keys.subscription(s.id), JSON.stringify(s)).sadd(this.keys.channel(s), s.id).sadd(this.keys.workspaceSubscriptions(s.platform, s.workspace), s.id);
    if (s.createdBy) m.sadd(this.keys.user({ platform: s.platform, workspace: s.workspace, user: s.createdBy }), s.id);
    m.hset(this.keys.delivery(s.id), 'active', s.active ? '1' : '0');
    await execAll(s.active ? m.zadd(this.keys.due(), 0, s.id) : m.zrem(this.keys.due(), s.id));
  }
  async getSubscription(id: string) {
    return this.parseSub(id, await this.redis.get(this.keys.subscription(id)));
  }
  /**
   * The subscriptions an index set lists, read in one MGET. `belongs` says whether a record is still the index's
   * (true), no longer is and leaves it (false), or is kept out of the answer but listed (undefined: unreadable, or
   * another scope); ids whose record is gone always leave the set.
   */
  private async listIndexed(index: string, belongs: (s: Subscription) => boolean | undefined): Promise<Subscription[]> {
    const ids = await this.redis.smembers(index);
    if (ids.length === 0) return [];
    const raws = await this.records(ids);
    const out: Subscription[] = [];
    const stale: string[] = [];
    ids.forEach((id, i) => {
      if (raws[i] === null) return void stale.push(id);
      const s = this.parseSub(id, raws[i]);
      const verdict = s ? belongs(s) : undefined;
      if (verdict === false) stale.push(id);
      else if (verdict && s) out.push(s);
    });
    // an id whose record is gone (removed while its record was unreadable) leaves the set here
    if (stale.length) await this.redis.srem(index, ...stale);
    return out;
  }
  async listChannelSubscriptions(channel: ChannelRef) {
    return this.listIndexed(this.keys.channel(channel), (s) => (s.platform === channel.platform && s.workspace === channel.workspace && s.conversation === channel.conversation ? true : undefined));
  }
  async listUserSubscriptions(user: UserRef) {
    // removed, or subscribed again by someone else since: no longer this user's
    return this.listIndexed(this.keys.user(user), (s) => (s.createdBy !== user.user ? false : s.platform === user.platform && s.workspace === user.workspace ? true : undefined));
  }
  async listWorkspaceSubscriptions(platform: string, workspace: string) {
    return this.listIndexed(this.keys.workspaceSubscriptions(platform, workspace), (s) => (s.platform === platform && s.workspace === workspace ? true : undefined));
  }
  async listSubscriptions() {
    const out: Subscription[] = [];
    const head = this.keys.subscription('');
    let cursor = '0';
    do {
      const [next, keys] = await this.redis.scan(cursor, 'MATCH', `${head}*`, 'COUNT', BATCH);
      cursor = next;
      if (keys.length === 0) continue;
      const raws = await this.redis.mget(keys);
      keys.forEach((k, i) => {
        const s = raws[i] === null ? null : this.parseSub(decodeURIComponent(k.slice(head.length)), raws[i]);
        if (s) out.push(s);
      });
    } while (cursor !== '0');
    return out;
  }
  async removeSubscription(id: string) {
    const current = await this.getSubscription(id);
    const m = this.redis.multi().del(this.keys.subscription(id)).zrem(this.keys.due(), id).hset(this.keys.delivery(id), 'active', '0');
    if (current) m.srem(this.keys.channel(current), id).srem(this.keys.workspaceSubscriptions(current.platform, current.workspace), id);
    if (current?.createdBy) m.srem(this.keys.user({ platform: current.platform, workspace: current.workspace, user: current.createdBy }), id);
    const [deleted] = await execAll(m);
    return Number(deleted) > 0;
  }
  async dueSubscriptions(at: number, limit: number) {
    const ids = await this.redis.zrangebyscore(this.keys.due(), '-inf', at, 'LIMIT', 0, limit);
    if (ids.length === 0) return [];
    const raws = await this.records(ids);
    const out: Subscription[] = [];
    const stale: string[] = [];
    ids.forEach((id, i) => {
      if (raws[i] === null) return void stale.push(id);
      const s = this.parseSub(id, raws[i]);
      if (s) out.push(s);
    });
    // put and remove change the record and the index together, so this is only ever left over by hand
    if (stale.length) await this.redis.zrem(this.keys.due(), ...stale);
    return out;
  }
  async scheduleDue(entries: readonly { id: string; at: number }[]) {
    for (let i = 0; i < entries.length; i += BATCH) {
      const args = entries.slice(i, i + BATCH).flatMap((e) => [e.at, e.id]);
      await this.redis.zadd(this.keys.due(), 'XX', ...args);
    }
  }
  async getCursor(subscriptionId: string) {
    const k = this.keys.delivery(subscriptionId);
    return parseStored(`${k}#cursor`, await this.redis.hget(k, 'cursor'), DigestCursor, this.onCorrupt);
  }
  async claimDelivery(subscriptionId: string, date: string, leaseMs: number): Promise<DeliveryClaim> {
    const k = this.keys.delivery(subscriptionId);
    const [kind, value = '', flag = ''] = await runClaimDelivery(this.redis, k, this.heartbeat.key, date, leaseMs, HEARTBEAT_TTL_MS);
    if (kind === 'gone') return { kind };
    if (kind === 'sent') return { kind, lastDate: value };
    if (kind === 'held') return { kind, msLeft: Number(value) };
    this.heartbeat.beat();
    const cursor = parseStored(`${k}#cursor`, value, DigestCursor, this.onCorrupt);
    return flag === 'unresolved' ? { kind: 'claimed', cursor, leaseMs, unresolved: true } : { kind: 'claimed', cursor, leaseMs };
  }
  async recordDelivery(subscriptionId: string, date: string, cursor: DigestCursor, nextDueAt: number) {
    const json = JSON.stringify(DigestCursor.parse(cursor));
    // the date is recorded with the cursor in one HSET: that write is what makes the claim answer "sent"
    const k = this.keys.delivery(subscriptionId);
    await execAll(this.redis.multi().hset(k, 'cursor', json, 'last', date, 'lease', '0').hdel(k, 'pending', 'holder'));
    await this.redis.zadd(this.keys.due(), 'XX', nextDueAt, subscriptionId);
  }
  async releaseDelivery(subscriptionId: string, retryAt: number, opts: { outcomeUnknown?: boolean } = {}) {
    const k = this.keys.delivery(subscriptionId);
    const m = this.redis.multi().hset(k, 'lease', '0');
    // an unknown outcome keeps "pending", so the next claim still looks before it sends
    if (!opts.outcomeUnknown) m.hdel(k, 'pending', 'holder');
    await execAll(m.zadd(this.keys.due(), 'XX', retryAt, subscriptionId));
  }
  async logDelivery(subscriptionId: string, entry: DeliveryLogEntry) {
    const k = this.keys.deliveryLog(subscriptionId);
    await execAll(this.redis.multi().lpush(k, JSON.stringify(DeliveryLogEntry.parse(entry))).ltrim(k, 0, DELIVERY_LOG_SIZE - 1));
  }
  async deliveryLog(subscriptionId: string) {
    const k = this.keys.deliveryLog(subscriptionId);
    return parseStoredList(k, await this.redis.lrange(k, 0, DELIVERY_LOG_SIZE - 1), DeliveryLogEntry, this.onCorrupt);
  }
}
