// Reads every key under a prefix with SCAN and a read fitting each key's TYPE, so a test can look at everything
// plan-bot stored (e.g. for secrets that must never be there in clear text).
import type { Redis } from 'ioredis';

/** One key and everything it holds, as text. */
export interface StoredKey {
  key: string;
  type: string;
  text: string;
}

/** Every key under `prefix` with its whole value (strings, hashes, lists, sets, sorted sets, streams). */
export async function readAllKeys(redis: Redis, prefix: string): Promise<StoredKey[]> {
  const out: StoredKey[] = [];
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
    cursor = next;
    for (const key of keys) {
      const type = await redis.type(key);
      let value: unknown;
      if (type === 'string') value = await redis.get(key);
      else if (type === 'hash') value = await redis.hgetall(key);
      else if (type === 'list') value = await redis.lrange(key, 0, -1);
      else if (type === 'set') value = await redis.smembers(key);
      else if (type === 'zset') value = await redis.zrange(key, '0', '-1', 'WITHSCORES');
      else if (type === 'stream') value = await redis.xrange(key, '-', '+');
      else if (type === 'none') continue;
      else throw new Error(`key ${key} has a type the scan does not read: ${type}`);
      out.push({ key, type, text: typeof value === 'string' ? value : JSON.stringify(value) });
    }
  } while (cursor !== '0');
  return out;
}
