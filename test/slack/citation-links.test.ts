import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../support/free-port.js';
import { eventEnvelope, nowSeconds, sendEvent, sendInteraction, sendSlashCommand } from '../support/slack-sign.js';
import { BOT_USER_ID, HOOKS_ORIGIN, startSlackHarness, waitFor, type Harness } from './slack-harness.js';

// With PUBLIC_URL set, each passage a Slack answer cites links to its reader page on the same plan-bot serve
let h: Harness;
let publicUrl: string;
beforeAll(async () => {
  const port = await freePort();
  publicUrl = `http://127.0.0.1:${port}`;
  h = await startSlackHarness('citation-links', { PORT: String(port), PUBLIC_URL: publicUrl });
});
afterAll(async () => h?.close());

/** Every mrkdwn link <url|label> in a message's section blocks. */
function links(message: { blocks: Array<Record<string, any>> }): { url: string; label: string }[] {
  return message.blocks
    .filter((b) => b.type === 'section')
    .flatMap((b) => [...(b.text.text as string).matchAll(/<([^|<>]+)\|([^<>]*)>/g)].map((m) => ({ url: m[1]!.replace(/&amp;/g, '&'), label: m[2]! })));
}

describe('citations in Slack answers', () => {
  it('link each cited passage of a /plan answer to its /p/… page, which answers 200 with that passage', async () => {
    const ack = (await (await sendSlashCommand(h.base, { text: '应急管理', channel_id: 'C0LINKS', user_id: 'U0LINK' })).json()) as any;
    const found = links(ack);
    expect(found.length).toBe(3);
    expect(found[0]).toEqual({ url: `${publicUrl}/p/xinxihua-14th/box14.i1`, label: '1. 提升风险监测预警能力。' });
    for (const { url, label } of found) {
      expect(url).toMatch(new RegExp(`^${publicUrl}/p/xinxihua-14th/[\\w.]+$`));
      const res = await fetch(url);
      expect(res.status, url).toBe(200);
      const page = await res.text();
      // the page is that passage's: its title as the heading, the passage marked
      expect(page).toContain(`<h1 id="cited-title">${label.replace(/^\d+\. /, '')}</h1>`);
      expect(page).toContain('aria-current="true"');
    }
    // the title stays bold around the link
    expect(ack.blocks.find((b: any) => b.type === 'section').text.text).toMatch(/^\u200b\*<http:\/\/127\.0\.0\.1:\d+\/p\/xinxihua-14th\/box14\.i1\|1\. 提升风险监测预警能力。>\*\u200b/);
  });

  it('keeps the links in a mention answered in a thread and in a copy shared to the channel', async () => {
    const ts = `${nowSeconds()}.000777`;
    await sendEvent(h.base, eventEnvelope({ type: 'app_mention', user: 'U0LINK', text: `<@${BOT_USER_ID}> 数据安全`, ts, channel: 'C0LINKS2', event_ts: ts }));
    await waitFor(() => h.sent.length >= 1);
    const posted = links(h.sent[0]!);
    expect(posted.length).toBeGreaterThan(0);
    expect(posted.every((l) => l.url.startsWith(`${publicUrl}/p/`))).toBe(true);

    const ack = (await (await sendSlashCommand(h.base, { text: '专栏14', channel_id: 'C0LINKS3', user_id: 'U0LINK' })).json()) as any;
    const share = ack.blocks.filter((b: any) => b.type === 'actions').flatMap((b: any) => b.elements).find((e: any) => e.text.text === '分享到频道');
    h.sent.length = 0;
    await sendInteraction(h.base, {
      type: 'block_actions',
      team: { id: 'T0TEST', domain: 'test' },
      user: { id: 'U0LINK', username: 'linker' },
      api_app_id: 'A0PLAN',
      trigger_id: `${Date.now()}.1`,
      container: { type: 'message', message_ts: `${nowSeconds()}.000100`, channel_id: 'C0LINKS3', is_ephemeral: true },
      channel: { id: 'C0LINKS3', name: 'general' },
      response_url: `${HOOKS_ORIGIN}/actions/T0TEST/${Date.now()}/share`,
      actions: [{ type: 'button', block_id: 'b1', action_id: share.action_id, value: share.value, text: { type: 'plain_text', text: share.text.text }, action_ts: `${nowSeconds()}.000300` }],
    });
    await waitFor(() => h.sent.some((s) => s.response_type === 'in_channel'));
    const copy = h.sent.find((s) => s.response_type === 'in_channel')!;
    expect(links(copy)).toEqual(links(ack));
    expect(links(copy).length).toBeGreaterThan(0);
  });
});
