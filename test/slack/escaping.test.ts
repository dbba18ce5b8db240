import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventEnvelope, nowSeconds, sendEvent, sendInteraction, sendSlashCommand } from '../support/slack-sign.js';
import { SlashAckCache } from '../../adapters/slack/slash-ack-cache.js';
import type { Reply, ResultItem } from '../../src/reply/reply.js';
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

// The core drops markup characters from what it echoes, so an answer to a hostile question is inert before the
// adapter sees it; these tests reach the adapter's own layer, the Block Kit and mrkdwn escaping, with raw markup.
describe('hostile user text never reaches the channel as markup', () => {
  it('a slash command echoing hostile text cannot mention or link', async () => {
    const body = (await (await sendSlashCommand(h.base, { text: HOSTILE })).json()) as any;
    // markup is dropped before matching, so the words around it are answered (issue 9), and nothing echoes as markup
    expect(shownText(body)).toContain('量子');
    expectInert(body);
  });

  it('a /plan ack body renders hostile text in every shown field inert, bold highlights included', () => {
    const item: ResultItem = { id: 'p1', kind: 'paragraph', title: HOSTILE, text: `${HOSTILE} 应急管理`, path: [HOSTILE], highlights: ['<!channel>', '应急管理', '<@U0VICTIM>'], note: HOSTILE };
    const reply: Reply = { intent: 'search', title: HOSTILE, notice: HOSTILE, footer: HOSTILE, text: HOSTILE, results: [item, { ...item, id: 'p2' }], actions: [{ type: 'share', label: '分享到频道', value: 'share' }] };
    const ack = new SlashAckCache().ack(reply);
    expect(ack.response_type).toBe('ephemeral');
    // what Slack shows: everything but the buttons' values, which are never rendered (the shared copy is checked below)
    const shown = { text: ack.text, blocks: ack.blocks.filter((b) => b.type !== 'actions') };
    expectInert(shown);
    const all = JSON.stringify(shown);
    expect(all).toContain('&lt;!channel&gt;');
    expect(all).toContain('*&lt;!channel&gt;*');
    expect(all).toContain('&lt;@U0VICTIM&gt;');
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
