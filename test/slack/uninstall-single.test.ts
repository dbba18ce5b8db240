// One workspace's deployment (SLACK_BOT_TOKEN): app_uninstalled forgets that workspace's data too, as in OAuth mode.
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { eventEnvelope, sendEvent, sendSlashCommand } from '../support/slack-sign.js';
import { readAllKeys } from '../support/redis-scan.js';
import { BOT_USER_ID, startSlackHarness, waitFor, type Harness } from './slack-harness.js';

let h: Harness;
const redis = new Redis(inject('redisUrl'));
beforeAll(async () => {
  h = await startSlackHarness('uninstall-single');
});
afterAll(async () => {
  await h?.close();
  redis.disconnect();
});

describe('app_uninstalled with SLACK_BOT_TOKEN', () => {
  it("deactivates the workspace's subscriptions with the reason and deletes its contexts and thread memberships", async () => {
    expect((await sendSlashCommand(h.base, { text: '订阅 应急管理 每天 09:00', channel_id: 'C0USUB' })).status).toBe(200);
    const ts = `${Math.floor(Date.now() / 1000)}.400001`;
    await sendEvent(h.base, eventEnvelope({ type: 'app_mention', user: 'U0ASKER', text: `<@${BOT_USER_ID}> 养老`, ts, channel: 'C0UCTX', event_ts: ts }));
    await waitFor(() => h.sent.some((s) => s.channel === 'C0UCTX'), 5000, 'the answer');
    const prefix = h.serving.config.redisPrefix;
    const conversations = async () => (await readAllKeys(redis, prefix)).map((k) => k.key.slice(prefix.length)).filter((k) => /^(ctx|ctxe|thr):slack:T0TEST:/.test(k));
    expect((await conversations()).length).toBeGreaterThan(0);
    expect((await sendEvent(h.base, eventEnvelope({ type: 'app_uninstalled' }))).status).toBe(200);
    await waitFor(() => h.logs.join('').includes('its data is gone'), 5000, 'the uninstall');
    expect(await conversations()).toEqual([]);
    const subs = await h.serving.store.listWorkspaceSubscriptions('slack', 'T0TEST');
    expect(subs.map((s) => [s.active, s.deactivatedReason])).toEqual([[false, 'app_uninstalled']]);
  });

  it('serves no install routes without the OAuth variables', async () => {
    for (const path of ['/slack/install', '/slack/oauth_redirect?code=x&state=y']) expect((await fetch(`${h.base}${path}`, { redirect: 'manual' })).status).toBe(404);
  });
});
