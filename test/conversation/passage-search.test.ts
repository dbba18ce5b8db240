// The passages a search box finds (issue 14; Teams' compose-box search is built on it): ranked by the core matcher,
// paged, bounded, linked to their reader pages, with no conversation context.
import { describe, expect, it } from 'vitest';
import { MAX_PAGE, searchPassages, SEARCH_LIMIT } from '../../src/conversation/passage-search.js';
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
