// plan-bot serve with the digest scheduler in its provider list: channels subscribe over signed /plan requests,
// and the server's own BullMQ scheduler posts their digests once the (test) clock reaches their time.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { slackDigestSenderFrom } from '../../adapters/slack/slack-digest-sender.js';
import { slackPlatform } from '../../adapters/slack/slack-platform.js';
import { loadConfig, type Config } from '../../app/config.js';
import { digestProvider } from '../../src/digest/digest-platform.js';
import { silentLogger } from '../../src/logger.js';
import { startServe, type Serving } from '../../app/serve.js';
import { knowledge } from '../support/knowledge.js';
import { sendSlashCommand, TEST_SIGNING_SECRET } from '../support/slack-sign.js';
import { testClock, uniquePrefix } from './support/digest-fixtures.js';
import { postsPerChannel, startSlackStandIn, type StandIn } from './support/stand-in-server.js';

const prefix = uniquePrefix('serve');
const clock = testClock('2026-12-01T08:00:00+08:00');
let slack: StandIn;
let serving: Serving;

beforeAll(async () => {
  slack = await startSlackStandIn();
  const config = loadConfig({
    PORT: '0',
    REDIS_URL: inject('redisUrl'),
    REDIS_PREFIX: prefix,
    SLACK_BOT_TOKEN: 'xoxb-test-serve-digest',
    SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
    SLACK_API_URL: `${slack.origin}/api/`,
    SLACK_BOT_USER_ID: 'U0PLANBOT',
    SLACK_BOT_ID: 'B0PLANBOT',
  });
  const digest = digestProvider<Config>({ senders: ({ config: c, logger }) => ({ slack: slackDigestSenderFrom(c, logger)! }), now: clock.now, tickEveryMs: 100, queuePrefix: `${prefix}bull` });
  serving = await startServe({ config, knowledge: knowledge(), logger: silentLogger(), host: '127.0.0.1', providers: [slackPlatform, digest] });
});

afterAll(async () => {
  await serving?.close();
  await slack?.close();
});

describe('plan-bot serve delivers daily digests', () => {
  it('posts each subscribed channel its digest once when its time comes, and stops cleanly', async () => {
    const base = `http://127.0.0.1:${serving.port}`;
    for (const channel of ['C0SERVE1', 'C0SERVE2']) {
      const res = await sendSlashCommand(base, { text: '订阅 养老 每天 09:00', team_id: 'T0SERVE', channel_id: channel });
      expect(await res.text()).toContain('已订阅:养老');
    }
    const list = await sendSlashCommand(base, { text: '订阅列表', team_id: 'T0SERVE', channel_id: 'C0SERVE1' });
    expect(await list.text()).toContain('「养老」 — 每天 09:00(Asia/Shanghai)');
    expect(postsPerChannel(slack).size).toBe(0);

    clock.set('2026-12-01T09:00:30+08:00');
    const deadline = Date.now() + 10_000;
    while (postsPerChannel(slack).size < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    // a few more ticks of the scheduler go by: still one each
    await new Promise((r) => setTimeout(r, 400));
    expect(Object.fromEntries(postsPerChannel(slack))).toEqual({ C0SERVE1: 1, C0SERVE2: 1 });
    await serving.close();
  });
});
