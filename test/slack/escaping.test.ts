import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventEnvelope, nowSeconds, sendEvent, sendSlashCommand } from '../support/slack-sign.js';
import { BOT_USER_ID, shownText, startSlackHarness, waitFor, type Harness } from './slack-harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startSlackHarness('escaping');
});
afterAll(async () => h?.close());

// How Slack delivers what a user typed: real mentions and links as <…> markup, a literal & < > as entities.
const HOSTILE = '<!channel> <!here> <@U0VICTIM> <https://evil.example/login|https://www.gov.cn> *假* &lt;!everyone&gt; 量子计算机器人';

/** No markup from the user survives: no mention, broadcast or link syntax anywhere in what plan-bot sends. */
function expectInert(message: unknown): void {
  const all = JSON.stringify(message);
  expect(all).not.toMatch(/<!(channel|here|everyone)/);
  expect(all).not.toContain('<@U0VICTIM>');
  expect(all).not.toContain('<https://evil.example');
  expect(all).not.toContain('<!everyone>');
}

// The renderer's escaping of every Reply field is checked field by field in block-kit.test.ts.
describe('user text is escaped for mrkdwn', () => {
  it('a slash command echoing hostile text cannot mention or link', async () => {
    const body = (await (await sendSlashCommand(h.base, { text: HOSTILE })).json()) as any;
    expect(shownText(body)).toContain('没有找到');
    expectInert(body);
  });

  it('a mention echoing hostile text posts it inert into the channel thread', async () => {
    const ts = `${nowSeconds()}.000900`;
    await sendEvent(h.base, eventEnvelope({ type: 'app_mention', user: 'U0ASKER', text: `<@${BOT_USER_ID}> ${HOSTILE}`, ts, channel: 'C0ESC', event_ts: ts }));
    await waitFor(() => h.sent.length >= 1);
    expect(h.sent[0]!.thread_ts).toBe(ts);
    expectInert(h.sent[0]);
  });
});
