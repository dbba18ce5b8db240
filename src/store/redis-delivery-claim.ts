import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';

/**
 * The delivery claim, the one exactly-once mechanism of digests (why it is enough: src/digest/deliver-digest.ts).
 * One script, so the checks and the lease are one atomic step, judged by Redis's own clock (TIME), never a runner's:
 * KEYS[1] the subscription's delivery record (hash: active, last, lease, cursor; putSubscription and
 * removeSubscription keep "active" in step with the subscription); ARGV[1] the local date to deliver, ARGV[2] the
 * lease in ms. Returns {'gone'} | {'sent', last} | {'held', msLeft} | {'claimed', cursor JSON or ''}.
 */
export const CLAIM_DELIVERY = `local rec = redis.call('HMGET', KEYS[1], 'active', 'last', 'lease', 'cursor')
if rec[1] ~= '1' then return {'gone'} end
if rec[2] and rec[2] >= ARGV[1] then return {'sent', rec[2]} end
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local lease = tonumber(rec[3]) or 0
if lease > now then return {'held', string.format('%d', lease - now)} end
redis.call('HSET', KEYS[1], 'lease', string.format('%d', now + tonumber(ARGV[2])))
return {'claimed', rec[4] or ''}`;

const SHA = createHash('sha1').update(CLAIM_DELIVERY).digest('hex');

/** Run the claim by its SHA (one short command), loading the script only when this Redis has not seen it yet. */
export async function runClaimDelivery(redis: Redis, recordKey: string, date: string, leaseMs: number): Promise<string[]> {
  const args = [recordKey, date, String(leaseMs)];
  try {
    return (await redis.evalsha(SHA, 1, ...args)) as string[];
  } catch (err) {
    if (!(err instanceof Error) || !err.message.startsWith('NOSCRIPT')) throw err;
    return (await redis.eval(CLAIM_DELIVERY, 1, ...args)) as string[];
  }
}
