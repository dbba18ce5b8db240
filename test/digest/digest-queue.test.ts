// Delivery on BullMQ against the real Redis, with the real Slack sender and a local stand-in for Slack's Web API.
// Each scheduler has its own clock; nothing waits for time to pass (delayed jobs are promoted by the test).
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { SlackDigestSender } from '../../adapters/slack/slack-digest-sender.js';
import type { DeliveryDeps } from '../../src/digest/deliver-digest.js';
import { deliverJobId, DigestQueue } from '../../src/digest/digest-queue.js';
import { knowledge } from '../support/knowledge.js';
import { quietLogger, redisStore, slackSub, testClock, uniquePrefix, type TestClock } from './support/digest-fixtures.js';
import { postMessages, posted, postsPerChannel, startSlackStandIn, type StandIn } from './support/stand-in-server.js';

const k = knowledge();
const prefix = uniquePrefix('queue');
const store = redisStore(prefix);
let slack: StandIn;
const queues: DigestQueue[] = [];

beforeAll(async () => {
  await store.ready();
  slack = await startSlackStandIn();
});
afterAll(async () => {
  // the first scheduler is still running: through it, drop every key of this file's queue
  await queues[0]?.bullQueue.obliterate({ force: true });
  await Promise.all(queues.map((q) => q.stop()));
  await slack.close();
  await store.close();
});

/** A scheduler as one plan-bot serve replica runs it, with its own connections and clock. */
function scheduler(clock: TestClock): DigestQueue {
  const sender = new SlackDigestSender({ botToken: 'xoxb-test-queue', apiUrl: `${slack.origin}/api/`, logger: quietLogger });
  const deps: DeliveryDeps = { knowledge: k, store, senders: { slack: sender }, leaseMs: 600_000, now: clock.now, logger: quietLogger };
  const q = new DigestQueue({ redisUrl: inject('redisUrl'), prefix: `${prefix}bull`, deps, concurrency: 8, tickEveryMs: 3_600_000 });
  queues.push(q);
  return q;
}

/** Wait until the queue has no deliveries left (waiting, active or delayed; the next hourly tick aside) and the condition holds. */
async function settled(q: DigestQueue, cond: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const c = await q.bullQueue.getJobCounts('waiting', 'active', 'prioritized');
    const delayed = (await q.bullQueue.getDelayed()).filter((j) => j.name !== 'tick').length;
    if (cond() && (c.waiting ?? 0) + (c.active ?? 0) + (c.prioritized ?? 0) + delayed === 0) return;
    if (Date.now() > deadline) throw new Error(`queue did not settle (${what}): ${JSON.stringify({ ...c, delayed })}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('two schedulers at once', () => {
  it('deliver each subscription once', async () => {
    const channels = Array.from({ length: 30 }, (_, i) => `C0TWO${String(i).padStart(2, '0')}`);
    for (const c of channels) await store.putSubscription(slackSub(c, { workspace: 'T0TWO' }));
    const a = scheduler(testClock('2026-12-01T09:05:00+08:00'));
    const b = scheduler(testClock('2026-12-01T09:05:00+08:00'));
    // both replicas start together: both see all 30 due and enqueue the same job ids
    await Promise.all([a.start(), b.start()]);
    const mine = () => posted(slack).filter((r) => channels.includes(r.body.channel));
    await settled(a, () => mine().length >= channels.length, 'two schedulers');
    // and both tick again, the same minute
    await Promise.all([a.enqueueDue(), b.enqueueDue()]);
    await settled(a, () => true, 'second tick');
    const per = postsPerChannel(slack);
    expect(channels.map((c) => per.get(c))).toEqual(channels.map(() => 1));
    expect(mine().every((r) => JSON.stringify(r.body.blocks).includes('应急管理'))).toBe(true);
    // the engine itself kept one job per subscription and date, though both replicas enqueued all 30
    expect((await a.bullQueue.getJobCounts('completed')).completed).toBe(channels.length);
    const job = await a.bullQueue.getJob(deliverJobId(slackSub(channels[0]!, { workspace: 'T0TWO' }).id, '2026-12-01'));
    expect(await job?.getState()).toBe('completed');
  });
});

describe('restart catch-up', () => {
  it('a replica that was down at 09:00 delivers late, once, the same day', async () => {
    const sub = slackSub('C0LATE', { workspace: 'T0LATE' });
    await store.putSubscription(sub);
    const early = scheduler(testClock('2026-12-01T08:59:00+08:00'));
    await early.start();
    await settled(early, () => true, 'before 09:00');
    expect(postsPerChannel(slack).get('C0LATE')).toBeUndefined();
    await early.stop();

    // down over 09:00; back at 11:30
    const clock = testClock('2026-12-01T11:30:00+08:00');
    const late = scheduler(clock);
    await late.start();
    await settled(late, () => postsPerChannel(slack).get('C0LATE') === 1, 'late delivery');
    clock.set('2026-12-01T11:31:00+08:00');
    expect(await late.enqueueDue()).toBe(0);
    // the next day it is on time again
    clock.set('2026-12-02T09:00:30+08:00');
    await late.enqueueDue();
    await settled(late, () => postsPerChannel(slack).get('C0LATE') === 2, 'next day');
    expect(postsPerChannel(slack).get('C0LATE')).toBe(2);
  });
});

describe('429 on BullMQ', () => {
  it('delays the job by Retry-After instead of holding a worker, then posts once', async () => {
    const sub = slackSub('C0Q429', { workspace: 'T0Q429' });
    await store.putSubscription(sub);
    let limited = 0;
    slack.respond = (r) => (r.body.channel === 'C0Q429' && limited++ === 0 ? { status: 429, body: { ok: false, error: 'ratelimited' }, headers: { 'retry-after': '30' } } : undefined);
    const q = scheduler(testClock('2026-12-01T09:05:00+08:00'));
    await q.start();
    const jobId = deliverJobId(sub.id, '2026-12-01');
    const deadline = Date.now() + 10_000;
    while ((await (await q.bullQueue.getJob(jobId))?.getState()) !== 'delayed') {
      if (Date.now() > deadline) throw new Error('job never delayed');
      await new Promise((r) => setTimeout(r, 25));
    }
    const job = (await q.bullQueue.getJob(jobId))!;
    expect(job.delay).toBeGreaterThanOrEqual(30_000);
    expect(postsPerChannel(slack).get('C0Q429')).toBeUndefined();
    await job.promote(); // the 30 s have "passed"
    await settled(q, () => postsPerChannel(slack).get('C0Q429') === 1, 'after Retry-After');
    slack.respond = undefined;
    expect(postMessages(slack).filter((r) => r.body.channel === 'C0Q429')).toHaveLength(2);
  });

  it('deactivates on a permanent error and does not retry', async () => {
    const sub = slackSub('C0QGONE', { workspace: 'T0QGONE' });
    await store.putSubscription(sub);
    slack.respond = (r) => (r.body.channel === 'C0QGONE' ? { status: 200, body: { ok: false, error: 'channel_not_found' } } : undefined);
    const q = scheduler(testClock('2026-12-01T09:05:00+08:00'));
    await q.start();
    await settled(q, () => postMessages(slack).some((r) => r.body.channel === 'C0QGONE'), 'permanent error');
    slack.respond = undefined;
    expect(await store.getSubscription(sub.id)).toMatchObject({ active: false, deactivatedReason: 'channel_not_found' });
    expect(postMessages(slack).filter((r) => r.body.channel === 'C0QGONE')).toHaveLength(1);
  });
});
