import { describe, expect, it } from 'vitest';
import { plain, renderTerminal } from '../../adapters/console/render-terminal.js';
import { renderBlockKit } from '../../adapters/slack/block-kit.js';
import { LIMITS } from '../../adapters/slack/block-limits.js';
import { decodeShare, encodeShare } from '../../adapters/slack/share-snapshot.js';
import { jsonBytes, CARD_BUDGET_BYTES } from '../../adapters/teams/card-size.js';
import { renderCards } from '../../adapters/teams/render-card.js';
import { Bot } from '../../src/conversation/bot.js';
import { linkResults } from '../../src/reply/link-results.js';
import type { Reply, ResultItem } from '../../src/reply/reply.js';
import { MemoryStore } from '../../src/store/memory-store.js';
import { knowledge } from '../support/knowledge.js';

const PUBLIC = 'https://plan.example.gov/bot';

function item(i: number, extra: Partial<ResultItem> = {}): ResultItem {
  return { id: `xinxihua-14th:p4.s6.para${i}`, kind: 'paragraph', title: `第${i}段`, text: `应急管理正文${i}`, path: ['四、重大任务和重点工程'], highlights: ['应急管理'], ...extra };
}

function reply(results: ResultItem[]): Reply {
  return { intent: 'search', title: '应急管理 · 1–3 / 12', text: 'plain', results };
}

describe('citation links', () => {
  it('linkResults gives each result with a stable id its reader page, and nothing without PUBLIC_URL', () => {
    const r = linkResults(reply([item(1), item(2, { id: 'shared-0' })]), PUBLIC);
    expect(r.results.map((x) => x.url)).toEqual([`${PUBLIC}/p/xinxihua-14th/p4.s6.para1`, undefined]);
    const same = reply([item(1)]);
    expect(linkResults(same, undefined)).toBe(same);
  });

  it('the Bot links its answers when it has a PUBLIC_URL, also the remembered ones, and not without', async () => {
    const bot = new Bot({ knowledge: knowledge(), store: new MemoryStore(), publicUrl: PUBLIC });
    const msg = { platform: 'console' as const, workspace: 'w', conversation: 'c', user: 'u', text: '应急管理', messageId: 'm' };
    const first = await bot.handle(msg);
    expect(first.results[0]!.url).toBe(`${PUBLIC}/p/xinxihua-14th/box14.i1`);
    expect(first.results.every((x) => x.url?.startsWith(`${PUBLIC}/p/xinxihua-14th/`))).toBe(true);
    expect((await bot.handle(msg)).results[0]!.url).toBe(first.results[0]!.url);
    const more = await bot.handle({ ...msg, text: '更多' });
    expect(more.results[0]!.url).toMatch(/^https:\/\/plan\.example\.gov\/bot\/p\//);
    const unlinked = await new Bot({ knowledge: knowledge(), store: new MemoryStore() }).handle(msg);
    expect(unlinked.results.some((x) => x.url !== undefined)).toBe(false);
  });

  it('Block Kit: the title is a mrkdwn link whose URL cannot end or open a link, and whose label is escaped', () => {
    const hostile = item(1, { title: '<!channel> *粗* | <https://evil.example|点我>', url: 'https://plan.example.gov/p/x/a|b><c&d=1' });
    const m = renderBlockKit(reply([hostile]));
    const text = (m.blocks.find((b) => b.type === 'section') as any).text.text as string;
    const link = /^\u200b\*<([^|<>]*)\|([^<>]*)>\*\u200b/.exec(text)!;
    expect(link[1]).toBe('https://plan.example.gov/p/x/a%7Cb%3E%3Cc&amp;d=1');
    expect(link[2]).toBe('&lt;!channel&gt; ∗粗∗ | &lt;https://evil.example|点我&gt;');
    // nothing else in the section is a link or mention
    expect(text.replace(link[0], '')).not.toMatch(/<[^>]*>/);
  });

  it('Block Kit with links stays within its limits for a long answer', () => {
    const many = Array.from({ length: 60 }, (_, i) => item(i + 1, { text: `应急管理${'数据'.repeat(1500)}`, url: `${PUBLIC}/p/xinxihua-14th/p4.s6.para${i + 1}` }));
    const m = renderBlockKit({ ...reply(many), actions: [{ type: 'more', label: '更多', value: '更多' }, { type: 'share', label: '分享到频道', value: 'share' }] }, { share: true });
    expect(m.blocks.length).toBeLessThanOrEqual(LIMITS.blocks);
    for (const b of m.blocks as any[]) if (b.type === 'section') expect(b.text.text.length).toBeLessThanOrEqual(LIMITS.sectionText);
    const share = (m.blocks as any[]).filter((b) => b.type === 'actions').flatMap((b) => b.elements).find((e) => e.action_id.startsWith('plan.share'));
    expect(share.value.length).toBeLessThanOrEqual(LIMITS.buttonValue);
  });

  it('a shared copy keeps the links, and a forged link in a share value is dropped with the whole snapshot', () => {
    const r = linkResults(reply([item(1), item(2)]), PUBLIC);
    const back = decodeShare(encodeShare(r))!;
    expect(back.results.map((x) => x.url)).toEqual(r.results.map((x) => x.url));
    const forged = JSON.parse(encodeShare(r));
    forged.r[0].u = 'javascript:alert(1)';
    expect(decodeShare(JSON.stringify(forged))).toBeNull();
  });

  it('Adaptive Card: the breadcrumb ends with a [查看原文](url) link, the URL %-encoded where it could end the link', () => {
    const cards = renderCards(reply([item(1, { url: 'https://plan.example.gov/p/x/a)b (c' })]));
    const all = JSON.stringify(cards);
    expect(all).toContain('四、重大任务和重点工程 · [查看原文](https://plan.example.gov/p/x/a%29b%20%28c)');
    const many = renderCards(reply(Array.from({ length: 40 }, (_, i) => item(i + 1, { text: '应急管理'.repeat(500), url: `${PUBLIC}/p/xinxihua-14th/p4.s6.para${i}` }))));
    for (const c of many) expect(jsonBytes(c)).toBeLessThanOrEqual(CARD_BUDGET_BYTES);
  });

  it('the terminal shows each result\'s URL under it', () => {
    const out = renderTerminal(reply([item(1, { url: `${PUBLIC}/p/xinxihua-14th/p4.s6.para1` })]), plain);
    expect(out).toContain(`\n   ${PUBLIC}/p/xinxihua-14th/p4.s6.para1`);
  });
});
