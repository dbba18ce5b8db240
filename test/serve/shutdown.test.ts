// Issue 11: shutdown logs "stopped" only when it is true, and forces exit after its grace period. A real
// `plan-bot serve` child gets SIGTERM while something keeps its shutdown from finishing: an answer being posted to
// a Slack Web API that never answers, a request whose body never arrives, a Redis that stops answering. Each time
// it must exit 1 within SHUTDOWN_GRACE_MS and a margin, with an error line saying it forced exit and why, and never
// log "plan-bot stopped". With nothing in the way it stops cleanly: "plan-bot stopped", exit 0.
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startStandIn, type StandIn } from '../digest/support/stand-in-server.js';
import { startRedisServer } from '../support/local-redis.js';
import { startServeChild, type PlanBotChild } from '../support/serve-process.js';
import { eventEnvelope, nowSeconds, sendEvent, TEST_SIGNING_SECRET } from '../support/slack-sign.js';

const GRACE_MS = 1500;
/** What the test allows past the grace period: the orderly close of Redis, the exit itself, a loaded machine. */
const MARGIN_MS = 2500;

let slack: StandIn;
beforeAll(async () => {
  slack = await startStandIn(() => ({ ok: true, ts: '1800000000.000100' }));
  // chat.postMessage never answers: the answer to a mention stays "being posted"
  slack.respond = (r) => (r.path === '/api/chat.postMessage' ? 'hang' : undefined);
});
afterAll(async () => slack?.close());

function env(extra: Record<string, string> = {}): Record<string, string> {
  return {
    REDIS_URL: inject('redisUrl'),
    REDIS_PREFIX: `plan-bot-test:shutdown:${process.pid}:${Math.random()}:`,
    SHUTDOWN_GRACE_MS: String(GRACE_MS),
    SLACK_BOT_TOKEN: 'xoxb-shutdown-test',
    SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
    SLACK_API_URL: `${slack.origin}/api/`,
    SLACK_BOT_USER_ID: 'U0PLANBOT',
    SLACK_BOT_ID: 'B0PLANBOT',
    DIGEST_ENABLED: 'false',
    ...extra,
  };
}

/** SIGTERM, then: exit 1 within grace + margin, one error line saying it forced exit (naming `why`), no "stopped". */
async function expectForcedExit(c: PlanBotChild, why: RegExp): Promise<void> {
  c.signal('SIGTERM');
  const exit = await c.exited;
  console.log(`forced exit after ${exit.ms} ms (grace ${GRACE_MS} ms)`);
  expect(exit.code).toBe(1);
  expect(exit.ms).toBeLessThan(GRACE_MS + MARGIN_MS);
  // it waited for the grace period before giving up
  expect(exit.ms).toBeGreaterThanOrEqual(GRACE_MS - 100);
  const forced = c.records().filter((r) => /forcing exit/.test(r.msg));
  expect(forced).toHaveLength(1);
  expect(forced[0]!.level).toBe(50);
  expect(forced[0]!.msg).toMatch(why);
  expect(c.lines.some((l) => l.includes('plan-bot stopped'))).toBe(false);
}

describe('plan-bot serve on SIGTERM', () => {
  it('stops cleanly when nothing is in flight: "plan-bot stopped" as its last line, exit 0', async () => {
    const c = await startServeChild(env());
    try {
      c.signal('SIGTERM');
      const exit = await c.exited;
      expect(exit.code).toBe(0);
      expect(exit.ms).toBeLessThan(GRACE_MS);
      const records = c.records();
      expect(records.at(-1)!.msg).toBe('plan-bot stopped');
      expect(records.some((r) => /forcing exit/.test(r.msg))).toBe(false);
    } finally {
      c.kill();
    }
  });

  it('forces exit after the grace period while an answer is still being posted to a Slack that never answers', async () => {
    const c = await startServeChild(env());
    try {
      const before = slack.received.length;
      const ts = `${nowSeconds()}.000200`;
      const res = await sendEvent(c.base, eventEnvelope({ type: 'app_mention', user: 'U0ASKER', text: '<@U0PLANBOT> 应急管理', ts, channel: 'C0HANG', event_ts: ts }));
      expect(res.status).toBe(200);
      // the answer is on its way to chat.postMessage, which holds it
      const deadline = Date.now() + 10_000;
      while (!slack.received.slice(before).some((r) => r.path === '/api/chat.postMessage')) {
        if (Date.now() > deadline) throw new Error('the answer never reached chat.postMessage');
        await new Promise((r) => setTimeout(r, 20));
      }
      await expectForcedExit(c, /slack still finishing its work/);
    } finally {
      c.kill();
    }
  });

  it('forces exit after the grace period while a request whose body never arrives is in flight', async () => {
    const c = await startServeChild(env());
    let socket: Socket | undefined;
    try {
      socket = connect(c.port, '127.0.0.1');
      socket.on('error', () => undefined);
      await new Promise<void>((resolve) => socket!.once('connect', () => resolve()));
      socket.write(`POST /slack/events HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: application/json\r\ncontent-length: 1000\r\n\r\n{"type":"event_`);
      // the server has the request (its handler is reading the body) before the signal
      await new Promise((r) => setTimeout(r, 300));
      await expectForcedExit(c, /1 request\(s\) still in flight/);
    } finally {
      socket?.destroy();
      c.kill();
    }
  });

  it('forces exit after the grace period when its Redis stops answering', async () => {
    const redis = await startRedisServer();
    const c = await startServeChild(env({ REDIS_URL: redis.url, DIGEST_ENABLED: 'true' }));
    try {
      // the process is still there, its sockets open, but it answers nothing
      redis.child.kill('SIGSTOP');
      await expectForcedExit(c, /digest still finishing its work|Redis still closing/);
    } finally {
      c.kill();
      redis.child.kill('SIGKILL');
    }
  });
});
