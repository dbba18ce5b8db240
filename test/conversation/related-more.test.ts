// 更多 / 换一批 after the last entry of a search widens to a narrower word of the topic instead of a dead end; the
// conversation keeps its topic and its numbering. Context in real Redis, as any replica would read it.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { Bot } from '../../src/conversation/bot.js';
import { RedisStore } from '../../src/store/redis-store.js';
import { conversationWith } from '../support/conversation.js';
import { knowledge } from '../support/knowledge.js';

const store = new RedisStore({ url: inject('redisUrl'), prefix: `related-more-${randomUUID().slice(0, 8)}:` });
beforeAll(() => store.ready());
afterAll(() => store.close());

const conversation = () => conversationWith(new Bot({ knowledge: knowledge(), store, answerCacheSize: 0 }));

describe('更多 after the last entry', () => {
  it('shows passages of a narrower word of the topic that were not listed, numbered on from the list', async () => {
    const ask = conversation();
    const first = await ask('新型智慧城市怎么建设');
    expect(first.results.length).toBeGreaterThan(0);
    const more = await ask('换一批');
    expect(more.title).toContain(`「新型智慧城市」的 ${first.results.length} 条都已列出`);
    expect(more.title).toContain('相关:智慧城市');
    expect(more.results.length).toBeGreaterThan(0);
    const before = new Set(first.results.map((r) => r.id));
    expect(more.results.every((r) => !before.has(r.id))).toBe(true);
    expect(more.start).toBe(first.results.length + 1);
    // 第N条 counts on from the first list: the first widened entry
    const opened = await ask(`第${first.results.length + 1}条`);
    expect(opened.results[0]!.id).toBe(more.results[0]!.id);
    // it widens once, and not by a word common in general Chinese (新型): pages on until the widened list ends
    let page = more;
    for (let i = 0; i < 6 && !page.title?.includes('没有更多了'); i++) page = await ask('更多');
    expect(page.title).toBe('没有更多了');
    // the conversation is still about what was asked: its goals, not 智慧城市's
    const goals = await ask('那它的目标是什么');
    expect(goals.title).toContain('新型智慧城市');
  });

  it('a topic of one long word widens by a piece of it (应急响应 → 应急), once', async () => {
    const ask = conversation();
    const first = await ask('What does the plan say about emergency response?');
    expect(first.title).toMatch(/^应急响应 · 1–3 \/ 6/);
    await ask('next page');
    const wider = await ask('more');
    expect(wider.title).toContain('相关:应急 7–9');
    expect(wider.results.length).toBe(3);
  });

  it('widens a one-word topic only by words of general Chinese inside it, never by a two-character cut (慧公)', async () => {
    const ask = conversation();
    await ask('智慧公安');
    let last = await ask('更多');
    for (let i = 0; i < 4 && last.results.length > 0 && !last.title?.includes('相关'); i++) last = await ask('更多');
    expect(last.title).toMatch(/相关:(智慧|公安) /);
  });

  it('still says there is nothing more for a one-word topic whose list is all shown', async () => {
    const ask = conversation();
    const first = await ask('养老');
    let last = first;
    for (let i = 0; i < 5 && !last.title?.includes('没有更多了'); i++) last = await ask('更多');
    expect(last.title).toBe('没有更多了');
    expect(last.results).toEqual([]);
  });
});
