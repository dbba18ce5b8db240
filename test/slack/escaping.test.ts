import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventEnvelope, nowSeconds, sendEvent, sendInteraction, sendSlashCommand } from '../support/slack-sign.js';
import { BOT_USER_ID, HOOKS_ORIGIN, shownText, startSlackHarness, waitFor, type Harness } from './slack-harness.js';

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

// End to end, hostile text is inert whichever layer stops it: the core drops markup characters from what it echoes,
// and the renderer escapes every Reply field (checked field by field in block-kit.test.ts; the share test below
// reaches the renderer with raw markup).
describe('hostile user text never reaches the channel as markup', () => {
  it('a slash command echoing hostile text cannot mention or link', async () => {
    const body = (await (await sendSlashCommand(h.base, { text: HOSTILE })).json()) as any;
    // markup is dropped before matching, so the words around it are answered (issue 9), and nothing echoes as markup
    expect(shownText(body)).toContain('量子');
    expectInert(body);
  });

  it('text carried by a button (a shared answer) is posted to the channel escaped', async () => {
    const snapshot = JSON.stringify({ v: 1, t: '<!channel> 紧急通知', r: [{ t: '<@U0VICTIM> 请点击', p: ['<https://evil.example/login|https://www.gov.cn>'], x: '<!here> 立即登录 & 验证' }] });
    const before = h.sent.length;
    await sendInteraction(h.base, {
      type: 'block_actions',
      team: { id: 'T0TEST' },
      user: { id: 'U0ASKER' },
      container: { type: 'message', channel_id: 'C0ESC', is_ephemeral: true },
      response_url: `${HOOKS_ORIGIN}/actions/T0TEST/1/esc`,
      actions: [{ type: 'button', action_id: 'plan.share.0', value: snapshot }],
    });
    await waitFor(() => h.sent.length > before);
    const posted = h.sent.at(-1)!;
    expect(posted.response_type).toBe('in_channel');
    expectInert(posted);
    const all = JSON.stringify(posted);
    expect(all).toContain('&lt;!channel&gt; 紧急通知');
    expect(all).toContain('&lt;@U0VICTIM&gt;');
    expect(all).toContain('&amp; 验证');
  });

  it('a mention echoing hostile text posts it inert into the channel thread', async () => {
    const ts = `${nowSeconds()}.000900`;
    const before = h.sent.length;
    await sendEvent(h.base, eventEnvelope({ type: 'app_mention', user: 'U0ASKER', text: `<@${BOT_USER_ID}> ${HOSTILE}`, ts, channel: 'C0ESC', event_ts: ts }));
    await waitFor(() => h.sent.length > before);
    expect(h.sent.at(-1)!.thread_ts).toBe(ts);
    expectInert(h.sent.at(-1));
  });
});
