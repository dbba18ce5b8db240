// 那里面讲X的呢 / 这部分里关于X的 / anything on X in there: X within what the conversation just showed, in real Redis.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { Bot } from '../../src/conversation/bot.js';
import { parseMessage } from '../../src/intents/parse-message.js';
import { RedisStore } from '../../src/store/redis-store.js';
import { conversationWith } from '../support/conversation.js';
import { knowledge } from '../support/knowledge.js';

const store = new RedisStore({ url: inject('redisUrl'), prefix: `within-${randomUUID().slice(0, 8)}:` });
beforeAll(() => store.ready());
afterAll(() => store.close());

const conversation = () => conversationWith(new Bot({ knowledge: knowledge(), store }));

describe('a topic within what was just shown', () => {
  it('searches inside the place a where-answer named', async () => {
    const ask = conversation();
    await ask('数字乡村发展行动的目标是什么?');
    await ask('它在规划的哪一部分?');
    const r = await ask('那里面讲乡村治理的内容呢?');
    expect(r.title).toContain('数字乡村发展行动 中的 乡村治理');
    expect(r.results[0]!.title).toContain('推进乡村智慧治理');
    expect(r.results.every((x) => x.path.some((h) => h.includes('数字乡村发展行动')) || x.title.includes('数字乡村'))).toBe(true);
  });

  it('inside a 专栏, a part, or (in English) the place in view', async () => {
    let ask = conversation();
    await ask('专栏13');
    const box = await ask('里面关于养老的');
    expect(box.results[0]!.title).toContain('开展养老社会实验');
    ask = conversation();
    await ask('第四部分');
    const part = await ask('这部分里关于数据安全的内容');
    expect(part.results.every((x) => x.path[0]?.includes('四、重大任务和重点工程'))).toBe(true);
    ask = conversation();
    await ask('第五部分');
    const en = await ask('anything on elderly care in there');
    expect(en.results[0]!.path.join(' ')).toContain('五、优先行动');
  });

  it('says so when the place does not mention it, and shows the whole plan\'s passages', async () => {
    const ask = conversation();
    await ask('专栏14');
    const r = await ask('里面有没有讲养老的');
    expect(r.notice).toContain('中没有直接讲「养老」');
    expect(r.results.length).toBeGreaterThan(0);
  });

  it('a reference into what was shown stays a reference (里面第三项, 其中有几项)', () => {
    const k = knowledge();
    expect(parseMessage('里面第三项是什么', k).intent.type).toBe('expand');
    expect(parseMessage('其中有几项', k).intent.type).toBe('struct');
  });
});
