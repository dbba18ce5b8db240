// The structural-reference grammar: ordinals, units (the generic ones and those the plan tree names), relative
// picks, counts, combinations and "where is X", in Chinese, 繁体 and English — on the real plan and on the
// made-up mini plan, whose units (任务, its own 行动 and 工程) nothing in code knows.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Bot } from '../src/conversation/bot.js';
import { parseIntent } from '../src/intents/parse-intent.js';
import type { Intent } from '../src/intents/intent.js';
import { structureVocab } from '../src/intents/structure-vocab.js';
import { loadKnowledge, type Knowledge } from '../src/knowledge.js';
import type { Reply } from '../src/reply/reply.js';
import { MemoryStore } from '../src/store/memory-store.js';
import { MINI_PLAN_ID, MINI_PLAN_TEXT, makeContentDir, removeContentDirs } from './support/fixture-content.js';
import { knowledge } from './support/knowledge.js';

const PLAN = 'xinxihua-14th';
const intent = (text: string): Intent => parseIntent(text, knowledge());
const steps = (text: string) => {
  const i = intent(text);
  if (i.type !== 'struct') throw new Error(`"${text}" is ${JSON.stringify(i)}, not a struct reference`);
  return i.ref;
};

let n = 0;
/** Ask one question in a fresh conversation and return the reply. */
async function ask(k: Knowledge, text: string): Promise<Reply> {
  const bot = new Bot({ knowledge: k, store: new MemoryStore() });
  return bot.handle({ platform: 'console', workspace: 'w', conversation: `c${n++}`, user: 'u', text, messageId: `m${n}` });
}
const first = (r: Reply) => `${r.results[0]?.title ?? ''}\n${r.results[0]?.text ?? ''}\n${r.results[0]?.path.join(' ') ?? ''}`;

describe('the units a plan counts in come from its tree', () => {
  it('the real plan: 行动 are 优先行动’s sections, 方向 主攻方向’s entries, 工程 and 重点工程 its boxes', () => {
    const v = structureVocab(knowledge());
    expect(v.units.get('行动')).toBe(`members:${PLAN}:p5`);
    expect(v.units.get('方向')).toBe(`members:${PLAN}:p3`);
    expect(v.units.get('工程')).toBe('box');
    expect(v.units.get('重点工程')).toBe('box');
    expect(v.named.get('主攻方向')).toBe(`${PLAN}:p3`);
    expect(v.named.get('人工智能社会治理实验工程')).toBe(`${PLAN}:box13`);
  });

  describe('the mini plan', () => {
    let k: Knowledge;
    beforeAll(() => {
      k = loadKnowledge(makeContentDir({ 'mini-plan.txt': MINI_PLAN_TEXT }));
    });
    afterAll(removeContentDirs);

    it('derives its own units: 任务 of 重点任务, 行动 of its 优先行动, 工程 of its one box', () => {
      const v = structureVocab(k);
      expect(v.units.get('任务')).toBe(`members:${MINI_PLAN_ID}:p3`);
      expect(v.units.get('行动')).toBe(`members:${MINI_PLAN_ID}:p4`);
      expect(v.units.get('工程')).toBe('box');
      expect(v.units.has('方向')).toBe(false);
    });

    it.each([
      ['第二个优先行动', '海洋牧场保险服务行动'],
      ['专栏三的最后一项', '建设海产品溯源链'],
      ['3号专栏第1条', '建设智能投喂系统'],
      ['第三部分的第二节的第一条', '数据是海洋牧场管理的关键资源'],
      ['重点任务的第一个任务', '建设海洋感知网络'],
      ['台风灾害在哪一部分', '海洋牧场数字化示范工程'],
    ])('"%s" → %s', async (q, want) => {
      expect(first(await ask(k, q))).toContain(want);
    });

    it('counts with the list: 一共有几个优先行动', async () => {
      const r = await ask(k, '一共有几个优先行动');
      expect(r.title).toContain('2');
      expect(r.results.map((x) => x.title)).toEqual(['(一)渔民数字技能培训行动', '(二)海洋牧场保险服务行动']);
    });
  });
});

describe('ordinals and labels', () => {
  it.each(['专栏13第4项', '专栏十三第四项', '13号专栏第4条', '十三号专栏第四条', '第十三号专栏的第4点', '专栏13的第四个', 'box 13 item 4', 'item 4 of box 13', '專欄十三第四條'])(
    '"%s" → box 13 item 4',
    (q) => expect(intent(q)).toEqual({ type: 'box', box: 13, item: 4 }),
  );

  it.each(['第五部分', '第5部分', '五号部分', 'part 5', 'part five'])('"%s" → part 5', (q) => expect(intent(q)).toEqual({ type: 'part', part: 5 }));

  it('第N个 counts by position, 专栏N and N号 by the number a box carries', () => {
    expect(steps('第二个专栏').steps).toEqual([{ unit: 'box', sel: { at: 'nth', n: 2 }, word: '专栏' }]);
    expect(intent('十三号专栏')).toEqual({ type: 'box', box: 13 });
  });

  it.each([
    ['头一条', { at: 'nth', n: 1 }],
    ['首个专栏', { at: 'nth', n: 1 }],
    ['排第二的', { at: 'nth', n: 2 }],
    ['最后一个专栏', { at: 'end', n: 1 }],
    ['倒数第二个专栏', { at: 'end', n: 2 }],
    ['the second to last box', { at: 'end', n: 2 }],
  ])('"%s" selects %j', (q, sel) => {
    const i = intent(q);
    const got = i.type === 'struct' ? (i.ref.steps[0] as { sel: unknown }).sel : i.type === 'expand' ? { at: 'nth', n: i.n } : undefined;
    expect(got).toEqual(sel);
  });
});

describe('relative picks of the list in view', () => {
  it.each([
    ['第3条', { type: 'expand', n: 3 }],
    ['第三个展开', { type: 'expand', n: 3 }],
    ['把第二个展开说说', { type: 'expand', n: 2 }],
    ['三号', { type: 'expand', n: 3 }],
    ['#4', { type: 'expand', n: 4 }],
    ['最后一个详细说说', { type: 'expand', n: 1, fromEnd: true }],
    ['倒数第二条', { type: 'expand', n: 2, fromEnd: true }],
    ['the last one', { type: 'expand', n: 1, fromEnd: true }],
    ['the second one', { type: 'expand', n: 2 }],
    ['下一条', { type: 'step', d: 1 }],
    ['再下一条', { type: 'step', d: 1 }],
    ['上一个', { type: 'step', d: -1 }],
    ['上一個', { type: 'step', d: -1 }],
    ['previous', { type: 'step', d: -1 }],
    ['下一个专栏', { type: 'step', d: 1, unit: 'box' }],
    ['上一节', { type: 'step', d: -1, unit: 'section' }],
    ['next section', { type: 'step', d: 1, unit: 'section' }],
  ])('"%s" → %j', (q, want) => expect(intent(q)).toEqual(want));
});

describe('counts, combinations and named collections', () => {
  it.each([
    ['第四部分总共分成几节', '建设泛在智联的数字基础设施体系', '10'],
    ['一共有几个优先行动', '全民数字素养与技能提升行动', '10'],
    ['专栏13有几条', '开展医学人工智能社会治理实验', '7'],
    ['规划里有多少个专栏', '智慧公安建设提升工程', '3'],
    ['how many sections in part 4', '建设泛在智联的数字基础设施体系', '10'],
    ['how many items does box 13 have', '开展医学人工智能社会治理实验', '7'],
    ['優先行動一共有幾個', '全民数字素养与技能提升行动', '10'],
  ])('"%s" → the count with its list', async (q, firstItem, count) => {
    const r = await ask(knowledge(), q);
    expect(r.title).toContain(count);
    expect(first(r)).toContain(firstItem);
  });

  it.each([
    ['第二部分第一节讲什么', '指导思想'],
    ['第四部分第二节', '建立高效利用的数据要素资源体系'],
    ['专栏十三的头一条讲的是什么', '医用机器人应用'],
    ['专栏十三的最后一项', '建设社会治理大数据与模拟推演科学研究平台'],
    ['优先行动里排第二的是哪一项', '企业数字能力提升行动'],
    ['规划里最后一个专栏是哪个', '应急管理现代化能力提升工程'],
    ['主攻方向列的第一个方向是啥', '深化创新驱动,引领更高质量发展'],
    ['优先行动部分的第六个行动是啥', '绿色智慧生态文明建设行动'],
    ['第二个重点工程', '人工智能社会治理实验工程'],
    ['第五部分的第二个行动', '企业数字能力提升行动'],
    ['发展目标里的第二条是什么', '数字技术创新体系基本形成'],
    ['the last item of box 13', '建设社会治理大数据与模拟推演科学研究平台'],
    ['the second priority action', '企业数字能力提升行动'],
    ['人工智能社会治理实验工程', '人工智能社会治理实验工程'],
  ])('"%s" → %s', async (q, want) => {
    expect(first(await ask(knowledge(), q))).toContain(want);
  });

  it.each(['总体部署下面包括哪几部分', '第二部分包括哪几部分', '總體部署包括哪幾個部分'])('"%s": a part holds no parts, so its pieces are listed', async (q) => {
    const r = await ask(knowledge(), q);
    expect(r.results.map((x) => x.title)).toEqual(['(一)指导思想', '(二)基本原则', '(三)发展目标']);
  });

  it.each([
    ['排在数字乡村发展行动后面的那个优先行动是哪个', '(八)数字普惠金融服务行动'],
    ['数字乡村发展行动的下一个行动', '(八)数字普惠金融服务行动'],
    ['数字乡村发展行动前面的那个行动', '(六)绿色智慧生态文明建设行动'],
  ])('"%s": the heading listed beside the one named → %s', async (q, want) => {
    expect((await ask(knowledge(), q)).title).toContain(want);
  });

  it('a reference to what does not exist says so, with what there is', async () => {
    const r = await ask(knowledge(), '专栏十三的第八条');
    expect(r.results).toHaveLength(0);
    expect(r.title).toContain('没有第 8 条');
    const s = await ask(knowledge(), '第十个专栏');
    expect(s.results).toHaveLength(0);
    expect(s.footer).toContain('3 个专栏');
  });
});

describe('where is X', () => {
  it.each([
    ['智慧水利属于哪一节', { type: 'where', subject: '智慧水利', unit: 'section' }],
    ['数字家庭在第几部分', { type: 'where', subject: '数字家庭', unit: 'part' }],
    ['警用无线局域网在哪个专栏', { type: 'where', subject: '警用无线局域网', unit: 'box' }],
    ['哪个专栏提到了医用机器人', { type: 'where', subject: '医用机器人', unit: 'box' }],
    ['区块链是在哪个部分讲的', { type: 'where', subject: '区块链', unit: 'part' }],
    ['这个在规划的哪一部分', { type: 'where', unit: 'part' }],
    ['这个属于哪个专栏', { type: 'where', unit: 'box' }],
    ['这个属于哪个优先行动', { type: 'where', unit: `members:${PLAN}:p5` }],
    ['which part covers blockchain', { type: 'where', subject: '区块链', unit: 'part' }],
    // "讲X的地方": the verb and 的地方 are how the place is asked for, not the topic
    ['规划里讲社区安防的地方在哪', { type: 'where', subject: '社区安防' }],
    ['提到数字乡村的段落在哪一部分', { type: 'where', subject: '数字乡村', unit: 'part' }],
  ])('"%s" → %j', (q, want) => expect(intent(q)).toEqual(want));

  it.each([
    ['智慧水利属于哪一节', '绿色智慧生态文明建设行动'],
    ['养老社会实验是哪个专栏的', '人工智能社会治理实验工程'],
    ['全民数字素养与技能提升行动在哪一部分', '优先行动'],
  ])('"%s" is answered with the node or box that holds it: %s', async (q, want) => {
    const r = await ask(knowledge(), q);
    expect(r.intent).toBe('where');
    expect(first(r)).toContain(want);
    expect(r.title).toContain(want);
  });

  it('X outside any box, asked for its box, says so and shows where it is', async () => {
    const r = await ask(knowledge(), '智慧水利在哪个专栏');
    expect(r.notice).toContain('不在任何专栏中');
    expect(first(r)).toContain('绿色智慧生态文明建设行动');
  });
});

describe('references inside other questions', () => {
  it('"第五个优先行动2025年的目标" asks for the goals of what the reference names, with the year first', async () => {
    expect(intent('第5个优先行动2025年的目标是什么')).toMatchObject({ type: 'struct', ref: { ask: 'target', year: 2025 } });
    const r = await ask(knowledge(), '第五个优先行动2025年的目标');
    expect(r.results[0]!.title).toContain('基层智慧治理能力提升行动');
    expect(r.results[0]!.text.startsWith('到2025年')).toBe(true);
  });

  it('a title ending in 目标 is a title, not a question about goals', () => {
    expect(steps('第二部分的发展目标').steps).toEqual([{ unit: 'part', sel: { at: 'ordinal', n: 2 }, word: '部分' }, { named: `${PLAN}:p2.s3` }]);
  });

  it('"第二个优先行动在哪一部分", "专栏12的第二条在哪一部分": the place of what the reference names', async () => {
    expect(intent('第二个优先行动在哪一部分')).toMatchObject({ type: 'where', unit: 'part', ref: { steps: [{ named: `${PLAN}:p5` }, { sel: { at: 'nth', n: 2 } }] } });
    const r = await ask(knowledge(), '专栏12的第二条在哪一部分');
    expect(r.title).toContain('专栏12 智慧公安建设提升工程');
    expect(r.results[1]!.title).toContain('构建一体化指挥通信体系');
  });

  it.each(['规划在哪里提到了智慧水利', '智慧水利在规划里的位置', '智慧水利是第几部分的内容', '哪一节讲智慧水利', 'where can I find smart water', 'in which section is smart water mentioned'])(
    '"%s" asks where smart water is',
    async (q) => {
      const r = await ask(knowledge(), q);
      expect(r.intent).toBe('where');
      expect(first(r)).toContain('绿色智慧生态文明建设行动');
    },
  );
});

describe('references inside whole sentences', () => {
  it.each([
    ['我想问一下,规划第四部分的第二节主要讲的是什么内容啊', '建立高效利用的数据要素资源体系'],
    ['麻烦帮我看看专栏13里面的第三条具体是怎么写的', '开展养老社会实验'],
    ['能不能把专栏14的第二条发给我看看', '提高突发事件响应和处置能力'],
    ['你好,能告诉我最后一个专栏叫什么名字吗', '应急管理现代化能力提升工程'],
    ['请问这个规划总共包括几个部分?', '现状与形势'],
    ['专栏13一共有七条吗', '开展医学人工智能社会治理实验'],
  ])('"%s" → %s', async (q, want) => {
    expect(first(await ask(knowledge(), q))).toContain(want);
  });

  it('words that name something in the plan keep a sentence a search, and a bare 第一 needs no context to stay one', () => {
    for (const q of ['专栏13里关于养老的内容', '第三部分有没有提到智慧城市', '第一届世界杯在哪里举办', '第一时间响应']) expect(intent(q).type, q).toBe('search');
  });
});

describe('topic questions stay topic questions', () => {
  it.each(['第十四个五年规划', '下一代互联网', '最后一公里', '首都', '头部企业', '一共投入多少资金', '数据在哪里存储', '从哪几个方面推进数字乡村', '第一时间', 'the last mile', 'back office', '数字乡村发展行动的目标'])(
    '"%s" is not a structural reference',
    (q) => expect(['search', 'target', 'heading']).toContain(intent(q).type),
  );
});

describe('bad input', () => {
  it('long runs of grammar words parse quickly, without deep recursion (它它它…, 不说这个了不说这个了…)', () => {
    const inputs = ['它'.repeat(500), '这个'.repeat(250), '不说这个了'.repeat(100), '第一个'.repeat(166), '的'.repeat(500), '在哪个专栏'.repeat(100), 'the last '.repeat(55)];
    const t0 = performance.now();
    for (const q of inputs) expect(intent(q).type).toBeTruthy();
    // the recursive reading took about a second for the first input alone
    expect(performance.now() - t0).toBeLessThan(1000);
  });
});
