// Intents: what a chat message asks for, in Chinese and English phrasing, with /plan and mentions ignored.
import { describe, expect, it } from 'vitest';
import { parseIntent, stripChatNoise } from '../src/intents/parse-intent.js';
import type { Intent } from '../src/intents/intent.js';
import { knowledge } from './support/knowledge.js';

const intent = (text: string): Intent => parseIntent(text, knowledge());
const PLAN = 'xinxihua-14th';

describe('help', () => {
  it.each(['help', 'HELP', '帮助', '/plan', '/plan   ', '', '   ', '/plan help', '/plan 帮助', '?', '？', '@plan-bot help'])('"%s" → help', (text) => {
    expect(intent(text)).toEqual({ type: 'help' });
  });
});

describe('structure', () => {
  it.each(['目录', '/plan 目录', '大纲', 'outline', 'table of contents', 'TOC'])('"%s" → outline', (text) => {
    expect(intent(text)).toEqual({ type: 'outline' });
  });

  it.each([
    ['专栏14', 14],
    ['专栏 14', 14],
    ['专栏十四', 14],
    ['/plan 专栏14', 14],
    ['box 14', 14],
  ])('"%s" → box %i', (text, box) => {
    expect(intent(text)).toEqual({ type: 'box', box });
  });

  it.each(['专栏12第3条', '专栏12 第三条', '专栏12的第3项', '专栏１２第３条', 'box 12 item 3'])('"%s" → box 12 item 3', (text) => {
    expect(intent(text)).toEqual({ type: 'box', box: 12, item: 3 });
  });

  it.each(['第五部分', '第5部分', 'part 5', 'Part 5', '第五部分讲了什么'])('"%s" → part 5', (text) => {
    expect(intent(text)).toEqual({ type: 'part', part: 5 });
  });

  it.each([
    ['优先行动', `${PLAN}:p5`],
    ['主攻方向', `${PLAN}:p3`],
    ['发展目标', `${PLAN}:p2.s3`],
    ['/plan 主攻方向', `${PLAN}:p3`],
  ])('"%s" → the heading %s', (text, nodeId) => {
    expect(intent(text)).toEqual({ type: 'heading', nodeId });
  });
});

describe('requests a policy plan never answers', () => {
  it.each(['5G手机哪款性价比高', 'Can you recommend a good online course for learning artificial intelligence?', '推荐一款适合老人用的智能手机', 'how much does it cost to buy a 5G phone', 'how much does a 5G phone cost', 'How much is the price of a smart speaker?', '帮我查下我的快递到哪了', 'Can you track my package?', '5G基站的辐射对人体有害吗', '被电信网络诈骗骗走的钱怎么追回来?'])(
    '"%s" is marked off-topic (shopping advice, prices, recommendations, one\'s own parcel, health effects)',
    (q) => expect(intent(q)).toMatchObject({ type: 'search', offTopic: true }),
  );
  it.each(['5G', '人工智能', '在线教育', '规划对5G网络建设有什么要求', 'how much does the plan say about AI', 'how much is invested in rural broadband', 'What does the plan recommend for data governance?', 'how much does the plan invest in computing power', '快递物流', '规划对快递物流的风险防控怎么说', '网络有害信息治理'])('"%s" is not', (q) => expect(intent(q)).not.toHaveProperty('offTopic'));
});

describe('targets', () => {
  it('how things will be by a year, or what something is to become, asks for its goal', () => {
    expect(intent('2025年数字乡村会是什么样')).toMatchObject({ type: 'target', topic: '数字乡村', year: 2025 });
    expect(intent('2023年的时候数据要素市场是什么样')).toMatchObject({ type: 'target', topic: '数据要素市场', year: 2023 });
    expect(intent('到2025年数字产品和服务市场要发展成什么样')).toMatchObject({ type: 'target', year: 2025 });
    expect(intent('智慧城市要建成什么样子')).toMatchObject({ type: 'target', topic: '智慧城市' });
    expect(intent('到2025年新型智慧城市要推进到什么程度')).toMatchObject({ type: 'target', topic: '新型智慧城市', year: 2025 });
    // without a year, "what kind of" is no goal question; nor is 有什么样的 with one, nor an amount (2000万)
    expect(intent('什么样的企业能参与数字化转型')).toMatchObject({ type: 'search' });
    expect(intent('2025年有什么样的政策支持')).toMatchObject({ type: 'search' });
    expect(intent('投资2000万的项目是什么样的')).toMatchObject({ type: 'search' });
  });

  it('topic and year', () => {
    expect(intent('数字乡村2025年目标')).toMatchObject({ type: 'target', topic: '数字乡村', year: 2025 });
    expect(intent('全民数字技能2023年的目标是什么?')).toMatchObject({ type: 'target', topic: '全民数字技能', year: 2023 });
  });

  it('topic without year, year without topic', () => {
    const t = intent('基层智慧治理的行动目标');
    expect(t).toMatchObject({ type: 'target', topic: '基层智慧治理' });
    expect(t).not.toHaveProperty('year');
    const y = intent('2023年的目标');
    expect(y).toMatchObject({ type: 'target', year: 2023 });
    expect(y).not.toHaveProperty('topic');
  });

  it('English: topic through the glossary', () => {
    expect(intent('goals of rural digitalization')).toMatchObject({ type: 'target', topic: '数字乡村' });
  });

  it('the plan as a whole: 总体上, 国家信息化, 十四五期间 are no topic, and need no context', () => {
    expect(intent('到2025年国家信息化总体上要达到什么目标')).toEqual({ type: 'target', overall: true, year: 2025, extras: [] });
    expect(intent('十四五期间信息化发展的主要目标')).toMatchObject({ type: 'target', overall: true });
    expect(intent('规划的总体目标是什么')).toMatchObject({ type: 'target', overall: true });
    // a real subject stays one, with no goal word left in it (要达到什么目标 has two)
    expect(intent('数字乡村2025年要达到什么目标')).toEqual({ type: 'target', topic: '数字乡村', year: 2025, extras: [] });
  });

  it('要达到什么效果 / 什么样的水平 are goal words too, not part of the topic', () => {
    expect(intent('到2023年国家数字乡村试点示范要达到什么效果')).toMatchObject({ type: 'target', topic: '国家数字乡村试点示范', year: 2023 });
    expect(intent('数字政府要达到什么样的水平')).toMatchObject({ type: 'target', topic: '数字政府' });
  });

  it('in a message of several clauses, the topic comes from the clause that asks, when it names one', () => {
    // who asks and why come first; what about is in the asking clause
    const long = intent('我在一个省会机场的信息部门上班,最近集团在做智慧民航的五年规划,想问一下规划里对民航、水运这些交通基础设施智能化有没有提目标');
    expect(long).toMatchObject({ type: 'target' });
    expect((long as { topic: string }).topic).toMatch(/^民航 水运/);
    // the asking clause names nothing of its own: the topic is in the clause before
    expect(intent('数字乡村,2025年要达到什么目标')).toMatchObject({ type: 'target', topic: '数字乡村', year: 2025 });
    expect((intent('黨建引領、服務導向的數位社會治理格局,規劃的目標是怎麼寫的?') as { topic: string }).topic).toContain('数字社会治理');
    expect(intent('我们是做养老服务的,想知道智慧养老有什么重点工程')).toEqual({ type: 'boxes', topic: '智慧养老' });
  });

  it('a search of several clauses remembers the topic of the clause that asks, wherever it stands', () => {
    // the question first, who asks after it: the last clause names a plan word (云服务) but asks nothing
    expect(intent('数据安全方面有啥要求,我们是做云服务的')).toMatchObject({ type: 'search', topic: '数据安全' });
    // who asks first, the question last
    expect(intent('我在应急管理局上班,想看看规划里应急信息化这块是怎么部署的')).toMatchObject({ type: 'search', topic: '应急信息化' });
    // the asking clause names only common words (相关的政策): the clause naming a telling one, here a synonym of the plan's
    expect(intent('我是做跨境电商的,规划里有什么相关的政策')).toMatchObject({ type: 'search', topic: '跨境电商' });
    // the asking clause names only one of the plan's own units (优先行动) and points back (讲这个): the clause before
    expect(intent('我们是做国家公园生态监测的,规划里有没有专门的优先行动讲这个')).toMatchObject({ type: 'search', topic: '国家公园生态监测' });
    // no clause asks: the last one naming a plan word
    expect(intent('我们是做云服务的,数据安全这块')).toMatchObject({ type: 'search', topic: '数据安全' });
  });

  it('English: the year is kept', () => {
    expect(intent('what are the targets for 2025')).toMatchObject({ type: 'target', year: 2025 });
    expect(intent('rural digitalization targets for 2023')).toMatchObject({ type: 'target', topic: '数字乡村', year: 2023 });
  });
});

describe('follow-ups (parsed now, resolved against the context)', () => {
  it.each([['2023年呢', 2023], ['那2025年的呢', 2025], ['2025呢', 2025], ['what about 2023', 2023], ['and for 2025?', 2025]])('"%s" asks for the same topic\'s goals of %d', (q, year) => {
    expect(intent(q as string)).toEqual({ type: 'target', year, extras: [] });
  });
  it.each([["what's item 6", 6], ['show me number 2', 2], ['result 3', 3]])('"%s" opens entry %d of the list in view', (q, n) => {
    expect(intent(q as string)).toEqual({ type: 'expand', n });
  });
  it.each(['go back to what we were talking about before', 'go back to where we were', 'back to what I was looking at earlier'])('"%s" → back to the earlier topic', (q) => {
    expect(intent(q)).toEqual({ type: 'back' });
  });

  it.each(['更多', '下一页', '还有吗', 'more', 'show more', '/plan 更多', '换一批'])('"%s" → more', (text) => {
    expect(intent(text)).toEqual({ type: 'more' });
  });

  // "next" is the next entry when one is in focus, else the next page (resolved against the context)
  it.each(['next', 'NEXT', '下一条', '下一个'])('"%s" → one step on', (text) => {
    expect(intent(text)).toEqual({ type: 'step', d: 1 });
  });

  it.each([
    ['第3条', 3],
    ['第三条', 3],
    ['展开第2条', 2],
    ['展开 2', 2],
    ['expand 2', 2],
    ['expand 12', 12],
    ['#4', 4],
    ['第十条', 10],
  ])('"%s" → expand %i', (text, n) => {
    expect(intent(text)).toEqual({ type: 'expand', n });
  });

  it.each(['出处', '来源', '在哪一部分', 'source', 'where is this', 'citation'])('"%s" → source', (text) => {
    expect(intent(text)).toEqual({ type: 'source' });
  });

  it('那养老呢? → switch to a new topic', () => {
    expect(intent('那养老呢?')).toMatchObject({ type: 'switch', topic: '养老' });
    expect(intent('那么数字乡村呢')).toMatchObject({ type: 'switch', topic: '数字乡村' });
  });

  it('what about elderly care? → switch, in English too', () => {
    expect(intent('what about elderly care?')).toMatchObject({ type: 'switch', topic: '养老' });
  });

  it('a button opens a result by its stable id', () => {
    expect(intent('open xinxihua-14th:box14.i2')).toEqual({ type: 'open', id: 'xinxihua-14th:box14.i2' });
  });
});

describe('subscriptions (parsed now, executed by the digest)', () => {
  it('订阅 with topic and time', () => {
    expect(intent('订阅 应急管理 每天 09:00')).toEqual({ type: 'subscribe', spec: { topic: '应急管理', time: '09:00' } });
  });

  it('订阅 with full-width time, weekdays and time zone', () => {
    expect(intent('/plan 订阅 数据治理 每天 9：30 工作日 时区 Asia/Shanghai')).toEqual({
      type: 'subscribe',
      spec: { topic: '数据治理', time: '09:30', weekdays: true, tz: 'Asia/Shanghai' },
    });
  });

  it('subscribe in English', () => {
    const s = intent('subscribe emergency management daily at 08:15 weekdays tz Europe/Berlin');
    expect(s).toMatchObject({ type: 'subscribe', spec: { time: '08:15', weekdays: true, tz: 'Europe/Berlin' } });
    expect(s.type === 'subscribe' && s.spec.topic).toBeTruthy();
  });

  it('zones with an offset, am/pm and clock words are read whole', () => {
    expect(intent('订阅 应急管理 tz UTC+8')).toEqual({ type: 'subscribe', spec: { tz: 'UTC+8', topic: '应急管理' } });
    expect(intent('subscribe emergency management at 9pm tz Europe/Berlin')).toEqual({ type: 'subscribe', spec: { tz: 'Europe/Berlin', time: '21:00', topic: '应急管理' } });
    expect(intent('订阅 养老 下午3点半')).toEqual({ type: 'subscribe', spec: { time: '15:30', topic: '养老' } });
    expect(intent('subscribe data security at 8:30')).toEqual({ type: 'subscribe', spec: { time: '08:30', topic: '数据安全' } });
  });

  it('a time that is not a time of day is passed on as typed, for the handler to refuse', () => {
    for (const t of ['25:00', '-1:00', '9.30']) expect(intent(`订阅 应急管理 每天 ${t}`)).toEqual({ type: 'subscribe', spec: { time: t, topic: '应急管理' } });
  });

  it('订阅 alone has an empty spec', () => {
    expect(intent('订阅')).toEqual({ type: 'subscribe', spec: {} });
  });

  it('取消订阅, with and without a topic', () => {
    expect(intent('取消订阅')).toEqual({ type: 'unsubscribe' });
    expect(intent('退订')).toEqual({ type: 'unsubscribe' });
    expect(intent('unsubscribe')).toEqual({ type: 'unsubscribe' });
    expect(intent('取消订阅 应急管理')).toEqual({ type: 'unsubscribe', topic: '应急管理' });
  });

  it.each(['订阅列表', '我的订阅', 'my subscriptions', 'list subscriptions', 'subscriptions'])('"%s" → subscriptions', (text) => {
    expect(intent(text)).toEqual({ type: 'subscriptions' });
  });

  it.each(['状态', '订阅状态', 'status', 'Status', '/plan status', 'digest status'])('"%s" → status', (text) => {
    expect(intent(text)).toEqual({ type: 'status' });
  });
});

describe('reset', () => {
  it.each(['reset', 'Reset', '重新开始', '重置', 'start over'])('"%s" → reset', (text) => {
    expect(intent(text)).toEqual({ type: 'reset' });
  });
});

describe('search', () => {
  it('a topic is a search, /plan and mentions ignored', () => {
    for (const text of ['应急管理', '/plan 应急管理', '<@U123ABC> 应急管理', '<at>plan-bot</at> 应急管理', '@plan-bot 应急管理', '／plan 应急管理']) {
      expect(intent(text)).toEqual({ type: 'search', query: '应急管理', extras: [] });
    }
  });

  it('English words become the plan terms, other translations as extras', () => {
    expect(intent('blockchain')).toMatchObject({ type: 'search', query: '区块链' });
    expect(intent('emergency management')).toMatchObject({ type: 'search', query: '应急管理' });
    const care = intent('elderly care');
    expect(care).toMatchObject({ type: 'search', query: '养老' });
    expect(care.type === 'search' && care.extras).toContain('智慧养老');
  });

  it('key projects of a topic → the boxes of that topic', () => {
    expect(intent('人工智能的重点工程')).toEqual({ type: 'boxes', topic: '人工智能' });
    expect(intent('有哪些重点工程?')).toEqual({ type: 'boxes' });
  });
});

describe('bad input', () => {
  it('too long text is refused, not searched', () => {
    expect(intent('应急管理'.repeat(2500))).toMatchObject({ type: 'invalid', reason: 'too-long' });
    expect(intent('a'.repeat(501))).toMatchObject({ type: 'invalid', reason: 'too-long' });
    expect(intent('a'.repeat(500)).type).not.toBe('invalid');
  });

  it('control characters are removed before parsing', () => {
    expect(intent('\u0007专栏14\u0000')).toEqual({ type: 'box', box: 14 });
    expect(intent('\u001b\u0001')).toEqual({ type: 'help' });
    expect(stripChatNoise('\u200b/plan 应急管理\ufeff')).toBe('应急管理');
  });

  it('emoji only is a search with nothing left to search', () => {
    expect(intent('😀🎉')).toEqual({ type: 'search', query: '', extras: [] });
  });
});
