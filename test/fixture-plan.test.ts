// A second, made-up plan (test/fixtures/mini-plan.txt) proves that nothing in the parser, loader, matcher or bot is
// specific to the real plan file: other id, other part and box numbers, full-width punctuation, no metadata file.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parsePlan } from '../src/content/parse-plan.js';
import type { Passage, Plan } from '../src/content/plan-schema.js';
import { Bot } from '../src/conversation/bot.js';
import { loadKnowledge, type Knowledge } from '../src/knowledge.js';
import { loadLexicon } from '../src/nlp/lexicon.js';
import { makeDisplayFixer } from '../src/nlp/normalize.js';
import { Reply } from '../src/reply/reply.js';
import { MemoryStore } from '../src/store/memory-store.js';
import { MINI_PLAN_ID, MINI_PLAN_TEXT, makeContentDir, removeContentDirs } from './support/fixture-content.js';
import { CONTENT_DIR } from './support/knowledge.js';

const lexicon = loadLexicon(join(CONTENT_DIR, 'dict'));
const display = makeDisplayFixer({ variants: lexicon.variants, keep: lexicon.keep });
const meta = { id: MINI_PLAN_ID, title: MINI_PLAN_ID, excerpt: false };

function parse(text: string): { plan: Plan; header: ReturnType<typeof parsePlan>['header'] } {
  return parsePlan(text, meta, { display });
}

/** id → what a reader sees of the passage, to compare two parses of the plan. */
function contentById(plan: Plan): Map<string, string> {
  return new Map(plan.passages.map((p) => [p.id, `${p.kind}|${p.title}|${p.text}|${p.path.join('>')}`]));
}

const ID = (local: string) => `${MINI_PLAN_ID}:${local}`;

describe('the mini plan parses into the same tree shape as the real plan', () => {
  const { plan, header } = parse(MINI_PLAN_TEXT);
  const byId = new Map(plan.passages.map((p) => [p.id, p]));
  const get = (local: string): Passage => {
    const p = byId.get(ID(local));
    if (!p) throw new Error(`no passage ${ID(local)}; have ${[...byId.keys()].join(', ')}`);
    return p;
  };

  it('reads title, excerpt mark, chapter, issuing line and date from the text (full-width punctuation)', () => {
    expect(header).toEqual({
      title: '《“十四五”智慧海洋牧场发展规划》',
      excerpt: true,
      chapter: '第二章 2022 年发布的示例规划文件',
      issuer: '农业农村部、自然资源部、工业和信息化部',
      date: '2022-03-15',
    });
  });

  it('has its five parts and their sections, numbered from the headings', () => {
    // part 0 holds the preface before 一、
    expect(plan.parts.map((p) => p.heading)).toEqual(['前言', '一、发展基础', '二、总体要求', '三、重点任务', '四、优先行动', '五、保障措施']);
    expect(plan.parts.map((p) => p.n)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(plan.parts[0]!.passageIds).toEqual([ID('p0.para1')]);
    expect(plan.parts[3]!.sections.map((s) => s.heading)).toEqual(['(一)建设海洋感知网络', '(二)构建牧场数据平台']);
    expect(plan.parts[5]!.sections).toEqual([]);
    expect(plan.parts[5]!.passageIds).toEqual([ID('p5.para1')]);
  });

  it('gives every passage an id built from its place, in document order', () => {
    expect(plan.passages.map((p) => p.id.replace(`${MINI_PLAN_ID}:`, ''))).toEqual([
      'p0.para1',
      'p1.s1.para1',
      'p1.s2',
      'p2.s1.para1',
      'p2.s2.para1',
      'p3.s1.para1',
      'p3.s1.para2',
      'p3.s1.para3',
      'p3.s1.para4',
      'p3.s2.para1',
      'box3',
      'box3.i1',
      'box3.i2',
      'box3.i3',
      'p3.s2.para2',
      'p4.para1',
      'p4.s1.target',
      'p4.s1.para1',
      'p4.s2.target',
      'p5.para1',
    ]);
    expect(plan.passages.map((p) => p.order)).toEqual(plan.passages.map((_, i) => i));
    expect(get('p3.s1.para2').path).toEqual(['三、重点任务', '(一)建设海洋感知网络']);
  });

  it('titles a paragraph by its lead sentence', () => {
    const p = get('p3.s1.para2');
    expect(p.kind).toBe('paragraph');
    expect(p.title).toBe('完善水质监测体系。');
    expect(p.text).toMatch(/^完善水质监测体系。布设溶解氧/);
  });

  it('parses the box with its name and numbered items', () => {
    const box = get('box3');
    expect(box).toMatchObject({ kind: 'box', title: '专栏3 海洋牧场数字化示范工程', box: 3, part: 3, section: 2 });
    expect(box.path).toEqual(['三、重点任务', '(二)构建牧场数据平台']);
    const items = plan.passages.filter((p) => p.parentId === box.id);
    expect(items.map((i) => [i.item, i.title])).toEqual([
      [1, '建设智能投喂系统。'],
      [2, '建设台风灾害应急处置平台。'],
      [3, '建设海产品溯源链。'],
    ]);
    expect(items[0]!.path).toEqual([...box.path, box.title]);
    // the paragraph after the box is back in the section, not a fourth item
    expect(get('p3.s2.para2')).toMatchObject({ kind: 'paragraph', title: '推动数据开放共享。' });
  });

  it('parses 行动目标 with full-width colon and commas into years', () => {
    const t = get('p4.s1.target');
    expect(t.kind).toBe('target');
    expect(t.title).toBe('渔民数字技能培训行动 · 行动目标');
    expect(t.years).toEqual({ '2023': '培训沿海渔民数字技能骨干一万人次。', '2025': '重点渔区渔民智能终端使用率达到百分之八十。' });
    expect(get('p4.s2.target').years?.['2025']).toBe('养殖保险线上理赔比例达到百分之六十。');
  });

  it('keeps headings the excerpt lists without body as heading passages', () => {
    expect(get('p3.s1.para3')).toMatchObject({ kind: 'heading', title: '建设海底观测站点。', text: '' });
    expect(get('p1.s2')).toMatchObject({ kind: 'heading', title: '面临形势', text: '', path: ['一、发展基础', '(二)面临形势'] });
  });

  it('shows 置 where the raw text writes 臵, and leaves the raw text as it was', () => {
    expect(MINI_PLAN_TEXT).toContain('应急处臵平台');
    expect(MINI_PLAN_TEXT).toContain('配臵防碰撞雷达');
    expect(get('box3.i2').text).toContain('应急处置平台');
    expect(get('p3.s1.para4').text).toContain('配置防碰撞雷达');
    expect(plan.passages.some((p) => `${p.title}${p.text}`.includes('臵'))).toBe(false);
  });

  it('does not take the issuing line, the date or the navigation links for passages', () => {
    const all = plan.passages.map((p) => `${p.title}${p.text}`).join('\n');
    expect(all).not.toContain('2022年3月15日');
    expect(all).not.toContain('农业农村部、自然资源部');
    expect(all).not.toContain('上一篇');
    expect(all).not.toContain('《“十四五”智慧海洋牧场发展规划》');
  });
});

describe('ids are stable: they come from the place in the plan, not from array order', () => {
  const base = contentById(parse(MINI_PLAN_TEXT).plan);
  const unchangedOutside = (changed: Map<string, string>, touched: (id: string) => boolean) => {
    const outside = [...base.keys()].filter((id) => !touched(id));
    expect(outside.length).toBeGreaterThan(10);
    for (const id of outside) expect([id, changed.get(id)]).toEqual([id, base.get(id)]);
  };

  it('adding a paragraph to one section changes no id outside that section', () => {
    const text = MINI_PLAN_TEXT.replace('  建设海底观测站点。\n', '  建设海底观测站点。\n  新增一段关于无人机巡航的内容。要加强海上无人机巡航和应急搜救能力建设。\n');
    const changed = contentById(parse(text).plan);
    expect(changed.size).toBe(base.size + 1);
    unchangedOutside(changed, (id) => id.startsWith(ID('p3.s1.')));
    // before the insertion point, the section's own ids hold too
    for (const id of ['p3.s1.para1', 'p3.s1.para2', 'p3.s1.para3']) expect(changed.get(ID(id))).toBe(base.get(ID(id)));
  });

  it('adding a box in another section leaves the existing box and its items alone', () => {
    const text = MINI_PLAN_TEXT.replace(
      '  （二）海洋牧场保险服务行动\n',
      '\n专栏 4 渔民培训示范工程\n\n1. 建设渔民数字学校。组织线上课程。\n\n  （二）海洋牧场保险服务行动\n',
    );
    const { plan } = parse(text);
    expect(plan.passages.find((p) => p.id === ID('box4.i1'))?.title).toBe('建设渔民数字学校。');
    unchangedOutside(contentById(plan), () => false);
  });

  it('reordering parts in the file keeps every id pointing at the same passage', () => {
    const four = MINI_PLAN_TEXT.indexOf('  四、优先行动');
    const five = MINI_PLAN_TEXT.indexOf('  五、保障措施');
    const end = MINI_PLAN_TEXT.indexOf('\n\n农业农村部');
    const text = MINI_PLAN_TEXT.slice(0, four) + MINI_PLAN_TEXT.slice(five, end) + '\n' + MINI_PLAN_TEXT.slice(four, five) + MINI_PLAN_TEXT.slice(end);
    const changed = contentById(parse(text).plan);
    expect([...changed.keys()].sort()).toEqual([...base.keys()].sort());
    unchangedOutside(changed, () => false);
  });

  it('a content reload resolves ids saved before it, even though the text changed elsewhere', () => {
    const before = loadKnowledge(makeContentDir({ 'mini-plan.txt': MINI_PLAN_TEXT }));
    const saved = ['box3.i2', 'p4.s1.target', 'p3.s2.para2'].map((l) => [ID(l), before.library.passage(ID(l))!.title] as const);
    const edited = MINI_PLAN_TEXT.replace('  五、保障措施\n', '  五、保障措施\n  强化资金保障。统筹中央和地方资金支持海洋牧场信息化。\n');
    const after = loadKnowledge(makeContentDir({ 'mini-plan.txt': edited }));
    expect(after.library.passages.length).toBe(before.library.passages.length + 1);
    for (const [id, title] of saved) expect(after.library.passage(id)?.title).toBe(title);
  });
});

describe('the mini plan, loaded from a content folder, answers like the real one', () => {
  let k: Knowledge;
  let bot: Bot;
  let n = 0;
  const ask = async (text: string, conversation = `c${++n}`): Promise<Reply> => {
    const reply = await bot.handle({ platform: 'console', workspace: 'w', conversation, user: 'u', text, messageId: `m${++n}` });
    return Reply.parse(reply);
  };

  beforeAll(() => {
    k = loadKnowledge(makeContentDir({ 'mini-plan.txt': MINI_PLAN_TEXT }));
    bot = new Bot({ knowledge: k, store: new MemoryStore() });
  });
  afterAll(removeContentDirs);

  it('loads one plan with the metadata its text gives', () => {
    expect(k.library.plans).toHaveLength(1);
    expect(k.library.plans[0]!.meta).toMatchObject({
      id: MINI_PLAN_ID,
      title: '《“十四五”智慧海洋牧场发展规划》',
      excerpt: true,
      issuer: '农业农村部、自然资源部、工业和信息化部',
      date: '2022-03-15',
      chapter: '第二章 2022 年发布的示例规划文件',
    });
  });

  it('searches the plan: a topic leads with its passage, with highlights', () => {
    const water = k.matcher.search(k.normalize('水质监测'), { highlight: 3 });
    expect(water.noMatch).toBe(false);
    expect(water.hits[0]!.passage.id).toBe(ID('p3.s1.para2'));
    expect(water.hits[0]!.highlights.join()).toContain('水质');
    expect(k.matcher.search(k.normalize('台风预警')).hits[0]!.passage.id).toBe(ID('box3.i2'));
    expect(k.matcher.search(k.normalize('渔船監管')).hits[0]!.passage.id).toBe(ID('p3.s1.para4'));
  });

  it('answers no match for what the plan does not hold', async () => {
    expect(k.matcher.search(k.normalize('火星探测')).noMatch).toBe(true);
    const r = await ask('火星探测');
    expect(r.results).toEqual([]);
  });

  it('looks up its own box, parts and sections', () => {
    const box = k.library.box(3);
    expect(box?.id).toBe(ID('box3'));
    expect(k.library.itemsOf(ID('box3')).map((x) => x.id)).toEqual([ID('box3.i1'), ID('box3.i2'), ID('box3.i3')]);
    expect(k.library.box(12)).toBeUndefined();
    expect(k.library.part(4)?.heading).toBe('四、优先行动');
    const s = k.library.node(ID('p3.s2'));
    expect(s?.heading).toBe('(二)构建牧场数据平台');
    expect(k.library.passagesUnder(s!).map((p) => p.id)).toEqual([ID('p3.s2.para1'), ID('box3'), ID('p3.s2.para2')]);
    expect(k.library.boxesIn(MINI_PLAN_ID, 3, 2).map((b) => b.id)).toEqual([ID('box3')]);
  });

  it('answers 专栏3 and 专栏3第2条 (shown with 置)', async () => {
    const box = await ask('/plan 专栏3');
    expect(box.intent).toBe('box');
    expect(box.results.map((r) => r.id)).toEqual([ID('box3'), ID('box3.i1'), ID('box3.i2'), ID('box3.i3')]);
    const item = await ask('专栏3第2条');
    expect(item.results.map((r) => r.id)).toEqual([ID('box3.i2')]);
    expect(item.results[0]!.text).toContain('应急处置平台');
    expect(item.text).not.toContain('臵');
  });

  it('answers its outline and its parts by number and by heading', async () => {
    const outline = await ask('目录');
    expect(outline.results.map((r) => r.title)).toEqual(['一、发展基础', '二、总体要求', '三、重点任务', '四、优先行动', '五、保障措施']);
    const byNumber = await ask('第四部分');
    const byHeading = await ask('优先行动');
    expect(byNumber.results[0]!.id).toBe(ID('p4.para1'));
    expect(byHeading.results.map((r) => r.id)).toEqual(byNumber.results.map((r) => r.id));
    expect(byNumber.results.slice(1).map((r) => r.title)).toEqual(['(一)渔民数字技能培训行动', '(二)海洋牧场保险服务行动']);
  });

  it('answers a target question with the year asked for first', async () => {
    const r = await ask('渔民数字技能2025年目标');
    expect(r.intent).toBe('target');
    expect(r.results[0]!.id).toBe(ID('p4.s1.target'));
    expect(r.results[0]!.text.startsWith('到2025年,重点渔区渔民智能终端使用率达到百分之八十')).toBe(true);
  });

  it('says honestly that a heading has no body in the excerpt', async () => {
    const r = await ask('海底观测站点');
    expect(r.results[0]!.id).toBe(ID('p3.s1.para3'));
    expect(r.results[0]!.note).toBe('节选未收录该部分正文');
  });

  it('cites the mini plan (title, chapter, issuer, date) for 出处', async () => {
    await ask('专栏3第3条', 'cite');
    const r = await ask('出处', 'cite');
    expect(r.intent).toBe('source');
    expect(r.title).toContain('《“十四五”智慧海洋牧场发展规划》');
    expect(r.title).toContain('专栏3 海洋牧场数字化示范工程');
    expect(r.footer).toContain('第二章 2022 年发布的示例规划文件');
    expect(r.footer).toContain('2022-03-15');
  });

  it('names the mini plan in help, not the real one', async () => {
    const r = await ask('帮助');
    expect(r.text).toContain('《“十四五”智慧海洋牧场发展规划》');
    expect(r.text).not.toContain('国家信息化规划');
  });
});

describe('several plans in one content folder', () => {
  afterAll(removeContentDirs);

  it('loads the real plan beside the mini plan without id clashes, and searches both', async () => {
    const { readFileSync } = await import('node:fs');
    const real = readFileSync(join(CONTENT_DIR, 'plans', 'xinxihua-14th.txt'), 'utf8');
    const realMeta = readFileSync(join(CONTENT_DIR, 'plans', 'xinxihua-14th.meta.json'), 'utf8');
    const k = loadKnowledge(
      makeContentDir({ 'mini-plan.txt': MINI_PLAN_TEXT, 'xinxihua-14th.txt': real, 'xinxihua-14th.meta.json': realMeta }),
    );
    expect(k.library.plans.map((p) => p.meta.id).sort()).toEqual([MINI_PLAN_ID, 'xinxihua-14th']);
    const ids = k.library.passages.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(k.library.box(3)?.planId).toBe(MINI_PLAN_ID);
    expect(k.library.box(14)?.planId).toBe('xinxihua-14th');
    expect(k.matcher.search(k.normalize('海洋牧场 水质')).hits[0]!.passage.planId).toBe(MINI_PLAN_ID);
    expect(k.matcher.search(k.normalize('应急管理')).hits[0]!.passage.planId).toBe('xinxihua-14th');
  });

  it('lets a metadata file set the plan id and add facts the text does not give', () => {
    const k = loadKnowledge(
      makeContentDir({
        'mini-plan.txt': MINI_PLAN_TEXT,
        'mini-plan.meta.json': JSON.stringify({ id: 'ocean-demo', shortTitle: '海洋牧场规划', source: '测试夹具' }),
      }),
    );
    const plan = k.library.plans[0]!;
    expect(plan.meta).toMatchObject({ id: 'ocean-demo', shortTitle: '海洋牧场规划', source: '测试夹具', date: '2022-03-15' });
    expect(k.library.passage('ocean-demo:box3.i2')?.title).toBe('建设台风灾害应急处置平台。');
    expect(k.library.passages.every((p) => p.id.startsWith('ocean-demo:') && p.planId === 'ocean-demo')).toBe(true);
  });
});
