// npm run bench:context [-- --rounds 300] : the cost of keeping conversation context in Redis, beside the in-memory
// store, in one run. Prints per-turn latency (median, p99) for both, the added latency, and Redis commands per turn
// (from INFO stats). Redis: REDIS_URL when set (every key the bench wrote is deleted at the end, also on failure or
// Ctrl-C), otherwise a redis-server of its own; never a Redis nobody named.
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { loadConfig } from '../app/config.ts';
import { Bot } from '../src/conversation/bot.ts';
import { loadKnowledge } from '../src/knowledge.ts';
import { MemoryStore } from '../src/store/memory-store.ts';
import { RedisStore } from '../src/store/redis-store.ts';
import type { Store } from '../src/store/store.ts';
import { benchRedis } from './bench-redis.ts';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isInteger(v) || v <= 0) throw new Error(`--${name}: expected a positive integer`);
  return v;
}

const config = loadConfig();
const knowledge = loadKnowledge(config.contentDir);
const DIALOGUE = ['/plan 应急管理', '更多', '第2条', '2025年的目标是什么?', '那养老呢?', '有哪些重点工程?', '出处', '/plan 数据安全', '更多', '专栏12第3条'];
const ROUNDS = arg('rounds', 300);
const PREFIX = `bench-ctx-${process.pid}-${randomUUID().slice(0, 8)}:`;

async function run(store: Store): Promise<number[]> {
  const bot = new Bot({ knowledge, store });
  const times: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const conversation = `bench-${r}`;
    for (const [i, text] of DIALOGUE.entries()) {
      const t0 = process.hrtime.bigint();
      await bot.handle({ platform: 'console', workspace: 'bench', conversation, user: 'u', text, messageId: `${r}-${i}` });
      times.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
  }
  return times;
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};

async function commandsProcessed(r: Redis): Promise<number> {
  const info = await r.info('stats');
  return Number(/total_commands_processed:(\d+)/.exec(info)?.[1] ?? NaN);
}

const redis = await benchRedis({ prefer: 'named', prefixes: [PREFIX], ...(config.redisUrl ? { redisUrl: config.redisUrl } : {}) });
console.log(`Redis: ${redis.describe}`);
const admin = new Redis(redis.url);
const redisStore = new RedisStore({ url: redis.url, prefix: PREFIX });
// commands this client sends (each a round trip, pipelined or not), beside what Redis executes (INFO counts the
// commands a script runs too)
let sent = 0;
// (the prototype's method is looked up at each call, so the clean-up's fence on Redis.prototype still applies)
redisStore.redis.sendCommand = function (this: Redis, ...args: Parameters<Redis['sendCommand']>) {
  sent += 1;
  return (Object.getPrototypeOf(this) as Redis).sendCommand.apply(this, args);
} as Redis['sendCommand'];
try {
  await redisStore.ready();
  const memory = new MemoryStore();
  // warm both paths, then alternate measured rounds so machine noise hits both alike
  await run(memory);
  await run(redisStore);
  const mem: number[] = [];
  const red: number[] = [];
  let commands = 0;
  let sentInRounds = 0;
  for (let i = 0; i < 3; i++) {
    mem.push(...(await run(memory)));
    const before = await commandsProcessed(admin);
    const sentBefore = sent;
    red.push(...(await run(redisStore)));
    commands += (await commandsProcessed(admin)) - before - 1; // the INFO call itself counts once
    sentInRounds += sent - sentBefore;
  }
  const turns = red.length;
  console.log(`turns per store: ${turns} (${DIALOGUE.length}-turn dialogue × ${ROUNDS} × 3)`);
  console.log(`memory: median ${pct(mem, 50).toFixed(3)} ms, p99 ${pct(mem, 99).toFixed(3)} ms`);
  console.log(`redis:  median ${pct(red, 50).toFixed(3)} ms, p99 ${pct(red, 99).toFixed(3)} ms`);
  console.log(`added by redis per turn: median ${(pct(red, 50) - pct(mem, 50)).toFixed(3)} ms (ratio ${(pct(red, 50) / pct(mem, 50)).toFixed(2)}×)`);
  console.log(`redis commands sent per turn: ${(sentInRounds / turns).toFixed(2)} (a read for a follow-up, one write per turn: a new topic keeps the earlier one inside that write's script)`);
  console.log(`redis commands executed per turn: ${(commands / turns).toFixed(2)} (INFO, counting those the context script runs)${redis.named ? '; a named Redis counts other clients\' commands too' : ''}`);
} finally {
  await redisStore.close();
  admin.disconnect();
  await redis.release();
}
