// The passages a search box finds (issue 14; Teams' compose-box search is built on it): ranked by the core matcher,
// paged, bounded, linked to their reader pages, with no conversation context.
import { describe, expect, it } from 'vitest';
import { findPassage } from '../../src/content/find-passage.js';
import { MAX_PAGE, passageResult, searchPassages, SEARCH_LIMIT } from '../../src/conversation/passage-search.js';
import { passageAddress } from '../../src/reply/passage-link.js';
import { knowledge } from '../support/knowledge.js';

const k = knowledge();
const BASE = 'https://plan.example.org/plan-bot';

describe('searchPassages', () => {
  it('ranks what the matcher ranks, with its highlights, and links each to its page', () => {
    const page = searchPassages(k, '数据安全', { publicUrl: BASE });
    const ranked = k.matcher.search(k.normalize('数据安全'), { limit: SEARCH_LIMIT });
    expect(page.items.map((i) => i.id)).toEqual(ranked.hits.slice(0, MAX_PAGE).map((h) => h.passage.id));
    expect(page.total).toBe(ranked.hits.length);
    expect(page.items[0]!.highlights).toContain('数据安全');
    for (const item of page.items) expect(item.url).toBe(`${BASE}/p/${item.id.replace(':', '/')}`);
  });

  it('pages in order, and never more than MAX_PAGE at once', () => {
    const all = searchPassages(k, '应急管理', { count: 10 }).items.map((i) => i.id);
    const a = searchPassages(k, '应急管理', { skip: 0, count: 5 }).items.map((i) => i.id);
    const b = searchPassages(k, '应急管理', { skip: 5, count: 5 }).items.map((i) => i.id);
    expect([...a, ...b]).toEqual(all);
    expect(searchPassages(k, '数据', { count: 10_000 }).items.length).toBeLessThanOrEqual(MAX_PAGE);
    expect(searchPassages(k, '数据', { skip: -3, count: -1 }).items.length).toBe(1);
  });

  it('English is searched through the glossary, and a typing slip is corrected', () => {
    expect(searchPassages(k, 'data security').items[0]!.title).toBe('强化数据安全保障。');
    expect(searchPassages(k, '数据安全').items[0]!.id).toBe(searchPassages(k, '数椐安全').items[0]!.id);
  });

  it('an empty text lists the parts, then the 专栏; an honest no-match lists nothing; no links without PUBLIC_URL', () => {
    const outline = searchPassages(k, '   ', { count: 25 });
    expect(outline.items.map((i) => i.kind)).toEqual([...k.library.allNodes().filter((n) => n.kind === 'part').map(() => 'part'), ...k.library.passages.filter((p) => p.kind === 'box').map(() => 'box')].slice(0, 25));
    expect(outline.items.every((i) => i.url === undefined)).toBe(true);
    expect(searchPassages(k, 'zzzz不存在的东西qq')).toEqual({ items: [], total: 0 });
  });
});

describe('passageResult and findPassage', () => {
  it('a passage, a box and a part by their stable ids; nothing for an unknown plan, passage or id', () => {
    expect(passageResult(k, 'xinxihua-14th:box14.i1', BASE)).toMatchObject({ kind: 'box-item', url: `${BASE}/p/xinxihua-14th/box14.i1`, text: k.library.passage('xinxihua-14th:box14.i1')!.text });
    expect(passageResult(k, 'xinxihua-14th:box14')!.kind).toBe('box');
    expect(passageResult(k, 'xinxihua-14th:p5')).toMatchObject({ kind: 'part', title: k.library.node('xinxihua-14th:p5')!.heading });
    expect(passageResult(k, 'xinxihua-14th:box99.i9')).toBeUndefined();
    expect(passageResult(k, 'no-such-plan:box14.i1')).toBeUndefined();
    expect(passageResult(k, 'not an id')).toBeUndefined();
    expect(findPassage(k.library, passageAddress('other-plan:p5')!)).toBeUndefined();
  });
});
