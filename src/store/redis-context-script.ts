import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';

/**
 * Adding a conversation to its workspace's index (a sorted set of context parts scored by expiry, ms): KEYS[n] the
 * index, ARGV[m], ARGV[m+1], ARGV[m+2] the member, its expiry and now. Expired members are dropped on every write,
 * and the index lives as long as its longest-lived member, so it holds the workspace's live conversations and no more.
 * An index of the wrong type (corrupt data) is replaced.
 */
function indexConversation(key: string, member: string, expiresAt: string, now: string, ttl: string): string {
  return `if type(redis.pcall('ZADD', ${key}, ${expiresAt}, ${member})) == 'table' then
  redis.call('DEL', ${key})
  redis.call('ZADD', ${key}, ${expiresAt}, ${member})
end
redis.call('ZREMRANGEBYSCORE', ${key}, '-inf', ${now})
if redis.call('TTL', ${key}) < tonumber(${ttl}) then redis.call('EXPIRE', ${key}, ${ttl}) end`;
}

/**
 * Writing conversations' contexts in one command: ARGV[1] how many (n); then, for the i-th (0-based), KEYS[3i+1] the
 * context (string), KEYS[3i+2] its earlier contexts (a list, most recent first), KEYS[3i+3] its workspace's
 * conversations index; ARGV[7i+2] the new value, ARGV[7i+3] the TTL in seconds, ARGV[7i+4] '1' to keep the value
 * being replaced, ARGV[7i+5] how many earlier values to keep, ARGV[7i+6] the conversation's parts (the index member),
 * ARGV[7i+7] its expiry (ms), ARGV[7i+8] now (ms). The writes run in order, as separate commands would. The earlier
 * values' TTL is refreshed with every write, so they live exactly as long as the context. A key of the wrong type
 * (corrupt data) is replaced, never an error: the replaced value is read with pcall, and an earlier-list of the wrong
 * type is dropped before the push.
 * This is why a new topic costs no read on the bot's side (bench:slack: the read and parse of the old context cost
 * ~35 µs of server CPU per /plan), and why concurrent turns' writes can share one command (write-batch.ts).
 */
export const SET_CONTEXTS = `for i = 0, tonumber(ARGV[1]) - 1 do
local k, a = i * 3, i * 7 + 1
local previous = false
if ARGV[a + 3] == '1' then
  previous = redis.pcall('GET', KEYS[k + 1])
  if type(previous) == 'table' then previous = false end
end
redis.call('SET', KEYS[k + 1], ARGV[a + 1], 'EX', ARGV[a + 2])
if previous then
  local pushed = redis.pcall('LPUSH', KEYS[k + 2], previous)
  if type(pushed) == 'table' then
    redis.call('DEL', KEYS[k + 2])
    redis.call('LPUSH', KEYS[k + 2], previous)
  end
  redis.call('LTRIM', KEYS[k + 2], 0, tonumber(ARGV[a + 4]) - 1)
end
redis.call('EXPIRE', KEYS[k + 2], ARGV[a + 2])
${indexConversation('KEYS[k + 3]', 'ARGV[a + 5]', 'ARGV[a + 6]', 'ARGV[a + 7]', 'ARGV[a + 2]')}
end
return 1`;

/** Marking a thread the bot answered in: KEYS[1] the marker, KEYS[2] the workspace index; ARGV as one SET_CONTEXTS write's TTL, parts, expiry and now in 1–4. */
export const MARK_THREAD = `redis.call('SET', KEYS[1], '1', 'EX', ARGV[1])
${indexConversation('KEYS[2]', 'ARGV[2]', 'ARGV[3]', 'ARGV[4]', 'ARGV[1]')}
return 1`;

const SHAS = new Map([SET_CONTEXTS, MARK_THREAD].map((s) => [s, createHash('sha1').update(s).digest('hex')]));

/** Run a script by its SHA (one short command), loading it only when this Redis has not seen it yet. */
async function runScript(redis: Redis, script: string, keys: string[], args: string[]): Promise<void> {
  try {
    await redis.evalsha(SHAS.get(script)!, keys.length, ...keys, ...args);
  } catch (err) {
    if (!(err instanceof Error) || !err.message.startsWith('NOSCRIPT')) throw err;
    await redis.eval(script, keys.length, ...keys, ...args);
  }
}

/** Where a write puts the conversation in its workspace's index: the index key, the member, and the clock. */
export interface IndexEntry {
  indexKey: string;
  parts: string;
  now: number;
}

/** One context write of a SET_CONTEXTS call. */
export interface ContextWrite {
  key: string;
  earlierKey: string;
  value: string;
  ttlSeconds: number;
  keepPrevious: boolean;
  keep: number;
  index: IndexEntry;
}

/** Run SET_CONTEXTS: each write's context, earlier values and workspace index, all in one command, in order. */
export async function setContextsScript(redis: Redis, writes: readonly ContextWrite[]): Promise<void> {
  const keys: string[] = [];
  const args: string[] = [String(writes.length)];
  for (const w of writes) {
    keys.push(w.key, w.earlierKey, w.index.indexKey);
    args.push(w.value, String(w.ttlSeconds), w.keepPrevious ? '1' : '0', String(w.keep), w.index.parts, String(w.index.now + w.ttlSeconds * 1000), String(w.index.now));
  }
  await runScript(redis, SET_CONTEXTS, keys, args);
}

/** Run MARK_THREAD: the thread marker and its workspace index in one command. */
export async function markThreadScript(redis: Redis, key: string, ttlSeconds: number, index: IndexEntry): Promise<void> {
  await runScript(redis, MARK_THREAD, [key, index.indexKey], [String(ttlSeconds), index.parts, String(index.now + ttlSeconds * 1000), String(index.now)]);
}
