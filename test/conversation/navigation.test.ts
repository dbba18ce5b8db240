// Follow-ups as people say them, through the bot on a real Redis: relative steps from the item in focus, picks
// counted from the end, back to an earlier topic, explicit switches, the same question in another year, "where is
// this" — each within one context read and one write per turn.
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { Bot } from '../../src/conversation/bot.js';
import { ConversationContext, MAX_TOPICS } from '../../src/conversation/context.js';
import { earlierTopics } from '../../src/conversation/topic-history.js';
import { Reply } from '../../src/reply/reply.js';
import { RedisStore } from '../../src/store/redis-store.js';
import type { Store } from '../../src/store/store.js';
import { knowledge } from '../support/knowledge.js';

const prefix = `nav-${randomUUID().slice(0, 8)}:`;
const store = new RedisStore({ url: inject('redisUrl'), prefix });
const raw = new Redis(inject('redisUrl'));
beforeAll(() => store.ready());
afterAll(async () => {
  await store.close();
  raw.disconnect();
});

const counts = { reads: 0, writes: 0 };
const counted = new Proxy(store, {
  get(target, prop, receiver) {
    const value = Reflect.get(target, prop, receiver) as unknown;
    if (typeof value !== 'function') return value;
    return (...args: unknown[]) => {
      if (prop === 'getContext' || prop === 'getContextWithEarlier') counts.reads++;
      if (prop === 'setContext' || prop === 'deleteContext') counts.writes++;
      return (value as (...a: unknown[]) => unknown).apply(target, args);
    };
  },
}) as Store;
const bot = new Bot({ knowledge: knowledge(), store: counted });

/** The stored context of a conversation, read from Redis directly (what the next turn will read). */
async function stored(conversation: string): Promise<Record<string, any> | null> {
  const raw_ = await raw.get(`${prefix}ctx:slack:T1:${encodeURIComponent(conversation)}`);
  return raw_ ? (JSON.parse(raw_) as Record<string, any>) : null;
}

function conversation() {
  const key = { platform: 'slack' as const, workspace: 'T1', conversation: `C-${randomUUID().slice(0, 8)}` };
  let i = 0;
  const say = async (text: string): Promise<Reply> => {
    counts.reads = counts.writes = 0;
    const r = await bot.handle({ ...key, user: 'U1', text, messageId: `${key.conversation}-${i++}` });
    expect(counts.reads, text).toBeLessThanOrEqual(1);
    expect(counts.writes, text).toBeLessThanOrEqual(1);
    expect(Reply.safeParse(r).success).toBe(true);
    return r;
  };
  return Object.assign(say, { key });
}

const id = (r: Reply, i = 0) => r.results[i]?.id;
const top = (r: Reply) => `${r.results[0]?.title}\n${r.results[0]?.text}\n${r.results[0]?.path.join(' ')}`;

describe('relative navigation', () => {
  it('下一条 / 上一个 move from the entry opened last, within its list', async () => {
    const say = conversation();
    const list = await say('/plan 数据共享');
    await say('第3条');
    const more = await say('更多');
    expect(more.start).toBe(4);
    const say2 = conversation();
    await say2('/plan 数据共享');
    await say2('第3条');
    expect(id(await say2('上一个'))).toBe(id(list, 1));
    expect(id(await say2('上一条'))).toBe(id(list, 0));
    expect((await say2('上一条')).title).toBe('已经是第一条');
    expect(id(await say2('next'))).toBe(id(list, 1));
  });

  it('with nothing opened, next is the next page and previous asks to open one first', async () => {
    const say = conversation();
    const first = await say('/plan 数据安全');
    const next = await say('next');
    expect(next.start).toBe(first.results.length + 1);
    expect(next.results.some((r) => first.results.some((f) => f.id === r.id))).toBe(false);
    const say2 = conversation();
    await say2('/plan 数据安全');
    expect((await say2('上一条')).title).toBe('还没有打开任何一条');
  });

  it('from an element shown on its own, its neighbour in the plan: item after item, box after box, section after section', async () => {
    const say = conversation();
    await say('专栏12第3条');
    expect(top(await say('下一条'))).toContain('升级立体化治安防控体系');
    expect(top(await say('下一条'))).toContain('健全便捷化惠民服务体系');
    expect((await say('下一条')).title).toBe('已经是最后一个了');
    expect(top(await say('下一个专栏'))).toContain('专栏13');
    const boxes = conversation();
    await boxes('专栏12');
    expect(top(await boxes('下一个'))).toContain('专栏13');
    const parts = conversation();
    await parts('第四部分第二节');
    expect(top(await parts('下一节'))).toContain('构建释放数字生产力的创新发展体系');
    expect(top(await parts('上一部分'))).toContain('三、主攻方向');
  });

  it('最后一个 / 倒数第二条 count back from the last entry shown', async () => {
    const say = conversation();
    const list = await say('/plan 人工智能');
    expect(id(await say('最后一个详细说说'))).toBe(id(list, list.results.length - 1));
    const box = conversation();
    await box('/plan 人工智能社会治理实验工程');
    expect(top(await box('倒数第二条'))).toContain('减少人民群众生命财产损失');
    expect(top(await box('上一条'))).toContain('开展教育社会实验');
  });

  it('上一页 goes back a page; 上一级 goes up from item to box to section to part', async () => {
    const say = conversation();
    const page1 = await say('/plan 数据共享');
    await say('更多');
    const page3 = await say('换一批');
    expect(page3.start).toBe(7);
    expect((await say('上一页')).start).toBe(4);
    expect(id(await say('previous page'))).toBe(id(page1));
    expect((await say('上一页')).title).toBe('已经是第一页');
    const tree = conversation();
    await tree('专栏12第3条');
    expect(top(await tree('上一级'))).toContain('专栏12 智慧公安建设提升工程');
    expect(top(await tree('返回上一级'))).toContain('构筑共建共治共享的数字社会治理体系');
    expect(top(await tree('go up'))).toContain('四、重大任务和重点工程');
  });

  it('第N个 … 展开 opens the N-th of the last list', async () => {
    const say = conversation();
    const list = await say('/plan 数据开放');
    expect(id(await say('把第二个展开说说'))).toBe(id(list, 1));
    expect(id(await say('第三个展开'))).toBe(id(list, 2));
  });
});

describe('back to an earlier topic', () => {
  it('回到刚才那个话题 returns to the topic before, and going back again returns', async () => {
    const say = conversation();
    const quantum = await say('/plan 量子信息');
    const chain = await say('区块链呢');
    expect(id(await say('回到刚才那个话题'))).toBe(id(quantum));
    expect(id(await say('go back'))).toBe(id(chain));
  });

  it('a word of an earlier topic picks that topic among several', async () => {
    const say = conversation();
    const quantum = await say('/plan 量子信息');
    await say('区块链呢');
    await say('智慧养老');
    expect(id(await say('我还是想再看看前面量子那个'))).toBe(id(quantum));
    expect(id(await say('go back to blockchain'))).toContain('p5.s3.para2');
  });

  it('回到最开始的话题 / go back to the first topic: the oldest topic kept', async () => {
    const say = conversation();
    const quantum = await say('/plan 量子信息');
    await say('区块链呢');
    await say('智慧养老');
    expect(id(await say('回到最开始的话题'))).toBe(id(quantum));
    await say('智慧水利');
    expect(top(await say('go back to the first topic'))).toContain('区块链');
  });

  it('right after opening an entry, back is the list it came from; after a no-match, the topic before', async () => {
    const say = conversation();
    const list = await say('/plan 量子信息');
    await say('第2条');
    expect(id(await say('回到刚才那个话题'))).toBe(id(list));
    await say('火星探测');
    expect(id(await say('回到上一个话题'))).toBe(id(list));
  });

  it('a word that names no earlier topic is a new question about it; nothing earlier says so', async () => {
    const say = conversation();
    await say('/plan 量子信息');
    expect(top(await say('回到智慧水利那个话题'))).toContain('智慧水利');
    const lone = conversation();
    await lone('/plan 量子信息');
    expect((await lone('回到上一个话题')).title).toBe('没有更早的话题');
  });

  it('goes back to a topic kept inside a context stored before earlier topics were kept apart', async () => {
    const say = conversation();
    await say('/plan 量子信息');
    const old = await stored(say.key.conversation);
    await say('/plan 智慧水利');
    const now = await stored(say.key.conversation);
    // the shape an earlier version stored: the earlier topics inside the context, nothing kept beside it
    await raw.del(`${prefix}ctxe:slack:T1:${encodeURIComponent(say.key.conversation)}`);
    const { v: _v, updatedAt: _u, ...oldTopic } = old!;
    await raw.set(`${prefix}ctx:slack:T1:${encodeURIComponent(say.key.conversation)}`, JSON.stringify({ ...now, history: [oldTopic] }));
    expect(top(await say('回到上一个话题'))).toContain('量子信息');
  });

  it(`keeps at most ${MAX_TOPICS} earlier topics`, async () => {
    const say = conversation();
    for (const t of ['应急管理', '数据安全', '区块链', '智慧养老', '数字乡村', '量子信息', '智慧水利']) await say(`/plan ${t}`);
    const ctx = await stored(say.key.conversation);
    expect(ctx?.topic).toBe('智慧水利');
    // what going back reads: the contexts the Store kept, without repeats, at most MAX_TOPICS
    const { current, earlier } = await store.getContextWithEarlier(say.key, ConversationContext);
    expect(earlierTopics(current, earlier).map((h) => h.topic)).toEqual(['量子信息', '数字乡村', '智慧养老', '区块链', '数据安全']);
    // and going back walks them: the newest first, the current one kept in its place
    expect(top(await say('回到上一个话题'))).toContain('量子信息');
    expect(top(await say('回到上一个话题'))).toContain('智慧水利');
  });
});

describe('switches and questions about "it"', () => {
  it.each([
    ['不说这个了,讲讲数字贸易', '数字贸易开放合作行动'],
    ['好的谢谢,不说这个了,讲讲数字贸易吧', '数字贸易开放合作行动'],
    ['换个话题吧,聊聊智慧养老', '智慧养老'],
    ['never mind, tell me about rural digitalization', '数字乡村'],
  ])('"%s" is a new question', async (q, want) => {
    const say = conversation();
    await say('/plan 数据治理');
    expect(top(await say(q))).toContain(want);
  });

  it('算了…X呢 asks about X afresh instead of carrying the last question type over', async () => {
    const say = conversation();
    await say('数字乡村的目标');
    expect((await say('那智慧养老呢')).results[0]!.kind).toBe('target');
    const fresh = conversation();
    await fresh('数字乡村的目标');
    expect((await fresh('算了,数据治理呢')).intent).toBe('search');
  });

  it('换一批 is the next page; 它2023年的目标 then 换成2025年看看 keep the topic and change the year', async () => {
    const say = conversation();
    const first = await say('/plan 公共安全');
    const batch = await say('换一批');
    expect(batch.results.length).toBeGreaterThan(0);
    expect(batch.results.some((r) => first.results.some((f) => f.id === r.id))).toBe(false);
    const eco = conversation();
    await eco('/plan 生态文明');
    expect((await eco('它2023年的目标')).results[0]!.text.startsWith('到2023年')).toBe(true);
    const y2025 = await eco('换成2025年看看');
    expect(y2025.results[0]!.text.startsWith('到2025年')).toBe(true);
    expect(y2025.results[0]!.text).toContain('有力支撑美丽中国建设');
  });

  it('这个属于哪个专栏 / 这个在规划的哪一部分 answer with the box or section holding the current topic', async () => {
    const say = conversation();
    await say('/plan 警用无线局域网');
    const box = await say('这个属于哪个专栏');
    expect(box.results[0]!.title).toContain('智慧公安建设提升工程');
    const home = conversation();
    await home('/plan 数字家庭');
    expect(top(await home('這個在規劃的哪一部分'))).toContain('构筑共建共治共享的数字社会治理体系');
  });
});

describe('stored context', () => {
  it('a context stored before topics were kept (v1 without history) still reads and pages on', async () => {
    const say = conversation();
    const list = await say('/plan 数据安全');
    const key = `${prefix}ctx:slack:T1:${encodeURIComponent(say.key.conversation)}`;
    const value = (await stored(say.key.conversation))!;
    delete value.history;
    await raw.set(key, JSON.stringify(value));
    const more = await say('更多');
    expect(more.start).toBe(list.results.length + 1);
  });

  it('a history of the wrong shape makes the whole context read as absent, and the next topic starts clean', async () => {
    const say = conversation();
    await say('/plan 数据安全');
    const key = `${prefix}ctx:slack:T1:${encodeURIComponent(say.key.conversation)}`;
    await raw.set(key, JSON.stringify({ ...(await stored(say.key.conversation)), history: [{ topic: 3 }] }));
    expect((await say('更多')).title).toMatch(/没有上一个问题/);
    await say('/plan 区块链');
    expect((await stored(say.key.conversation))?.history).toBeUndefined();
  });
});
