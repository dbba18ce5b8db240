// Issue 11's "done when" for Redis data loss: serve runs against a redis-server of this test's own (FLUSHALL
// there touches no one else), with one subscription due; FLUSHALL; /readyz answers 503 data_lost within one tick,
// the log holds one error line naming the loss, and a subscription made afterwards is delivered at its time by
// the same serve, whose digest scheduler was re-created.
import type { ChildProcess } from 'node:child_process';
import { Writable } from 'node:stream';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { slackDigestSenderFrom } from '../../adapters/slack/slack-digest-sender.js';
import { slackPlatform } from '../../adapters/slack/slack-platform.js';
import { loadConfig, type Config } from '../../app/config.js';
import { startServe, type Serving } from '../../app/serve.js';
import { digestProvider } from '../../src/digest/digest-platform.js';
import { createLogger } from '../../src/logger.js';
import { knowledge } from '../support/knowledge.js';
import { startRedisServer } from '../support/local-redis.js';
import { sendSlashCommand, TEST_SIGNING_SECRET } from '../support/slack-sign.js';
import { testClock } from './support/digest-fixtures.js';
import { postsPerChannel, startSlackStandIn, type StandIn } from './support/stand-in-server.js';

const TICK_MS = 300;
const clock = testClock('2026-12-01T08:00:00+08:00');
const lines: Record<string, any>[] = [];
const sink = new Writable({
  write(chunk: Buffer, _enc, done) {
    for (const l of chunk.toString('utf8').split('\n')) if (l.trim()) lines.push(JSON.parse(l));
    done();
  },
});
let redis: { url: string; child: ChildProcess };
let admin: Redis;
let slack: StandIn;
let serving: Serving;
let base: string;

beforeAll(async () => {
  redis = await startRedisServer();
  admin = new Redis(redis.url);
  slack = await startSlackStandIn();
  const config = loadConfig({
    PORT: '0',
    REDIS_URL: redis.url,
    SLACK_BOT_TOKEN: 'xoxb-test-redis-loss',
    SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
    SLACK_API_URL: `${slack.origin}/api/`,
    SLACK_BOT_USER_ID: 'U0PLANBOT',
    SLACK_BOT_ID: 'B0PLANBOT',
  });
  const digest = digestProvider<Config>({ senders: ({ config: c, logger }) => ({ slack: slackDigestSenderFrom(c, logger)! }), now: clock.now, tickEveryMs: TICK_MS });
  serving = await startServe({ config, knowledge: knowledge(), logger: createLogger('info', sink), host: '127.0.0.1', providers: [slackPlatform, digest] });
  base = `http://127.0.0.1:${serving.port}`;
});

afterAll(async () => {
  await serving?.close();
  admin?.disconnect();
  await slack?.close();
  redis?.child.kill('SIGKILL');
});

async function until(cond: () => boolean | Promise<boolean>, ms: number, what: string): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > deadline) throw new Error(`timed out: ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const readyz = async () => {
  const res = await fetch(`${base}/readyz`);
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
};

describe('Redis loses its data under a running serve', () => {
  it('warns at start that this Redis keeps nothing across a restart, saying what to set', () => {
    const warned = lines.filter((l) => l.code === 'STORE_NOT_DURABLE').map((l) => l.msg as string);
    expect(warned.some((m) => m.includes('appendonly yes'))).toBe(true);
  });

  it('FLUSHALL: data_lost on /readyz within a tick, one error line, and a new subscription is delivered on time', async () => {
    expect(await readyz()).toEqual({ status: 200, body: { ok: true } });
    const before = await sendSlashCommand(base, { text: '订阅 养老 每天 09:00', team_id: 'T0LOSS', channel_id: 'C0LOST' });
    expect(await before.text()).toContain('已订阅:养老');

    await admin.flushall();
    const flushed = Date.now();
    await until(async () => (await readyz()).status === 503, TICK_MS * 2 + 500, '/readyz 503');
    expect(Date.now() - flushed).toBeLessThan(TICK_MS * 2 + 500);
    expect(await readyz()).toEqual({ status: 503, body: { ok: false, reason: 'data_lost' } });
    // a few more ticks and readyz probes: still one line
    for (let i = 0; i < 3; i++) await readyz();
    await new Promise((r) => setTimeout(r, TICK_MS * 3));
    const errors = lines.filter((l) => l.level >= 50);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ code: 'STORE_DATA_LOST' });
    expect(errors[0]!.msg).toContain('Redis lost plan-bot');

    // made after the loss, with the same serve: delivered at its time
    const after = await sendSlashCommand(base, { text: '订阅 养老 每天 09:00', team_id: 'T0LOSS', channel_id: 'C0AFTER' });
    expect(await after.text()).toContain('已订阅:养老');
    clock.set('2026-12-01T09:00:30+08:00');
    await until(() => postsPerChannel(slack).get('C0AFTER') === 1, 10_000, 'the new subscription delivered');
    // the one made before the loss is gone with the data: nothing goes to it
    expect(postsPerChannel(slack).get('C0LOST')).toBeUndefined();
    // request log lines: route, status, ms, platform, no user text
    const reqs = lines.filter((l) => l.msg === 'request');
    expect(reqs.some((l) => l.route === '/slack/events' && l.status === 200 && l.platform === 'slack' && typeof l.ms === 'number')).toBe(true);
    expect(JSON.stringify(reqs)).not.toContain('养老');
  });

  it('Redis stops answering: /readyz 503 with reason redis_down', async () => {
    admin.disconnect();
    redis.child.kill('SIGKILL');
    await until(async () => (await readyz()).status === 503, 3000, '/readyz 503');
    expect(await readyz()).toEqual({ status: 503, body: { ok: false, reason: 'redis_down' } });
  });
});
