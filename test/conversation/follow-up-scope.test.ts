// Follow-ups that keep part of what was in view: a year (2023年呢) keeps the topic and asks its goals; 那X呢 under a 专栏
// keeps the 专栏 when it has an item on X; 第N条 after "which box is this in" is that 专栏's item N. Real Redis.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { Bot } from '../../src/conversation/bot.js';
import { targetAnswer } from '../../src/conversation/target-answer.js';
import { RedisStore } from '../../src/store/redis-store.js';
import { conversationWith } from '../support/conversation.js';
import { knowledge } from '../support/knowledge.js';

const store = new RedisStore({ url: inject('redisUrl'), prefix: `year-follow-up-${process.pid}:` });
beforeAll(() => store.ready());
afterAll(() => store.close());

describe('a follow-up naming only a year', () => {
  it('answers the goals of the topic in view for that year, Chinese or English', async () => {
    const say = conversationWith(new Bot({ knowledge: knowledge(), store, answerCacheSize: 0 }));
    expect((await say('数字乡村')).results.length).toBeGreaterThan(0);
    const goals = await say('2023年呢');
    expect(goals.results[0]?.title).toBe('数字乡村发展行动 · 行动目标');
    expect(goals.results[0]?.text).toContain('到2023年');
    expect((await say('what about 2025')).results[0]?.text).toContain('到2025年');
  });

  it('a task of an action without goals of its own gets that action\'s goals first, saying so', async () => {
    const say = conversationWith(new Bot({ knowledge: knowledge(), store, answerCacheSize: 0 }));
    expect((await say('智慧农业有什么规划')).results[0]?.title).toBe('发展农村数字经济。');
    const goals = await say('2023年呢');
    expect(goals.results.map((r) => r.title)).toEqual(['数字乡村发展行动 · 行动目标', '发展农村数字经济。']);
    expect(goals.results[0]?.text).toMatch(/^到2023年/);
    expect(goals.notice).toBe('「智慧农业」是「数字乡村发展行动」的一项任务,以下先列该行动的目标');
  });
});

describe('那X呢 while an item of a 专栏 leads the list', () => {
  it('the same 专栏\'s item on the new topic comes first; a topic the 专栏 has no item on is searched as before', async () => {
    const say = conversationWith(new Bot({ knowledge: knowledge(), store, answerCacheSize: 0 }));
    expect((await say('规划里讲的人工智能社会治理实验有哪些?')).results[0]?.title).toBe('开展医学人工智能社会治理实验。');
    expect((await say('医疗方面的呢?')).results[0]?.title).toBe('开展医学人工智能社会治理实验。');
    const elderly = await say('那养老呢?');
    expect(elderly.results[0]?.title).toBe('开展养老社会实验。');
    // the plan's other passages on the topic follow
    expect(elderly.results.map((r) => r.title)).toContain('培育规范智慧养老服务。');
    expect((await say('那区块链呢')).results[0]?.title).toBe('推进区块链技术应用和产业生态健康有序发展。');
  });

  it('without a 专栏 in view, 那养老呢 is the plain search', async () => {
    const say = conversationWith(new Bot({ knowledge: knowledge(), store, answerCacheSize: 0 }));
    await say('数字乡村');
    expect((await say('那养老呢?')).results[0]?.title).toBe('培育规范智慧养老服务。');
  });
});

describe('第N条 after the place of a passage is shown as a 专栏', () => {
  it('is item N of that 专栏, in English or Chinese', async () => {
    const say = conversationWith(new Bot({ knowledge: knowledge(), store, answerCacheSize: 0 }));
    expect((await say('What does the plan say about fighting telecom fraud?')).results[0]?.title).toBe('完善精准化犯罪打击体系。');
    expect((await say('which box is this in?')).results[0]?.title).toBe('专栏12 智慧公安建设提升工程');
    expect((await say('第2条')).results[0]?.title).toBe('构建一体化指挥通信体系。');
    expect((await say("what's item 5")).results[0]?.title).toBe('健全便捷化惠民服务体系。');
  });
});

describe('有哪些重点工程 asked of what is shown', () => {
  it('a 专栏 on the first page of the answer is the topic\'s 专栏 when none names the long topic', async () => {
    const say = conversationWith(new Bot({ knowledge: knowledge(), store, answerCacheSize: 0 }));
    const first = await say('派出所想推動治安防控智慧化,規劃裡怎麼說?');
    expect(first.results.map((r) => r.title)).toContain('专栏12 智慧公安建设提升工程');
    const boxes = await say('相关专栏');
    expect(boxes.results.map((r) => r.title)).toEqual(['专栏12 智慧公安建设提升工程']);
  });

  it('a topic with no 专栏 on screen or by name still says so', async () => {
    const say = conversationWith(new Bot({ knowledge: knowledge(), store, answerCacheSize: 0 }));
    await say('区块链');
    expect((await say('有哪些重点工程?')).title).toBe('「区块链」没有对应的重点工程专栏');
  });
});

describe('a list of one 专栏', () => {
  it('第1条 is its first item and 最后一条 its last, as the items are numbered on screen', async () => {
    const say = conversationWith(new Bot({ knowledge: knowledge(), store, answerCacheSize: 0 }));
    await say('派出所想推動治安防控智慧化,規劃裡怎麼說?');
    expect((await say('相关专栏')).results.map((r) => r.title)).toEqual(['专栏12 智慧公安建设提升工程']);
    expect((await say('第1条')).results[0]?.title).toBe('强化集约化基础支撑体系。');
    expect((await say('最后一条')).results[0]?.title).toBe('健全便捷化惠民服务体系。');
  });
});

describe('这个 after goals', () => {
  it('is the goal shown, not the section the topic names (数字政府 → 发展目标, not 打造协同高效的数字政府服务体系)', async () => {
    const say = conversationWith(new Bot({ knowledge: knowledge(), store, answerCacheSize: 0 }));
    expect((await say('数字政府到2025年要达到什么目标')).results[0]?.title).toBe('数字政府建设水平全面提升。');
    await say('那数字民生呢');
    await say('回到刚才数字政府那个');
    const where = await say('which part is this in');
    expect(where.title).toContain('二、总体部署');
  });
});

describe('有哪些重点工程 when no 专栏 names the topic or is on screen', () => {
  it('offers the 专栏 of the passage\'s own section that speaks most of it, saying so; 第一条 is its first item', async () => {
    const say = conversationWith(new Bot({ knowledge: knowledge(), store, answerCacheSize: 0 }));
    expect((await say('遏制重特大事故发生这句话是规划哪里说的')).results[0]?.title).toBe('打造平战结合的应急信息化体系。');
    const boxes = await say('有哪些重点工程?');
    expect(boxes.results.map((r) => r.title)).toEqual(['专栏14 应急管理现代化能力提升工程']);
    expect(boxes.notice).toMatch(/^没有专门讲「遏制重特大事故发生」的专栏,以下是它所在的\(六\)/);
    expect((await say('第一条讲啥')).results[0]?.title).toBe('提升风险监测预警能力。');
  });
});

describe('goals of a task inside an action', () => {
  it('list the action\'s 行动目标 once, first, in the whole list 更多 pages through', () => {
    const turn = targetAnswer(knowledge(), '智慧水利', undefined);
    expect(turn.reply.notice).toContain('是「绿色智慧生态文明建设行动」的一项任务');
    const ids = turn.ctx!.list;
    expect(ids.length).toBeGreaterThan(3);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
