import { describe, expect, it } from 'vitest';
import { Bot } from '../../src/conversation/bot.js';
import type { InboundMessage } from '../../src/inbound.js';
import { MemoryStore } from '../../src/store/memory-store.js';
import { knowledge } from '../support/knowledge.js';

const msg = (text: string, conversation: string, user: string): InboundMessage => ({ platform: 'slack', workspace: 'T1', conversation, user, text, messageId: `${conversation}-${user}-${text}` });

describe('a remembered answer', () => {
  it('is handed back as the same frozen reply, topic included, to everyone who asks the same words (adapters key their rendered body on it)', async () => {
    const bot = new Bot({ knowledge: knowledge(), store: new MemoryStore(), publicUrl: 'https://plan.example.com' });
    for (const text of ['应急管理', '专栏14', '数据治理有哪些重点工程']) {
      const first = await bot.handle(msg(text, 'C1', 'U1'));
      const again = await bot.handle(msg(text, 'C2', 'U2'));
      expect(again, text).toBe(first);
      expect(Object.isFrozen(first), text).toBe(true);
      expect(first.topic, text).toBeTruthy();
      expect(first.results.length, text).toBeGreaterThan(0);
      expect(first.results[0]!.url, text).toMatch(/^https:\/\/plan\.example\.com\/p\//);
    }
  });

  it('is not shared when it depends on the conversation (a follow-up), and the topic is still that conversation\'s', async () => {
    const bot = new Bot({ knowledge: knowledge(), store: new MemoryStore() });
    await bot.handle(msg('养老', 'C1', 'U1'));
    await bot.handle(msg('数字乡村', 'C2', 'U1'));
    const a = await bot.handle(msg('更多', 'C1', 'U1'));
    const b = await bot.handle(msg('更多', 'C2', 'U1'));
    expect(a).not.toBe(b);
    expect(a.topic).toContain('养老');
    expect(b.topic).toContain('数字乡村');
  });
});
