// Wordings of the kinds a held-out set (scripts/eval/held8*.jsonl) showed misread: the plan named with a
// determiner (这份规划, 本规划), how-many questions, 看/我想/能 around 第N条, "which part of the plan is this in".
import { describe, expect, it } from 'vitest';
import { Bot } from '../../src/conversation/bot.js';
import { parseMessage } from '../../src/intents/parse-message.js';
import { MemoryStore } from '../../src/store/memory-store.js';
import { knowledge } from '../support/knowledge.js';

const intent = (q: string) => parseMessage(q, knowledge()).intent;

describe('question wording', () => {
  it.each(['这份规划里有哪些重点工程专栏?', '本规划有哪些专栏', '该规划中有哪些重点工程', '这份文件里有哪些专栏'])('%s asks for every 专栏 of the plan', (q) => {
    expect(intent(q)).toEqual({ type: 'boxes' });
  });

  it.each(['重大任务有几项?', '重大任务一共有多少项', '数据治理有几项措施'])('%s is answered as a list of its topic', async (q) => {
    const bot = new Bot({ knowledge: knowledge(), store: new MemoryStore() });
    const r = await bot.handle({ platform: 'console', workspace: 'w', conversation: q, user: 'u', text: q, messageId: '1' });
    expect(r.results.length).toBeGreaterThan(0);
    expect(r.title).not.toMatch(/几|多少|项 ·/);
  });

  it.each([
    ['詳細看第二條', 2],
    ['看第3条', 3],
    ['我想详细看一下第二个', 2],
    ['能详细说一下第二条吗', 2],
  ])('%s opens entry %i of the last list', (q, n) => {
    expect(intent(q)).toEqual({ type: 'expand', n });
  });

  it.each([
    ['Which part of the plan is this in?', 'part'],
    ['what section of the plan covers this?', 'section'],
  ])('%s asks where the conversation\'s topic is', (q, unit) => {
    expect(intent(q)).toEqual({ type: 'where', unit });
  });

  it('a determiner or a filler word stays a word inside a topic (本地, 能力, 看法)', () => {
    expect(intent('本地数据中心')).toMatchObject({ type: 'search', query: '本地数据中心' });
    expect(intent('能力建设')).toMatchObject({ type: 'search' });
    expect(intent('看法')).toMatchObject({ type: 'search' });
  });

  it('"专栏13是什么工程" asks what the 专栏 is, not where it is; "第二个优先行动在哪一部分" still asks where', () => {
    expect(intent('专栏13是什么工程?')).toEqual({ type: 'struct', ref: { steps: [{ unit: 'box', sel: { at: 'label', n: 13 }, word: '专栏' }], ask: 'show' } });
    expect(intent('第二个优先行动在哪一部分')).toMatchObject({ type: 'where', unit: 'part' });
  });

  it('"(五)", the plan\'s label of a section, typed as a reference is that section; before a title it is the title\'s', () => {
    const fifth = { type: 'struct', ref: { steps: [{ unit: 'part', sel: { at: 'ordinal', n: 4 }, word: '部分' }, { unit: 'section', sel: { at: 'ordinal', n: 5 }, word: '节' }], ask: 'show' } };
    expect(intent('第四部分(五)是哪一节')).toEqual(fifth);
    expect(intent('第四部分（五）')).toEqual(fifth);
    expect(intent('（五）数字乡村发展行动')).not.toMatchObject({ type: 'struct' });
  });

  it('"X下面第三项任务" is item 3 of X (任务, 举措 add nothing to the reference)', () => {
    const third = { type: 'struct', ref: { steps: [{ named: 'xinxihua-14th:p5.s5' }, { unit: 'item', sel: { at: 'ordinal', n: 3 }, word: '项' }], ask: 'show' } };
    expect(intent('基层智慧治理能力提升行动下面第三项任务是什么')).toEqual(third);
    expect(intent('基层智慧治理能力提升行动的第三项举措')).toEqual(third);
    expect(intent('重点任务有哪些')).toMatchObject({ type: 'search' });
  });

  it('"第五部分第五节(讲的)是哪个行动" asks what that place is; "第3条在哪个行动", "第3条是哪个专栏的" still ask where', async () => {
    const show = { type: 'struct', ref: { steps: [{ unit: 'part', sel: { at: 'ordinal', n: 5 }, word: '部分' }, { unit: 'section', sel: { at: 'ordinal', n: 5 }, word: '节' }], ask: 'show' } };
    expect(intent('第五部分第五节讲的是哪个行动')).toEqual(show);
    expect(intent('第五部分第五节是哪个行动?')).toEqual(show);
    expect(intent('第3条在哪个行动')).toMatchObject({ type: 'where' });
    expect(intent('第3条是哪个专栏的')).toMatchObject({ type: 'where', unit: 'box' });
    expect(intent('第五部分第五节是哪个行动的呢')).toMatchObject({ type: 'where' });
    const bot = new Bot({ knowledge: knowledge(), store: new MemoryStore() });
    const r = await bot.handle({ platform: 'console', workspace: 'w', conversation: 'c', user: 'u', text: '第五部分第五节讲的是哪个行动', messageId: '1' });
    expect(r.results[0]?.title).toContain('基层智慧治理能力提升行动');
  });

  it('a part\'s 第N部分 is its N-th section, and goals a 发展目标 writes as asked come before an action that only shares the words', async () => {
    const bot = new Bot({ knowledge: knowledge(), store: new MemoryStore() });
    const ask = (text: string) => bot.handle({ platform: 'console', workspace: 'w', conversation: text, user: 'u', text, messageId: '1' });
    const sixth = await ask('重大任务和重点工程的第六部分讲的是什么?');
    expect(sixth.title).toContain('(六)构筑共建共治共享的数字社会治理体系');
    const goals = await ask('数字基础设施方面到2025年的发展目标是什么?');
    expect(goals.results[0]!.title).toContain('数字基础设施体系更加完备');
    // an action's own topic still gets its 行动目标 first
    expect((await ask('智慧养老2025年目标')).results[0]!.title).toContain('智慧养老服务拓展行动');
  });
});
