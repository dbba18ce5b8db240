// Unauthenticated mode (no MICROSOFT_APP_ID): activities POSTed over real HTTP to /api/messages, replies
// captured at the Connector's serviceUrl with nock, their Adaptive Cards asserted.
import '../support/node20-nock.js';
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { loadReference } from '../../adapters/teams/conversation-reference.js';
import { BOT_ID, EMULATOR_PORT, SERVICE_URL, TENANT, cards, mention, message, submits, texts, useTeams } from './teams-harness.js';

const teams = useTeams();

async function ask(activity: object): Promise<Record<string, any>> {
  const before = teams().posted.length;
  const res = await teams().post(activity);
  expect(res.status).toBe(200);
  expect(teams().posted.length).toBe(before + 1);
  return cards(teams().posted.slice(before))[0]!;
}

describe('Teams messages, unauthenticated mode', () => {
  it('answers "/plan 应急管理" with an Adaptive Card of the 应急管理 passages, posted to the conversation', async () => {
    const card = await ask(message('/plan 应急管理', { conversationId: 'a:chat-emergency' }));
    const p = teams().posted[0]!;
    expect(p.path).toBe(`/amer/v3/conversations/${encodeURIComponent('a:chat-emergency')}/activities`);
    expect(p.body.type).toBe('message');
    expect(p.body.replyToId).toBeUndefined();
    expect(card.type).toBe('AdaptiveCard');
    expect(Number(card.version)).toBeLessThanOrEqual(1.5);
    const t = texts(card);
    expect(t[0]).toMatch(/^应急管理 · 1–3 \/ \d+$/);
    expect(t.join('\n')).toContain('专栏14 应急管理现代化能力提升工程');
    // matched terms in bold, breadcrumbs shown
    expect(t.some((x) => x.includes('**应急管理**'))).toBe(true);
    expect(t).toContain('四、重大任务和重点工程 › (六)构筑共建共治共享的数字社会治理体系 › 专栏14 应急管理现代化能力提升工程');
    const buttons = submits(card);
    expect(buttons.map((b) => b.title)).toEqual(expect.arrayContaining([expect.stringMatching(/^更多/), '展开 1', '展开 2', '展开 3', '订阅此主题']));
    expect(buttons.find((b) => b.title.startsWith('更多'))!.data).toEqual({ planBot: 1, text: '更多' });
    expect(buttons.find((b) => b.title === '订阅此主题')!.data).toEqual({ planBot: 1, text: '订阅 应急管理' });
  });

  it('strips the @mention: "<at>plan-bot</at> 应急管理" in a channel is answered in its reply chain', async () => {
    const thread = '19:general@thread.tacv2;messageid=1700000000100';
    const card = await ask(mention('应急管理', { conversationId: thread, conversationType: 'channel' }));
    expect(teams().posted[0]!.conversation).toBe(thread);
    expect(texts(card)[0]).toMatch(/^应急管理 · /);
    expect(texts(card).join('\n')).not.toContain('plan-bot');
  });

  it('a pressed 更多 button (Action.Submit data in activity.value) returns the next page in that context', async () => {
    const conv = 'a:chat-more';
    const first = await ask(message('应急管理', { conversationId: conv }));
    const more = submits(first).find((b) => b.title.startsWith('更多'))!;
    const second = await ask(message(undefined, { conversationId: conv, value: more.data }));
    expect(texts(second)[0]).toMatch(/^应急管理 · 4–6 \/ \d+$/);
    expect(texts(second).find((x) => /^4\\\. /.test(x))).toBeDefined();
    // another conversation has no such context: 更多 there is not page 2 of 应急管理
    const elsewhere = await ask(message(undefined, { conversationId: 'a:chat-other', value: more.data }));
    expect(texts(elsewhere)[0]).not.toMatch(/应急管理 · 4–6/);
  });

  it('a 展开 button shows that passage in full', async () => {
    const conv = 'a:chat-expand';
    const first = await ask(message('应急管理', { conversationId: conv }));
    const expand = submits(first).find((b) => b.title === '展开 3')!;
    expect(expand.data).toEqual({ planBot: 1, text: '展开第3条' });
    const full = await ask(message(undefined, { conversationId: conv, value: expand.data }));
    expect(texts(full).join('\n')).toContain('打造平战结合的应急信息化体系');
    expect(texts(full).join('\n')).toContain('遏制重特大事故发生');
  });

  it('a follow-up uses the conversation context: "养老", then "2025年的目标是什么?"', async () => {
    const conv = 'a:chat-elderly';
    const first = await ask(message('养老', { conversationId: conv }));
    expect(texts(first)[0]).toMatch(/养老/);
    const goal = await ask(message('2025年的目标是什么?', { conversationId: conv }));
    const all = texts(goal).join('\n');
    expect(texts(goal)[0]).toMatch(/^养老 的行动目标/);
    expect(all).toContain('到**2025年**,老年人运用智能技术困难问题得到解决');
    // the same question without the context is about the plan's goals in general, not 养老
    const fresh = await ask(message('2025年的目标是什么?', { conversationId: 'a:chat-fresh' }));
    expect(texts(fresh)[0]).not.toMatch(/养老/);
  });

  it('keeps one context per reply chain in a channel', async () => {
    const a = '19:ops@thread.tacv2;messageid=1700000000201';
    const b = '19:ops@thread.tacv2;messageid=1700000000202';
    await ask(mention('养老', { conversationId: a, conversationType: 'channel' }));
    await ask(mention('应急管理', { conversationId: b, conversationType: 'channel' }));
    const inA = await ask(mention('更多', { conversationId: a, conversationType: 'channel' }));
    expect(teams().posted.at(-1)!.conversation).toBe(a);
    expect(texts(inA)[0]).toMatch(/养老/);
  });

  it('answers the same activity id once', async () => {
    const activity = message('数据治理', { conversationId: 'a:chat-dup', id: '1700000009999' });
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await teams().post(activity)).status);
    expect(statuses).toEqual([200, 200, 200]);
    expect(teams().posted.length).toBe(1);
  });

  it('a reply the Connector refuses gets 500 and gives the activity id back, so a redelivery is answered', async () => {
    const connector = `http://127.0.0.1:${EMULATOR_PORT}`;
    const emea = `${connector}/emea/`;
    const refused = nock(connector).post(/^\/emea\/v3\/conversations\/.+\/activities$/).reply(400, { error: { code: 'BadArgument', message: 'refused' } });
    const accepted = nock(connector).post(/^\/emea\/v3\/conversations\/.+\/activities$/).reply(201, { id: 'ok' });
    const activity = message('数据治理', { conversationId: 'a:chat-refused', id: '1700000008888', serviceUrl: emea });
    expect((await teams().post(activity)).status).toBe(500);
    expect(refused.isDone()).toBe(true);
    expect((await teams().post(activity)).status).toBe(200);
    expect(accepted.isDone()).toBe(true);
  });

  it('welcomes with help when the bot is added, and saves the conversation reference', async () => {
    const conv = '19:team-general@thread.tacv2';
    const res = await teams().post({
      ...message(undefined, { conversationId: conv, conversationType: 'channel' }),
      type: 'conversationUpdate',
      membersAdded: [{ id: BOT_ID }],
      channelData: { tenant: { id: TENANT }, eventType: 'teamMemberAdded', team: { id: conv } },
    });
    expect(res.status).toBe(200);
    expect(teams().posted.length).toBe(1);
    const t = texts(cards(teams().posted)[0]!);
    expect(t[0]).toBe('你好,我是 plan-bot');
    expect(t.join('\n')).toContain('应急管理');
    const ref = await loadReference(teams().store, TENANT, conv);
    expect(ref).toMatchObject({ channelId: 'msteams', serviceUrl: SERVICE_URL, conversation: { id: conv, tenantId: TENANT }, bot: { id: BOT_ID } });
  });

  it('does not welcome when someone else joins', async () => {
    const res = await teams().post({ ...message(undefined, { conversationId: 'a:chat-join' }), type: 'conversationUpdate', membersAdded: [{ id: '29:someone' }] });
    expect(res.status).toBe(200);
    expect(teams().posted.length).toBe(0);
  });

  it('saves the channel (not the reply chain) as the reference for digests', async () => {
    await ask(mention('专栏14', { conversationId: '19:digest@thread.tacv2;messageid=1700000000300', conversationType: 'channel' }));
    const ref = await loadReference(teams().store, TENANT, '19:digest@thread.tacv2');
    expect(ref?.conversation.id).toBe('19:digest@thread.tacv2');
    expect(ref?.conversation.conversationType).toBe('channel');
  });

  it('escapes user text: a typed Markdown link, mention or URL does not become one in the card', async () => {
    const card = await ask(message('[点我](https://evil.example/x) <at>everyone</at> **粗体**', { conversationId: 'a:chat-inject' }));
    const all = texts(card).join('\n');
    expect(all).not.toMatch(/\[点我\]\(/);
    expect(all).not.toContain('https://');
    expect(all).not.toMatch(/(^|[^\\])\*\*粗体/);
    expect(card.msteams?.entities).toBeUndefined();
  });

  it('rejects what is not an activity with 400, and other methods with 405', async () => {
    expect((await fetch(teams().url, { method: 'POST', body: 'not json' })).status).toBe(400);
    expect((await fetch(teams().url, { method: 'POST', body: '{"text": "no type"}' })).status).toBe(400);
    expect((await teams().post({ type: 'message', text: 'x' })).status).toBe(400);
    expect((await fetch(teams().url)).status).toBe(405);
    expect(teams().posted.length).toBe(0);
  });
});
