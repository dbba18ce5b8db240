// Prometheus metrics of a real plan-bot serve: /metrics on METRICS_PORT, moved by signed /plan requests over HTTP and
// by a daily digest posted through the real delivery path (BullMQ passes, the Slack digest sender) with nock standing
// in for Slack's chat.postMessage; and /metrics on the main port only behind METRICS_TOKEN.
import '../support/node20-nock.js';
import nock from 'nock';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { slackDigestSenderFrom } from '../../adapters/slack/slack-digest-sender.js';
import { slackPlatform } from '../../adapters/slack/slack-platform.js';
import { loadConfig, type Config } from '../../app/config.js';
import { startServe, type Serving } from '../../app/serve.js';
import { digestProvider } from '../../src/digest/digest-platform.js';
import { silentLogger } from '../../src/logger.js';
import { knowledge } from '../support/knowledge.js';
import { parseSamples, sampleSum, sampleValue, type Sample } from '../support/prom-text.js';
import { sendSlashCommand, TEST_SIGNING_SECRET } from '../support/slack-sign.js';
import { testClock, uniquePrefix } from '../digest/support/digest-fixtures.js';

const API_ORIGIN = 'https://slack.test';
const prefix = uniquePrefix('metrics');
const clock = testClock('2026-12-01T08:00:00+08:00');
const posted: string[] = [];
let serving: Serving;

function env(over: Record<string, string> = {}): Record<string, string> {
  return {
    PORT: '0',
    REDIS_URL: inject('redisUrl'),
    REDIS_PREFIX: prefix,
    SLACK_BOT_TOKEN: 'xoxb-test-metrics',
    SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
    SLACK_API_URL: `${API_ORIGIN}/api/`,
    SLACK_BOT_USER_ID: 'U0PLANBOT',
    SLACK_BOT_ID: 'B0PLANBOT',
    ...over,
  };
}

async function scrape(port: number, headers: Record<string, string> = {}): Promise<Sample[]> {
  const res = await fetch(`http://127.0.0.1:${port}/metrics`, { headers });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  return parseSamples(await res.text());
}

beforeAll(async () => {
  nock.disableNetConnect();
  nock.enableNetConnect(/^(127\.0\.0\.1|localhost)/);
  nock(API_ORIGIN)
    .persist()
    .post('/api/chat.postMessage')
    .reply(async (req: Request) => {
      posted.push(String(new URLSearchParams(await req.text()).get('channel') ?? ''));
      return [200, { ok: true, channel: 'C0METRICS', ts: `${Date.now() / 1000}` }];
    });
  const config = loadConfig(env({ METRICS_PORT: '0' }));
  const digest = digestProvider<Config>({ senders: ({ config: c, logger }) => ({ slack: slackDigestSenderFrom(c, logger)! }), now: clock.now, tickEveryMs: 100, queuePrefix: `${prefix}bull` });
  serving = await startServe({ config, knowledge: knowledge(), logger: silentLogger(), host: '127.0.0.1', providers: [slackPlatform, digest] });
});

afterAll(async () => {
  await serving?.close();
  nock.cleanAll();
  nock.enableNetConnect();
});

describe('/metrics on METRICS_PORT', () => {
  it('counts a signed /plan request by platform, route and status, and its answer by intent and outcome, with its latency', async () => {
    const port = serving.metricsPort!;
    expect(port).toBeGreaterThan(0);
    expect(port).not.toBe(serving.port);
    const before = await scrape(port);
    const requests = { platform: 'slack', route: '/slack/events', status: '200' };
    const base = `http://127.0.0.1:${serving.port}`;
    const res = await sendSlashCommand(base, { text: '应急管理' });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('应急管理');
    expect((await sendSlashCommand(base, { text: '网落安全' })).status).toBe(200);
    expect((await sendSlashCommand(base, { text: 'qwxz zzvk' })).status).toBe(200);
    const after = await scrape(port);
    const moved = (name: string, labels: Record<string, string>) => (sampleValue(after, name, labels) ?? 0) - (sampleValue(before, name, labels) ?? 0);
    expect(moved('plan_bot_http_requests_total', requests)).toBe(3);
    expect(moved('plan_bot_answers_total', { platform: 'slack', intent: 'search', outcome: 'answered' })).toBe(1);
    expect(moved('plan_bot_answers_total', { platform: 'slack', intent: 'search', outcome: 'typo-corrected' })).toBe(1);
    expect(moved('plan_bot_answers_total', { platform: 'slack', intent: 'search', outcome: 'no-match' })).toBe(1);
    expect(moved('plan_bot_answer_duration_seconds_count', { platform: 'slack' })).toBe(3);
    expect(moved('plan_bot_answer_duration_seconds_sum', { platform: 'slack' })).toBeGreaterThan(0);
    // every bucket is cumulative: the +Inf one holds all three
    expect(moved('plan_bot_answer_duration_seconds_bucket', { platform: 'slack', le: '+Inf' })).toBe(3);
    // a bad signature is counted under the same route with its status, never under its URL
    const forged = await sendSlashCommand(`${base}`, { text: 'x' }, { signature: 'v0=00' });
    expect(forged.status).toBe(401);
    await fetch(`${base}/slack/events?token=abc&raw=1`, { method: 'GET' });
    await fetch(`${base}/no/such/path/123`);
    const later = await scrape(port);
    expect(sampleValue(later, 'plan_bot_http_requests_total', { platform: 'slack', route: '/slack/events', status: '401' })).toBe(1);
    const routes = new Set(later.filter((s) => s.name === 'plan_bot_http_requests_total').map((s) => s.labels.route));
    expect([...routes].every((r) => r === '/slack/events' || r === 'unknown' || r === '/healthz' || r === '/readyz' || r?.startsWith('/slack/'))).toBe(true);
    expect(sampleValue(later, 'plan_bot_http_requests_total', { route: 'unknown', status: '404' })).toBe(1);
  });

  it('counts a posted digest and its lag behind the scheduled time', async () => {
    const port = serving.metricsPort!;
    const base = `http://127.0.0.1:${serving.port}`;
    const sub = await sendSlashCommand(base, { text: '订阅 养老 每天 09:00', team_id: 'T0METRICS', channel_id: 'C0METRICS' });
    expect(await sub.text()).toContain('已订阅:养老');
    const before = await scrape(port);
    expect(sampleValue(before, 'plan_bot_digest_deliveries_total', { platform: 'slack' }) ?? 0).toBe(0);
    // 30 s after the subscription's 09:00: the next pass of the server's own scheduler posts it
    clock.set('2026-12-01T09:00:30+08:00');
    const deadline = Date.now() + 10_000;
    while (!posted.includes('C0METRICS') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(posted.filter((c) => c === 'C0METRICS')).toHaveLength(1);
    // the post's record and its counts land just after the Web API answered
    let after = await scrape(port);
    while (sampleValue(after, 'plan_bot_digest_deliveries_total', { platform: 'slack' }) === undefined && Date.now() < deadline) after = await scrape(port);
    expect(sampleValue(after, 'plan_bot_digest_deliveries_total', { platform: 'slack' })).toBe(1);
    expect(sampleValue(after, 'plan_bot_digest_lag_seconds_count', { platform: 'slack' })).toBe(1);
    expect(sampleValue(after, 'plan_bot_digest_lag_seconds_sum', { platform: 'slack' })).toBe(30);
    expect(sampleValue(after, 'plan_bot_digest_lag_seconds_bucket', { platform: 'slack', le: '15' })).toBe(0);
    expect(sampleValue(after, 'plan_bot_digest_lag_seconds_bucket', { platform: 'slack', le: '30' })).toBe(1);
    expect(sampleSum(after, 'plan_bot_digest_failures_total')).toBe(0);
    expect(sampleSum(after, 'plan_bot_digest_retries_total')).toBe(0);
  });

  it('exposes every named series and Node\'s default process metrics, and /metrics is not on the main port', async () => {
    const text = await (await fetch(`http://127.0.0.1:${serving.metricsPort}/metrics`)).text();
    for (const name of [
      'plan_bot_http_requests_total',
      'plan_bot_answers_total',
      'plan_bot_answer_duration_seconds',
      'plan_bot_context_store_errors_total',
      'plan_bot_digest_deliveries_total',
      'plan_bot_digest_failures_total',
      'plan_bot_digest_retries_total',
      'plan_bot_digest_lag_seconds',
      'plan_bot_installations',
      'process_cpu_user_seconds_total',
      'process_resident_memory_bytes',
      'nodejs_eventloop_lag_seconds',
      'nodejs_heap_size_used_bytes',
    ]) {
      expect(text, name).toContain(`# TYPE ${name} `);
    }
    // single-workspace mode: no OAuth installations to count
    expect(sampleValue(parseSamples(text), 'plan_bot_installations')).toBe(0);
    expect(sampleValue(parseSamples(text), 'process_resident_memory_bytes')).toBeGreaterThan(0);
    const main = await fetch(`http://127.0.0.1:${serving.port}/metrics`);
    expect(main.status).toBe(404);
  });
});

describe('/metrics on the main port', () => {
  it('is absent without METRICS_TOKEN, and with it answers only the right bearer token', async () => {
    const plain = await startServe({ config: loadConfig({ PORT: '0', DIGEST_ENABLED: 'false' }), knowledge: knowledge(), logger: silentLogger(), host: '127.0.0.1' });
    try {
      expect(plain.metricsPort).toBeUndefined();
      expect((await fetch(`http://127.0.0.1:${plain.port}/metrics`)).status).toBe(404);
    } finally {
      await plain.close();
    }
    const token = 'metrics-token-0123456789abcdef';
    const guarded = await startServe({ config: loadConfig({ PORT: '0', DIGEST_ENABLED: 'false', METRICS_TOKEN: token }), knowledge: knowledge(), logger: silentLogger(), host: '127.0.0.1' });
    try {
      const url = `http://127.0.0.1:${guarded.port}/metrics`;
      const none = await fetch(url);
      expect(none.status).toBe(401);
      expect(none.headers.get('www-authenticate')).toMatch(/^Bearer /);
      expect((await fetch(url, { headers: { authorization: `Bearer ${token}x` } })).status).toBe(401);
      expect((await fetch(url, { headers: { authorization: `Bearer ${token.slice(0, -1)}` } })).status).toBe(401);
      expect((await fetch(url, { headers: { authorization: `Basic ${token}` } })).status).toBe(401);
      expect((await fetch(url, { method: 'POST', headers: { authorization: `Bearer ${token}` } })).status).toBe(405);
      const ok = await scrape(guarded.port, { authorization: `Bearer ${token}` });
      expect(sampleValue(ok, 'process_resident_memory_bytes')).toBeGreaterThan(0);
      // the refused scrapes were requests too, counted under the route
      expect(sampleValue(ok, 'plan_bot_http_requests_total', { platform: 'none', route: '/metrics', status: '401' })).toBe(4);
    } finally {
      await guarded.close();
    }
  });

  it('refuses a METRICS_PORT equal to PORT, and a short token, naming the variable', () => {
    expect(() => loadConfig({ PORT: '3000', METRICS_PORT: '3000' })).toThrow(/METRICS_PORT: must differ from PORT/);
    expect(() => loadConfig({ METRICS_PORT: 'ninety' })).toThrow(/METRICS_PORT: expected a port number/);
    expect(() => loadConfig({ METRICS_TOKEN: 'short' })).toThrow(/METRICS_TOKEN: expected at least 16/);
    expect(() => loadConfig({ METRICS_PORT: '9464', METRICS_HOST: 'not a host!' })).toThrow(/METRICS_HOST: expected an address/);
  });
});
