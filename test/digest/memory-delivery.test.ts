// Memory mode (no REDIS_URL): plan-bot serve delivers from a loop inside its one process, with the same claim rules.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SlackDigestSender } from '../../adapters/slack/slack-digest-sender.js';
import { startDigestDelivery } from '../../src/digest/digest-service.js';
import { MemoryStore } from '../../src/store/memory-store.js';
import { knowledge } from '../support/knowledge.js';
import { quietLogger, slackSub, testClock } from './support/digest-fixtures.js';
import { postsPerChannel, startSlackStandIn, type StandIn } from './support/stand-in-server.js';

let slack: StandIn;
beforeAll(async () => {
  slack = await startSlackStandIn();
});
afterAll(() => slack.close());

describe('digest delivery in memory mode', () => {
  it('delivers what is due at start, once, and stops cleanly', async () => {
    const store = new MemoryStore();
    await store.putSubscription(slackSub('C0MEM1'));
    await store.putSubscription(slackSub('C0MEM2', { time: '10:00' }));
    const clock = testClock('2026-12-01T09:30:00+08:00');
    const sender = new SlackDigestSender({ botToken: 'xoxb-test-memory', apiUrl: `${slack.origin}/api/`, logger: quietLogger });
    const config = { redisPrefix: 'plan-bot:', digestConcurrency: 4, digestLeaseSeconds: 600 };
    const delivery = await startDigestDelivery({ config, knowledge: knowledge(), store, senders: { slack: sender }, logger: quietLogger, now: clock.now });
    expect(delivery.queue).toBeUndefined();
    await delivery.stop(); // waits for the pass that started with it
    expect(Object.fromEntries(postsPerChannel(slack))).toEqual({ C0MEM1: 1 });
    // started again later (a restart keeps nothing in memory mode, but within one process the cursor holds)
    clock.set('2026-12-01T10:30:00+08:00');
    await (await startDigestDelivery({ config, knowledge: knowledge(), store, senders: { slack: sender }, logger: quietLogger, now: clock.now })).stop();
    expect(Object.fromEntries(postsPerChannel(slack))).toEqual({ C0MEM1: 1, C0MEM2: 1 });
  });
});
