import { describe, expect, it } from 'vitest';
import { renderBlockKit, type Block } from '../../adapters/slack/block-kit.js';
import { decodeShare } from '../../adapters/slack/share-snapshot.js';
import type { Reply, ResultItem } from '../../src/reply/reply.js';

const HOSTILE = '<!channel> <!here> <@U0VICTIM> <https://evil.example|gov.cn> & done';

function item(i: number, text: string, extra: Partial<ResultItem> = {}): ResultItem {
  return { id: `p${i}`, kind: 'paragraph', title: `第${i}段`, text, path: ['四、重大任务和重点工程', '(六)数字社会治理'], highlights: ['应急管理'], ...extra };
}

function reply(results: ResultItem[], extra: Partial<Reply> = {}): Reply {
  return { intent: 'search', title: '应急管理 · 1–3 / 12', text: results.map((r) => r.text).join('\n'), results, ...extra };
}

/** Every Block Kit limit plan-bot relies on. */
function expectWithinLimits(m: { text: string; blocks: Block[] }): void {
  expect(m.blocks.length).toBeLessThanOrEqual(50);
  expect(m.text.length).toBeGreaterThan(0);
  expect(m.text.length).toBeLessThanOrEqual(3000);
  for (const b of m.blocks) {
    if (b.type === 'header') expect(b.text.text.length).toBeLessThanOrEqual(150);
    if (b.type === 'section') expect(b.text.text.length).toBeLessThanOrEqual(3000);
    if (b.type === 'context') {
      expect(b.elements.length).toBeLessThanOrEqual(10);
      for (const e of b.elements) expect(e.text.length).toBeLessThanOrEqual(2000);
    }
    if (b.type === 'actions') {
      expect(b.elements.length).toBeLessThanOrEqual(25);
      for (const e of b.elements) {
        expect(e.text.text.length).toBeLessThanOrEqual(75);
        expect(e.value.length).toBeLessThanOrEqual(2000);
        expect(e.action_id.length).toBeLessThanOrEqual(255);
      }
      expect(new Set(b.elements.map((e) => e.action_id)).size).toBe(b.elements.length);
    }
  }
}

const sectionTexts = (m: { blocks: Block[] }) => m.blocks.flatMap((b) => (b.type === 'section' ? [b.text.text] : []));

describe('renderBlockKit', () => {
  it('shows header, passages with matched terms in bold, breadcrumbs and the buttons', () => {
    const m = renderBlockKit(reply([item(1, '健全应急管理数据资源目录。')], { actions: [{ type: 'more', label: '更多', value: '更多' }, { type: 'subscribe', label: '订阅此主题', value: '订阅 应急管理' }] }));
    expect(m.blocks[0]).toEqual({ type: 'header', text: { type: 'plain_text', text: '应急管理 · 1–3 / 12', emoji: false } });
    expect(sectionTexts(m)[0]).toContain('健全\u200B*应急管理*\u200B数据资源目录。');
    expect(m.blocks.some((b) => b.type === 'context' && b.elements[0]!.text === '四、重大任务和重点工程 › (六)数字社会治理')).toBe(true);
    const actions = m.blocks.find((b) => b.type === 'actions');
    expect(actions && actions.type === 'actions' && actions.elements.map((e) => e.value)).toEqual(['更多', '订阅 应急管理']);
  });

  it('shows the suggested next questions as a row of buttons, leaving out one that repeats a button (更多)', () => {
    const m = renderBlockKit(reply([item(1, '健全应急管理数据资源目录。')], { actions: [{ type: 'more', label: '更多', value: '更多' }], suggestions: [{ label: '目标', value: '目标' }, { label: '出处', value: '出处' }, { label: '更多', value: '更多' }] }));
    const rows = m.blocks.filter((b) => b.type === 'actions');
    expect(rows).toHaveLength(2);
    const next = rows[1]!.type === 'actions' ? rows[1]!.elements : [];
    expect(next.map((e) => [e.action_id, e.value])).toEqual([['plan.next.0', '目标'], ['plan.next.1', '出处']]);
    expect(m.blocks.at(-1)).toBe(rows[1]);
    expectWithinLimits(m);
    // a copy without buttons (a digest, a shared answer) shows none
    expect(renderBlockKit(reply([item(1, 'x')], { suggestions: [{ label: '目标', value: '目标' }] }), { buttons: false }).blocks.some((b) => b.type === 'actions')).toBe(false);
  });

  it('keeps suggestions with hostile, huge labels within limits and escaped', () => {
    const many = Array.from({ length: 300 }, (_, i) => item(i + 1, '应急管理'.repeat(700)));
    const m = renderBlockKit(reply(many, { suggestions: [{ label: HOSTILE.repeat(20), value: '目'.repeat(5000) }, { label: '出处', value: '出处' }, { label: '更多', value: '更多' }] }));
    expectWithinLimits(m);
    expect(m.blocks.at(-1)!.type).toBe('actions');
  });

  it('splits a huge passage into sections within limits instead of failing', () => {
    const huge = '应急管理能力建设。'.repeat(3000); // 27,000 characters
    const m = renderBlockKit(reply([item(1, huge)]));
    expectWithinLimits(m);
    expect(sectionTexts(m).length).toBeGreaterThan(5);
    // split, not cut: every sentence is there
    const shown = sectionTexts(m).join('').replace(/[\u200B*\n]/g, '');
    expect(shown.split('应急管理能力建设。').length - 1).toBe(3000);
  });

  it('clips a passage too long even for 50 blocks, and says so', () => {
    const m = renderBlockKit(reply([item(1, '应急管理能力建设。'.repeat(30_000))], { footer: '出处:规划', actions: [{ type: 'more', label: '更多', value: '更多' }] }));
    expectWithinLimits(m);
    expect(m.blocks.some((b) => b.type === 'context' && b.elements[0]!.text.includes('较长'))).toBe(true);
    expect(m.blocks.at(-1)!.type).toBe('actions');
  });

  it('keeps an answer with hundreds of results, long labels and values within limits', () => {
    const many = Array.from({ length: 300 }, (_, i) => item(i + 1, `应急管理${'数据'.repeat(400)}`, { title: `标题${'很长'.repeat(200)}`, path: Array.from({ length: 8 }, () => '部分'.repeat(200)) }));
    const actions = Array.from({ length: 40 }, (_, i) => ({ type: 'expand' as const, label: `展开${'第'.repeat(100)}${i}`, value: '展开'.repeat(3000) }));
    const m = renderBlockKit(reply(many, { title: '题'.repeat(500), notice: '注'.repeat(5000), footer: '尾'.repeat(5000), actions: [...actions, { type: 'share', label: '分享到频道', value: 'share' }] }), { share: true });
    expectWithinLimits(m);
    expect(m.blocks.some((b) => b.type === 'context' && b.elements[0]!.text.includes('未显示'))).toBe(true);
  });

  it('escapes every piece of untrusted text: title, passages, breadcrumbs, notice, footer', () => {
    const m = renderBlockKit(reply([item(1, `${HOSTILE} 应急管理`, { title: HOSTILE, path: [HOSTILE], note: HOSTILE }), item(2, HOSTILE)], { title: HOSTILE, notice: HOSTILE, footer: HOSTILE, text: HOSTILE }));
    const all = JSON.stringify(m);
    expect(all).not.toMatch(/<[!@#]/);
    expect(all).not.toContain('<https://');
    expect(all).toContain('&lt;!channel&gt;');
    expect(all).toContain('&lt;@U0VICTIM&gt;');
    expect(all).toContain('&amp; done');
  });

  it('offers 分享 only when asked, and its value brings the answer back intact', () => {
    const r = reply([item(1, '健全应急管理数据资源目录。'), item(2, '提升应急管理能力。')], { start: 4, actions: [{ type: 'share', label: '分享到频道', value: 'share' }] });
    expect(renderBlockKit(r).blocks.some((b) => b.type === 'actions')).toBe(false);
    const shared = renderBlockKit(r, { share: true }).blocks.find((b) => b.type === 'actions');
    const value = shared && shared.type === 'actions' ? shared.elements[0]!.value : '';
    const back = decodeShare(value)!;
    expect(back.title).toBe(r.title);
    expect(back.start).toBe(4);
    expect(back.results.map((x) => x.text)).toEqual(r.results.map((x) => x.text));
    expect(decodeShare('{"v":2}')).toBeNull();
    expect(decodeShare('not json')).toBeNull();
  });

  it('never leaves the fallback text empty', () => {
    const m = renderBlockKit({ intent: 'x', text: '', results: [] });
    expect(m.text.length).toBeGreaterThan(0);
  });
});
