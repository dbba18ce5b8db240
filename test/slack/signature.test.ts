import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventEnvelope, nowSeconds, sendEvent, sendInteraction, sendSlashCommand, signSlack, slashCommandBody } from '../support/slack-sign.js';
import { BOT_TOKEN, quiet, startSlackHarness, type Harness } from './slack-harness.js';
import { TEST_SIGNING_SECRET } from '../support/slack-sign.js';

let h: Harness;
beforeAll(async () => {
  h = await startSlackHarness('signature');
});
afterAll(async () => h?.close());

const mention = () => eventEnvelope({ type: 'app_mention', user: 'U0ASKER', text: '<@U0PLANBOT> 应急管理', ts: `${nowSeconds()}.000200`, channel: 'C0SIG', event_ts: `${nowSeconds()}.000200` });

describe('Slack request signatures', () => {
  it('rejects a forged signature with 401 and answers nothing', async () => {
    const forged = 'v0=' + 'ab'.repeat(32);
    const slash = await sendSlashCommand(h.base, { text: '应急管理' }, { signature: forged });
    expect(slash.status).toBe(401);
    expect(await slash.text()).not.toContain('应急管理');
    const event = await sendEvent(h.base, mention(), { signature: forged });
    expect(event.status).toBe(401);
    const signedWithOtherSecret = await sendSlashCommand(h.base, { text: '应急管理' }, { secret: 'someoneelse0secret0000000000' });
    expect(signedWithOtherSecret.status).toBe(401);
    await quiet();
    expect(h.sent).toHaveLength(0);
  });

  it('rejects a timestamp 6 minutes old (and 6 minutes ahead) with 401 and posts nothing', async () => {
    const old = nowSeconds() - 6 * 60;
    const slash = await sendSlashCommand(h.base, { text: '应急管理' }, { timestamp: old });
    expect(slash.status).toBe(401);
    expect(await slash.json()).toEqual({ error: 'stale_timestamp' });
    const event = await sendEvent(h.base, mention(), { timestamp: old });
    expect(event.status).toBe(401);
    const press = await sendInteraction(h.base, { type: 'block_actions', team: { id: 'T0TEST' }, user: { id: 'U0ASKER' }, actions: [{ action_id: 'plan.more.0', type: 'button', value: '更多' }], container: { type: 'message', channel_id: 'C0SIG', is_ephemeral: true }, response_url: 'https://hooks.slack.com/actions/T0TEST/1/x' }, { timestamp: old });
    expect(press.status).toBe(401);
    const ahead = await sendSlashCommand(h.base, { text: '应急管理' }, { timestamp: nowSeconds() + 6 * 60 });
    expect(ahead.status).toBe(401);
    await quiet();
    expect(h.sent).toHaveLength(0);
  });

  it('accepts a timestamp 4 minutes old', async () => {
    const res = await sendSlashCommand(h.base, { text: '应急管理' }, { timestamp: nowSeconds() - 4 * 60 });
    expect(res.status).toBe(200);
  });

  it('rejects requests without the signature headers, or with the body changed after signing', async () => {
    const body = slashCommandBody({ text: '应急管理' });
    const bare = await fetch(`${h.base}/slack/events`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body });
    expect(bare.status).toBe(401);
    const headers = signSlack(body, TEST_SIGNING_SECRET);
    const tampered = await fetch(`${h.base}/slack/events`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }, body: body.replace('%E5%BA%94', '%E6%95%B0') });
    expect(tampered.status).toBe(401);
  });

  it('checks the signature over the raw bytes: a signed body that is not UTF-8 is refused as malformed, not as forged', async () => {
    const raw = Buffer.concat([Buffer.from('{"type":"event_callback","team_id":"T0TEST","event_id":"Ev0UTF8","event":{"type":"app_mention","text":"'), Buffer.from([0xe5, 0xba, 0xff, 0xfe]), Buffer.from('"}}')]);
    const post = (secret: string) => {
      const ts = nowSeconds();
      const signature = 'v0=' + createHmac('sha256', secret).update(`v0:${ts}:`).update(raw).digest('hex');
      return fetch(`${h.base}/slack/events`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-slack-request-timestamp': String(ts), 'x-slack-signature': signature }, body: raw });
    };
    const signed = await post(TEST_SIGNING_SECRET);
    expect(signed.status).toBe(400);
    expect(await signed.json()).toMatchObject({ error: 'invalid_payload' });
    expect((await post('someoneelse0secret0000000000')).status).toBe(401);
    await quiet();
    expect(h.sent).toHaveLength(0);
  });

  it('never writes the signing secret or the bot token to the log', () => {
    const all = h.logs.join('');
    expect(all.length).toBeGreaterThan(0);
    expect(all).not.toContain(TEST_SIGNING_SECRET);
    expect(all).not.toContain(BOT_TOKEN);
  });
});
