import { afterAll, describe, expect, it } from 'vitest';
import { renderPassagePage } from '../../adapters/web/passage-page.js';
import { html, SafeHtml } from '../../adapters/web/html.js';
import { renderPlanPage } from '../../adapters/web/plan-page.js';
import { renderWebReply } from '../../adapters/web/web-reply.js';
import { elementById } from '../../src/content/plan-tree.js';
import { loadKnowledge } from '../../src/knowledge.js';
import type { Reply } from '../../src/reply/reply.js';
import { MINI_PLAN_ID, MINI_PLAN_TEXT, makeContentDir, removeContentDirs } from '../support/fixture-content.js';

afterAll(() => removeContentDirs());

const HOSTILE = `<script>alert(1)</script>"><img src=x onerror=alert(2)>'<svg onload=alert(3)>&amp;`;

describe('web escaping', () => {
  it('html`…` escapes every interpolation, in text and in quoted attributes, and keeps built HTML as it is', () => {
    const inner = html`<b>${HOSTILE}</b>`;
    const out = html`<p title="${HOSTILE}">${HOSTILE}${inner}${[HOSTILE, 1]}${null}${false}</p>`.html;
    expect(out).not.toMatch(/<script|<img|<svg|"><|onerror="/);
    expect(out).toContain('title="&lt;script&gt;alert(1)&lt;/script&gt;&quot;&gt;&lt;img src=x onerror=alert(2)&gt;&#39;&lt;svg onload=alert(3)&gt;&amp;amp;"');
    expect(out).toContain('<b>&lt;script&gt;');
    expect(out.match(/<b>/g)).toHaveLength(1);
    expect(new SafeHtml('<i>').toString()).toBe('<i>');
  });

  it('reader pages escape the plan text itself: a plan whose words look like markup shows them as words', () => {
    const hostilePlan = MINI_PLAN_TEXT.replace('海洋牧场监测网络初步建成。', `海洋牧场监测网络初步建成${HOSTILE}。`).replace('专栏 3 海洋牧场数字化示范工程', `专栏 3 海洋牧场数字化示范工程${HOSTILE}`);
    const meta = JSON.stringify({ id: MINI_PLAN_ID, title: `《示范规划》${HOSTILE}`, excerpt: false, source: HOSTILE });
    const k = loadKnowledge(makeContentDir({ [`${MINI_PLAN_ID}.txt`]: hostilePlan, [`${MINI_PLAN_ID}.meta.json`]: meta }));
    const plan = k.library.plans.find((p) => p.meta.id === MINI_PLAN_ID)!;
    const pages = [renderPlanPage(k.library, plan, ''), ...k.library.passages.map((p) => renderPassagePage(k.library, plan, elementById(k.library, p.id)!, ''))];
    expect(pages.map((p) => p.html).join('')).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    for (const page of pages) {
      // the only tags are ours: no script at all on reader pages, no img/svg, no event handler attribute (looked for
      // outside the quoted attribute values, which the escaper keeps closed: a " inside one is &quot;)
      expect(page.html).not.toMatch(/<script|<img|<svg/i);
      expect(page.html.replace(/"[^"]*"/g, '""')).not.toMatch(/<[^>]*\son\w+=/i);
    }
  });

  it('the web chat gets text as text: no field of its rendering holds markup the page would have to trust', () => {
    const reply: Reply = {
      intent: 'search',
      title: HOSTILE,
      text: HOSTILE,
      footer: HOSTILE,
      results: [{ id: 'xinxihua-14th:box14.i1', kind: 'box-item', title: HOSTILE, text: `${HOSTILE} 应急管理`, path: [HOSTILE], highlights: ['应急管理', '<script>'] }],
      actions: [{ type: 'more', label: HOSTILE, value: HOSTILE }],
    };
    const r = renderWebReply(reply, '');
    // the text arrives unchanged (the page inserts it with textContent), cut into plain and highlighted pieces
    expect(r.title).toBe(HOSTILE);
    expect(r.cards[0]!.body.filter((s) => s.highlighted).map((s) => s.text)).toEqual(['<script>', '应急管理']);
    expect(r.cards[0]!.body.map((s) => s.text).join('')).toBe(`${HOSTILE} 应急管理`);
    expect(r.cards[0]!.url).toBe('/p/xinxihua-14th/box14.i1');
    expect(r.buttons).toEqual([{ kind: 'more', label: HOSTILE, value: HOSTILE }]);
    // a result whose id is not a stable passage id gets no link
    expect(renderWebReply({ ...reply, results: [{ ...reply.results[0]!, id: 'javascript:alert(1)' }] }, '').cards[0]!.url).toBeUndefined();
  });
});
