import { describe, expect, it } from 'vitest';
import { viewReply } from '../../src/reply/reply-view.js';
import type { ResultItem } from '../../src/reply/reply.js';

const item = (id: string, text: string, extra: Partial<ResultItem> = {}): ResultItem => ({ id, kind: 'paragraph', title: `标题${id}`, text, path: ['第一部分'], ...extra });

describe('viewReply, the one walk every renderer maps', () => {
  it('numbers a list from its start, snippets each text, and shows one result whole', () => {
    const long = '很长的段落。'.repeat(100);
    const list = viewReply({ intent: 'search', results: [item('a', long), item('b', 'short')], start: 4 });
    expect(list.results.map((r) => r.n)).toEqual([4, 5]);
    expect(list.results[0]!.body.length).toBeLessThanOrEqual(160);
    const one = viewReply({ intent: 'search', results: [item('a', long)] });
    expect(one.results[0]!.n).toBeUndefined();
    expect(one.results[0]!.body).toBe(long);
    expect(viewReply({ intent: 'digest', results: [item('a', long), item('b', long)] }, { full: true }).results[1]!.body).toBe(long);
  });

  it('keeps an item number, drops a body that only repeats the title, and passes title, notice, footer and note through', () => {
    const v = viewReply({
      intent: 'box',
      title: 'T',
      notice: 'N',
      footer: 'F',
      results: [item('a', '标题a', { n: 3, note: '节选未收录该部分正文' }), item('b', 'x')],
    });
    expect([v.title, v.notice, v.footer]).toEqual(['T', 'N', 'F']);
    expect(v.results[0]).toMatchObject({ n: 3, body: '', note: '节选未收录该部分正文' });
    expect(v.results[1]!.n).toBeUndefined();
  });
});
