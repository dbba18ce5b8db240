import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { eventEnvelope, nowSeconds, sendEvent } from '../support/slack-sign.js';
import { BOT_USER_ID, quiet, shownText, startSlackHarness, waitFor, waitForThreadMark, type Harness } from './slack-harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startSlackHarness('events');
});
afterAll(async () => h?.close());
beforeEach(() => {
  h.sent.length = 0;
});

let seq = 0;
function newTs(): string {
  seq += 1;
  return `${nowSeconds()}.${String(100000 + seq)}`;
}

function mention(text: string, channel: string, extra: Record<string, unknown> = {}) {
  const ts = newTs();
  return { ts, envelope: eventEnvelope({ type: 'app_mention', user: 'U0ASKER', text: `<@${BOT_USER_ID}> ${text}`, ts, channel, event_ts: ts, ...extra }) };
}

async function ask(envelope: Record<string, unknown>, count: number): Promise<void> {
  const res = await sendEvent(h.base, envelope);
  expect(res.status).toBe(200);
  await waitFor(() => h.sent.length >= count, 5000, `${count} post(s)`);
}

describe('Events API', () => {
  it('answers an event delivered three times (two of them Slack retries) exactly once', async () => {
    const { envelope } = mention('应急管理', 'C0DEDUP');
    const responses = await Promise.all([sendEvent(h.base, envelope), sendEvent(h.base, envelope, { retryNum: 1 }), sendEvent(h.base, envelope, { retryNum: 2 })]);
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200]);
    await waitFor(() => h.sent.length >= 1);
    await quiet(500);
    expect(h.sent).toHaveLength(1);
    // a later redelivery of the same event_id is still a duplicate
    await sendEvent(h.base, envelope, { retryNum: 3 });
    await quiet(300);
    expect(h.sent).toHaveLength(1);
  });

  it('answers a mention in a thread under it, and the thread follow-up 2025年的目标是什么? from that thread\'s context', async () => {
    const first = mention('养老', 'C0THREAD');
    await ask(first.envelope, 1);
    const reply = h.sent[0]!;
    expect(reply.via).toBe('chat.postMessage');
    expect(reply.channel).toBe('C0THREAD');
    expect(reply.thread_ts).toBe(first.ts);
    expect(shownText(reply)).toContain('养老');

    const followUp = mention('2025年的目标是什么?', 'C0THREAD', { thread_ts: first.ts });
    await ask(followUp.envelope, 2);
    const answer = h.sent[1]!;
    expect(answer.thread_ts).toBe(first.ts);
    const header = answer.blocks.find((b) => b.type === 'header')?.text.text as string;
    expect(header).toContain('养老');
    expect(header).toContain('行动目标');
    expect(shownText(answer)).toContain('2025年');

    // the same question in a new thread of the same channel has no topic: the plan's 2025 goals
    const fresh = mention('2025年的目标是什么?', 'C0THREAD');
    await ask(fresh.envelope, 3);
    const general = h.sent[2]!;
    expect(general.thread_ts).toBe(fresh.ts);
    expect(general.blocks.find((b) => b.type === 'header')?.text.text).not.toContain('养老');
  });

  it('answers a plain reply with no mention in a thread it answered in, from that thread\'s context, and nothing else in the channel', async () => {
    const first = mention('养老', 'C0PLAIN');
    await ask(first.envelope, 1);
    expect(h.sent[0]!.thread_ts).toBe(first.ts);
    await waitForThreadMark(h, 'C0PLAIN', first.ts);

    const ts = newTs();
    const plain = { type: 'message', channel_type: 'channel', channel: 'C0PLAIN', user: 'U0ASKER', text: '2025年的目标是什么?', ts, event_ts: ts, thread_ts: first.ts };
    const envelope = eventEnvelope(plain);
    // answered once even when Slack delivers it again
    await Promise.all([sendEvent(h.base, envelope), sendEvent(h.base, envelope, { retryNum: 1 })]);
    await waitFor(() => h.sent.length >= 2, 5000, 'the thread follow-up');
    const answer = h.sent[1]!;
    expect(answer.channel).toBe('C0PLAIN');
    expect(answer.thread_ts).toBe(first.ts);
    const header = answer.blocks.find((b) => b.type === 'header')?.text.text as string;
    expect(header).toContain('养老');
    expect(header).toContain('行动目标');
    expect(shownText(answer)).toContain('2025年');

    const later = () => newTs();
    const silent = [
      // the same question in the channel itself, not in a thread
      (t = later()) => ({ type: 'message', channel_type: 'channel', channel: 'C0PLAIN', user: 'U0ASKER', text: '2025年的目标是什么?', ts: t, event_ts: t }),
      // in a thread the bot never answered in
      (t = later()) => ({ type: 'message', channel_type: 'channel', channel: 'C0PLAIN', user: 'U0ASKER', text: '2025年的目标是什么?', ts: t, event_ts: t, thread_ts: '1600000000.000100' }),
      // the same thread id in another channel
      (t = later()) => ({ type: 'message', channel_type: 'group', channel: 'G0OTHER', user: 'U0ASKER', text: '2025年的目标是什么?', ts: t, event_ts: t, thread_ts: first.ts }),
      // another bot, and this bot, in the thread
      (t = later()) => ({ type: 'message', channel_type: 'channel', channel: 'C0PLAIN', user: 'U0OTHERBOT', bot_id: 'B0OTHER', text: '更多', ts: t, event_ts: t, thread_ts: first.ts }),
      (t = later()) => ({ type: 'message', channel_type: 'channel', channel: 'C0PLAIN', subtype: 'bot_message', bot_id: 'B0PLANBOT', text: '更多', ts: t, event_ts: t, thread_ts: first.ts }),
      (t = later()) => ({ type: 'message', channel_type: 'channel', channel: 'C0PLAIN', user: BOT_USER_ID, bot_id: 'B0PLANBOT', text: '更多', ts: t, event_ts: t, thread_ts: first.ts }),
      // an edit and a deletion in the thread
      (t = later()) => ({ type: 'message', channel_type: 'channel', channel: 'C0PLAIN', subtype: 'message_changed', ts: t, event_ts: t, message: { text: '更多', thread_ts: first.ts }, previous_message: { text: '养老' } }),
      (t = later()) => ({ type: 'message', channel_type: 'channel', channel: 'C0PLAIN', subtype: 'message_deleted', ts: t, event_ts: t, deleted_ts: ts, previous_message: { text: '2025年的目标是什么?', thread_ts: first.ts } }),
      (t = later()) => ({ type: 'message', channel_type: 'channel', channel: 'C0PLAIN', user: 'U0ASKER', text: '更多', ts: t, event_ts: t, thread_ts: first.ts, edited: { user: 'U0ASKER', ts: t } }),
      // a reply that mentions the bot: its app_mention (not this message event) is the one answered
      (t = later()) => ({ type: 'message', channel_type: 'channel', channel: 'C0PLAIN', user: 'U0ASKER', text: `<@${BOT_USER_ID}> 更多`, ts: t, event_ts: t, thread_ts: first.ts }),
    ];
    for (const make of silent) expect((await sendEvent(h.base, eventEnvelope(make()))).status).toBe(200);
    await quiet(500);
    expect(h.sent).toHaveLength(2);

    // and the thread still takes plain follow-ups after all that
    const t2 = newTs();
    await ask(eventEnvelope({ type: 'message', channel_type: 'channel', channel: 'C0PLAIN', user: 'U0ASKER', text: '更多', ts: t2, event_ts: t2, thread_ts: first.ts }), 3);
    expect(h.sent[2]!.thread_ts).toBe(first.ts);
  });

  it('leaves talk between people in its thread alone (谢谢, 好的, 👍), and the thread keeps its topic', async () => {
    const first = mention('养老', 'C0CHAT');
    await ask(first.envelope, 1);
    await waitForThreadMark(h, 'C0CHAT', first.ts);
    for (const text of ['谢谢', '好的,收到', '👍', 'ok thanks', '哈哈哈']) {
      const t = newTs();
      expect((await sendEvent(h.base, eventEnvelope({ type: 'message', channel_type: 'channel', channel: 'C0CHAT', user: 'U0ASKER', text, ts: t, event_ts: t, thread_ts: first.ts }))).status).toBe(200);
    }
    await quiet(500);
    expect(h.sent).toHaveLength(1);
    // a plain question in the thread still reads the thread's topic (谢谢 did not replace it)
    const t = newTs();
    await ask(eventEnvelope({ type: 'message', channel_type: 'channel', channel: 'C0CHAT', user: 'U0ASKER', text: '2025年的目标是什么?', ts: t, event_ts: t, thread_ts: first.ts }), 2);
    const header = h.sent[1]!.blocks.find((b) => b.type === 'header')?.text.text as string;
    expect(header).toContain('养老');
    expect(header).toContain('行动目标');
  });

  it('keeps contexts of two threads apart (数字乡村 in one, 养老 in another)', async () => {
    const a = mention('数字乡村', 'C0TWO');
    const b = mention('养老', 'C0TWO');
    await ask(a.envelope, 1);
    await ask(b.envelope, 2);
    await ask(mention('2025年的目标是什么?', 'C0TWO', { thread_ts: a.ts }).envelope, 3);
    const inA = h.sent.find((m, i) => i >= 2 && m.thread_ts === a.ts)!;
    expect(inA.blocks.find((x) => x.type === 'header')?.text.text).toContain('数字乡村');
  });

  it('answers a direct message in the DM, and 更多 continues the DM\'s context', async () => {
    const ts1 = newTs();
    await ask(eventEnvelope({ type: 'message', channel_type: 'im', channel: 'D0DM', user: 'U0ASKER', text: '数据治理', ts: ts1, event_ts: ts1 }), 1);
    expect(h.sent[0]!.channel).toBe('D0DM');
    expect(h.sent[0]!.thread_ts).toBeUndefined();
    const ts2 = newTs();
    await ask(eventEnvelope({ type: 'message', channel_type: 'im', channel: 'D0DM', user: 'U0ASKER', text: '更多', ts: ts2, event_ts: ts2 }), 2);
    expect(h.sent[1]!.blocks.find((x) => x.type === 'header')?.text.text).toMatch(/数据治理 · 4–/);
  });

  it('ignores bot messages, its own messages, edits and channel messages outside its threads', async () => {
    const ts = newTs();
    const ignored = [
      { type: 'message', channel_type: 'im', channel: 'D0DM2', user: 'U0OTHER', bot_id: 'B0OTHER', text: '应急管理', ts, event_ts: ts },
      { type: 'message', channel_type: 'im', channel: 'D0DM2', subtype: 'bot_message', bot_id: 'B0PLANBOT', text: '应急管理', ts, event_ts: ts },
      { type: 'message', channel_type: 'im', channel: 'D0DM2', subtype: 'message_changed', ts, event_ts: ts, message: { text: '应急管理' } },
      { type: 'message', channel_type: 'im', channel: 'D0DM2', user: BOT_USER_ID, text: '应急管理', ts, event_ts: ts },
      { type: 'message', channel_type: 'channel', channel: 'C0CHAN', user: 'U0ASKER', text: '应急管理', ts, event_ts: ts },
      { type: 'app_mention', channel: 'C0CHAN', user: 'U0ASKER', text: `<@${BOT_USER_ID}> 应急管理`, ts, event_ts: ts, edited: { user: 'U0ASKER', ts } },
    ];
    for (const event of ignored) expect((await sendEvent(h.base, eventEnvelope(event))).status).toBe(200);
    await quiet(500);
    expect(h.sent).toHaveLength(0);
  });

  it('answers Slack\'s url_verification challenge', async () => {
    const res = await sendEvent(h.base, { type: 'url_verification', challenge: 'c-123', token: 'x' });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ challenge: 'c-123' });
  });
});
