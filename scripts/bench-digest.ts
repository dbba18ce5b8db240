// npm run bench:digest [-- --subs 10000 --concurrency 50 --use-redis-url] : deliver N daily digests to a local mock of Slack's Web API
// (chat.postMessage) and report the wall time and the Redis commands per delivery, for two triggers of the one
// delivery pass: BullMQ's job scheduler (what plan-bot serve replicas run) and `plan-bot digest run` (cron). The
// subscriptions, the Store, BullMQ, the Slack sender (@slack/web-api WebClient) and the composer are the real ones;
// only Slack is mocked.
// Redis: a redis-server of its own on a free port (so no other client's commands are counted), else (or with
// --use-redis-url) REDIS_URL, where every key the bench wrote is deleted at the end (also on failure or Ctrl-C);
// never a Redis nobody named.
import { createServer as createHttpServer } from 'node:http';
import { Redis } from 'ioredis';
import { benchRedis } from './bench-redis.ts';

const { SlackDigestSender } = await import('../adapters/slack/slack-digest-sender.ts');
const { BullmqTrigger } = await import('../src/digest/bullmq-trigger.ts');
const { DEFAULT_RETRIES, deliverDue } = await import('../src/digest/deliver-due.ts');
const { subscriptionId } = await import('../src/digest/subscription-id.ts');
const { loadConfig } = await import('../app/config.ts');
const { loadKnowledge } = await import('../src/knowledge.ts');
const { silentLogger } = await import('../src/logger.ts');
const { RedisStore } = await import('../src/store/redis-store.ts');

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isInteger(v) || v <= 0) throw new Error(`--${name}: expected a positive integer`);
  return v;
}
const SUBS = arg('subs', 10_000);
const CONCURRENCY = arg('concurrency', 50);
const NOW = Date.parse('2026-12-01T09:05:00+08:00');

/** The key prefix of one path's subscriptions, deliveries and BullMQ queue: the bench's alone (its pid). */
const prefixOf = (path: 'bullmq' | 'digest-run') => `bench-digest:${path}:${process.pid}:`;

/** The mock Web API: chat.postMessage answers ok (about as Slack does), counted per channel. */
async function mockSlack(): Promise<{ url: string; posts: Map<string, number>; close: () => Promise<void> }> {
  const posts = new Map<string, number>();
  let ts = 1_800_000_000;
  const server = createHttpServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const channel = new URLSearchParams(Buffer.concat(chunks).toString('utf8')).get('channel') ?? '';
      posts.set(channel, (posts.get(channel) ?? 0) + 1);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ ok: true, channel, ts: `${++ts}.000100` }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  return { url: `http://127.0.0.1:${port}/api/`, posts, close: () => new Promise((r) => server.close(() => r())) };
}

async function commandsProcessed(admin: Redis): Promise<{ total: number; byCommand: Map<string, number> }> {
  const stats = await admin.info('stats');
  const total = Number(/total_commands_processed:(\d+)/.exec(stats)?.[1] ?? NaN);
  const byCommand = new Map<string, number>();
  for (const m of (await admin.info('commandstats')).matchAll(/cmdstat_([\w|]+):calls=(\d+)/g)) byCommand.set(m[1]!, Number(m[2]));
  return { total, byCommand };
}

function delta(before: Map<string, number>, after: Map<string, number>): [string, number][] {
  return [...after].map(([k, v]) => [k, v - (before.get(k) ?? 0)] as [string, number]).filter(([, v]) => v > 0).sort((a, b) => b[1] - a[1]);
}

/** Commands this process sends, counted at the client (ioredis, which BullMQ uses too): round trips, not script internals. */
let sent = 0;
const sendCommand = Redis.prototype.sendCommand;
Redis.prototype.sendCommand = function (this: Redis, ...args: Parameters<Redis['sendCommand']>) {
  sent += 1;
  return sendCommand.apply(this, args);
} as Redis['sendCommand'];

const config = loadConfig();
const redis = await benchRedis({ prefer: process.argv.includes('--use-redis-url') ? 'named' : 'own', prefixes: [prefixOf('bullmq'), prefixOf('digest-run')], ...(config.redisUrl ? { redisUrl: config.redisUrl } : {}) });
const redisUrl = redis.url;
const admin = new Redis(redisUrl);
const k = loadKnowledge(config.contentDir);
const log = silentLogger();
const slack = await mockSlack();
const sender = new SlackDigestSender({ botToken: 'xoxb-bench', apiUrl: slack.url, logger: log });

interface Result {
  path: string;
  wallMs: number;
  delivered: number;
  commands: number;
  /** commands sent by the clients (each a round trip, pipelined or not) */
  sent: number;
  byCommand: [string, number][];
}

async function bench(path: 'bullmq' | 'digest-run'): Promise<Result> {
  const prefix = prefixOf(path);
  const store = new RedisStore({ url: redisUrl, prefix, timeoutMs: 5000 });
  await store.ready();
  const workspace = `TBENCH${path === 'bullmq' ? 'Q' : 'R'}`;
  for (let i = 0; i < SUBS; i += 500) {
    await Promise.all(
      Array.from({ length: Math.min(500, SUBS - i) }, (_, j) => {
        const conversation = `C${path[0]}${String(i + j).padStart(6, '0')}`;
        const topic = ['应急管理', '数据安全', '养老', '人工智能', ''][(i + j) % 5]!;
        return store.putSubscription({ id: subscriptionId({ platform: 'slack', workspace, conversation }, topic), platform: 'slack', workspace, conversation, topic, time: '09:00', tz: 'Asia/Shanghai', weekdays: false, createdAt: '2026-11-01T00:00:00.000Z', active: true });
      }),
    );
  }
  const deps = { knowledge: k, store, senders: { slack: sender }, leaseMs: 600_000, now: () => NOW + (Date.now() - started), logger: log };
  const postedBefore = [...slack.posts.values()].reduce((a, b) => a + b, 0);
  const before = await commandsProcessed(admin);
  const sentBefore = sent;
  const started = Date.now();
  let delivered = 0;
  const run = { concurrency: CONCURRENCY, ...DEFAULT_RETRIES };
  if (path === 'bullmq') {
    const q = new BullmqTrigger({ redisUrl, prefix: `${prefix}bull`, deps, run, tickEveryMs: 3_600_000 });
    await q.start();
    const postedNow = () => [...slack.posts.values()].reduce((a, b) => a + b, 0) - postedBefore;
    while (postedNow() < SUBS) await new Promise((r) => setTimeout(r, 20));
    const wait = async () => (await q.bullQueue.getJobCounts('waiting', 'active')) as { waiting: number; active: number };
    await q.idle();
    for (let c = await wait(); c.waiting + c.active > 0; c = await wait()) await new Promise((r) => setTimeout(r, 20));
    await q.idle();
    delivered = postedNow();
    const wallMs = Date.now() - started;
    const clientSent = sent - sentBefore;
    const after = await commandsProcessed(admin);
    await q.bullQueue.obliterate({ force: true });
    await q.stop();
    await store.close();
    return { path: 'BullMQ (plan-bot serve)', wallMs, delivered, commands: after.total - before.total, sent: clientSent, byCommand: delta(before.byCommand, after.byCommand) };
  }
  const report = await deliverDue(deps, run);
  delivered = report.delivered;
  const wallMs = Date.now() - started;
  const clientSent = sent - sentBefore;
  const after = await commandsProcessed(admin);
  await store.close();
  return { path: 'plan-bot digest run (cron)', wallMs, delivered, commands: after.total - before.total, sent: clientSent, byCommand: delta(before.byCommand, after.byCommand) };
}

try {
  console.log(`delivering ${SUBS} digests to a local mock of Slack's Web API, ${CONCURRENCY} at a time; Redis: ${redis.describe}`);
  for (const path of ['bullmq', 'digest-run'] as const) {
    const r = await bench(path);
    const perDelivery = r.commands / SUBS;
    console.log(`\n${r.path}: ${r.delivered} delivered in ${(r.wallMs / 1000).toFixed(2)} s (${Math.round((r.delivered / r.wallMs) * 1000)} digests/s)`);
    console.log(`  Redis commands per delivery: ${(r.sent / SUBS).toFixed(1)} sent by plan-bot and BullMQ (${r.sent} in all, counted at the client);`);
    console.log(`    ${perDelivery.toFixed(1)} executed by Redis (${r.commands} in all, INFO stats total_commands_processed: also counts the commands inside Lua scripts)`);
    console.log(`  by command: ${r.byCommand.map(([c, n]) => `${c} ${(n / SUBS).toFixed(2)}`).join(', ')}`);
  }
  const doubles = [...slack.posts.values()].filter((n) => n !== 1).length;
  console.log(`\nchannels posted to other than exactly once: ${doubles}`);
} finally {
  admin.disconnect();
  await slack.close();
  await redis.release();
}
