// /plan status over signed HTTP to a running serve: a channel whose digest Slack refused for good
// (channel_not_found, from nock's chat.postMessage) is told why, when, and that the bot cannot post there.
import nock from 'nock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { slackDigestSenderFrom } from '../../adapters/slack/slack-digest-sender.js';
import { deliverDue } from '../../src/digest/deliver-due.js';
import { nextDelivery } from '../../src/digest/digest-schedule.js';
import { subscriptionId } from '../../src/digest/subscription-id.js';
import { silentLogger } from '../../src/logger.js';
import { knowledge } from '../support/knowledge.js';
import { sendSlashCommand } from '../support/slack-sign.js';
import { API_ORIGIN, startSlackHarness, type Harness } from './slack-harness.js';

/** What Slack's conversations.info answers for each test channel (a channel not listed: no answer, a network error). */
const CHANNELS: Record<string, unknown> = {
  C0GONE: { ok: false, error: 'channel_not_found' },
  C0FINE: { ok: true, channel: { id: 'C0FINE', is_channel: true, is_private: false, is_member: false, is_archived: false } },
  C0PRIV: { ok: true, channel: { id: 'C0PRIV', is_channel: true, is_private: true, is_member: false, is_archived: false } },
};
const asked: string[] = [];

let h: Harness;
beforeAll(async () => {
  // the test runs the delivery pass itself, at a clock of its choosing
  h = await startSlackHarness('status', { DIGEST_ENABLED: 'false' });
  nock(API_ORIGIN)
    .persist()
    .post('/api/conversations.info')
    .reply(async (req: Request) => {
      const channel = new URLSearchParams(await req.text()).get('channel') ?? '';
      asked.push(channel);
      return CHANNELS[channel] ? [200, CHANNELS[channel]] : [500, 'down'];
    });
});
afterAll(async () => h?.close());

async function slash(text: string, channel: string): Promise<string> {
  const res = await sendSlashCommand(h.base, { text, team_id: 'T0TEST', channel_id: channel });
  expect(res.status).toBe(200);
  return res.text();
}

describe('/plan status', () => {
  it('shows a channel\'s subscription, its last failure and why (channel_not_found), and that the bot cannot post there', async () => {
    expect(await slash('订阅 养老 每天 09:00', 'C0GONE')).toContain('已订阅:养老');
    expect(await slash('订阅 数字乡村 每天 09:00', 'C0FINE')).toContain('已订阅:数字乡村');
    const before = await slash('status', 'C0GONE');
    expect(before).toContain('「养老」');
    expect(before).toContain('上次发送:还没有');

    h.override = (sent) => (sent.via === 'chat.postMessage' && sent.channel === 'C0GONE' ? [200, { ok: false, error: 'channel_not_found' }] : undefined);
    const store = h.serving.store;
    const sub = (await store.getSubscription(subscriptionId({ platform: 'slack', workspace: 'T0TEST', conversation: 'C0GONE' }, '养老')))!;
    const at = nextDelivery(sub, Date.now()).instant + 5 * 60_000;
    const sender = slackDigestSenderFrom(h.serving.config, silentLogger())!;
    const report = await deliverDue({ knowledge: knowledge(), store, senders: { slack: sender }, leaseMs: 60_000, now: () => at, logger: silentLogger() }, { concurrency: 2, maxAttempts: 1, maxWaitMs: 0 });
    h.override = undefined;
    expect(report).toMatchObject({ deactivated: 1, delivered: 1 });

    for (const word of ['status', '状态']) {
      const gone = await slash(word, 'C0GONE');
      expect(gone).toContain('本频道的摘要状态');
      expect(gone).toContain('已停用');
      expect(gone).toMatch(/上次失败:\d{4}-\d\d-\d\d \d\d:\d\d \S+ — channel_not_found/);
      expect(gone).toContain('channel_not_found(频道不存在,或机器人看不到它)');
      expect(gone).toContain('机器人能否在本频道发送:不能:channel_not_found');
      // the other channel's subscription is not shown here
      expect(gone).not.toContain('数字乡村');
    }
    const fine = await slash('/plan status', 'C0FINE');
    expect(fine).toContain('「数字乡村」');
    expect(fine).toMatch(/上次发送:\d{4}-\d\d-\d\d 09:0\d .*的摘要/);
    expect(fine).not.toContain('上次失败');
    expect(fine).toContain('机器人能否在本频道发送:能');
    expect(asked).toContain('C0FINE');
    // the platform's own answer: a private channel the bot is not in
    expect(await slash('订阅 养老', 'C0PRIV')).toContain('已订阅:养老');
    const priv = await slash('状态', 'C0PRIV');
    expect(priv).toContain('上次发送:还没有');
    expect(priv).toContain('机器人能否在本频道发送:不能:not_in_channel(机器人不在这个频道中,请先邀请它)');
    // Slack not answering: judged by the (empty) log, still an answer
    expect(await slash('订阅 养老', 'C0DOWN')).toContain('已订阅:养老');
    expect(await slash('状态', 'C0DOWN')).toContain('机器人能否在本频道发送:未知(还没有发送过)');
    expect(await slash('状态', 'C0NONE')).toContain('没有订阅');
  });
});
