// npm run bench:context : the cost of keeping conversation context in Redis, beside the in-memory store, in one run.
// Prints per-turn latency (median, p99) for both, the added latency, and Redis commands per turn (from INFO stats).
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { loadConfig } from '../app/config.ts';
import { Bot } from '../src/conversation/bot.ts';
import { loadKnowledge } from '../src/knowledge.ts';
import { MemoryStore } from '../src/store/memory-store.ts';
import { RedisStore } from '../src/store/redis-store.ts';
import type { Store } from '../src/store/store.ts';

const config = loadConfig();
const url = config.redisUrl ?? 'redis://127.0.0.1:6379';
const knowledge = loadKnowledge(config.contentDir);
const DIALOGUE = ['/plan 应急管理', '更多', '第2条', '2025年的目标是什么?', '那养老呢?', '有哪些重点工程?', '出处', '/plan 数据安全', '更多', '专栏12第3条'];
const ROUNDS = 300;

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

const admin = new Redis(url);
const redisStore = new RedisStore({ url, prefix: `bench-ctx-${randomUUID().slice(0, 8)}:` });
await redisStore.ready();
const memory = new MemoryStore();
// warm both paths, then alternate measured rounds so machine noise hits both alike
await run(memory);
await run(redisStore);
const mem: number[] = [];
const red: number[] = [];
let commands = 0;
for (let i = 0; i < 3; i++) {
  mem.push(...(await run(memory)));
  const before = await commandsProcessed(admin);
  red.push(...(await run(redisStore)));
  commands += (await commandsProcessed(admin)) - before - 1; // the INFO call itself counts once
}
const turns = red.length;
console.log(`turns per store: ${turns} (${DIALOGUE.length}-turn dialogue × ${ROUNDS} × 3)`);
console.log(`memory: median ${pct(mem, 50).toFixed(3)} ms, p99 ${pct(mem, 99).toFixed(3)} ms`);
console.log(`redis:  median ${pct(red, 50).toFixed(3)} ms, p99 ${pct(red, 99).toFixed(3)} ms`);
console.log(`added by redis per turn: median ${(pct(red, 50) - pct(mem, 50)).toFixed(3)} ms (ratio ${(pct(red, 50) / pct(mem, 50)).toFixed(2)}×)`);
console.log(`redis commands per turn: ${(commands / turns).toFixed(2)} (each is one round trip; a read for follow-ups and for a new topic, which keeps the earlier ones)`);
await redisStore.close();
admin.disconnect();
