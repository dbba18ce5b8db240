// Token rotation with two real `plan-bot digest run` processes started at the same moment (OAuth mode, a local
// stand-in for Slack's Web API): the workspace's token expires within the refresh window, so each run needs a fresh
// one; oauth.v2.access is asked once (grant_type=refresh_token), and every digest posts with the new token.
import type { Installation } from '@slack/oauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { slackOAuthParts } from '../../adapters/slack/slack-oauth.js';
import { loadConfig } from '../../app/config.js';
import { runPlanBot } from '../support/plan-bot-process.js';
import { newKey, oauthEnv } from '../slack/oauth-harness.js';
import { quietLogger, redisStore, slackSub, uniquePrefix } from './support/digest-fixtures.js';
import { postMessages, startSlackStandIn, type StandIn } from './support/stand-in-server.js';

const NOW = '2026-12-01T09:05:00+08:00';
const prefix = uniquePrefix('oauth-runs');
const store = redisStore(prefix);
const CHANNELS = ['C0RUN1', 'C0RUN2', 'C0RUN3', 'C0RUN4'];
let slack: StandIn;
let env: Record<string, string>;

beforeAll(async () => {
  await store.ready();
  slack = await startSlackStandIn();
  // every answer takes a moment, as over a network: the two runs overlap in their refresh
  slack.latencyMs = 150;
  let refreshed = false;
  slack.respond = (r) => {
    if (r.path === '/api/oauth.v2.access') {
      if (r.body.grant_type !== 'refresh_token' || r.body.refresh_token !== 'xoxe-1-T0RUN-refresh0SECRET' || refreshed) return { status: 200, body: { ok: false, error: 'invalid_refresh_token' } };
      refreshed = true;
      return { status: 200, body: { ok: true, app_id: 'A0PLAN', scope: 'chat:write', token_type: 'bot', access_token: 'xoxe.xoxb-1-T0RUN-newSECRET', refresh_token: 'xoxe-1-T0RUN-refresh1SECRET', expires_in: 43_200, bot_user_id: 'U0RUN', team: { id: 'T0RUN', name: 'Run' }, enterprise: null, is_enterprise_install: false } };
    }
    if (r.path === '/api/chat.postMessage' && r.headers.authorization !== 'Bearer xoxe.xoxb-1-T0RUN-newSECRET') return { status: 200, body: { ok: false, error: 'invalid_auth' } };
    return undefined;
  };
  env = { ...oauthEnv(prefix, newKey('k1')), SLACK_API_URL: `${slack.origin}/api/`, LOG_LEVEL: 'warn', DIGEST_CONCURRENCY: '2' };
  const config = loadConfig(env);
  const parts = slackOAuthParts(config.slack!, config.slack!.oauth!, store, quietLogger);
  const inst = {
    team: { id: 'T0RUN', name: 'Run' },
    enterprise: undefined,
    user: { id: 'U0INSTALLER', token: undefined, scopes: undefined },
    // expires in 10 minutes: inside the default 2-hour refresh window
    bot: { token: 'xoxe.xoxb-1-T0RUN-oldSECRET', refreshToken: 'xoxe-1-T0RUN-refresh0SECRET', expiresAt: Math.floor(Date.now() / 1000) + 600, scopes: ['chat:write'], id: 'B0RUN', userId: 'U0RUN' },
    isEnterpriseInstall: false,
    authVersion: 'v2',
  } as Installation;
  await parts.installations.save(inst);
  for (const c of CHANNELS) await store.putSubscription(slackSub(c, { workspace: 'T0RUN' }));
});

afterAll(async () => {
  await slack?.close();
  await store.close();
});

describe('token rotation with two digest runners', () => {
  it('refreshes the expiring token once and posts every digest with the new one', async () => {
    const runs = await Promise.all([runPlanBot(['digest', 'run', '--now', NOW], '', env, 30_000), runPlanBot(['digest', 'run', '--now', NOW], '', env, 30_000)]);
    for (const r of runs) expect(r.code, r.stderr).toBe(0);
    const delivered = runs.map((r) => JSON.parse(r.lines[r.lines.length - 1]!).delivered as number);
    expect(delivered[0]! + delivered[1]!).toBe(CHANNELS.length);
    const refreshes = slack.received.filter((r) => r.path === '/api/oauth.v2.access');
    expect(refreshes.map((r) => r.body.grant_type)).toEqual(['refresh_token']);
    const posts = postMessages(slack);
    expect(posts.map((p) => p.body.channel).sort()).toEqual(CHANNELS);
    expect(new Set(posts.map((p) => p.headers.authorization))).toEqual(new Set(['Bearer xoxe.xoxb-1-T0RUN-newSECRET']));
    expect((await store.getInstallation('slack:team:T0RUN'))?.tokenExpiresAt).toBeGreaterThan(Date.now() + 11 * 3600_000);
  });
});
