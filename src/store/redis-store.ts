import { Redis } from 'ioredis';
import type { ConversationKey } from '../conversation-key.js';
import { CodedError } from '../errors.js';
import { Keys } from './keys.js';
import type { CorruptHandler, Store, ValueSchema } from './store.js';
import { DigestCursor, Subscription } from './subscription.js';

export interface RedisStoreOptions {
  url: string;
  prefix?: string;
  /** every command fails after this many ms instead of hanging (default 500) */
  timeoutMs?: number;
  onCorrupt?: CorruptHandler;
  /** told about connection errors (which ioredis retries on its own) */
  onError?: (err: Error) => void;
}

/** Take a lease atomically: returns 0 when taken, else the end (ms) of the lease that holds it. */
const CLAIM_LEASE = `local held = tonumber(redis.call('GET', KEYS[1]))
if held and held > tonumber(ARGV[1]) then return held end
redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
return 0`;
/** A lease key outlives its lease by this much, then Redis drops it (the lease itself is judged by its stored end). */
const LEASE_RETENTION_MS = 60_000;

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
  }

  /** Wait until connected (or fail after the timeout); start-up uses it to report Redis clearly. */
  async ready(timeoutMs = 2000): Promise<void> {
    if (this.redis.status === 'ready') return;
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

  private parse<T>(key: string, raw: string | null | undefined, schema: ValueSchema<T>): T | null {
    if (raw === null || raw === undefined) return null;
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch (err) {
      this.onCorrupt(key, `not JSON: ${(err as Error).message}`);
      return null;
    }
    const r = schema.safeParse(json);
    if (!r.success) {
      this.onCorrupt(key, r.error.message);
      return null;
    }
    return r.data;
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
    return this.parse(k, raw, schema);
  }
  async setContext(key: ConversationKey, ctx: unknown, ttlSeconds: number) {
    await this.redis.set(this.keys.context(key), JSON.stringify(ctx), 'EX', ttlSeconds);
  }
  async deleteContext(key: ConversationKey) {
    await this.redis.del(this.keys.context(key));
  }
  async claimOnce(id: string, ttlSeconds: number) {
    return (await this.redis.set(this.keys.claim(id), '1', 'EX', ttlSeconds, 'NX')) === 'OK';
  }
  async releaseClaim(id: string) {
    await this.redis.del(this.keys.claim(id));
  }
  async claimLease(id: string, now: number, leaseMs: number) {
    const expiresAt = now + leaseMs;
    const held = Number(await this.redis.eval(CLAIM_LEASE, 1, this.keys.claim(id), now, expiresAt, leaseMs + LEASE_RETENTION_MS));
    return held === 0 ? { claimed: true, expiresAt } : { claimed: false, expiresAt: held };
  }
  async putSubscription(sub: Subscription) {
    await this.redis.hset(this.keys.subscriptions(), sub.id, JSON.stringify(Subscription.parse(sub)));
  }
  async getSubscription(id: string) {
    return this.parse(`${this.keys.subscriptions()}#${id}`, await this.redis.hget(this.keys.subscriptions(), id), Subscription);
  }
  async removeSubscription(id: string) {
    return (await this.redis.hdel(this.keys.subscriptions(), id)) > 0;
  }
  async listSubscriptions() {
    const all = await this.redis.hgetall(this.keys.subscriptions());
    const out: Subscription[] = [];
    for (const [id, raw] of Object.entries(all)) {
      const s = this.parse(`${this.keys.subscriptions()}#${id}`, raw, Subscription);
      if (s) out.push(s);
    }
    return out;
  }
  async getCursor(subscriptionId: string) {
    const k = this.keys.cursor(subscriptionId);
    return this.parse(k, await this.redis.get(k), DigestCursor);
  }
  async setCursor(subscriptionId: string, cursor: DigestCursor) {
    await this.redis.set(this.keys.cursor(subscriptionId), JSON.stringify(DigestCursor.parse(cursor)));
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
  async setValue(name: string, value: unknown) {
    await this.redis.set(this.keys.value(name), JSON.stringify(value));
  }
  async ping() {
    try {
      return (await this.redis.ping()) === 'PONG';
    } catch {
      return false;
    }
  }
  async close() {
    this.redis.disconnect(false);
  }
}
