// "2023年呢" after a topic asks for that topic's goals of that year, in the same conversation (real Redis).
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { Bot } from '../../src/conversation/bot.js';
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
