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
});
