// A running plan-bot serve in Slack OAuth mode, against the test Redis, with nock standing in for Slack's Web API
// (oauth.v2.access, auth.test, chat.postMessage) and for response_urls. Each fake workspace has its own code and
// tokens; every Web API call is recorded with the token it carried (its Authorization header).
import '../support/node20-nock.js';
import { randomBytes } from 'node:crypto';
import nock from 'nock';
import { inject } from 'vitest';
import { loadConfig } from '../../app/config.js';
import type { Serving } from '../../app/serve.js';
import { serveInProcess } from '../support/serve-in-process.js';
import { TEST_SIGNING_SECRET } from '../support/slack-sign.js';

export const API_ORIGIN = 'https://slack.test';
export const CLIENT_ID = '1111.2222';
export const CLIENT_SECRET = 'c0ffee0123456789abcdef0123456789';
export const STATE_SECRET = 'state-secret-for-the-tests-0123456789';

/** A fake workspace: what Slack's oauth.v2.access answers for its code, and its refreshes. */
export interface FakeWorkspace {
  code: string;
  teamId: string;
  teamName: string;
  botUserId: string;
  botId: string;
  /** the token the code exchange gives */
  token: string;
  /** with rotation: the refresh token, and how long the token lives (s) */
  refreshToken?: string;
  expiresIn?: number;
  /** an Enterprise Grid org-wide install */
  enterprise?: { id: string; name: string };
}

/** One Web API call as Slack would have seen it. */
export interface ApiCall {
  method: string;
  token?: string;
  body: Record<string, any>;
}

export interface OAuthHarness {
  base: string;
  serving: Serving;
  calls: ApiCall[];
  logs: string[];
  /** the encryption keys the server was started with (id:base64, first writes) */
  keys: string;
  /** answer chat.postMessage differently while set (429 …): [status, body, headers] */
  override?: (call: ApiCall) => [number, unknown, Record<string, string>?] | undefined;
  /** how many refreshes oauth.v2.access answered */
  refreshes: number;
  close(): Promise<void>;
}

/** A fresh key entry for INSTALLATION_ENCRYPTION_KEYS. */
export function newKey(id: string): string {
  return `${id}:${randomBytes(32).toString('base64')}`;
}

function form(text: string): Record<string, any> {
  if (text.trimStart().startsWith('{')) return JSON.parse(text);
  return Object.fromEntries(new URLSearchParams(text));
}

/** The environment of OAuth mode for a harness (also used to start a bin with the same settings). */
export function oauthEnv(prefix: string, keys: string): Record<string, string> {
  return {
    REDIS_URL: inject('redisUrl'),
    REDIS_PREFIX: prefix,
    SLACK_CLIENT_ID: CLIENT_ID,
    SLACK_CLIENT_SECRET: CLIENT_SECRET,
    SLACK_STATE_SECRET: STATE_SECRET,
    INSTALLATION_ENCRYPTION_KEYS: keys,
    SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
    SLACK_API_URL: `${API_ORIGIN}/api/`,
  };
}

/**
 * Stand in for Slack's Web API for these workspaces: code exchange and refresh (oauth.v2.access), auth.test, and
 * chat.postMessage / conversations.history, each recorded with its token.
 */
export function fakeSlack(workspaces: FakeWorkspace[], h: Pick<OAuthHarness, 'calls' | 'override' | 'refreshes'>): void {
  const byToken = (token?: string) => workspaces.find((w) => w.token === token);
  const record = async (method: string, req: Request): Promise<ApiCall> => {
    const auth = req.headers.get('authorization') ?? undefined;
    const call = { method, ...(auth ? { token: auth.replace(/^Bearer /, '') } : {}), body: form(await req.text()) };
    h.calls.push(call);
    return call;
  };
  nock(API_ORIGIN)
    .persist()
    .post('/api/oauth.v2.access')
    .reply(async (req: Request) => {
      const call = await record('oauth.v2.access', req);
      const b = call.body;
      if (b.client_id !== CLIENT_ID || b.client_secret !== CLIENT_SECRET) return [200, { ok: false, error: 'invalid_client_id' }];
      if (b.grant_type === 'refresh_token') {
        const w = workspaces.find((x) => x.refreshToken === b.refresh_token);
        if (!w) return [200, { ok: false, error: 'invalid_refresh_token' }];
        h.refreshes += 1;
        // a refresh token is good once: the answer is a new pair
        w.token = `xoxe.xoxb-1-${w.teamId}-refreshed-${h.refreshes}-${randomBytes(6).toString('hex')}`;
        w.refreshToken = `xoxe-1-${w.teamId}-r${h.refreshes}-${randomBytes(6).toString('hex')}`;
        return [200, { ok: true, app_id: 'A0PLAN', scope: 'commands,chat:write', token_type: 'bot', access_token: w.token, refresh_token: w.refreshToken, expires_in: 43_200, bot_user_id: w.botUserId, team: { id: w.teamId, name: w.teamName }, enterprise: w.enterprise ?? null, is_enterprise_install: Boolean(w.enterprise) }];
      }
      const w = workspaces.find((x) => x.code === b.code);
      if (!w) return [200, { ok: false, error: 'invalid_code' }];
      return [
        200,
        {
          ok: true,
          app_id: 'A0PLAN',
          authed_user: { id: 'U0INSTALLER' },
          scope: 'commands,chat:write,chat:write.public,app_mentions:read,im:history,channels:history,groups:history,channels:read,groups:read',
          token_type: 'bot',
          access_token: w.token,
          bot_user_id: w.botUserId,
          ...(w.refreshToken ? { refresh_token: w.refreshToken, expires_in: w.expiresIn ?? 43_200 } : {}),
          team: w.enterprise ? null : { id: w.teamId, name: w.teamName },
          enterprise: w.enterprise ?? null,
          is_enterprise_install: Boolean(w.enterprise),
        },
      ];
    })
    .post('/api/auth.test')
    .reply(async (req: Request) => {
      const call = await record('auth.test', req);
      const w = byToken(call.token);
      return [200, w ? { ok: true, url: `https://${w.teamId.toLowerCase()}.slack.test/`, team_id: w.teamId, user_id: w.botUserId, bot_id: w.botId } : { ok: false, error: 'invalid_auth' }];
    })
    .post('/api/chat.postMessage')
    .reply(async (req: Request) => {
      const call = await record('chat.postMessage', req);
      const custom = h.override?.(call);
      if (custom) return custom;
      if (!byToken(call.token)) return [200, { ok: false, error: 'invalid_auth' }];
      return [200, { ok: true, channel: call.body.channel, ts: `${Date.now() / 1000}` }];
    })
    .post('/api/conversations.info')
    .reply(async (req: Request) => {
      const call = await record('conversations.info', req);
      return [200, byToken(call.token) ? { ok: true, channel: { id: call.body.channel, is_private: false, is_archived: false } } : { ok: false, error: 'invalid_auth' }];
    })
    .post('/api/conversations.history')
    .reply(async (req: Request) => {
      await record('conversations.history', req);
      return [200, { ok: true, messages: [], has_more: false }];
    });
  nock('https://hooks.slack.com')
    .persist()
    .post(/.*/)
    .reply(async (req: Request) => {
      h.calls.push({ method: 'response_url', body: form(await req.text()) });
      return [200, { ok: true }];
    });
}

/** Start plan-bot serve in OAuth mode on a free port, with a Redis key prefix of its own. */
export async function startOAuthHarness(name: string, workspaces: FakeWorkspace[], env: Record<string, string> = {}): Promise<OAuthHarness> {
  nock.disableNetConnect();
  nock.enableNetConnect(/^(127\.0\.0\.1|localhost)/);
  const logs: string[] = [];
  const keys = env.INSTALLATION_ENCRYPTION_KEYS ?? newKey('k1');
  const h = { calls: [], logs, keys, refreshes: 0 } as unknown as OAuthHarness;
  fakeSlack(workspaces, h);
  const config = loadConfig({ PORT: '0', LOG_LEVEL: 'debug', ...oauthEnv(`plan-bot-test:${name}:${process.pid}:${Date.now()}:`, keys), ...env });
  const served = await serveInProcess(config, logs);
  h.serving = served.serving;
  h.base = served.base;
  h.close = served.close;
  return h;
}

/**
 * "Add to Slack" as a browser does it: GET /slack/install (302 to Slack's authorize page, with the state in the URL
 * and in a cookie), then GET /slack/oauth_redirect with Slack's code, that state and the cookie.
 */
export async function install(base: string, code: string): Promise<{ start: Response; authorizeUrl: URL; cookie: string; done: Response }> {
  const start = await fetch(`${base}/slack/install`, { redirect: 'manual' });
  const authorizeUrl = new URL(start.headers.get('location') ?? 'about:blank');
  const cookie = (start.headers.get('set-cookie') ?? '').split(';')[0]!;
  const state = authorizeUrl.searchParams.get('state') ?? '';
  const done = await fetch(`${base}/slack/oauth_redirect?code=${encodeURIComponent(code)}&state=${encodeURIComponent(state)}`, { headers: { cookie }, redirect: 'manual' });
  return { start, authorizeUrl, cookie, done };
}

/** A fake workspace with fresh tokens. */
export function workspace(teamId: string, opts: Partial<FakeWorkspace> = {}): FakeWorkspace {
  const tail = randomBytes(8).toString('hex');
  return { code: `code-${teamId}-${tail}`, teamId, teamName: `Team ${teamId}`, botUserId: `U0BOT${teamId}`, botId: `B0BOT${teamId}`, token: `xoxb-1-${teamId}-${tail}SECRET`, ...opts };
}
