// The metrics whose source is not a request or a digest: the installations gauge (Slack OAuth installs, counted at
// each scrape from the Store) and context store errors (a Redis that does not answer while a follow-up is asked).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPromMetrics } from '../../app/metrics.js';
import { Bot } from '../../src/conversation/bot.js';
import { silentLogger } from '../../src/logger.js';
import { RedisStore } from '../../src/store/redis-store.js';
import { knowledge } from '../support/knowledge.js';
import { parseSamples, sampleValue } from '../support/prom-text.js';
import { install, startOAuthHarness, workspace, type OAuthHarness } from '../slack/oauth-harness.js';

const A = workspace('T0MTRA');
const B = workspace('T0MTRB');
let h: OAuthHarness;

beforeAll(async () => {
  h = await startOAuthHarness('metrics-installs', [A, B], { METRICS_PORT: '0', DIGEST_ENABLED: 'false' });
});
afterAll(async () => h?.close());

async function installations(): Promise<number | undefined> {
  const res = await fetch(`http://127.0.0.1:${h.serving.metricsPort}/metrics`);
  return sampleValue(parseSamples(await res.text()), 'plan_bot_installations');
}

describe('plan_bot_installations', () => {
  it('counts the OAuth installations at each scrape', async () => {
    expect(await installations()).toBe(0);
    expect((await install(h.base, A.code)).done.status).toBe(200);
    expect(await installations()).toBe(1);
    expect((await install(h.base, B.code)).done.status).toBe(200);
    expect(await installations()).toBe(2);
  });
});

describe('plan_bot_context_store_errors_total', () => {
  it('counts a context read and write that failed because Redis did not answer', async () => {
    // nothing listens on port 1: every command fails within its timeout
    const store = new RedisStore({ url: 'redis://127.0.0.1:1', prefix: 'metrics-down:', timeoutMs: 100 });
    const prom = createPromMetrics({ logger: silentLogger() });
    const bot = new Bot({ knowledge: knowledge(), store, metrics: prom.metrics });
    try {
      const msg = { platform: 'console' as const, workspace: 'w', conversation: 'c', user: 'u', messageId: 'm1' };
      // a follow-up reads the context; its answer (nothing to continue) writes one
      const reply = await bot.handle({ ...msg, text: '更多' });
      expect(reply.notice).toContain('上下文暂时不可用');
      const samples = parseSamples(await prom.registry.metrics());
      expect(sampleValue(samples, 'plan_bot_context_store_errors_total', { op: 'read' })).toBe(1);
      // a new question needs no context read, only a write
      await bot.handle({ ...msg, text: '应急管理', messageId: 'm2' });
      const later = parseSamples(await prom.registry.metrics());
      expect(sampleValue(later, 'plan_bot_context_store_errors_total', { op: 'read' })).toBe(1);
      expect(sampleValue(later, 'plan_bot_context_store_errors_total', { op: 'write' })).toBeGreaterThanOrEqual(1);
      expect(sampleValue(later, 'plan_bot_answers_total', { platform: 'console', intent: 'search', outcome: 'answered' })).toBe(1);
    } finally {
      await store.close();
    }
  });
});
