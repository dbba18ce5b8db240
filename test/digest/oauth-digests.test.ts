// Digests in Slack OAuth mode, against the real Redis and the real Slack digest sender, with nock standing in for
// Slack's Web API: each workspace's digests post with its own installation's token, a 429 for one workspace holds
// back none of another's (the run's clock and sleep are the test's: nothing is waited for), and a rotating token that
// expires within the refresh window is refreshed once, under a lock, even by two runners at once.
import '../support/node20-nock.js';
import type { Installation } from '@slack/oauth';
import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../app/config.js';
import { oauthDigestSender, slackOAuthParts } from '../../adapters/slack/slack-oauth.js';
import { deliverDue } from '../../src/digest/deliver-due.js';
import type { RedisStore } from '../../src/store/redis-store.js';
import { knowledge } from '../support/knowledge.js';
import { newKey, oauthEnv } from '../slack/oauth-harness.js';
import { quietLogger, redisStore, slackSub, testClock, uniquePrefix } from './support/digest-fixtures.js';

const API = 'https://slack.test';
const k = knowledge();
const prefix = uniquePrefix('oauth-digests');
const config = loadConfig({ ...oauthEnv(prefix, newKey('k1')), SLACK_API_URL: `${API}/api/` });
const slack = config.slack!;
const stores: RedisStore[] = [redisStore(prefix), redisStore(prefix)];
const DATE = '2026-12-01';

interface Post {
  token: string;
  channel: string;
}
let posts: Post[] = [];
let refreshCalls: Record<string, string>[] = [];

function installation(team: string, token: string, rotation?: { refreshToken: string; expiresAt: number }): Installation {
  return {
    team: { id: team, name: `Team ${team}` },
    enterprise: undefined,
    user: { id: 'U0INSTALLER', token: undefined, scopes: undefined },
    bot: { token, scopes: ['chat:write'], id: `B0${team}`, userId: `U0${team}`, ...(rotation ?? {}) },
    isEnterpriseInstall: false,
    authVersion: 'v2',
    appId: 'A0PLAN',
  } as Installation;
}

/** chat.postMessage answered by `answer` (default ok), each call recorded with its token. */
function fakePostMessage(answer: (p: Post) => [number, unknown, Record<string, string>?] | undefined = () => undefined): void {
  nock(API)
    .persist()
    .post('/api/chat.postMessage')
    .reply(async (req: Request) => {
      const body = Object.fromEntries(new URLSearchParams(await req.text()));
      const p = { token: (req.headers.get('authorization') ?? '').replace(/^Bearer /, ''), channel: body.channel ?? '' };
      posts.push(p);
      return answer(p) ?? [200, { ok: true, channel: p.channel, ts: '1.1' }];
    });
}

beforeAll(async () => {
  await Promise.all(stores.map((s) => s.ready()));
  nock.disableNetConnect();
});
afterEach(() => {
  nock.cleanAll();
  posts = [];
  refreshCalls = [];
});
afterAll(async () => {
  nock.enableNetConnect();
  await Promise.all(stores.map((s) => s.close()));
});

const waitUntil = async (cond: () => boolean, what: string) => {
  const deadline = Date.now() + 5000;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
};

describe('Slack digests in OAuth mode', () => {
  it("post each workspace's digests with its own token, and a 429 for one workspace does not delay another's", async () => {
    const clock = testClock('2026-12-01T09:05:00+08:00');
    const parts = slackOAuthParts(slack, slack.oauth!, stores[0]!, quietLogger, clock.now);
    await parts.installations.save(installation('T0DA', 'xoxb-1-T0DA-tokenSECRET'));
    await parts.installations.save(installation('T0DB', 'xoxb-1-T0DB-tokenSECRET'));
    let limited = 0;
    fakePostMessage((p) => (p.token === 'xoxb-1-T0DA-tokenSECRET' && limited++ === 0 ? [429, { ok: false, error: 'ratelimited' }, { 'retry-after': '30' }] : undefined));
    const subs = [slackSub('C0DA1', { workspace: 'T0DA' }), slackSub('C0DA2', { workspace: 'T0DA' }), slackSub('C0DB1', { workspace: 'T0DB' })];
    for (const s of subs) await stores[0]!.putSubscription(s);
    // the run's sleep: each wait is held until the test lets it go (and moves the clock by it)
    const waits: { ms: number; go: () => void }[] = [];
    const sleep = (ms: number) => new Promise<void>((go) => waits.push({ ms, go }));
    const sender = oauthDigestSender(slack, parts, quietLogger, clock.now);
    const run = deliverDue(
      { knowledge: k, store: stores[0]!, senders: { slack: sender }, leaseMs: 600_000, now: clock.now, logger: quietLogger },
      { concurrency: 1, maxAttempts: 5, maxWaitMs: 60_000, sleep },
      subs.map((sub) => ({ sub, date: DATE })),
    );
    // with one delivery slot, A's first digest is refused (429, Retry-After 30 s) and A's second waits with it,
    // without a call; B's goes out meanwhile, with B's token, and no waiting has been let go nor the clock moved
    await waitUntil(() => posts.some((p) => p.channel === 'C0DB1') && waits.length === 2, "B's digest and A's two waits");
    expect(posts).toEqual([
      { token: 'xoxb-1-T0DA-tokenSECRET', channel: 'C0DA1' },
      { token: 'xoxb-1-T0DB-tokenSECRET', channel: 'C0DB1' },
    ]);
    expect(waits.map((w) => w.ms)).toEqual([30_000, 30_000]);
    // Retry-After is over: A's digests go out, with A's token
    clock.advance(30_000);
    for (const w of waits.splice(0)) w.go();
    expect(await run).toMatchObject({ due: 3, delivered: 3, failed: 0 });
    expect(posts.slice(2).map((p) => p.token)).toEqual(['xoxb-1-T0DA-tokenSECRET', 'xoxb-1-T0DA-tokenSECRET']);
    expect(posts.slice(2).map((p) => p.channel).sort()).toEqual(['C0DA1', 'C0DA2']);
  });

  it('refreshes a token expiring within the window once, even with two runners at once, and posts with the new token', async () => {
    const clock = testClock('2026-12-01T09:05:00+08:00');
    const runners = stores.map((s) => slackOAuthParts(slack, slack.oauth!, s, quietLogger, clock.now));
    const oldToken = 'xoxe.xoxb-1-T0DR-oldSECRET';
    // expires in 10 minutes: inside the default 2-hour refresh window
    await runners[0]!.installations.save(installation('T0DR', oldToken, { refreshToken: 'xoxe-1-T0DR-refresh0SECRET', expiresAt: Math.floor(clock.now() / 1000) + 600 }));
    fakePostMessage((p) => (p.token === oldToken ? [200, { ok: false, error: 'invalid_auth' }] : undefined));
    nock(API)
      .persist()
      .post('/api/oauth.v2.access')
      .delay(300)
      .reply(async (req: Request) => {
        const body = Object.fromEntries(new URLSearchParams(await req.text()));
        refreshCalls.push(body);
        if (body.refresh_token !== 'xoxe-1-T0DR-refresh0SECRET') return [200, { ok: false, error: 'invalid_refresh_token' }];
        return [200, { ok: true, app_id: 'A0PLAN', scope: 'chat:write', token_type: 'bot', access_token: 'xoxe.xoxb-1-T0DR-newSECRET', refresh_token: 'xoxe-1-T0DR-refresh1SECRET', expires_in: 43_200, bot_user_id: 'U0T0DR', team: { id: 'T0DR', name: 'Team T0DR' }, enterprise: null, is_enterprise_install: false }];
      });
    const subs = [slackSub('C0DR1', { workspace: 'T0DR' }), slackSub('C0DR2', { workspace: 'T0DR' })];
    for (const s of subs) await stores[0]!.putSubscription(s);
    const reports = await Promise.all(
      runners.map((parts, i) =>
        deliverDue(
          { knowledge: k, store: stores[i]!, senders: { slack: oauthDigestSender(slack, parts, quietLogger, clock.now) }, leaseMs: 600_000, now: clock.now, logger: quietLogger },
          { concurrency: 2, maxAttempts: 1, maxWaitMs: 60_000 },
          [{ sub: subs[i]!, date: DATE }],
        ),
      ),
    );
    expect(reports.map((r) => r.delivered)).toEqual([1, 1]);
    expect(refreshCalls).toHaveLength(1);
    expect(refreshCalls[0]).toMatchObject({ grant_type: 'refresh_token', refresh_token: 'xoxe-1-T0DR-refresh0SECRET', client_id: slack.oauth!.clientId });
    expect(posts.map((p) => p.token)).toEqual(['xoxe.xoxb-1-T0DR-newSECRET', 'xoxe.xoxb-1-T0DR-newSECRET']);
    const stored = await stores[1]!.getInstallation('slack:team:T0DR');
    expect(stored?.tokenExpiresAt).toBe((Math.floor(clock.now() / 1000) + 43_200) * 1000);
    expect(stored?.sealed).not.toContain('newSECRET');
    // the new token is good for 12 hours: the next use does not refresh
    expect((await runners[1]!.tokens.botAuthForTeam('T0DR')).botToken).toBe('xoxe.xoxb-1-T0DR-newSECRET');
    expect(refreshCalls).toHaveLength(1);
  });
});
