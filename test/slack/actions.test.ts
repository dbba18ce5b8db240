import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { eventEnvelope, nowSeconds, sendEvent, sendInteraction, sendSlashCommand } from '../support/slack-sign.js';
import { BOT_USER_ID, HOOKS_ORIGIN, quiet, shownText, startSlackHarness, waitFor, type Harness } from './slack-harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startSlackHarness('actions');
});
afterAll(async () => h?.close());
beforeEach(() => {
  h.sent.length = 0;
});

type Button = { action_id: string; value: string; text: { text: string } };

function buttons(message: { blocks: Array<Record<string, any>> }): Button[] {
  return message.blocks.filter((b) => b.type === 'actions').flatMap((b) => b.elements as Button[]);
}

function header(message: { blocks: Array<Record<string, any>> }): string {
  return message.blocks.find((b) => b.type === 'header')?.text.text ?? '';
}

/** The block_actions payload Slack sends when `button` is pressed on a message. */
function press(button: Button, container: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  return {
    type: 'block_actions',
    team: { id: 'T0TEST', domain: 'test' },
    user: { id: 'U0ASKER', username: 'asker' },
    api_app_id: 'A0PLAN',
    trigger_id: `${Date.now()}.1`,
    container,
    channel: { id: container.channel_id, name: 'general' },
    response_url: `${HOOKS_ORIGIN}/actions/T0TEST/${Date.now()}/xyz`,
    actions: [{ type: 'button', block_id: 'b1', action_id: button.action_id, value: button.value, text: { type: 'plain_text', text: button.text.text }, action_ts: `${nowSeconds()}.000300` }],
    ...extra,
  };
}

describe('buttons (block_actions)', () => {
  it('更多 on an ephemeral /plan answer returns the next page privately, at the response_url', async () => {
    const ack = (await (await sendSlashCommand(h.base, { text: '应急管理', channel_id: 'C0BTN', user_id: 'U0ASKER' })).json()) as any;
    const more = buttons(ack).find((b) => b.value === '更多')!;
    const res = await sendInteraction(h.base, press(more, { type: 'message', message_ts: `${nowSeconds()}.000100`, channel_id: 'C0BTN', is_ephemeral: true }));
    expect(res.status).toBe(200);
    await waitFor(() => h.sent.length >= 1);
    const next = h.sent[0]!;
    expect(next.via).toBe('response_url');
    expect(next.response_type).toBe('ephemeral');
    expect(header(next)).toMatch(/应急管理 · 4–6/);
    // nothing repeated from page one
    const firstTitles = ack.blocks.filter((b: any) => b.type === 'section').map((b: any) => b.text.text.split('\n')[0]);
    for (const s of next.blocks.filter((b) => b.type === 'section')) expect(firstTitles).not.toContain(s.text.text.split('\n')[0]);
  });

  it('展开 on a threaded answer replies in that thread, from that thread\'s context', async () => {
    const ts = `${nowSeconds()}.000555`;
    await sendEvent(h.base, eventEnvelope({ type: 'app_mention', user: 'U0ASKER', text: `<@${BOT_USER_ID}> 数字乡村`, ts, channel: 'C0BTN2', event_ts: ts }));
    await waitFor(() => h.sent.length >= 1);
    const answer = h.sent[0]!;
    const expand2 = buttons(answer).find((b) => b.value === '展开第2条')!;
    expect(buttons(answer).some((b) => b.action_id.startsWith('plan.share'))).toBe(false);
    const botMessageTs = `${nowSeconds()}.000777`;
    await sendInteraction(h.base, press(expand2, { type: 'message', message_ts: botMessageTs, channel_id: 'C0BTN2', is_ephemeral: false }, { message: { type: 'message', ts: botMessageTs, thread_ts: ts, text: answer.text } }));
    await waitFor(() => h.sent.length >= 2);
    const expanded = h.sent[1]!;
    expect(expanded.via).toBe('chat.postMessage');
    expect(expanded.channel).toBe('C0BTN2');
    expect(expanded.thread_ts).toBe(ts);
    const secondTitle = answer.blocks.filter((b) => b.type === 'section')[1]!.text.text.split('\n')[0].replace(/^\u200B\*2\. /, '').replace(/\*\u200B$/, '');
    expect(shownText(expanded)).toContain(secondTitle);
  });

  it('a suggested next question (目标) on a threaded answer is answered as if typed, in that thread\'s context', async () => {
    const ts = `${nowSeconds()}.000888`;
    await sendEvent(h.base, eventEnvelope({ type: 'app_mention', user: 'U0ASKER', text: `<@${BOT_USER_ID}> 养老`, ts, channel: 'C0NEXT', event_ts: ts }));
    await waitFor(() => h.sent.length >= 1);
    const answer = h.sent[0]!;
    const next = buttons(answer).filter((b) => b.action_id.startsWith('plan.next.'));
    expect(next.map((b) => b.value)).toEqual(['目标', '重点工程', '出处']);
    expect(answer.blocks.some((b) => b.type === 'context' && b.elements[0].text.includes('接着可以问'))).toBe(true);
    const botMessageTs = `${nowSeconds()}.000999`;
    await sendInteraction(h.base, press(next[0]!, { type: 'message', message_ts: botMessageTs, channel_id: 'C0NEXT', is_ephemeral: false }, { message: { type: 'message', ts: botMessageTs, thread_ts: ts, text: answer.text } }));
    await waitFor(() => h.sent.length >= 2);
    const goals = h.sent[1]!;
    expect(goals.thread_ts).toBe(ts);
    expect(header(goals)).toContain('养老');
    expect(header(goals)).toContain('行动目标');
    // the goals answer offers what is left, not 目标 again
    const after = buttons(goals).filter((b) => b.action_id.startsWith('plan.next.')).map((b) => b.value);
    expect(after).not.toContain('目标');
    expect(after).toContain('重点工程');
  });

  it('分享到频道 posts the ephemeral answer to the channel, visibly, without buttons', async () => {
    const ack = (await (await sendSlashCommand(h.base, { text: '数据治理', channel_id: 'C0SHARE' })).json()) as any;
    const share = buttons(ack).find((b) => b.action_id.startsWith('plan.share'))!;
    expect(share.value.length).toBeLessThanOrEqual(2000);
    await sendInteraction(h.base, press(share, { type: 'message', message_ts: `${nowSeconds()}.000100`, channel_id: 'C0SHARE', is_ephemeral: true }));
    await waitFor(() => h.sent.length >= 1);
    const shared = h.sent[0]!;
    expect(shared.via).toBe('response_url');
    expect(shared.response_type).toBe('in_channel');
    expect(header(shared)).toBe(header(ack));
    expect(shownText(shared)).toContain('*数据治理*');
    expect(shared.blocks.some((b) => b.type === 'actions')).toBe(false);
    expect(shownText(shared)).toContain('<@U0ASKER> 分享了这条回答');
  });

  it('refuses a forged share value instead of posting it', async () => {
    const forged = { action_id: 'plan.share.9', value: '<!channel> 假消息', text: { text: '分享到频道' } };
    await sendInteraction(h.base, press(forged, { type: 'message', channel_id: 'C0SHARE', is_ephemeral: true }));
    await waitFor(() => h.sent.length >= 1);
    expect(h.sent[0]!.response_type).toBe('ephemeral');
    expect(shownText(h.sent[0]!)).not.toContain('<!channel>');
    expect(shownText(h.sent[0]!)).toContain('无法分享');
  });

  it('订阅此主题 subscribes the channel to the answer\'s topic and says so privately', async () => {
    const ack = (await (await sendSlashCommand(h.base, { text: '应急管理', channel_id: 'C0SUB' })).json()) as any;
    const subscribe = buttons(ack).find((b) => b.text.text === '订阅此主题')!;
    expect(subscribe.value).toBe('订阅 应急管理');
    await sendInteraction(h.base, press(subscribe, { type: 'message', message_ts: `${nowSeconds()}.000100`, channel_id: 'C0SUB', is_ephemeral: true }));
    await waitFor(() => h.sent.length >= 1);
    expect(h.sent[0]!.via).toBe('response_url');
    expect(h.sent[0]!.response_type).toBe('ephemeral');
    expect(shownText(h.sent[0]!)).toContain('应急管理');
    expect(shownText(h.sent[0]!)).not.toContain('需要在 Slack 或 Teams 中使用');
  });

  it('ignores presses of buttons that are not plan-bot\'s with a clean 404', async () => {
    const res = await sendInteraction(h.base, press({ action_id: 'other.app', value: 'x', text: { text: 'x' } }, { type: 'message', channel_id: 'C0X', is_ephemeral: true }));
    expect(res.status).toBe(404);
    await quiet(200);
    expect(h.sent).toHaveLength(0);
  });
});
