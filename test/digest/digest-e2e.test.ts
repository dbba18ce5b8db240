// Issue 6's "done when", end to end: 50 Slack channels subscribe through signed /plan requests to the running
// server; two `plan-bot digest run` processes then start at the same moment against a local stand-in for
// Slack's Web API; exactly one digest reaches each channel, and a third run the same day posts nothing.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { slackPlatform } from '../../adapters/slack/slack-platform.js';
import { loadConfig } from '../../app/config.js';
import { silentLogger } from '../../src/logger.js';
import { startServe, type Serving } from '../../app/serve.js';
import { knowledge } from '../support/knowledge.js';
import { runPlanBot, type RunResult } from '../support/plan-bot-process.js';
import { sendSlashCommand, TEST_SIGNING_SECRET } from '../support/slack-sign.js';
import { uniquePrefix } from './support/digest-fixtures.js';
import { posted, postMessages, postsPerChannel, startSlackStandIn, type StandIn } from './support/stand-in-server.js';

const CHANNELS = Array.from({ length: 50 }, (_, i) => `C0E2E${String(i).padStart(3, '0')}`);
const NOW = '2026-12-01T09:05:00+08:00';
const prefix = uniquePrefix('e2e');
const BOT_TOKEN = 'xoxb-test-e2e-digest';

let slack: StandIn;
let serving: Serving;
let env: Record<string, string>;

beforeAll(async () => {
  slack = await startSlackStandIn();
  env = {
    REDIS_URL: inject('redisUrl'),
    REDIS_PREFIX: prefix,
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
    SLACK_API_URL: `${slack.origin}/api/`,
    SLACK_BOT_USER_ID: 'U0PLANBOT',
    SLACK_BOT_ID: 'B0PLANBOT',
    LOG_LEVEL: 'warn',
    DIGEST_CONCURRENCY: '5',
  };
  const config = loadConfig({ ...env, PORT: '0' });
  const k = knowledge();
  // the server as deployed, minus its own digest scheduler: here the deliveries are the cron runs' job
  serving = await startServe({ config, knowledge: k, logger: silentLogger(), host: '127.0.0.1', providers: [slackPlatform] });
});

afterAll(async () => {
  await serving?.close();
  await slack?.close();
});

function digestRun(): Promise<RunResult> {
  return runPlanBot(['digest', 'run', '--now', NOW], '', env, 30_000);
}

describe('daily digests, done when', () => {
  it('50 channels subscribe; two digest runs at once post exactly one digest per channel; a third posts nothing', async () => {
    const base = `http://127.0.0.1:${serving.port}`;
    const answers = await Promise.all(
      CHANNELS.map(async (channel) => {
        const res = await sendSlashCommand(base, { text: '订阅 应急管理 每天 09:00', team_id: 'T0E2E', channel_id: channel });
        return { status: res.status, body: await res.text() };
      }),
    );
    expect(answers.map((a) => a.status)).toEqual(CHANNELS.map(() => 200));
    // answered in the ack: what was saved and when the first digest comes
    for (const a of answers) expect(a.body).toContain('已订阅:应急管理');
    expect(answers[0]!.body).toContain('每天 09:00(Asia/Shanghai)');
    expect(postMessages(slack)).toHaveLength(0);

    // Slack answering in 150 ms and 5 posts at a time per run keeps each run delivering for about 1.5 s, so the
    // two runs overlap and really race for the same 50 digests
    slack.latencyMs = 150;
    const [a, b] = await Promise.all([digestRun(), digestRun()]);
    slack.latencyMs = 0;
    for (const r of [a, b]) expect(r.code, r.stderr).toBe(0);
    const reports = [a, b].map((r) => JSON.parse(r.lines[r.lines.length - 1]!) as { due: number; delivered: number; held: number; skipped: number; failed: number });
    expect(reports[0]!.delivered + reports[1]!.delivered).toBe(50);
    // whatever one run found due and did not send, the other was sending (held) or had sent (skipped)
    for (const r of reports) expect(r.delivered + r.held + r.skipped).toBe(r.due);
    expect(reports.map((r) => r.failed)).toEqual([0, 0]);

    const per = postsPerChannel(slack);
    expect(posted(slack)).toHaveLength(50);
    expect(CHANNELS.map((c) => per.get(c))).toEqual(CHANNELS.map(() => 1));
    for (const m of posted(slack)) {
      expect(m.headers.authorization).toBe(`Bearer ${BOT_TOKEN}`);
      expect(`${m.body.text}${JSON.stringify(m.body.blocks)}`).toContain('应急管理');
    }

    const third = await digestRun();
    expect(third.code, third.stderr).toBe(0);
    expect(JSON.parse(third.lines[third.lines.length - 1]!)).toMatchObject({ due: 0, delivered: 0 });
    expect(postMessages(slack)).toHaveLength(50);
  });
});
