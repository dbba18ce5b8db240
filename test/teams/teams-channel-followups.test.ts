// Channel follow-ups without a mention (issue 13): with the ChannelMessage.Read.Group consent Teams delivers every
// channel message; plan-bot answers a plain one only in a reply chain it has answered in, while that chain's context
// lives. Activities POSTed over real HTTP to /api/messages, replies captured at the Connector's serviceUrl with nock.
import '../support/node20-nock.js';
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { loadReference } from '../../adapters/teams/conversation-reference.js';
import { replyChainName } from '../../adapters/teams/reply-chains.js';
import { cards, mention, message, TENANT, texts, UNAUTHENTICATED, useTeams } from './teams-harness.js';

/** A short context TTL, so that the chain's record is seen to expire with it. */
const CONTEXT_TTL_SECONDS = 3;


const teams = useTeams({ ...UNAUTHENTICATED, contextTtlSeconds: CONTEXT_TTL_SECONDS });

const channel = '19:plan-followups@thread.tacv2';
const chain = (root: string) => `${channel};messageid=${root}`;
const inChannel = { conversationType: 'channel' as const };

/** POST an activity; it must get 200, and `answered` says whether a reply was posted. */
async function send(activity: object, answered: boolean): Promise<Record<string, any> | undefined> {
  const before = teams().posted.length;
  const res = await teams().post(activity);
  expect(res.status).toBe(200);
  // give a wrongly taken message time to be answered, so "nothing is sent" is really checked
  if (!answered) await new Promise((r) => setTimeout(r, 50));
  expect(teams().posted.length).toBe(before + (answered ? 1 : 0));
  return answered ? cards(teams().posted.slice(before))[0] : undefined;
}

describe('Teams channel follow-ups without a mention', () => {
  it('after "@plan-bot 养老" is answered in a reply chain, a plain "2025年的目标是什么?" there is answered from that chain', async () => {
    const root = '1700000100001';
    await send(mention('养老', { ...inChannel, conversationId: chain(root), id: root }), true);
    const goal = await send(message('2025年的目标是什么?', { ...inChannel, conversationId: chain(root) }), true);
    expect(teams().posted.at(-1)!.conversation).toBe(chain(root));
    expect(texts(goal!)[0]).toMatch(/^养老 的行动目标/);
    expect(texts(goal!).join('\n')).toContain('到**2025年**,老年人运用智能技术困难问题得到解决');
    // and the follow-up after that, still with no mention
    const more = await send(message('出处', { ...inChannel, conversationId: chain(root) }), true);
    expect(texts(more!).join('\n')).toMatch(/国家信息化规划/);
  });

  it('leaves talk between people in its chain alone (谢谢, 好的), and the chain keeps its topic', async () => {
    const root = '1700000100051';
    await send(mention('养老', { ...inChannel, conversationId: chain(root), id: root }), true);
    for (const text of ['谢谢', '好的,收到', 'ok thanks']) await send(message(text, { ...inChannel, conversationId: chain(root) }), false);
    const goal = await send(message('2025年的目标是什么?', { ...inChannel, conversationId: chain(root) }), true);
    expect(texts(goal!)[0]).toMatch(/^养老 的行动目标/);
  });

  it('a plain message in the channel itself (a new post), or in a chain the bot has not answered in, gets no answer', async () => {
    await send(mention('应急管理', { ...inChannel, conversationId: chain('1700000100010'), id: '1700000100010' }), true);
    // a new top-level post: its conversation id names its own id as the chain
    await send(message('2025年的目标是什么?', { ...inChannel, conversationId: chain('1700000100011'), id: '1700000100011' }), false);
    // a reply in another chain of the same channel
    await send(message('更多', { ...inChannel, conversationId: chain('1700000100012') }), false);
    // the channel's id with no chain at all
    await send(message('更多', { ...inChannel, conversationId: channel }), false);
    // a mention still works anywhere, and makes that chain one the bot is in
    await send(mention('数据治理', { ...inChannel, conversationId: chain('1700000100012') }), true);
    await send(message('更多', { ...inChannel, conversationId: chain('1700000100012') }), true);
  });

  it('a plain message in a channel the bot was never asked in leaves nothing behind: no answer, no reference, no chain record', async () => {
    const quiet = '19:quiet@thread.tacv2';
    await send(message('应急管理', { ...inChannel, conversationId: `${quiet};messageid=1700000100050`, id: '1700000100050' }), false);
    expect(await loadReference(teams().store, TENANT, quiet)).toBeNull();
    expect(await teams().store.getValue(replyChainName(quiet, '1700000100050'))).toBeUndefined();
  });

  it('ignores bots, plan-bot itself included, in a chain the bot is in', async () => {
    const c = chain('1700000100020');
    await send(mention('养老', { ...inChannel, conversationId: c }), true);
    await send(message('更多', { ...inChannel, conversationId: c, from: { id: '28:another-bot', name: 'Other bot', role: 'bot' } }), false);
    await send(message('更多', { ...inChannel, conversationId: c, from: { id: '28:bot-id', name: 'plan-bot' } }), false);
    // a bot's @mention of plan-bot is ignored as well
    await send(mention('应急管理', { ...inChannel, conversationId: c, from: { id: '28:another-bot', role: 'bot' } }), false);
    // a person still gets an answer there
    await send(message('更多', { ...inChannel, conversationId: c }), true);
  });

  it('a card button pressed in a channel (Action.Submit data, no text, no mention) is answered', async () => {
    const c = chain('1700000100030');
    await send(message(undefined, { ...inChannel, conversationId: c, value: { planBot: 1, text: '专栏14' } }), true);
    expect(texts(cards(teams().posted)[0]!).join('\n')).toContain('应急管理现代化能力提升工程');
  });

  it('the chain record lives as long as the context (CONTEXT_TTL_SECONDS): after it, a plain message there is ignored', async () => {
    const root = '1700000100040';
    await send(mention('养老', { ...inChannel, conversationId: chain(root) }), true);
    expect(await teams().store.getValue(replyChainName(channel, root))).toBe(1);
    await new Promise((r) => setTimeout(r, CONTEXT_TTL_SECONDS * 1000 + 300));
    expect(await teams().store.getValue(replyChainName(channel, root))).toBeUndefined();
    await send(message('2025年的目标是什么?', { ...inChannel, conversationId: chain(root) }), false);
  });

  it('in a personal chat every message is still answered (Teams sends only what is for the bot there)', async () => {
    const card = await send(message('应急管理', { conversationId: 'a:followups-personal' }), true);
    expect(texts(card!)[0]).toMatch(/^应急管理 · /);
    await send(message('更多', { conversationId: 'a:followups-personal', from: { id: '28:another-bot', role: 'bot' } }), false);
  });
});
