import type { Logger } from '../logger.js';
import { forLog } from '../logger.js';
import { MemoryStore } from './memory-store.js';
import type { Store } from './store.js';

/** Open the store a deployment asked for: "memory", or a redis:// URL (waits briefly for the first connection). */
export async function openStore(spec: string, opts: { prefix: string; timeoutMs: number; logger: Logger }): Promise<Store> {
  const onCorrupt = (key: string, problem: string) => opts.logger.warn({ key: forLog(key), problem: forLog(problem) }, 'stored value is corrupt or from an old format; treated as absent');
  if (spec === 'memory') return new MemoryStore({ prefix: opts.prefix, onCorrupt });
  // ioredis (~100 ms to load) only when the store is Redis
  const { RedisStore } = await import('./redis-store.js');
  let lastError = '';
  const store = new RedisStore({
    url: spec,
    prefix: opts.prefix,
    timeoutMs: opts.timeoutMs,
    onCorrupt,
    onDataLost: ({ key }) =>
      opts.logger.error(
        { code: 'STORE_DATA_LOST', epochKey: key },
        'Redis lost plan-bot\'s data (its epoch marker is gone: FLUSHALL, eviction, or a restart without persistence): subscriptions, delivery records and Teams conversation references made before now are gone; the epoch and the digest scheduler are re-created, new subscriptions work',
      ),
    onMigrated: (count) => opts.logger.info({ count }, 'subscriptions carried over from the layout before issue 10 (old hash kept as subs:migrated-v1)'),
    onMigrationError: (err) => opts.logger.error({ err: forLog(err.message) }, 'could not carry over subscriptions of the layout before issue 10; trying again on the next connect'),
    onError: (err) => {
      // ioredis reports each failed reconnect; log a change of error once, not every 50 ms
      if (err.message !== lastError) opts.logger.warn({ err: forLog(err.message) }, 'redis connection error; reconnecting');
      lastError = err.message;
    },
  });
  try {
    await store.ready(Math.max(opts.timeoutMs * 2, 1000));
    await store.checkData();
  } catch (err) {
    opts.logger.warn({ err: forLog((err as Error).message) }, 'redis not reachable at start; answering without context until it is');
  }
  return store;
}
