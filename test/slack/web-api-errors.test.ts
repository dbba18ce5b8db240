import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { eventEnvelope, nowSeconds, sendEvent, sendInteraction, sendSlashCommand } from '../support/slack-sign.js';
import { BOT_USER_ID, HOOKS_ORIGIN, quiet, startSlackHarness, waitFor, type Harness } from './slack-harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startSlackHarness('web-api-errors');
});
afterAll(async () => h?.close());
beforeEach(() => {
  h.sent.length = 0;
  h.override = undefined;
});

let n = 0;
function mention(text: string, channel: string) {
  n += 1;
  const ts = `${nowSeconds()}.${String(200000 + n)}`;
  return eventEnvelope({ type: 'app_mention', user: 'U0ASKER', text: `<@${BOT_USER_ID}> ${text}`, ts, channel, event_ts: ts });
}

function logLines(): Array<Record<string, any>> {
  return h.logs.flatMap((l) => l.split('\n').filter(Boolean)).map((l) => JSON.parse(l));
}

describe('Slack Web API errors', () => {
  it('honours 429 Retry-After on chat.postMessage, then posts once', async () => {
    let calls = 0;
    const times: number[] = [];
    h.override = (sent) => {
      if (sent.via !== 'chat.postMessage') return undefined;
      calls += 1;
      times.push(Date.now());
      return calls === 1 ? [429, { ok: false, error: 'ratelimited' }, { 'retry-after': '1' }] : undefined;
    };
    await sendEvent(h.base, mention('应急管理', 'C0RATE'));
    await waitFor(() => h.sent.length >= 1, 8000, 'the post after the rate limit');
    expect(calls).toBe(2);
    expect(times[1]! - times[0]!).toBeGreaterThanOrEqual(1000);
    expect(h.sent).toHaveLength(1);
    expect(logLines().some((l) => l.code === 'ratelimited' && l.retryAfterSeconds === 1)).toBe(true);
  });

  it('logs a Web API error with its code and keeps serving', async () => {
    h.override = (sent) => (sent.via === 'chat.postMessage' ? [200, { ok: false, error: 'channel_not_found' }] : undefined);
    await sendEvent(h.base, mention('应急管理', 'C0GONE'));
    await waitFor(() => logLines().some((l) => l.code === 'channel_not_found'), 5000, 'the error log line');
    const line = logLines().find((l) => l.code === 'channel_not_found')!;
    expect(line.msg).toContain('chat.postMessage failed');
    h.override = undefined;
    expect((await sendSlashCommand(h.base, { text: '应急管理' })).status).toBe(200);
  });

  it('honours 429 Retry-After on a response_url', async () => {
    let calls = 0;
    const times: number[] = [];
    h.override = (sent) => {
      if (sent.via !== 'response_url') return undefined;
      calls += 1;
      times.push(Date.now());
      return calls === 1 ? [429, 'rate limited', { 'retry-after': '1' }] : undefined;
    };
    await sendSlashCommand(h.base, { text: '应急管理', channel_id: 'C0RATE2' });
    await sendInteraction(h.base, {
      type: 'block_actions',
      team: { id: 'T0TEST' },
      user: { id: 'U0ASKER' },
      container: { type: 'message', channel_id: 'C0RATE2', is_ephemeral: true },
      response_url: `${HOOKS_ORIGIN}/actions/T0TEST/1/rate`,
      actions: [{ type: 'button', action_id: 'plan.more.0', value: '更多' }],
    });
    await waitFor(() => h.sent.length >= 1, 8000, 'the answer after the rate limit');
    expect(calls).toBe(2);
    expect(times[1]! - times[0]!).toBeGreaterThanOrEqual(1000);
    await quiet(200);
    expect(h.sent).toHaveLength(1);
  });
});
