// Typing slips are corrected against the plan's own vocabulary through pinyin; real words and plan terms are
// never "corrected", and the answer says how the question was read.
import { describe, expect, it } from 'vitest';
import { Bot } from '../../src/conversation/bot.js';
import { parseMessage } from '../../src/intents/parse-message.js';
import { MemoryStore } from '../../src/store/memory-store.js';
import { knowledge } from '../support/knowledge.js';

const correct = (q: string) => {
  const k = knowledge();
  return k.corrector.correct(k.normalize(q));
};

describe('TypoCorrector on the real plan', () => {
  it.each([
    ['网落安全', '网络安全'],
    ['智会城市', '智慧城市'],
    ['人工之能', '人工智能'],
    ['人工只能', '人工智能'],
    ['城市感知决策中树', '城市感知决策中枢'],
    ['一代一路生态环保', '一带一路生态环保'],
    ['海洋灾害监侧', '海洋灾害监测'],
    ['区块连', '区块链'],
    ['数子乡村', '数字乡村'],
    // a typed character read with a rarer reading of it (给 ji, 什 shi): one character off the plan term
    ['给极性', '积极性'],
    ['什场主体', '市场主体'],
  ])('%s → %s', (typed, want) => {
    const r = correct(typed);
    expect(r.text).toBe(want);
    expect(r.corrections.length).toBeGreaterThan(0);
  });

  it.each(['应急管理', '数据安全保障', '会议室', '网络游戏版号审批什么时候恢复', '我们单位准备申报计量数据方面的应用试点', '想问下规划里是不是提到过这个倡议', '村里年轻人少', '我们是县自然资源局耕保股的', '我们科室想据此去跟环保部门对接数据', '陆乘风'])(
    'leaves %s alone (plan terms, real words, word boundaries)',
    (q) => {
      expect(correct(q).corrections).toEqual([]);
    },
  );

  it('a question whose pieces all occur in the plan is not looked at', () => {
    const k = knowledge();
    expect(k.corrector.needsLook(k.normalize('应急管理'))).toBe(false);
    expect(k.corrector.needsLook(k.normalize('网落安全'))).toBe(true);
  });
});

describe('corrected questions are answered with a notice saying how they were read', () => {
  it('search, target and the notice in the reply', async () => {
    const k = knowledge();
    const bot = new Bot({ knowledge: k, store: new MemoryStore() });
    const reply = await bot.handle({ platform: 'console', workspace: 'w', conversation: 'c', user: 'u', text: '网落安全', messageId: '1' });
    expect(reply.notice).toContain('按「网络安全」理解');
    expect(reply.text).toContain('按「网络安全」理解');
    expect(reply.results[0]!.title + reply.results[0]!.text).toContain('网络安全');
    expect(parseMessage('智会城市的目标', k).intent).toMatchObject({ type: 'target', topic: '智慧城市' });
  });
});
