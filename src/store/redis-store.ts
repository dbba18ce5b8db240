import { Redis } from 'ioredis';
import type { ConversationKey } from '../conversation-key.js';
import { CodedError } from '../errors.js';
import { DataEpoch } from './data-epoch.js';
import { markThreadScript, setContextsScript, type ContextWrite, type IndexEntry } from './redis-context-script.js';
import { RedisInstallations } from './redis-installations.js';
import type { StoredInstallation } from './installation.js';
import { Keys } from './keys.js';
import { migrateLegacySubscriptions } from './legacy-subscriptions.js';
import { parseStored, parseStoredList } from './parse-stored.js';
import { RedisSubscriptions } from './redis-subscriptions.js';
import { EARLIER_CONTEXTS, type CorruptHandler, type Store, type ValueSchema } from './store.js';
import type { DeliveryLogEntry } from './delivery-log.js';
import type { ChannelRef, DigestCursor, Subscription, UserRef } from './subscription.js';
import { WriteBatch } from './write-batch.js';

export interface RedisStoreOptions {
  url: string;
  prefix?: string;
  /** every command fails after this many ms instead of hanging (default 500) */
  timeoutMs?: number;
  onCorrupt?: CorruptHandler;
  /** told about connection errors (which ioredis retries on its own) */
  onError?: (err: Error) => void;
  /** told how many subscriptions of the layout before issue 10 were carried over (legacy-subscriptions.ts) */
  onMigrated?: (count: number) => void;
  /** told once each time this process notices that Redis lost its data (the epoch marker went away) */
  onDataLost?: (info: { key: string }) => void;
  /** told when that migration failed (it is tried again on the next connect); default onError */
  onMigrationError?: (err: Error) => void;
}

/**
 * The Redis Store (ioredis). Commands fail fast when Redis is down (no offline queue, a bounded
 * command timeout) while the client keeps reconnecting in the background with capped back-off.
 */
export class RedisStore implements Store {
  readonly kind = 'redis' as const;
  readonly durable = true;
  readonly redis: Redis;
  private readonly keys: Keys;
  private readonly onCorrupt: CorruptHandler;
  private readonly subs: RedisSubscriptions;
  private readonly installs: RedisInstallations;
  private readonly epoch: DataEpoch;
  /** concurrent turns' context writes, sent as one command (write-batch.ts) */
  private readonly contextWrites: WriteBatch<ContextWrite>;
  /** the migration of old-layout subscriptions started by the latest connect; ready() waits for it */
  private migration: Promise<void> = Promise.resolve();

  constructor(opts: RedisStoreOptions) {
    this.keys = new Keys(opts.prefix ?? 'plan-bot:');
    this.onCorrupt = opts.onCorrupt ?? (() => undefined);
    const timeout = opts.timeoutMs ?? 500;
    this.redis = new Redis(opts.url, {
      lazyConnect: false,
      // concurrent turns' commands share one write and one read: a syscall per command was the largest cost under load
      enableAutoPipelining: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      commandTimeout: timeout,
      connectTimeout: Math.max(timeout, 1000),
      retryStrategy: (times) => Math.min(50 * 2 ** Math.min(times, 6), 2000),
      // only a failover (READONLY) is a reason to reconnect; an error reply such as WRONGTYPE concerns one key
      reconnectOnError: (err) => err.message.startsWith('READONLY'),
    });
    const onError = opts.onError ?? (() => undefined);
    this.redis.on('error', (err: Error) => onError(err));
    this.epoch = new DataEpoch(this.redis, this.keys.epoch(), opts.onDataLost ?? (() => undefined));
    this.contextWrites = new WriteBatch((writes) => setContextsScript(this.redis, writes));
    this.subs = new RedisSubscriptions(this.redis, this.keys, this.onCorrupt, onError);
    this.installs = new RedisInstallations(this.redis, this.keys, this.onCorrupt);
    // on every (re)connect: one EXISTS, and the one-time migration if the old hash is there
    this.redis.on('ready', () => {
      this.migration = migrateLegacySubscriptions(this.redis, this.keys, this.onCorrupt).then(
        (n) => void (n > 0 && opts.onMigrated?.(n)),
        (err: Error) => (opts.onMigrationError ?? onError)(err),
      );
    });
  }

  /** Wait until connected and old data migrated (or fail after the timeout); start-up uses it to report Redis clearly. */
  async ready(timeoutMs = 2000): Promise<void> {
    if (this.redis.status !== 'ready') await this.connected(timeoutMs);
    await this.migration;
  }

  private async connected(timeoutMs: number): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        cleanup();
        reject(new CodedError('STORE_UNAVAILABLE', `Redis did not answer within ${timeoutMs} ms; check REDIS_URL and that redis-server is running`));
      }, timeoutMs);
      const onReady = () => {
        cleanup();
        resolve();
      };
      const cleanup = () => {
        clearTimeout(timer);
        this.redis.off('ready', onReady);
      };
      this.redis.on('ready', onReady);
    });
  }

  async getContext<T>(key: ConversationKey, schema: ValueSchema<T>) {
    const k = this.keys.context(key);
    let raw: string | null;
    try {
      raw = await this.redis.get(k);
    } catch (err) {
      // a key of the wrong type is corrupt data, not an outage: no context, and the next write replaces it
      if (!(err instanceof Error) || !err.message.startsWith('WRONGTYPE')) throw err;
      this.onCorrupt(k, err.message);
      return null;
    }
    return parseStored(k, raw, schema, this.onCorrupt);
  }
  async getContextWithEarlier<T>(key: ConversationKey, schema: ValueSchema<T>) {
    const ek = this.keys.earlierContexts(key);
    const [current, raws] = await Promise.all([
      this.getContext(key, schema),
      this.redis.lrange(ek, 0, EARLIER_CONTEXTS - 1).catch((err: unknown) => {
        if (!(err instanceof Error) || !err.message.startsWith('WRONGTYPE')) throw err;
        this.onCorrupt(ek, err.message);
        return [] as string[];
      }),
    ]);
    return { current, earlier: parseStoredList(ek, raws, schema, this.onCorrupt) };
  }
  async setContext(key: ConversationKey, ctx: unknown, ttlSeconds: number, opts: { keepPrevious?: boolean } = {}) {
    // the parts are escaped once and the three keys built from them (this runs once per answer)
    const parts = this.keys.conversationParts(key);
    const [ctxKey, earlierKey] = this.keys.conversationKeysOf(parts);
    const index = { indexKey: this.keys.workspaceConversations(key.platform, key.workspace), parts, now: Date.now() };
    await this.contextWrites.write({ key: ctxKey!, earlierKey: earlierKey!, value: JSON.stringify(ctx), ttlSeconds, keepPrevious: opts.keepPrevious === true, keep: EARLIER_CONTEXTS, index });
  }
  /** Where a conversation's keys are listed for its workspace (an uninstall deletes them from there). */
  private indexEntry(key: ConversationKey): IndexEntry {
    return { indexKey: this.keys.workspaceConversations(key.platform, key.workspace), parts: this.keys.conversationParts(key), now: Date.now() };
  }
  async deleteContext(key: ConversationKey) {
    await this.redis.del(this.keys.context(key), this.keys.earlierContexts(key));
  }
  async markBotThread(key: ConversationKey, ttlSeconds: number) {
    await markThreadScript(this.redis, this.keys.botThread(key), ttlSeconds, this.indexEntry(key));
  }
  async isBotThread(key: ConversationKey) {
    return (await this.redis.exists(this.keys.botThread(key))) === 1;
  }
  async claimOnce(id: string, ttlSeconds: number) {
    return (await this.redis.set(this.keys.claim(id), '1', 'EX', ttlSeconds, 'NX')) === 'OK';
  }
  async releaseClaim(id: string) {
    await this.redis.del(this.keys.claim(id));
  }
  putSubscription(sub: Subscription) {
    return this.subs.putSubscription(sub);
  }
  getSubscription(id: string) {
    return this.subs.getSubscription(id);
  }
  listChannelSubscriptions(channel: ChannelRef) {
    return this.subs.listChannelSubscriptions(channel);
  }
  listUserSubscriptions(user: UserRef) {
    return this.subs.listUserSubscriptions(user);
  }
  listWorkspaceSubscriptions(platform: string, workspace: string) {
    return this.subs.listWorkspaceSubscriptions(platform, workspace);
  }
  listSubscriptions() {
    return this.subs.listSubscriptions();
  }
  removeSubscription(id: string) {
    return this.subs.removeSubscription(id);
  }
  putInstallation(inst: StoredInstallation) {
    return this.installs.putInstallation(inst);
  }
  getInstallation(id: string) {
    return this.installs.getInstallation(id);
  }
  deleteInstallation(id: string) {
    return this.installs.deleteInstallation(id);
  }
  listInstallations() {
    return this.installs.listInstallations();
  }
  countInstallations() {
    return this.installs.countInstallations();
  }
  forgetWorkspace(platform: string, workspace: string) {
    return this.installs.forgetWorkspace(platform, workspace);
  }
  dueSubscriptions(at: number, limit: number) {
    return this.subs.dueSubscriptions(at, limit);
  }
  scheduleDue(entries: readonly { id: string; at: number }[]) {
    return this.subs.scheduleDue(entries);
  }
  getCursor(subscriptionId: string) {
    return this.subs.getCursor(subscriptionId);
  }
  claimDelivery(subscriptionId: string, date: string, leaseMs: number) {
    return this.subs.claimDelivery(subscriptionId, date, leaseMs);
  }
  recordDelivery(subscriptionId: string, date: string, cursor: DigestCursor, nextDueAt: number) {
    return this.subs.recordDelivery(subscriptionId, date, cursor, nextDueAt);
  }
  releaseDelivery(subscriptionId: string, retryAt: number, opts?: { outcomeUnknown?: boolean }) {
    return this.subs.releaseDelivery(subscriptionId, retryAt, opts);
  }
  logDelivery(subscriptionId: string, entry: DeliveryLogEntry) {
    return this.subs.logDelivery(subscriptionId, entry);
  }
  deliveryLog(subscriptionId: string) {
    return this.subs.deliveryLog(subscriptionId);
  }
  async getValue(name: string) {
    const raw = await this.redis.get(this.keys.value(name));
    if (raw === null) return undefined;
    try {
      return JSON.parse(raw) as unknown;
    } catch (err) {
      this.onCorrupt(this.keys.value(name), `not JSON: ${(err as Error).message}`);
      return undefined;
    }
  }
  async setValue(name: string, value: unknown, ttlSeconds?: number) {
    if (ttlSeconds) await this.redis.set(this.keys.value(name), JSON.stringify(value), 'EX', ttlSeconds);
    else await this.redis.set(this.keys.value(name), JSON.stringify(value));
  }
  async ping() {
    try {
      return (await this.redis.ping()) === 'PONG';
    } catch {
      return false;
    }
  }
  async checkData() {
    await this.epoch.check();
    return this.epoch.lostAt === undefined ? {} : { lostAt: this.epoch.lostAt };
  }
  async close() {
    if (this.redis.status === 'ready') await this.subs.close();
    this.redis.disconnect(false);
  }
}
