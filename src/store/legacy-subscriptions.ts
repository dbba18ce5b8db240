import type { Redis } from 'ioredis';
import type { Keys } from './keys.js';
import { parseStored } from './parse-stored.js';
import type { CorruptHandler } from './store.js';
import { DigestCursor, Subscription } from './subscription.js';

/**
 * One subscription of the old layout into the new one, atomically. A record already in the new layout wins (it
 * was written after the upgrade); the cursor is carried unless the new delivery record has one.
 * KEYS: sub:{id}, its channel set, the due index, dlv:{id}; ARGV: id, record JSON, active 1|0, cursor JSON|'', last date|''.
 */
const MIGRATE_ONE = `if ARGV[4] ~= '' then redis.call('HSETNX', KEYS[4], 'cursor', ARGV[4]) end
if ARGV[5] ~= '' then redis.call('HSETNX', KEYS[4], 'last', ARGV[5]) end
if not redis.call('SET', KEYS[1], ARGV[2], 'NX') then return 0 end
redis.call('SADD', KEYS[2], ARGV[1])
redis.call('HSET', KEYS[4], 'active', ARGV[3])
if ARGV[3] == '1' then redis.call('ZADD', KEYS[3], 'NX', 0, ARGV[1]) end
return 1`;

const SCAN_COUNT = 500;

/**
 * The one-time migration of subscriptions stored before issue 10 (one hash {prefix}subs of every subscription,
 * and cursor:{id} string keys) into the channel-indexed layout, run when a RedisStore connects and the old hash
 * exists. Safe to run in several processes at once. The old hash is then kept as {prefix}subs:migrated-v1, and
 * the old cursor keys are left as they were (both are backups; the README says how to drop them).
 * Returns how many subscriptions were carried over.
 */
export async function migrateLegacySubscriptions(redis: Redis, keys: Keys, onCorrupt: CorruptHandler): Promise<number> {
  const legacy = keys.legacySubscriptions();
  if ((await redis.exists(legacy)) === 0) return 0;
  let scan = '0';
  let moved = 0;
  do {
    const [next, flat] = await redis.hscan(legacy, scan, 'COUNT', SCAN_COUNT);
    scan = next;
    const entries: [string, string][] = [];
    for (let i = 0; i + 1 < flat.length; i += 2) entries.push([flat[i]!, flat[i + 1]!]);
    if (entries.length === 0) continue;
    const cursors = await redis.mget(entries.map(([id]) => keys.legacyCursor(id)));
    const done = await Promise.all(
      entries.map(async ([id, raw], i) => {
        const sub = parseStored(`${legacy}#${id}`, raw, Subscription, onCorrupt);
        if (!sub) return 0;
        const cursor = parseStored(keys.legacyCursor(id), cursors[i], DigestCursor, onCorrupt);
        const args = [sub.id, JSON.stringify(sub), sub.active ? '1' : '0', cursor ? JSON.stringify(cursor) : '', cursor?.lastDate ?? ''];
        return Number(await redis.eval(MIGRATE_ONE, 4, keys.subscription(sub.id), keys.channel(sub), keys.due(), keys.delivery(sub.id), ...args));
      }),
    );
    moved += done.reduce((a: number, b) => a + b, 0);
  } while (scan !== '0');
  try {
    await redis.rename(legacy, keys.legacySubscriptionsBackup());
  } catch (err) {
    // another process migrating at the same moment renamed it first: nothing is lost, every step above is idempotent
    if (!(err instanceof Error) || !err.message.includes('no such key')) throw err;
  }
  return moved;
}
