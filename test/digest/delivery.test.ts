// Delivery against the real Redis and the real Slack and Teams senders; only the platforms' HTTP endpoints are
// stood in for by local servers. Which digests are due follows the test's clock; a lease is judged by Redis's own
// clock (TIME), so the one test that needs a lease to run out gives it a short one and waits.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SlackDigestSender } from '../../adapters/slack/slack-digest-sender.js';
import { teamsDigestSenderFrom } from '../../adapters/teams/teams-digest-sender.js';
import { Bot } from '../../src/conversation/bot.js';
import type { DeliveryDeps } from '../../src/digest/deliver-digest.js';
import type { DigestSender } from '../../src/digest/digest-sender.js';
import { deliverDue, type RunOptions } from '../../src/digest/deliver-due.js';
import { createSubscriptionHandler } from '../../src/digest/subscription-commands.js';
import { knowledge } from '../support/knowledge.js';
import { quietLogger, redisStore, slackSub, testClock, uniquePrefix } from './support/digest-fixtures.js';
import { postMessages, postsPerChannel, startSlackStandIn, startStandIn, type StandIn } from './support/stand-in-server.js';

const k = knowledge();
const store = redisStore(uniquePrefix('delivery'));
let slack: StandIn;
let slackSender: DigestSender;
const LEASE_MS = 10 * 60_000;

beforeAll(async () => {
  await store.ready();
  slack = await startSlackStandIn();
  slackSender = new SlackDigestSender({ botToken: 'xoxb-test-digest', apiUrl: `${slack.origin}/api/`, logger: quietLogger });
});
afterAll(async () => {
  await slack.close();
  await store.close();
});

function deps(clock: { now: () => number }, senders: DeliveryDeps['senders'] = { slack: slackSender }, leaseMs = LEASE_MS): DeliveryDeps {
  return { knowledge: k, store, senders, leaseMs, now: clock.now, logger: quietLogger };
}

function runOpts(sleeps: number[] = []): RunOptions {
  return { concurrency: 4, maxAttempts: 5, maxWaitMs: 60_000, sleep: async (ms) => void sleeps.push(ms) };
}

describe('a crash after claiming and before sending', () => {
  it('is delivered once, by another runner, after the claim lease expires', async () => {
    const sub = slackSub('C0CRASH', { workspace: 'T0CRASH' });
    await store.putSubscription(sub);
    const clock = testClock('2026-12-01T09:05:00+08:00');
    // runner A claims, composes, and dies before its post goes out (its send never returns)
    let inSend!: () => void;
    const sending = new Promise<void>((r) => (inSend = r));
    const frozen: DigestSender = {
      send: () => {
        inSend();
        return new Promise(() => undefined);
      },
    };
    const crashedLeaseMs = 2000;
    void deliverDue(deps(clock, { slack: frozen }, crashedLeaseMs), runOpts());
    await sending;

    clock.set('2026-12-01T09:06:00+08:00');
    const held = await deliverDue(deps(clock), runOpts());
    expect(held).toMatchObject({ due: 1, held: 1, delivered: 0 });
    expect(postsPerChannel(slack).get('C0CRASH')).toBeUndefined();

    await new Promise((r) => setTimeout(r, crashedLeaseMs + 100)); // A's lease is over, by Redis's clock
    clock.set('2026-12-01T09:15:01+08:00');
    expect(await deliverDue(deps(clock), runOpts())).toMatchObject({ due: 1, delivered: 1 });
    clock.set('2026-12-01T20:00:00+08:00');
    expect(await deliverDue(deps(clock), runOpts())).toMatchObject({ due: 0 });
    expect(postsPerChannel(slack).get('C0CRASH')).toBe(1);
  });
});

describe('Slack rate limits', () => {
  it('honours 429 and Retry-After: waits what Slack says, then posts once', async () => {
    await store.putSubscription(slackSub('C0LIMIT', { workspace: 'T0LIMIT' }));
    let limited = 0;
    slack.respond = (r) => (r.body.channel === 'C0LIMIT' && limited++ === 0 ? { status: 429, body: { ok: false, error: 'ratelimited' }, headers: { 'retry-after': '7' } } : undefined);
    const sleeps: number[] = [];
    const report = await deliverDue(deps(testClock('2026-12-01T09:05:00+08:00')), runOpts(sleeps));
    slack.respond = undefined;
    expect(report).toMatchObject({ due: 1, delivered: 1, failed: 0 });
    expect(sleeps).toEqual([7000]);
    expect(postMessages(slack).filter((r) => r.body.channel === 'C0LIMIT')).toHaveLength(2);
    expect(postsPerChannel(slack).get('C0LIMIT')).toBe(1);
  });

  it('leaves a Retry-After longer than the run will wait to the next run, with the claim given back', async () => {
    await store.putSubscription(slackSub('C0LONG', { workspace: 'T0LIMIT' }));
    slack.respond = (r) => (r.body.channel === 'C0LONG' ? { status: 429, body: { ok: false, error: 'ratelimited' }, headers: { 'retry-after': '3600' } } : undefined);
    const clock = testClock('2026-12-01T09:05:00+08:00');
    expect(await deliverDue(deps(clock), runOpts())).toMatchObject({ due: 1, failed: 1, delivered: 0 });
    slack.respond = undefined;
    clock.set('2026-12-01T10:05:00+08:00');
    expect(await deliverDue(deps(clock), runOpts())).toMatchObject({ due: 1, delivered: 1 });
    expect(postsPerChannel(slack).get('C0LONG')).toBe(1);
  });
});

describe('permanent Slack errors', () => {
  const codes = ['channel_not_found', 'not_in_channel', 'is_archived', 'account_inactive', 'token_revoked'];

  it('deactivate the subscription, record why, and the list command shows it', async () => {
    for (const code of codes) await store.putSubscription(slackSub(`C0${code}`, { workspace: 'T0PERM' }));
    slack.respond = (r) => {
      const code = codes.find((c) => r.body.channel === `C0${c}`);
      return code ? { status: 200, body: { ok: false, error: code } } : undefined;
    };
    const clock = testClock('2026-12-01T09:05:00+08:00');
    expect(await deliverDue(deps(clock), runOpts())).toMatchObject({ due: 5, deactivated: 5, delivered: 0 });
    const permCalls = () => postMessages(slack).filter((r) => codes.some((c) => r.body.channel === `C0${c}`)).length;
    expect(permCalls()).toBe(5);
    clock.set('2026-12-02T09:05:00+08:00');
    await deliverDue(deps(clock), runOpts());
    expect(permCalls()).toBe(5); // never tried again
    slack.respond = undefined;

    const bot = new Bot({ knowledge: k, store, subscriptions: createSubscriptionHandler({ knowledge: k, store, now: clock.now }) });
    for (const code of codes) {
      const sub = (await store.getSubscription(slackSub(`C0${code}`, { workspace: 'T0PERM' }).id))!;
      expect(sub).toMatchObject({ active: false, deactivatedReason: code });
      const list = await bot.handle({ platform: 'slack', workspace: 'T0PERM', conversation: `C0${code}`, user: 'U1', text: '订阅列表', messageId: code });
      expect(list.footer).toContain(`已停用:${code}`);
    }
  });
});

describe('Teams proactive posts', () => {
  let connector: StandIn;
  beforeAll(async () => {
    connector = await startStandIn(() => ({ id: 'activity-1' }));
  });
  afterAll(() => connector.close());

  function teamsSub(conversation: string) {
    const ref = { channelId: 'msteams', serviceUrl: `${connector.origin}/`, conversation: { id: conversation, tenantId: 'tenant-1' }, bot: { id: '28:plan-bot' } };
    return { ...slackSub(conversation, { workspace: 'tenant-1' }), platform: 'teams' as const, id: `sub_${Buffer.from(conversation).toString('hex').slice(0, 24)}`, ref };
  }
  const posts = (conversation: string) => connector.received.filter((r) => r.path === `/v3/conversations/${encodeURIComponent(conversation)}/activities`);

  it('retry 429, 412, 502, 503 and 504 with back-off, then post an Adaptive Card once', async () => {
    const teams = teamsDigestSenderFrom({}, store, quietLogger);
    const statuses = [429, 412, 502, 503, 504];
    const sub = teamsSub('19:retry@thread.tacv2');
    await store.putSubscription(sub);
    let i = 0;
    connector.respond = () => (i < statuses.length ? { status: statuses[i++]!, body: { error: { code: 'transient' } } } : undefined);
    const sleeps: number[] = [];
    const report = await deliverDue(deps(testClock('2026-12-01T09:05:00+08:00'), { teams }), { ...runOpts(sleeps), maxAttempts: 6 });
    connector.respond = undefined;
    expect(report).toMatchObject({ due: 1, delivered: 1 });
    expect(sleeps).toHaveLength(5);
    // back-off grows: 1 s, 2 s, 4 s … (±20 %)
    expect(sleeps[4]!).toBeGreaterThan(sleeps[0]!);
    const sent = posts(sub.conversation);
    expect(sent).toHaveLength(6);
    expect(JSON.stringify(sent[5]!.body)).toContain('application/vnd.microsoft.card.adaptive');
    expect(JSON.stringify(sent[5]!.body)).toContain('应急管理');
  });

  it('deactivate the subscription when the bot was removed (403) or the conversation is gone (404)', async () => {
    const teams = teamsDigestSenderFrom({}, store, quietLogger);
    const removed = teamsSub('19:removed@thread.tacv2');
    const gone = teamsSub('19:gone@thread.tacv2');
    await store.putSubscription(removed);
    await store.putSubscription(gone);
    connector.respond = (r) =>
      r.path.includes('removed') ? { status: 403, body: { error: { code: 'BotNotInConversationRoster' } } } : r.path.includes('gone') ? { status: 404, body: { error: { code: 'ConversationNotFound' } } } : undefined;
    const report = await deliverDue(deps(testClock('2026-12-01T09:05:00+08:00'), { teams }), runOpts());
    connector.respond = undefined;
    expect(report).toMatchObject({ due: 2, deactivated: 2 });
    expect(await store.getSubscription(removed.id)).toMatchObject({ active: false, deactivatedReason: 'bot_removed' });
    expect(await store.getSubscription(gone.id)).toMatchObject({ active: false, deactivatedReason: 'conversation_not_found' });
  });
});
