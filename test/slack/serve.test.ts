import { spawn } from 'node:child_process';
import '../support/node20-nock.js';
import nock from 'nock';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { loadConfig } from '../../app/config.js';
import { isCodedError } from '../../src/errors.js';
import { silentLogger } from '../../src/logger.js';
import { startServe } from '../../app/serve.js';
import { knowledge } from '../support/knowledge.js';
import { REPO_DIR } from '../support/plan-bot-process.js';
import { eventEnvelope, nowSeconds, sendEvent, sendSlashCommand, TEST_SIGNING_SECRET } from '../support/slack-sign.js';
import { API_ORIGIN, BOT_USER_ID, startSlackHarness, waitFor } from './slack-harness.js';

afterEach(() => {
  nock.cleanAll();
});

const slackEnv = { SLACK_BOT_TOKEN: 'xoxb-serve-test', SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET, SLACK_API_URL: `${API_ORIGIN}/api/` };

describe('plan-bot serve', () => {
  it('starts with Slack off when its credentials are absent, and says so', async () => {
    const lines: string[] = [];
    const logger = silentLogger();
    logger.info = ((obj: unknown, msg?: string) => void lines.push(typeof obj === 'string' ? obj : String(msg))) as typeof logger.info;
    const serving = await startServe({ config: loadConfig({ PORT: '0' }), knowledge: knowledge(), logger, host: '127.0.0.1' });
    try {
      expect(lines.some((l) => l.startsWith('slack: off'))).toBe(true);
      expect((await fetch(`http://127.0.0.1:${serving.port}/slack/events`, { method: 'POST' })).status).toBe(404);
      expect((await fetch(`http://127.0.0.1:${serving.port}/healthz`)).status).toBe(200);
    } finally {
      await serving.close();
    }
  });

  it('asks auth.test who the bot is when SLACK_BOT_USER_ID/SLACK_BOT_ID are not set', async () => {
    nock.disableNetConnect();
    nock.enableNetConnect(/^(127\.0\.0\.1|localhost)/);
    const auth = nock(API_ORIGIN).post('/api/auth.test').reply(200, { ok: true, user_id: 'U0FROMAUTH', bot_id: 'B0FROMAUTH', team_id: 'T0TEST' });
    const serving = await startServe({ config: loadConfig({ PORT: '0', ...slackEnv }), knowledge: knowledge(), logger: silentLogger(), host: '127.0.0.1' });
    await serving.close();
    expect(auth.isDone()).toBe(true);
  });

  it('stops start-up naming SLACK_BOT_TOKEN when auth.test rejects it', async () => {
    nock.disableNetConnect();
    nock.enableNetConnect(/^(127\.0\.0\.1|localhost)/);
    nock(API_ORIGIN).post('/api/auth.test').reply(200, { ok: false, error: 'invalid_auth' });
    const started = startServe({ config: loadConfig({ PORT: '0', ...slackEnv }), knowledge: knowledge(), logger: silentLogger(), host: '127.0.0.1' });
    const err = await started.then(
      () => null,
      (e: unknown) => e,
    );
    expect(isCodedError(err, 'SLACK_AUTH_FAILED')).toBe(true);
    expect((err as Error).message).toContain('SLACK_BOT_TOKEN');
    expect((err as Error).message).toContain('invalid_auth');
  });

  it('close() drains: an answer being posted is finished before Redis is closed', async () => {
    const h = await startSlackHarness('drain');
    let reached = false;
    h.override = async () => {
      reached = true;
      await new Promise((r) => setTimeout(r, 700));
      return undefined;
    };
    const ts = `${nowSeconds()}.000100`;
    expect((await sendEvent(h.base, eventEnvelope({ type: 'app_mention', user: 'U0ASKER', text: `<@${BOT_USER_ID}> 应急管理`, ts, channel: 'C0DRAIN', event_ts: ts }))).status).toBe(200);
    await waitFor(() => reached, 5000, 'the post to start');
    await h.close();
    expect(h.sent).toHaveLength(1);
    await expect(h.serving.store.ping()).resolves.toBe(false);
    await expect(fetch(`${h.base}/healthz`)).rejects.toThrow();
  });

  it('runs as `plan-bot serve`, answers /plan, and exits 0 on SIGTERM with Redis closed', async () => {
    const child = spawn(process.execPath, ['bin/plan-bot.js', 'serve'], {
      cwd: REPO_DIR,
      env: { PATH: process.env.PATH, PORT: '0', LOG_LEVEL: 'info', REDIS_URL: inject('redisUrl'), REDIS_PREFIX: `plan-bot-test:serve-child:${process.pid}:`, ...slackEnv, SLACK_BOT_USER_ID: BOT_USER_ID, SLACK_BOT_ID: 'B0PLANBOT' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString('utf8')));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      await waitFor(() => /"msg":"plan-bot serving"/.test(stderr), 15_000, 'plan-bot serve to start');
      const port = Number(/"port":(\d+)/.exec(stderr)![1]);
      const res = await sendSlashCommand(`http://127.0.0.1:${port}`, { text: '应急管理' });
      expect(res.status).toBe(200);
      expect(JSON.stringify(await res.json())).toContain('专栏14');
      expect(stderr).toContain('slack: on');
      // the process that serves sets its heap policy (HEAP_GROWTH_PERCENT, default 30)
      expect(stderr).toContain('"heapGrowthPercent":30');
      child.kill('SIGTERM');
      const code = await Promise.race([exited, new Promise<string>((r) => setTimeout(() => r('still running'), 8000))]);
      // a clean exit 0 means nothing was left open: not the server, not the Redis connection
      expect(code).toBe(0);
      expect(stderr).toContain('plan-bot stopped');
      expect(stderr).not.toContain(TEST_SIGNING_SECRET);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  }, 30_000);
});
