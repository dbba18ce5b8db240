import { describe, expect, it } from 'vitest';
import { escapeCardText, highlightCardText } from '../../adapters/teams/card-text.js';
import { CARD_BUDGET_BYTES, MAX_CARDS, jsonBytes } from '../../adapters/teams/card-size.js';
import { renderCards } from '../../adapters/teams/render-card.js';
import { replyActivities } from '../../adapters/teams/teams-turn.js';
import type { Reply, ResultItem } from '../../src/reply/reply.js';
import { submits, texts } from './teams-harness.js';

function item(i: number, text: string, extra: Partial<ResultItem> = {}): ResultItem {
  return { id: `p${i}`, kind: 'paragraph', title: `段落${i}`, text, path: ['四、重大任务', `(${i})小节`], ...extra };
}

function reply(results: ResultItem[], extra: Partial<Reply> = {}): Reply {
  return { intent: 'search', text: 'plain', title: '测试', results, ...extra };
}

/** Undo our escaping, to compare a card's text with the source text. */
function unescape(s: string): string {
  return s.replace(/\u200b/g, '').replace(/\\([\\`*_[\]<>~|#>+=\-.)])/g, '$1').replace(/\n\n/g, '\n');
}

describe('card text escaping', () => {
  it('neutralises Markdown links, images, emphasis, code and mentions typed by a user', () => {
    const s = escapeCardText('[点我](https://evil.example) ![img](x.png) **粗** _斜_ `code` <at>everyone</at> ~~删~~');
    expect(s).not.toMatch(/(^|[^\\])\[/);
    expect(s).not.toMatch(/(^|[^\\])\*/);
    expect(s).not.toMatch(/(^|[^\\])_/);
    expect(s).not.toMatch(/(^|[^\\])`/);
    expect(s).not.toMatch(/(^|[^\\])</);
    expect(s).not.toContain('://');
  });

  it('neutralises line-start Markdown: headings, lists, quotes', () => {
    const s = escapeCardText('# 标题\n- 条目\n+ 条目\n1. 第一\n> 引用');
    expect(s.split('\n\n')).toEqual(['\\# 标题', '\\- 条目', '\\+ 条目', '1\\. 第一', '\\> 引用']);
  });

  it('breaks autolinks, e-mail addresses and Adaptive Card {{DATE()}} functions', () => {
    const s = escapeCardText('see www.evil.example or http://x.example, mail a@b.example {{DATE(2017-02-14T06:08:39Z, SHORT)}}');
    expect(s).not.toMatch(/www\./);
    expect(s).not.toContain('://');
    expect(s).not.toContain('a@b');
    expect(s).not.toContain('{{');
  });

  it('puts highlighted terms in bold, longest first, and escapes them too', () => {
    expect(highlightCardText('提高应急管理现代化能力', ['应急', '应急管理'])).toBe('提高**应急管理**现代化能力');
    expect(highlightCardText('x a*b y', ['a*b'])).toBe('x **a\\*b** y');
    expect(highlightCardText('无匹配', ['应急'])).toBe('无匹配');
  });
});

describe('Reply → Adaptive Card', () => {
  const r = reply([item(1, '提升应急管理能力。', { highlights: ['应急管理'] }), item(2, '第二段'), item(3, '第三段')], {
    start: 4,
    notice: '上下文暂时不可用',
    footer: '回复"更多"看下一页',
    actions: [
      { type: 'more', label: '更多(还有 3 条)', value: '更多' },
      { type: 'expand', label: '展开 4', value: '展开第4条' },
      { type: 'expand', label: '展开 5', value: '展开第5条' },
      { type: 'expand', label: '展开 6', value: '展开第6条' },
      { type: 'subscribe', label: '订阅此主题', value: '订阅 测试' },
      { type: 'share', label: '分享到频道', value: 'share' },
    ],
  });

  it('renders title, notice, numbered passages with breadcrumbs and bold highlights, footer; version ≤ 1.5', () => {
    const [card, ...rest] = renderCards(r);
    expect(rest).toEqual([]);
    expect(card!.type).toBe('AdaptiveCard');
    expect(Number(card!.version)).toBeLessThanOrEqual(1.5);
    const t = texts(card!);
    expect(t[0]).toBe('测试');
    expect(t[1]).toBe('上下文暂时不可用');
    expect(t).toContain('4\\. 段落1');
    expect(t).toContain('四、重大任务 › (1)小节');
    expect(t).toContain('提升**应急管理**能力。');
    expect(t.at(-1)).toBe('回复"更多"看下一页');
  });

  it('puts 展开 beside its passage, 更多 and 订阅此主题 on the card, and leaves out 分享', () => {
    const card = renderCards(r)[0]!;
    const containers = (card.body as any[]).filter((e) => e.type === 'Container');
    expect(containers.map((c) => c.items.at(-1).actions[0].data)).toEqual([
      { planBot: 1, text: '展开第4条' },
      { planBot: 1, text: '展开第5条' },
      { planBot: 1, text: '展开第6条' },
    ]);
    expect((card.actions as any[]).map((a) => [a.type, a.title, a.data.text])).toEqual([
      ['Action.Submit', '更多(还有 3 条)', '更多'],
      ['Action.Submit', '订阅此主题', '订阅 测试'],
    ]);
    expect(submits(card).some((b) => b.data.text === 'share')).toBe(false);
  });

  it('adds a welcome heading above the title', () => {
    const t = texts(renderCards(reply([], { title: 'plan-bot 帮助' }), { heading: '你好' })[0]!);
    expect(t.slice(0, 2)).toEqual(['你好', 'plan-bot 帮助']);
  });
});

describe('Teams size limit', () => {
  const cjk = (n: number) => '规划建设数字中国'.repeat(Math.ceil(n / 8)).slice(0, n);

  it('splits an over-long passage over several cards, each within budget, losing nothing', () => {
    const text = Array.from({ length: 600 }, (_, i) => `第${i}句,推进数字政府建设和应急管理现代化。`).join('');
    const cards = renderCards(reply([item(1, text, { highlights: ['应急管理'] })]));
    expect(cards.length).toBeGreaterThan(1);
    expect(cards.length).toBeLessThanOrEqual(MAX_CARDS);
    for (const c of cards) expect(jsonBytes(c)).toBeLessThanOrEqual(CARD_BUDGET_BYTES);
    const bodies = cards.flatMap((c) => texts(c)).filter((t) => t.includes('推进'));
    expect(unescape(bodies.join('')).replace(/\*\*/g, '')).toBe(text);
  });

  it('clips what does not fit in five cards, and says so', () => {
    const cards = renderCards(reply([item(1, cjk(200_000))]));
    expect(cards.length).toBe(MAX_CARDS);
    for (const c of cards) expect(jsonBytes(c)).toBeLessThanOrEqual(CARD_BUDGET_BYTES);
    expect(texts(cards.at(-1)!).at(-1)).toMatch(/其余 \d+ 部分未显示/);
  });

  it('packs many passages into several cards, numbered on, with the buttons on the last', () => {
    const many = Array.from({ length: 150 }, (_, i) => item(i, cjk(150), { title: `标题${i}${cjk(300)}` }));
    const cards = renderCards(reply(many, { actions: [{ type: 'more', label: '更多', value: '更多' }] }));
    expect(cards.length).toBeGreaterThan(1);
    for (const c of cards) expect(jsonBytes(c)).toBeLessThanOrEqual(CARD_BUDGET_BYTES);
    expect(cards.slice(0, -1).every((c) => c.actions === undefined)).toBe(true);
    expect((cards.at(-1)!.actions as any[])[0].data.text).toBe('更多');
    expect(texts(cards[1]!)[0]).toBe('测试(续)');
  });

  it('clips a pathological title rather than fail', () => {
    const cards = renderCards(reply([], { title: cjk(60_000) }));
    expect(cards.length).toBe(1);
    expect(jsonBytes(cards[0])).toBeLessThanOrEqual(CARD_BUDGET_BYTES);
    expect(texts(cards[0]!)[0]).toMatch(/已截断/);
  });

  it('keeps each posted activity (card plus envelope) under 28 KB', () => {
    const acts = replyActivities(reply([item(1, cjk(50_000))]));
    for (const a of acts) {
      const envelope = { ...a, from: { id: '28:' + 'x'.repeat(100) }, recipient: { id: '29:' + 'y'.repeat(100) }, conversation: { id: '19:' + 'z'.repeat(200) }, serviceUrl: 'https://smba.trafficmanager.net/amer/' };
      expect(jsonBytes(envelope)).toBeLessThan(28_000);
    }
  });
});

describe('suggested next questions on a card', () => {
  it('are Action.Submit buttons whose data is the suggestion typed, after the answer\'s own, without repeats, at most six', () => {
    const r = reply([item(1, '正文')], {
      actions: [{ type: 'more', label: '更多', value: '更多' }],
      suggestions: [
        { label: '目标', value: '目标' },
        { label: '更多', value: '更多' },
        { label: '出处', value: '出处' },
      ],
    });
    const actions = renderCards(r).flatMap((c) => (c.actions as { type: string; title: string; data: { text: string } }[] | undefined) ?? []);
    expect(actions.map((a) => [a.type, a.title, a.data.text])).toEqual([
      ['Action.Submit', '更多', '更多'],
      ['Action.Submit', '目标', '目标'],
      ['Action.Submit', '出处', '出处'],
    ]);
  });
});
