// Issue 11: a too-long slash command gets the same friendly "问题太长了" as a too-long DM or Teams message, not a
// bare 400: just over the 500-character limit, at 40,000 characters (what issue 11 sent), and at 100 KB (a body
// well within the 1 MB the Slack route reads). Signed requests over HTTP to a running serve.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventEnvelope, nowSeconds, sendEvent, sendSlashCommand } from '../support/slack-sign.js';
import { BOT_USER_ID, shownText, startSlackHarness, waitFor, type Harness } from './slack-harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startSlackHarness('too-long');
});
afterAll(async () => h?.close());

describe('a too-long question over Slack', () => {
  for (const [what, text] of [
    ['501 characters', '应急管理'.repeat(125) + '吗'],
    ['40,000 characters', '养老'.repeat(20_000)],
    ['100 KB', 'a'.repeat(100_000)],
  ] as const) {
    it(`/plan with ${what}: answered at once, privately, "问题太长了" with the length it got`, async () => {
      const started = performance.now();
      const res = await sendSlashCommand(h.base, { text, channel_id: 'C0LONG' });
      const ms = performance.now() - started;
      expect(res.status).toBe(200);
      const body = (await res.json()) as { response_type: string; text?: string; blocks?: Array<Record<string, any>> };
      expect(body.response_type).toBe('ephemeral');
      const shown = shownText(body);
      expect(shown).toContain('问题太长了');
      expect(shown).toContain(`收到 ${text.length} 个字符`);
      expect(ms).toBeLessThan(1000);
    });
  }

  it('a 39,000-character mention (Slack allows 40,000 in a message) gets the same answer, in its thread', async () => {
    const ts = `${nowSeconds()}.000700`;
    const text = '养老'.repeat(19_500);
    const res = await sendEvent(h.base, eventEnvelope({ type: 'app_mention', user: 'U0ASKER', text: `<@${BOT_USER_ID}> ${text}`, ts, channel: 'C0LONG', event_ts: ts }));
    expect(res.status).toBe(200);
    await waitFor(() => h.sent.length >= 1, 5000, 'the thread reply');
    expect(h.sent[0]!.thread_ts).toBe(ts);
    expect(shownText(h.sent[0]!)).toContain('问题太长了');
  });
});
