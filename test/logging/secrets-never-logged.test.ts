// Issue 11, item 7: secrets never in logs, tested. Real `plan-bot serve` and `plan-bot digest run` children get
// known, distinctive secrets (Slack bot token, signing secret, app token, the Microsoft app password, a Redis
// password) and are driven through every error path: bad configuration next to the secrets, a Redis that is not
// there or refuses the password, a Slack Web API answering 500, 429 and invalid_auth, a response_url that refuses
// the connection, Socket Mode refused, a Teams token endpoint that fails, a Bot Connector answering 500, forged Teams
// tokens, digests that cannot be delivered, and Redis dying under a running serve. Every stdout and stderr line of
// every run is kept, and none may hold a secret, as written or URL-encoded, base64, base64url or hex, nor (for the
// configured secrets) any 12 characters of one. Inbound credentials (Teams bearer tokens, Slack signatures) and the
// outbound Teams access token count as secrets too.
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../app/config.js';
import { createLogger } from '../../src/logger.js';
import { startStandIn, type StandIn } from '../digest/support/stand-in-server.js';
import { freePort, startRedisServer } from '../support/local-redis.js';
import { findLeaks } from '../support/secret-scan.js';
import { startPlanBotChild, startServeChild, type PlanBotChild } from '../support/serve-process.js';
import { eventEnvelope, nowSeconds, signSlack, slashCommandBody } from '../support/slack-sign.js';

const S = {
  botToken: 'xoxb-7301-4211-K9zSecretBotTokenQv8',
  signingSecret: 'Zq8SigningSecretW4x7Ty2Pn6Rb3Lm1',
  appToken: 'xapp-1-A0PLAN-9-Hd5SecretAppTokenXr2',
  appPassword: 'Ms+AppPassw0rd/Secret=Jk3~Vb9',
  redisPassword: 's3cretpw-Redis-Yt6',
  wrongRedisPassword: 'wr0ngpw-Redis-Hq3',
  responseUrlToken: 'RespUrlSecretTok8Wq2Zx5',
  outboundToken: 'eyOutboundAccessTokenSecret-Lk4Np7',
  // values that are themselves malformed, for the bad-configuration run
  badSigningSecret: 'Zq8-Signing-Secret-Malformed-Rt5!',
  badBotToken: 'xoxq-9911-Malformed-BotToken-Wn2',
  badRedisUrl: 'redis//:m4lformedRedisPw-Uv8@127.0.0.1:1',
};
const APP_ID = '6a1b7c2d-0000-4000-8000-00000000c0de';
const PRELOAD = ['--import', 'tsx', '--import', './test/support/microsoft-redirect.ts'];

/** Secrets only known once made: inbound Teams tokens, the Slack signatures of the requests sent. */
const madeSecrets: string[] = [];
/** Every run's lines, by run name. */
const runs: Record<string, string[]> = {};
const children: PlanBotChild[] = [];
let slack: StandIn, connector: StandIn, microsoft: StandIn;
let redis: Awaited<ReturnType<typeof startRedisServer>>;
let tokenAnswer: 'fail' | 'invalid' | 'ok' = 'fail';
let signToken: (claims?: Record<string, unknown>) => Promise<string>;
let forgeToken: () => Promise<string>;

beforeAll(async () => {
  redis = await startRedisServer(undefined, 5000, { requirepass: S.redisPassword });
  slack = await startStandIn(() => ({ ok: true }));
  slack.respond = (r) => {
    if (r.path === '/api/auth.test') return { status: 200, body: { ok: true, user_id: 'U0PLANBOT', bot_id: 'B0PLANBOT', team_id: 'T0TEST' } };
    if (r.path === '/api/apps.connections.open') return { status: 200, body: { ok: false, error: 'invalid_auth' } };
    if (r.path !== '/api/chat.postMessage') return undefined;
    if (r.body.channel === 'C0FIVE') return { status: 500, body: { ok: false } };
    if (r.body.channel === 'C0RATE') return { status: 429, body: { ok: false, error: 'ratelimited' }, headers: { 'retry-after': '1' } };
    if (r.body.channel === 'C0AUTH') return { status: 200, body: { ok: false, error: 'invalid_auth' } };
    return undefined;
  };
  connector = await startStandIn(() => ({}));
  connector.respond = () => ({ status: 500, body: { error: { code: 'ServiceError', message: 'the Connector stand-in always fails' } } });
  const { publicKey, privateKey } = await generateKeyPair('RS256', { extractable: true });
  const stranger = await generateKeyPair('RS256');
  const jwk = { ...(await exportJWK(publicKey)), kid: 'secret-test-key', use: 'sig', endorsements: ['msteams'] };
  microsoft = await startStandIn(() => ({}));
  microsoft.respond = (r) => {
    if (r.path === '/login.botframework.com/v1/.well-known/openidconfiguration') {
      return { status: 200, body: { issuer: 'https://api.botframework.com', jwks_uri: 'https://login.botframework.com/v1/.well-known/keys', id_token_signing_alg_values_supported: ['RS256'] } };
    }
    if (r.path === '/login.botframework.com/v1/.well-known/keys') return { status: 200, body: { keys: [jwk] } };
    if (r.path.endsWith('/oauth2/v2.0/token')) {
      if (tokenAnswer === 'fail') return { status: 500, body: { error: 'temporarily_unavailable', error_description: 'the token stand-in fails' } };
      if (tokenAnswer === 'invalid') return { status: 401, body: { error: 'invalid_client', error_description: 'AADSTS7000215: Invalid client secret provided.' } };
      return { status: 200, body: { token_type: 'Bearer', expires_in: 3599, ext_expires_in: 3599, access_token: S.outboundToken } };
    }
    return { status: 404, body: { error: 'not_found' } };
  };
  const claims = (c: Record<string, unknown>) => {
    const now = Math.floor(Date.now() / 1000);
    return { iss: 'https://api.botframework.com', aud: APP_ID, serviceurl: `${connector.origin}/`, nbf: now - 60, iat: now - 60, exp: now + 3600, ...c };
  };
  const remember = (t: string) => (madeSecrets.push(t, t.split('.')[2]!), t);
  signToken = async (c = {}) => remember(await new SignJWT(claims(c)).setProtectedHeader({ alg: 'RS256', kid: 'secret-test-key', typ: 'JWT' }).sign(privateKey));
  forgeToken = async () => remember(await new SignJWT(claims({})).setProtectedHeader({ alg: 'RS256', kid: 'secret-test-key', typ: 'JWT' }).sign(stranger.privateKey));
});

afterAll(async () => {
  for (const c of children) c.kill();
  redis?.child.kill('SIGKILL');
  await Promise.all([slack?.close(), connector?.close(), microsoft?.close()]);
});

/** Everything a run with all the secrets configured gets (Slack over HTTP, Teams with an app id, Redis with a password). */
function secretEnv(extra: Record<string, string> = {}): Record<string, string> {
  return {
    LOG_LEVEL: 'debug',
    REDIS_URL: redis.url,
    REDIS_PREFIX: `plan-bot-test:secrets:${randomUUID()}:`,
    SLACK_BOT_TOKEN: S.botToken,
    SLACK_SIGNING_SECRET: S.signingSecret,
    SLACK_API_URL: `${slack.origin}/api/`,
    MICROSOFT_APP_ID: APP_ID,
    MICROSOFT_APP_PASSWORD: S.appPassword,
    TEAMS_SEND_TIMEOUT_MS: '1500',
    SHUTDOWN_GRACE_MS: '2000',
    PLAN_BOT_TEST_MICROSOFT: microsoft.origin,
    ...extra,
  };
}

/** POST a body to /slack/events signed with the configured secret, remembering the signature as a secret. */
function postSlack(base: string, body: string, type: string): Promise<Response> {
  const headers = signSlack(body, S.signingSecret);
  madeSecrets.push(headers['x-slack-signature']!, headers['x-slack-signature']!.slice(3));
  return fetch(`${base}/slack/events`, { method: 'POST', headers: { 'content-type': type, ...headers }, body });
}

const slash = (base: string, text: string, channel: string) => postSlack(base, slashCommandBody({ text, channel_id: channel }), 'application/x-www-form-urlencoded');
const mention = (base: string, channel: string) => {
  const ts = `${nowSeconds()}.${String(Math.floor(Math.random() * 1e6)).padStart(6, '0')}`;
  return postSlack(base, JSON.stringify(eventEnvelope({ type: 'app_mention', user: 'U0ASKER', text: '<@U0PLANBOT> 应急管理', ts, channel, event_ts: ts })), 'application/json');
};

let activityN = 0;
function activity(text: string, conversation: string): Record<string, unknown> {
  activityN += 1;
  return {
    type: 'message', id: `17000000${String(activityN).padStart(5, '0')}`, timestamp: new Date().toISOString(), channelId: 'msteams', serviceUrl: `${connector.origin}/`,
    from: { id: '29:user-1', name: 'Li Lei' }, conversation: { id: conversation, conversationType: 'personal', tenantId: 'tenant-1' },
    recipient: { id: `28:${APP_ID}`, name: 'plan-bot' }, text, textFormat: 'plain', channelData: { tenant: { id: 'tenant-1' } },
  };
}
const postTeams = (base: string, body: object, token: string) => fetch(`${base}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(body) });

/** The local time (Asia/Shanghai) three hours from now, HH:MM: a daily digest that is not due for the serve's own clock. */
function laterToday(): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(Date.now() + 3 * 3600_000);
}

function track<T extends PlanBotChild>(name: string, c: T): T {
  children.push(c);
  runs[name] = c.lines;
  return c;
}

async function badConfig(name: string, env: Record<string, string>, variables: string[]): Promise<void> {
  const c = track(name, startPlanBotChild(['serve'], { PORT: '0', ...env }));
  const exit = await c.exited;
  expect(exit.code).toBe(2);
  const text = c.lines.join('\n');
  expect(text).toContain('CONFIG_INVALID');
  for (const v of variables) expect(text).toContain(v);
}

async function serveAndStop(name: string, env: Record<string, string>, poke: (base: string) => Promise<void>, nodeArgs: string[] = []): Promise<void> {
  const c = track(name, await startServeChild(env, 30_000, nodeArgs));
  await poke(c.base);
  c.signal('SIGTERM');
  await c.exited;
}

async function socketMode(): Promise<void> {
  // Socket Mode refused: apps.connections.open says invalid_auth; whatever serve does then, it must not print the app token
  const c = track('socket mode refused', startPlanBotChild(['serve'], { ...secretEnv({ SLACK_APP_TOKEN: S.appToken, SLACK_SIGNING_SECRET: '' }), PORT: '0', HOST: '127.0.0.1' }, PRELOAD));
  // start-up fails, and the process ends by itself: nothing (not the listening server) is left holding it
  const exit = await Promise.race([c.exited, new Promise<'running'>((r) => setTimeout(() => r('running'), 20_000))]);
  expect(exit).toMatchObject({ code: 1 });
}

async function mainServe(started: () => void): Promise<void> {
  const env = secretEnv();
  const c = track('serve through every error path', await startServeChild(env, 30_000, PRELOAD));
  started();
  expect(c.records().some((r) => r.code === 'STORE_NOT_DURABLE')).toBe(true);
  const at = laterToday();
  // Slack: subscribe (for the digest run), answer with buttons, a response_url that refuses, chat.postMessage failing three ways
  expect(await (await slash(c.base, `订阅 应急管理 每天 ${at}`, 'C0FIVE')).text()).toContain('已订阅');
  const ack = (await (await slash(c.base, '应急管理', 'C0FIVE')).json()) as { blocks: { type: string; elements?: { action_id: string; value: string }[] }[] };
  const more = ack.blocks.flatMap((b) => b.elements ?? []).find((e) => e.value === '更多')!;
  const press = {
    type: 'block_actions', team: { id: 'T0TEST' }, user: { id: 'U0ASKER' }, api_app_id: 'A0PLAN', trigger_id: '1.2',
    container: { type: 'message', message_ts: `${nowSeconds()}.000100`, channel_id: 'C0FIVE', is_ephemeral: true }, channel: { id: 'C0FIVE' },
    response_url: `https://127.0.0.1:9/commands/T0TEST/1/${S.responseUrlToken}`,
    actions: [{ type: 'button', block_id: 'b1', action_id: more.action_id, value: more.value, action_ts: `${nowSeconds()}.000300` }],
  };
  expect((await postSlack(c.base, new URLSearchParams({ payload: JSON.stringify(press) }).toString(), 'application/x-www-form-urlencoded')).status).toBe(200);
  for (const channel of ['C0FIVE', 'C0RATE', 'C0AUTH']) expect((await mention(c.base, channel)).status).toBe(200);
  // Teams: a subscription whose reply cannot get a token, a forged token, a reply the Connector refuses
  expect((await postTeams(c.base, activity(`订阅 应急管理 每天 ${at}`, 'a:secrets'), await signToken())).status).toBe(500);
  expect((await postTeams(c.base, activity('应急管理', 'a:secrets'), await forgeToken())).status).toBe(401);
  expect((await postTeams(c.base, activity('应急管理', 'a:secrets'), await signToken({ aud: 'f00dbabe-0000-4000-8000-000000000000' }))).status).toBe(401);
  tokenAnswer = 'ok';
  expect((await postTeams(c.base, activity('数据治理', 'a:secrets'), await signToken())).status).toBe(500);
  await c.waitForLine(/slack response_url request failed/, 15_000);
  await c.waitForLine(/"code":"ratelimited"/, 15_000);
  await c.waitForLine(/"code":"http_500".*chat\.postMessage failed/, 15_000);
  await c.waitForLine(/"code":"invalid_auth".*chat\.postMessage failed/, 15_000);
  // the reply that had a token went to the Connector with it
  expect(connector.received.some((r) => r.headers.authorization === `Bearer ${S.outboundToken}`)).toBe(true);

  // digests that cannot be delivered: Slack answers 500, the Teams token endpoint refuses the app
  tokenAnswer = 'invalid';
  const now = new Date(Date.now() + 27 * 3600_000).toISOString();
  const run = track('digest run, every delivery failing', startPlanBotChild(['digest', 'run', '--now', now], env, PRELOAD));
  const ran = await run.exited;
  expect(ran.code).toBe(1);
  expect(JSON.parse(run.lines.find((l) => l.startsWith('{"due"'))!)).toMatchObject({ due: 2, failed: 2 });

  // Redis dies under the running serve
  redis.child.kill('SIGKILL');
  await c.waitForLine(/redis connection error/, 10_000);
  expect((await fetch(`${c.base}/readyz`)).status).toBe(503);
  c.signal('SIGTERM');
  await c.exited;
}

describe('secrets never in logs', () => {
  it('the logger redacts the configuration in its real shapes, and request credentials', () => {
    const config = loadConfig({ ...secretEnv(), SLACK_APP_TOKEN: S.appToken });
    const out: string[] = [];
    const log = createLogger('trace', new Writable({ write: (chunk: Buffer, _e, done) => void (out.push(chunk.toString('utf8')), done()) }));
    const headers = { authorization: `Bearer ${S.outboundToken}`, 'x-slack-signature': `v0=${S.responseUrlToken}` };
    log.info(config, 'the configuration itself');
    log.info({ config }, 'the configuration as a field');
    log.child({ platform: 'slack' }).warn({ headers, req: { headers }, err: { config: { headers: { Authorization: headers.authorization } } } }, 'request credentials');
    log.info({ appPassword: S.appPassword }, 'teams credentials');
    const secrets = Object.fromEntries(['botToken', 'signingSecret', 'appToken', 'appPassword', 'redisPassword', 'outboundToken', 'responseUrlToken'].map((k) => [k, { value: S[k as keyof typeof S] }]));
    expect(findLeaks(out, secrets)).toEqual([]);
    // what is not secret is still there
    expect(out[0]).toContain(config.slack!.apiUrl);
    expect(out.join('')).toContain('[redacted]');
  });

  it('the logger redacts the OAuth configuration: client secret, state secret and encryption keys', () => {
    const key = Buffer.alloc(32, 9).toString('base64');
    const config = loadConfig({ SLACK_CLIENT_ID: '1111.2222', SLACK_CLIENT_SECRET: 'c0ffee0123456789abcdef0123456789', SLACK_STATE_SECRET: 'state-secret-never-logged-123', INSTALLATION_ENCRYPTION_KEYS: `k1:${key}`, SLACK_SIGNING_SECRET: S.signingSecret });
    const out: string[] = [];
    const log = createLogger('trace', new Writable({ write: (chunk: Buffer, _e, done) => void (out.push(chunk.toString('utf8')), done()) }));
    log.info(config, 'the configuration itself');
    log.info({ config }, 'the configuration as a field');
    const keyBytes = Buffer.from(key, 'base64');
    expect(findLeaks(out, { clientSecret: { value: 'c0ffee0123456789abcdef0123456789' }, stateSecret: { value: 'state-secret-never-logged-123' }, key: { value: key }, signingSecret: { value: S.signingSecret } })).toEqual([]);
    // a Buffer logged as JSON shows its bytes as numbers: none of the key's 32 bytes in a row either
    expect(out.join('')).not.toContain(JSON.stringify([...keyBytes]).slice(1, -1));
    expect(out.join('')).toContain('1111.2222');
  });


  it('no line of any run holds a secret, through every error path', async () => {
    const deadPort = await freePort();
    // the main run first, so that its Redis answers at start on this 2-core machine; the others while it works
    let mainStarted!: () => void;
    const started = new Promise<void>((resolve) => (mainStarted = resolve));
    const main = mainServe(mainStarted);
    await Promise.race([started, main]);
    await Promise.all([
      main,
      badConfig('bad PORT next to the secrets', secretEnv({ PORT: 'eighty' }), ['PORT']),
      badConfig('malformed secrets', { SLACK_BOT_TOKEN: S.badBotToken, SLACK_SIGNING_SECRET: S.badSigningSecret, MICROSOFT_APP_ID: 'not-a-guid', MICROSOFT_APP_PASSWORD: S.appPassword, REDIS_URL: S.badRedisUrl }, ['SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET', 'MICROSOFT_APP_ID', 'REDIS_URL']),
      serveAndStop('Redis not there', secretEnv({ REDIS_URL: `redis://:${S.redisPassword}@127.0.0.1:${deadPort}`, DIGEST_ENABLED: 'false' }), async (base) => {
        expect((await fetch(`${base}/readyz`)).status).toBe(503);
        expect((await slash(base, '应急管理', 'C0OK')).status).toBe(200);
      }, PRELOAD),
      serveAndStop('Redis refuses the password', secretEnv({ REDIS_URL: redis.url.replace(S.redisPassword, S.wrongRedisPassword), DIGEST_ENABLED: 'false' }), async (base) => {
        expect((await fetch(`${base}/readyz`)).status).toBe(503);
      }, PRELOAD),
      socketMode(),
    ]);
    const all = Object.entries(runs).flatMap(([name, lines]) => lines.map((l) => `[${name}] ${l}`));
    // to read what the runs printed: SECRETS_TEST_DUMP=/tmp/lines.txt npx vitest run test/logging
    if (process.env.SECRETS_TEST_DUMP) writeFileSync(process.env.SECRETS_TEST_DUMP, all.join('\n'));
    const secrets = {
      ...Object.fromEntries(Object.entries(S).map(([k, v]) => [k, { value: k === 'badRedisUrl' ? 'm4lformedRedisPw-Uv8' : v, fragments: true }])),
      ...Object.fromEntries(madeSecrets.map((v, i) => [`made ${i}`, { value: v }])),
    };
    const leaks = findLeaks(all, secrets);
    expect(leaks, leaks.map((l) => `${l.secret} as ${l.form}: ${l.line}`).join('\n')).toEqual([]);
    // the error paths were really taken
    const text = all.join('\n');
    for (const seen of [/WRONGPASS|invalid password|NOAUTH/i, /ECONNREFUSED/, /could not answer a Teams activity/, /Teams request rejected/, /slack chat\.postMessage failed/, /digest run finished/]) expect(text).toMatch(seen);
  }, 180_000);
});
