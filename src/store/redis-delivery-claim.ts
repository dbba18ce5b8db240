import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';

/**
 * The delivery claim, the one exactly-once mechanism of digests (why it is enough: src/digest/deliver-digest.ts).
 * One script, so the checks and the lease are one atomic step, judged by Redis's own clock (TIME), never a runner's.
 * KEYS[1] the subscription's delivery record (hash: active, last, lease, cursor, pending, holder; putSubscription
 * and removeSubscription keep "active" in step with the subscription); KEYS[2] the claiming runner's heartbeat key
 * (it refreshes it while it lives, see runner-heartbeat.ts); ARGV[1] the local date to deliver, ARGV[2] the lease in
 * ms, ARGV[3] the heartbeat's time to live in ms.
 * - "pending" is the date a claim was taken for; recordDelivery and releaseDelivery clear it. A claim that finds it
 *   equal to its own date takes over a claim that ended unrecorded (its holder crashed, or its send threw): the
 *   post's outcome is unknown, and the answer says so ('unresolved') so the caller looks before it sends.
 * - "holder" is the heartbeat key of the runner holding the lease. A lease whose holder's heartbeat is gone (the
 *   runner was killed) is taken over at once instead of after the lease; one whose holder lives is held, and the
 *   answer's msLeft is when to look again (the holder's heartbeat TTL, so a dying holder is noticed soon).
 * Returns {'gone'} | {'sent', last} | {'held', msLeft} | {'claimed', cursor JSON or '', '' or 'unresolved'}.
 * (The holder's key is read though not in KEYS: plan-bot's keys live on one Redis, never a cluster.)
 */
export const CLAIM_DELIVERY = `local rec = redis.call('HMGET', KEYS[1], 'active', 'last', 'lease', 'cursor', 'pending', 'holder')
if rec[1] ~= '1' then return {'gone'} end
if rec[2] and rec[2] >= ARGV[1] then return {'sent', rec[2]} end
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local lease = tonumber(rec[3]) or 0
if lease > now then
  if not rec[6] then return {'held', string.format('%d', lease - now)} end
  local ttl = redis.call('PTTL', rec[6])
  if ttl > 0 then return {'held', string.format('%d', math.min(ttl, lease - now))} end
end
redis.call('SET', KEYS[2], '1', 'PX', ARGV[3])
redis.call('HSET', KEYS[1], 'lease', string.format('%d', now + tonumber(ARGV[2])), 'pending', ARGV[1], 'holder', KEYS[2])
local unresolved = ''
if rec[5] == ARGV[1] then unresolved = 'unresolved' end
return {'claimed', rec[4] or '', unresolved}`;

const SHA = createHash('sha1').update(CLAIM_DELIVERY).digest('hex');

/** Run the claim by its SHA (one short command), loading the script only when this Redis has not seen it yet. */
export async function runClaimDelivery(redis: Redis, recordKey: string, heartbeatKey: string, date: string, leaseMs: number, heartbeatMs: number): Promise<string[]> {
  const args = [recordKey, heartbeatKey, date, String(leaseMs), String(heartbeatMs)];
  try {
    return (await redis.evalsha(SHA, 2, ...args)) as string[];
  } catch (err) {
    if (!(err instanceof Error) || !err.message.startsWith('NOSCRIPT')) throw err;
    return (await redis.eval(CLAIM_DELIVERY, 2, ...args)) as string[];
  }
}
