// The plan parser on the real plan text: parts, sections, paragraphs, boxes, 行动目标, heading-only passages, metadata.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPlans } from '../src/content/load-content.js';
import { leadSentence, parsePlan, parseTargetYears } from '../src/content/parse-plan.js';
import { Plan, type Passage } from '../src/content/plan-schema.js';
import { isCodedError } from '../src/errors.js';
import { Library } from '../src/match/library.js';
import { loadLexicon } from '../src/nlp/lexicon.js';
import { makeDisplayFixer } from '../src/nlp/normalize.js';
import { CONTENT_DIR } from './support/knowledge.js';

// the parser needs no segmenter or index: load the plans the way loadKnowledge does, without jieba
const lexicon = loadLexicon(join(CONTENT_DIR, 'dict'));
const library = new Library(loadPlans(join(CONTENT_DIR, 'plans'), makeDisplayFixer({ variants: lexicon.variants, keep: lexicon.keep })));
const knowledge = () => ({ library });

const PLAN_ID = 'xinxihua-14th';
const RAW = readFileSync(join(CONTENT_DIR, 'plans', `${PLAN_ID}.txt`), 'utf8');
const plan = () => library.plans.find((p) => p.meta.id === PLAN_ID)!;
const passage = (local: string): Passage => {
  const p = library.passage(`${PLAN_ID}:${local}`);
  if (!p) throw new Error(`no passage ${PLAN_ID}:${local}`);
  return p;
};

describe('plan metadata', () => {
  it('merges what the text says with the metadata file', () => {
    expect(plan().meta).toMatchObject({
      id: PLAN_ID,
      title: '《“十四五”国家信息化规划》',
      excerpt: true,
      date: '2021-12-27',
      chapter: '第四章 2021 年颁布的安防相关政策规划文件',
    });
    expect(plan().meta.issuer).toMatch(/^工业和信息化部、国家发展和改革委员会、/);
  });

  it('reads title, excerpt mark, chapter, issuing line and date from the text alone', () => {
    const { header } = parsePlan(RAW, { id: PLAN_ID, title: PLAN_ID, excerpt: false });
    expect(header.title).toBe('《“十四五”国家信息化规划》');
    expect(header.excerpt).toBe(true);
    expect(header.chapter).toBe('第四章 2021 年颁布的安防相关政策规划文件');
    expect(header.date).toBe('2021-12-27');
    expect(header.issuer).toMatch(/^工业和信息化部、.*国务院国有资产监督管理委员会$/);
  });

  it('is a valid zod tree', () => {
    expect(Plan.safeParse(plan()).success).toBe(true);
  });
});

describe('parts and sections', () => {
  it('has the five parts of the excerpt (and the preface as part 0)', () => {
    const parts = plan().parts;
    expect(parts.filter((p) => p.n > 0).map((p) => p.heading)).toEqual(['一、现状与形势', '二、总体部署', '三、主攻方向', '四、重大任务和重点工程', '五、优先行动']);
    expect(parts[0]!.n).toBe(0);
    expect(passage('p0.para1').text).toMatch(/^本规划依据《中华人民共和国国民经济和社会发展第十四个五年规划/);
  });

  it('numbers sections from their (一) headings', () => {
    const p4 = plan().parts.find((p) => p.n === 4)!;
    expect(p4.sections.map((s) => s.n)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(p4.sections[9]!.heading).toBe('(十)建立健全规范有序的数字化发展治理体系');
    expect(plan().parts.find((p) => p.n === 5)!.sections.map((s) => s.title).at(-1)).toBe('智慧养老服务拓展行动');
  });

  it('gives passages their breadcrumb of headings', () => {
    expect(passage('p4.s2.para2').path).toEqual(['四、重大任务和重点工程', '(二)建立高效利用的数据要素资源体系']);
    expect(passage('p3.para2').path).toEqual(['三、主攻方向']);
  });
});

describe('paragraphs', () => {
  it('are titled by their lead sentence', () => {
    expect(passage('p4.s2.para2')).toMatchObject({ kind: 'paragraph', title: '加强数据治理。' });
    expect(passage('p4.s2.para2').text).toMatch(/^加强数据治理。强化国家数据治理协同/);
    expect(passage('p4.s6.para3').title).toBe('打造一体化智慧化公共安全体系。');
    expect(passage('p3.para6').title).toBe('防范化解风险,确保更为安全发展。');
  });

  it('have ids from part, section and their place in the section', () => {
    const ids = knowledge().library.passages.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^xinxihua-14th:(p\d+(\.s\d+)?(\.para\d+|\.target)?|box\d+(\.i\d+)?)$/);
    expect(passage('p4.s6.para4').title).toBe('打造平战结合的应急信息化体系。');
  });

  it('leadSentence stops at the first full stop, question or exclamation mark', () => {
    expect(leadSentence('加强数据治理。强化国家数据治理协同。')).toBe('加强数据治理。');
    expect(leadSentence('要不要做?要。')).toBe('要不要做?');
    expect(leadSentence('没有句号')).toBe('没有句号');
  });
});

describe('boxes', () => {
  it('holds 专栏12, 13 and 14 with their names and item counts', () => {
    const boxes = knowledge().library.passages.filter((p) => p.kind === 'box' && p.planId === PLAN_ID);
    expect(boxes.map((b) => b.title)).toEqual(['专栏12 智慧公安建设提升工程', '专栏13 人工智能社会治理实验工程', '专栏14 应急管理现代化能力提升工程']);
    expect(boxes.map((b) => knowledge().library.itemsOf(b.id).length)).toEqual([5, 7, 2]);
    expect(passage('box12').path).toEqual(['四、重大任务和重点工程', '(六)构筑共建共治共享的数字社会治理体系']);
  });

  it('titles items by their lead sentence and lists them in the box text', () => {
    expect(passage('box12.i3')).toMatchObject({ kind: 'box-item', item: 3, box: 12, parentId: `${PLAN_ID}:box12`, title: '完善精准化犯罪打击体系。' });
    expect(passage('box12.i3').path.at(-1)).toBe('专栏12 智慧公安建设提升工程');
    expect(passage('box14').text).toBe('1. 提升风险监测预警能力。\n2. 提高突发事件响应和处置能力。');
  });

  it('ends a box at the next indented paragraph', () => {
    expect(passage('p4.s6.para3').kind).toBe('paragraph');
    expect(knowledge().library.itemsOf(`${PLAN_ID}:box12`).map((x) => x.item)).toEqual([1, 2, 3, 4, 5]);
  });
});

describe('行动目标', () => {
  it('has one per priority action, with 2023 and 2025 parsed', () => {
    const targets = knowledge().library.passages.filter((p) => p.kind === 'target' && p.planId === PLAN_ID);
    expect(targets.map((t) => t.id)).toEqual(Array.from({ length: 10 }, (_, i) => `${PLAN_ID}:p5.s${i + 1}.target`));
    for (const t of targets) expect(Object.keys(t.years ?? {})).toEqual(['2023', '2025']);
  });

  it('splits the text into the goal of each year', () => {
    const t = passage('p5.s1.target');
    expect(t.title).toBe('全民数字素养与技能提升行动 · 行动目标');
    expect(t.years!['2023']).toBe('全民数字技能教育教学资源体系初步形成,信息弱势群体数字素养与技能明显提升。');
    expect(t.years!['2025']).toBe('全民数字技能教育培训广泛普及,让人民群众共享信息化发展成果。');
    expect(passage('p5.s5.target').years!['2023']).toMatch(/^基层智慧治理规划、政策和标准规范更加完善/);
  });

  it('parseTargetYears reads half- and full-width punctuation', () => {
    expect(parseTargetYears('到2023年,甲初步形成;到2025年,乙全面建成。')).toEqual({ '2023': '甲初步形成。', '2025': '乙全面建成。' });
    expect(parseTargetYears('到2023年，甲初步形成；到 2025 年，乙全面建成。')).toEqual({ '2023': '甲初步形成。', '2025': '乙全面建成。' });
    expect(parseTargetYears('没有年份的目标')).toEqual({});
  });
});

describe('headings the excerpt lists without body', () => {
  it('are heading passages with no text', () => {
    for (const local of ['p4.s1.para2', 'p4.s1.para4', 'p4.s3.para2', 'p4.s10.para4']) {
      expect(passage(local)).toMatchObject({ kind: 'heading', text: '' });
    }
    expect(passage('p4.s1.para2').title).toBe('建设泛在智能的网络连接设施。');
  });

  it('do not swallow a short body paragraph that states something (a full sentence with commas)', () => {
    const text = '一、总体要求\n（一）发展目标\n到2025年，智慧海洋牧场体系基本建成，渔业安全事故明显减少。\n（二）重点任务\n建设海底观测站点。\n';
    const { plan: mini } = parsePlan(text, { id: 'short', title: 'short', excerpt: false });
    expect(mini.passages.find((p) => p.id === 'short:p1.s1.para1')).toMatchObject({ kind: 'paragraph', text: '到2025年，智慧海洋牧场体系基本建成，渔业安全事故明显减少。' });
    expect(mini.passages.find((p) => p.id === 'short:p1.s2.para1')).toMatchObject({ kind: 'heading', text: '' });
  });

  it('cover sections that have no body at all', () => {
    expect(passage('p4.s5')).toMatchObject({ kind: 'heading', title: '构建产业数字化转型发展体系', path: ['四、重大任务和重点工程', '(五)构建产业数字化转型发展体系'] });
    expect(passage('p1.s1')).toMatchObject({ kind: 'heading', title: '发展现状' });
    expect(passage('p4.s7').title).toBe('打造协同高效的数字政府服务体系');
  });
});

describe('display text', () => {
  it('shows 置 for the 臵 the raw file writes, and the raw file keeps 臵', () => {
    expect(RAW).toContain('处臵');
    expect(RAW).toContain('配臵');
    const all = knowledge().library.passages.map((p) => `${p.title}\n${p.text}\n${p.path.join('')}`).join('\n');
    expect(all).not.toContain('臵');
    expect(passage('box14.i2').title).toBe('提高突发事件响应和处置能力。');
    expect(all).toContain('配置');
  });

  it('leaves out the trailer: issuing line, date and navigation links', () => {
    const all = knowledge().library.passages.map((p) => p.text).join('\n');
    expect(all).not.toContain('2021年12月27日');
    expect(all).not.toContain('上一篇');
    expect(all).not.toContain('国务院国有资产监督管理委员会');
  });
});

describe('invalid plan texts', () => {
  const meta = { id: 'bad', title: 'bad', excerpt: false };
  const code = (fn: () => unknown): string | undefined => {
    try {
      fn();
    } catch (err) {
      return isCodedError(err) ? err.code : `not coded: ${(err as Error).message}`;
    }
    return undefined;
  };

  it('refuses a text with no passages', () => {
    expect(code(() => parsePlan('《空规划》\n', meta))).toBe('CONTENT_INVALID');
  });

  it('refuses two boxes with the same number (their ids would clash)', () => {
    const text = '一、任务\n专栏 3 甲工程\n1. 做甲。做甲的事情。\n专栏 3 乙工程\n1. 做乙。做乙的事情。\n';
    expect(code(() => parsePlan(text, meta))).toBe('CONTENT_INVALID');
  });
});
