import { describe, expect, it } from 'vitest';
import { Bot } from '../../src/conversation/bot.js';
import type { InboundMessage } from '../../src/inbound.js';
import { MAX_SUGGESTIONS } from '../../src/reply/reply.js';
import { MemoryStore } from '../../src/store/memory-store.js';
import { knowledge } from '../support/knowledge.js';

const k = knowledge();
let n = 0;
const msg = (text: string, thread: string): InboundMessage => ({ platform: 'console', workspace: 'W', conversation: 'C', thread, user: 'U', text, messageId: `m${++n}` });

describe('suggested next questions', () => {
  const bot = new Bot({ knowledge: k, store: new MemoryStore() });

  it('offers 目标 for a topic with 行动目标, 重点工程 for one with boxes, 出处, at most three, in the plain text too', async () => {
    const r = await bot.handle(msg('养老', 't1'));
    expect(r.suggestions?.map((s) => s.value)).toEqual(['目标', '重点工程', '出处']);
    expect(r.text).toContain('接着可以问:目标 · 重点工程 · 出处');
    for (const q of ['应急管理', '数字乡村', '数据治理', '专栏14', '2025年的目标是什么?']) {
      const a = await bot.handle(msg(q, `t-${q}`));
      expect(a.suggestions?.length ?? 0).toBeLessThanOrEqual(MAX_SUGGESTIONS);
    }
  });

  it('each suggestion, sent back in the same conversation, is answered from its context', async () => {
    const first = await bot.handle(msg('养老', 't2'));
    for (const s of first.suggestions ?? []) {
      const thread = `t2-${s.value}`;
      await bot.handle(msg('养老', thread));
      const r = await bot.handle(msg(s.value, thread));
      expect(r.results.length).toBeGreaterThan(0);
      expect(`${r.title} ${r.text}`).toContain('养老');
    }
  });

  it('does not offer what was just answered, and nothing where nothing was found', async () => {
    await bot.handle(msg('养老', 't3'));
    const goals = await bot.handle(msg('目标', 't3'));
    expect(goals.title).toContain('养老 的行动目标');
    expect(goals.suggestions?.map((s) => s.value) ?? []).not.toContain('目标');
    const none = await bot.handle(msg('火星探测', 't4'));
    expect(none.suggestions).toBeUndefined();
    const more = await bot.handle(msg('应急管理', 't5'));
    expect(more.suggestions?.map((s) => s.value)).toContain('更多');
  });
});
