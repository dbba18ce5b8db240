// plan-bot serve's trigger on BullMQ against the real Redis, with the real Slack sender and a local stand-in for
// Slack's Web API. Each replica has its own clock; nothing waits for time to pass (ticks are run by hand).
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { SlackDigestSender } from '../../adapters/slack/slack-digest-sender.js';
import { BullmqTrigger } from '../../src/digest/bullmq-trigger.js';
import type { DeliveryDeps } from '../../src/digest/deliver-digest.js';
import { DEFAULT_RETRIES } from '../../src/digest/deliver-due.js';
import { knowledge } from '../support/knowledge.js';
import { quietLogger, redisStore, slackSub, testClock, uniquePrefix, type TestClock } from './support/digest-fixtures.js';
import { postMessages, posted, postsPerChannel, startSlackStandIn, type StandIn } from './support/stand-in-server.js';

const k = knowledge();
const prefix = uniquePrefix('queue');
const store = redisStore(prefix);
let slack: StandIn;
const replicas: BullmqTrigger[] = [];

beforeAll(async () => {
  await store.ready();
  slack = await startSlackStandIn();
});
afterAll(async () => {
  // the first replica is still running: through it, drop every key of this file's queue
  await replicas[0]?.bullQueue.obliterate({ force: true });
  await Promise.all(replicas.map((q) => q.stop()));
  await slack.close();
  await store.close();
});

/** One plan-bot serve replica's trigger, with its own connections and clock; its passes record what they wait. */
function replica(clock: TestClock, sleeps: number[] = []): BullmqTrigger {
  const sender = new SlackDigestSender({ botToken: 'xoxb-test-queue', apiUrl: `${slack.origin}/api/`, logger: quietLogger });
  const deps: DeliveryDeps = { knowledge: k, store, senders: { slack: sender }, leaseMs: 600_000, now: clock.now, logger: quietLogger };
  const run = { concurrency: 8, ...DEFAULT_RETRIES, sleep: async (ms: number) => void sleeps.push(ms) };
  const q = new BullmqTrigger({ redisUrl: inject('redisUrl'), prefix: `${prefix}bull`, deps, run, tickEveryMs: 3_600_000 });
  replicas.push(q);
  return q;
}

/** Wait until no replica runs a pass, no tick waits in the queue (the next hourly one aside), and the condition holds. */
async function settled(cond: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    await Promise.all(replicas.map((q) => q.idle()));
    const c = await replicas[0]!.bullQueue.getJobCounts('waiting', 'active', 'prioritized');
    if (cond() && (c.waiting ?? 0) + (c.active ?? 0) + (c.prioritized ?? 0) === 0) return;
    if (Date.now() > deadline) throw new Error(`passes did not settle (${what}): ${JSON.stringify(c)}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('two replicas at once', () => {
  it('deliver each subscription once', async () => {
    const channels = Array.from({ length: 30 }, (_, i) => `C0TWO${String(i).padStart(2, '0')}`);
    for (const c of channels) await store.putSubscription(slackSub(c, { workspace: 'T0TWO' }));
    const a = replica(testClock('2026-12-01T09:05:00+08:00'));
    const b = replica(testClock('2026-12-01T09:05:00+08:00'));
    // both replicas start together: both run a pass over the same 30 due digests
    await Promise.all([a.start(), b.start()]);
    const mine = () => posted(slack).filter((r) => channels.includes(r.body.channel));
    await settled(() => mine().length >= channels.length, 'two replicas');
    // and both tick again, the same minute, at the same moment
    const again = await Promise.all([a.runPass(), b.runPass()]);
    await settled(() => true, 'second tick');
    const per = postsPerChannel(slack);
    expect(channels.map((c) => per.get(c))).toEqual(channels.map(() => 1));
    expect(mine().every((r) => JSON.stringify(r.body.blocks).includes('应急管理'))).toBe(true);
    // the second passes found nothing due: the delivered digests left the due index until tomorrow
    expect(again.map((r) => r.due)).toEqual([0, 0]);
  });
});

describe('restart catch-up', () => {
  it('a replica that was down at 09:00 delivers late, once, the same day', async () => {
    const sub = slackSub('C0LATE', { workspace: 'T0LATE' });
    await store.putSubscription(sub);
    const early = replica(testClock('2026-12-01T08:59:00+08:00'));
    await early.start();
    await settled(() => true, 'before 09:00');
    expect(postsPerChannel(slack).get('C0LATE')).toBeUndefined();
    await early.stop();
    replicas.splice(replicas.indexOf(early), 1);

    // down over 09:00; back at 11:30
    const clock = testClock('2026-12-01T11:30:00+08:00');
    const late = replica(clock);
    await late.start();
    await settled(() => postsPerChannel(slack).get('C0LATE') === 1, 'late delivery');
    clock.set('2026-12-01T11:31:00+08:00');
    expect((await late.runPass()).due).toBe(0);
    // the next day it is on time again
    clock.set('2026-12-02T09:00:30+08:00');
    await late.runPass();
    await settled(() => postsPerChannel(slack).get('C0LATE') === 2, 'next day');
    expect(postsPerChannel(slack).get('C0LATE')).toBe(2);
  });
});

describe('429 and permanent errors on BullMQ', () => {
  it('waits what Retry-After says, then posts once', async () => {
    const sub = slackSub('C0Q429', { workspace: 'T0Q429' });
    await store.putSubscription(sub);
    let limited = 0;
    slack.respond = (r) => (r.body.channel === 'C0Q429' && limited++ === 0 ? { status: 429, body: { ok: false, error: 'ratelimited' }, headers: { 'retry-after': '30' } } : undefined);
    const sleeps: number[] = [];
    const q = replica(testClock('2026-12-01T09:05:00+08:00'), sleeps);
    const report = await q.runPass();
    await settled(() => postsPerChannel(slack).get('C0Q429') === 1, 'after Retry-After');
    slack.respond = undefined;
    expect(report).toMatchObject({ delivered: 1, failed: 0 });
    expect(sleeps).toEqual([30_000]);
    expect(postMessages(slack).filter((r) => r.body.channel === 'C0Q429')).toHaveLength(2);
  });

  it('deactivates on a permanent error and does not retry', async () => {
    const sub = slackSub('C0QGONE', { workspace: 'T0QGONE' });
    await store.putSubscription(sub);
    slack.respond = (r) => (r.body.channel === 'C0QGONE' ? { status: 200, body: { ok: false, error: 'channel_not_found' } } : undefined);
    const q = replica(testClock('2026-12-01T09:05:00+08:00'));
    await q.start();
    await settled(() => postMessages(slack).some((r) => r.body.channel === 'C0QGONE'), 'permanent error');
    await q.runPass();
    slack.respond = undefined;
    expect(await store.getSubscription(sub.id)).toMatchObject({ active: false, deactivatedReason: 'channel_not_found' });
    expect(postMessages(slack).filter((r) => r.body.channel === 'C0QGONE')).toHaveLength(1);
  });
});
