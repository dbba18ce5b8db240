import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { Bot, CONTEXT_UNAVAILABLE } from '../../src/conversation/bot.js';
import type { InboundMessage } from '../../src/inbound.js';
import { Reply } from '../../src/reply/reply.js';
import { RedisStore } from '../../src/store/redis-store.js';
import type { Store } from '../../src/store/store.js';
import { knowledge } from '../support/knowledge.js';

const store = new RedisStore({ url: inject('redisUrl'), prefix: `followups-${randomUUID().slice(0, 8)}:` });
beforeAll(() => store.ready());
afterAll(() => store.close());

/** Counts the context reads and writes a turn makes (the real Redis store does the work underneath). */
function countingStore(inner: Store) {
  const counts = { reads: 0, writes: 0 };
  const store = new Proxy(inner, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver) as unknown;
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        if (prop === 'getContext' || prop === 'getContextWithEarlier') counts.reads++;
        if (prop === 'setContext' || prop === 'deleteContext') counts.writes++;
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return { store, counts };
}

const { store: counted, counts: counting } = countingStore(store);
const bot = new Bot({ knowledge: knowledge(), store: counted });

function conversation(thread?: string) {
  const id = `C-${randomUUID().slice(0, 8)}`;
  let n = 0;
  return (text: string, opts: { thread?: string } = {}): Promise<Reply> => {
    const msg: InboundMessage = { platform: 'slack', workspace: 'T1', conversation: id, user: 'U1', text, messageId: `${id}-${n++}`, ...((opts.thread ?? thread) ? { thread: opts.thread ?? thread } : {}) };
    return bot.handle(msg);
  };
}

const ids = (r: Reply) => r.results.map((x) => x.id);
const all = (r: Reply) => r.results.map((x) => `${x.title}\n${x.text}\n${x.path.join(' ')}`).join('\n');

describe('follow-up questions', () => {
  it('更多 pages on with nothing repeated, then says there is no more', async () => {
    const say = conversation();
    const seen = new Set(ids(await say('/plan 数据安全')));
    let page = await say('更多');
    expect(page.results.length).toBeGreaterThan(0);
    while (page.results.length) {
      for (const id of ids(page)) {
        expect(seen.has(id)).toBe(false);
        seen.add(id);
      }
      expect(Reply.safeParse(page).success).toBe(true);
      page = await say('下一页');
    }
    expect(page.title).toMatch(/没有更多/);
  });

  it('第N条 opens the N-th result of the last list; 展开第N条 and expand N too', async () => {
    const say = conversation();
    const first = await say('/plan 人工智能');
    expect((await say('第2条')).results[0]!.id).toBe(first.results[1]!.id);
    expect((await say('展开第3条')).results[0]!.id).toBe(first.results[2]!.id);
    expect((await say('expand 1')).results[0]!.id).toBe(first.results[0]!.id);
  });

  it('第N条 on a table of contents opens that part or section, which leads the answer', async () => {
    const say = conversation();
    const outline = await say('目录');
    expect((await say('第5条')).results[0]!.id).toBe(outline.results[4]!.id);
    const part = await say('/plan 优先行动');
    expect((await say('第3条')).results[0]!.id).toBe(part.results[2]!.id);
  });

  it('目标是什么? on a topic without 行动目标 says so instead of lending another topic’s', async () => {
    const say = conversation();
    await say('/plan 应急管理');
    const r = await say('目标是什么?');
    expect(r.title ?? '').not.toContain('行动目标');
    expect(r.notice).toContain('没有「应急管理」的行动目标');
    expect(r.results.some((x) => x.kind === 'target')).toBe(false);
  });

  it('shopping advice is answered as no match, even when it shares words with the plan (5G手机哪款性价比高)', async () => {
    const r = await conversation()('5G手机哪款性价比高');
    expect(r.results).toHaveLength(0);
    expect(r.title).toContain('没有找到');
  });

  it('a question that finds nothing starts afresh: 更多 does not continue the old topic', async () => {
    const say = conversation();
    await say('/plan 应急管理');
    expect((await say('火星探测')).results).toHaveLength(0);
    expect((await say('更多')).title).toMatch(/没有上一个问题/);
  });

  it('第N条 after a box opens item N of that box', async () => {
    const say = conversation();
    await say('专栏12');
    expect((await say('第2条')).results[0]!.title).toContain('构建一体化指挥通信体系');
  });

  it('目标是什么? answers the current topic’s 行动目标 with the year asked for first', async () => {
    const say = conversation();
    await say('/plan 数字乡村');
    const r = await say('2025年的目标是什么?');
    expect(r.results[0]!.kind).toBe('target');
    expect(r.results[0]!.text.startsWith('到2025年')).toBe(true);
    expect(r.results[0]!.text).toContain('数字乡村建设取得重要进展');
  });

  it('the plan\'s overall goals are its own 发展目标, not the current topic\'s: 国家信息化总体上要达到什么目标', async () => {
    const say = conversation();
    await say('/plan 数字乡村');
    const r = await say('到2025年国家信息化总体上要达到什么目标');
    expect(r.results[0]!.text.startsWith('到2025年,数字中国建设取得决定性进展')).toBe(true);
    expect(r.results.every((x) => !x.text.includes('数字乡村建设取得重要进展'))).toBe(true);
  });

  it('a long goals question that finds a goal first does not open with "节选中没有…的行动目标"', async () => {
    const r = await conversation()('以5G、物聯網、雲端運算為代表的數位基礎建設,到2025年要達到什麼水準?');
    expect(r.results[0]!.title).toBe('数字基础设施体系更加完备。');
    expect(r.notice ?? '').not.toContain('节选中没有');
    expect(r.title).toContain('目标');
  });

  it('有哪些重点工程? / 相关专栏 lists the boxes of the current topic', async () => {
    const say = conversation();
    await say('/plan 应急管理');
    const r = await say('有哪些重点工程?');
    expect(r.results.map((x) => x.title)).toContain('专栏14 应急管理现代化能力提升工程');
    expect(r.results.every((x) => x.kind === 'box')).toBe(true);
    const say2 = conversation();
    await say2('社会治安');
    expect(all(await say2('相关专栏'))).toContain('智慧公安建设提升工程');
  });

  it('重点工程 of a topic with no 专栏 says so, and names the projects the plan text gives it (实施…工程)', async () => {
    const r = await conversation()('网络安全保障有哪些重点工程');
    expect(r.results).toHaveLength(0);
    expect(r.title).toContain('没有对应的重点工程专栏');
    expect(r.footer).toContain('实施国家基础网络安全保障能力提升工程(全面加强网络安全保障体系和能力建设)');
  });

  it('a topic with no 专栏 keeps the conversation where it was: 2025年的目标呢 and 第N条 still mean the earlier topic and list', async () => {
    const say = conversation();
    const first = await say('/plan 数字乡村');
    await say('有哪些重点工程?');
    const goals = await say('2025年的目标是什么?');
    expect(goals.results[0]!.text).toContain('数字乡村建设取得重要进展');
    const say2 = conversation();
    const list = await say2('/plan 数字乡村');
    await say2('有哪些重点工程?');
    expect((await say2('第2条')).results[0]!.id).toBe(list.results[1]!.id);
    expect(first.results.length).toBeGreaterThan(1);
  });

  it('a question of several clauses is remembered by its asking clause; 第N条 on a one-专栏 list opens item N of that box', async () => {
    const say = conversation();
    const first = await say('我在应急管理局上班,想看看规划里应急信息化这块是怎么部署的');
    expect(first.title).toMatch(/^应急信息化/);
    const boxes = await say('有哪些重点工程');
    expect(boxes.results.map((x) => x.title)).toEqual(['专栏14 应急管理现代化能力提升工程']);
    const item = await say('第2条');
    expect(item.results[0]!.title).toBe('提高突发事件响应和处置能力。');
  });

  it('a 专栏 question keeps only its topic: 警务信息化有没有专门的重点工程专栏?里面都讲了些啥 → 专栏12', async () => {
    const r = await conversation()('警务信息化有没有专门的重点工程专栏?里面都讲了些啥');
    expect(r.title).toMatch(/^警务信息化 的重点工程/);
    expect(r.results[0]!.title).toContain('专栏12');
  });

  it('有哪些重点工程? on a topic without a 专栏 says so, rather than listing a box that merely shares a word', async () => {
    const say = conversation();
    await say('/plan 数字乡村');
    const r = await say('有哪些重点工程?');
    expect(r.results).toHaveLength(0);
    expect(r.title).toContain('没有对应的重点工程专栏');
  });

  it('那个专栏呢 asks for the current topic\'s 专栏 (那个 is "that", not part of the topic)', async () => {
    const say = conversation();
    await say('/plan 应急管理');
    const r = await say('那个专栏呢');
    expect(r.title).toMatch(/^应急管理 的重点工程/);
    expect(r.results[0]!.title).toContain('专栏14');
  });

  it('carries the question type over to a new topic: 目标 then 那智慧养老呢?', async () => {
    const say = conversation();
    await say('数字乡村的目标是什么');
    const r = await say('那智慧养老呢?');
    expect(r.results[0]!.kind).toBe('target');
    expect(r.results[0]!.text).toContain('全国养老数据管理水平不断提升');
  });

  it('出处 gives the breadcrumb of the last passage', async () => {
    const say = conversation();
    await say('专栏14第2条');
    const r = await say('出处');
    expect(r.title).toContain('专栏14 应急管理现代化能力提升工程');
    expect(r.title).toContain('四、重大任务和重点工程');
    expect(r.results[0]!.id).toMatch(/:box14\.i2$/);
  });

  it('重新开始 clears the context', async () => {
    const say = conversation();
    await say('/plan 应急管理');
    await say('重新开始');
    const r = await say('更多');
    expect(r.results).toHaveLength(0);
    expect(r.title).toMatch(/没有上一个问题/);
  });

  it('a new, unrelated question starts fresh', async () => {
    const say = conversation();
    await say('/plan 应急管理');
    await say('更多');
    const fresh = await say('/plan 区块链');
    expect(all(fresh)).toContain('区块链');
    const more = await say('更多');
    expect(more.title ?? '').toContain('区块链');
    expect(all(more)).not.toContain('应急管理现代化能力提升工程');
  });

  it('keeps threads and conversations apart', async () => {
    const say = conversation();
    await say('/plan 应急管理', { thread: 't1' });
    await say('/plan 数字乡村', { thread: 't2' });
    const inT1 = await say('2025年的目标是什么?', { thread: 't1' });
    const inT2 = await say('2025年的目标是什么?', { thread: 't2' });
    expect(all(inT2)).toContain('数字乡村建设取得重要进展');
    expect(all(inT1)).not.toContain('数字乡村建设取得重要进展');
    const other = conversation();
    expect((await other('更多')).results).toHaveLength(0);
  });

  it('costs at most one read and one write per turn', async () => {
    const say = conversation();
    for (const text of ['/plan 应急管理', '更多', '第2条', '2025年的目标是什么?', '那养老呢?', '出处', '帮助']) {
      counting.reads = counting.writes = 0;
      await say(text);
      expect(counting.reads, text).toBeLessThanOrEqual(1);
      expect(counting.writes, text).toBeLessThanOrEqual(1);
    }
  });

  it('two messages at once in one conversation leave a valid context', async () => {
    const say = conversation();
    await say('/plan 数据安全');
    await Promise.all([say('更多'), say('第1条'), say('/plan 养老'), say('更多')]);
    const after = await say('更多');
    expect(Reply.safeParse(after).success).toBe(true);
  });

  it('answers without context, with a notice, when the store fails', async () => {
    const dead = new RedisStore({ url: 'redis://127.0.0.1:1', prefix: 'dead:', timeoutMs: 100 });
    const offline = new Bot({ knowledge: knowledge(), store: dead });
    const msg = (text: string, n: number): InboundMessage => ({ platform: 'slack', workspace: 'T', conversation: 'C', user: 'U', text, messageId: `m${n}` });
    const search = await offline.handle(msg('/plan 应急管理', 1));
    expect(search.results.length).toBeGreaterThan(0);
    expect(search.notice).toBe(CONTEXT_UNAVAILABLE);
    const follow = await offline.handle(msg('更多', 2));
    expect(follow.notice).toContain(CONTEXT_UNAVAILABLE);
    await dead.close();
  });
});
