// The platform-neutral Reply: every answer validates against the zod schema, lists what it shows in `results` in the
// order shown, and a no-match has empty results with its suggestions in `actions`.
import { beforeAll, describe, expect, it } from 'vitest';
import { Bot } from '../src/conversation/bot.js';
import { Reply, EXCERPT_NOTE } from '../src/reply/reply.js';
import { MemoryStore } from '../src/store/memory-store.js';
import { knowledge } from './support/knowledge.js';

let bot: Bot;
let seq = 0;

/** Send one message to the bot and validate the Reply against the schema. */
async function ask(text: string, conversation = `c${++seq}`): Promise<Reply> {
  const raw = await bot.handle({ platform: 'console', workspace: 'w', conversation, user: 'u', text, messageId: `m${++seq}` });
  const parsed = Reply.safeParse(raw);
  if (!parsed.success) throw new Error(`reply to "${text}" is not a valid Reply: ${parsed.error.message}`);
  expect(Object.keys(raw).filter((key) => !(key in Reply.shape))).toEqual([]);
  return parsed.data;
}

/** Each result's title appears in the plain-text rendering, in the order of `results`. */
function expectShownInOrder(reply: Reply): void {
  let at = -1;
  for (const r of reply.results) {
    const i = reply.text.indexOf(r.title, at + 1);
    expect(i, `"${r.title}" after position ${at} in:\n${reply.text}`).toBeGreaterThan(at);
    at = i;
  }
}

/** Every result id names a passage, part or section of the loaded plans. */
function expectResolvableIds(reply: Reply): void {
  const k = knowledge();
  for (const r of reply.results) expect(Boolean(k.library.passage(r.id) ?? k.library.node(r.id)), r.id).toBe(true);
}

beforeAll(() => {
  bot = new Bot({ knowledge: knowledge(), store: new MemoryStore() });
});

describe('every kind of answer is a valid Reply', () => {
  it.each([
    ['应急管理', 'search'],
    ['专栏14', 'box'],
    ['专栏12第3条', 'box'],
    ['目录', 'outline'],
    ['第五部分', 'structure'],
    ['主攻方向', 'structure'],
    ['数字乡村2025年目标', 'target'],
    ['人工智能的重点工程', 'boxes'],
    ['帮助', 'help'],
    ['火星探测', 'search'],
    ['更多', 'more'],
    ['第2条', 'expand'],
    ['出处', 'source'],
    ['订阅 应急管理 每天 09:00', 'subscribe'],
    ['取消订阅', 'unsubscribe'],
    ['订阅列表', 'subscriptions'],
    ['重新开始', 'reset'],
    ['x'.repeat(10_000), 'invalid'],
  ])('"%s" → intent %s', async (text, intentName) => {
    const r = await ask(text);
    expect(r.intent).toBe(intentName);
    expect(r.text.length).toBeGreaterThan(0);
    expectResolvableIds(r);
  });
});

describe('results are what is shown, in the order shown', () => {
  it('a search lists its first page, numbered in order, with breadcrumbs and highlights', async () => {
    const r = await ask('/plan 数据治理');
    expect(r.results.length).toBeGreaterThan(0);
    expect(r.results.length).toBeLessThanOrEqual(3);
    expect(r.results[0]!.title).toBe('加强数据治理。');
    expect(r.results[0]!.path).toEqual(['四、重大任务和重点工程', '(二)建立高效利用的数据要素资源体系']);
    expect(r.results[0]!.highlights).toContain('数据治理');
    expectShownInOrder(r);
    r.results.forEach((x, i) => expect(r.text).toContain(`${i + 1}. ${x.title}`));
  });

  it('a box lists the box, then its items in order', async () => {
    const r = await ask('专栏13');
    expect(r.results.map((x) => x.id)).toEqual(['box13', ...[1, 2, 3, 4, 5, 6, 7].map((i) => `box13.i${i}`)].map((id) => `xinxihua-14th:${id}`));
    expect(r.results.map((x) => x.kind)).toEqual(['box', ...Array(7).fill('box-item')]);
    expectShownInOrder(r);
  });

  it('a box item is one result with its full text and its box in the breadcrumb', async () => {
    const r = await ask('专栏12第3条');
    expect(r.results).toHaveLength(1);
    expect(r.results[0]).toMatchObject({ id: 'xinxihua-14th:box12.i3', kind: 'box-item', title: '完善精准化犯罪打击体系。' });
    expect(r.results[0]!.path.at(-1)).toBe('专栏12 智慧公安建设提升工程');
    expect(r.text).toContain(r.results[0]!.text);
  });

  it('the outline lists the parts in order with their sections', async () => {
    const r = await ask('目录');
    expect(r.results.map((x) => x.title)).toEqual(['一、现状与形势', '二、总体部署', '三、主攻方向', '四、重大任务和重点工程', '五、优先行动']);
    expect(r.results.every((x) => x.kind === 'part')).toBe(true);
    expect(r.results[4]!.text.split('\n')).toHaveLength(10);
    expectShownInOrder(r);
  });

  it('a target answer puts the year asked for first and highlights it', async () => {
    const r = await ask('数字乡村2025年目标');
    expect(r.results[0]!.id).toBe('xinxihua-14th:p5.s7.target');
    expect(r.results[0]!.text.startsWith('到2025年,')).toBe(true);
    expect(r.results[0]!.text).toContain('到2023年,');
    expect(r.results[0]!.highlights).toContain('2025年');
  });

  it('a heading the excerpt lists without body carries the honest note', async () => {
    const part = await ask('第一部分');
    expect(part.results.map((x) => x.title)).toEqual(['(一)发展现状', '(二)发展形势']);
    for (const x of part.results) expect(x.note).toBe(EXCERPT_NOTE);
    const heading = await ask('构建产业数字化转型发展体系');
    expect(heading.results[0]).toMatchObject({ title: '构建产业数字化转型发展体系', text: '' });
    expect(heading.results[0]!.note).toBe(EXCERPT_NOTE);
    expect(heading.text).toContain(EXCERPT_NOTE);
  });

  it('更多 continues the numbering where the first page stopped and shows nothing twice', async () => {
    const first = await ask('数据安全', 'paging');
    const more = await ask('更多', 'paging');
    expect(more.start).toBe(first.results.length + 1);
    expect(more.results.length).toBeGreaterThan(0);
    const before = new Set(first.results.map((x) => x.id));
    expect(more.results.filter((x) => before.has(x.id))).toEqual([]);
    expect(more.text).toContain(`${first.results.length + 1}. ${more.results[0]!.title}`);
  });

  it('第2条 opens the second result shown', async () => {
    const list = await ask('人工智能', 'expand');
    const second = await ask('第2条', 'expand');
    expect(second.results.map((x) => x.id)).toEqual([list.results[1]!.id]);
  });
});

describe('no match', () => {
  it.each(['火星探测', 'asdfghjkl', '😀🎉'])('"%s": empty results, suggestions in actions', async (text) => {
    const r = await ask(text);
    expect(r.results).toEqual([]);
    expect(r.actions?.length).toBeGreaterThan(0);
    for (const a of r.actions!) {
      expect(a.type).toBe('suggest');
      expect(a.value.trim()).not.toBe('');
    }
    expect(r.text).toContain('没有找到');
  });

  it('each suggestion, sent back, finds something', async () => {
    const r = await ask('火星探测');
    for (const a of r.actions!) expect((await ask(a.value)).results.length, a.value).toBeGreaterThan(0);
  });
});

describe('actions', () => {
  it('a list offers more, expand for each shown result and subscribe to the topic', async () => {
    const r = await ask('应急管理');
    const values = r.actions!.map((a) => a.value);
    expect(values).toContain('更多');
    r.results.forEach((_, i) => expect(values).toContain(`展开第${i + 1}条`));
    expect(r.actions!.find((a) => a.type === 'subscribe')?.value).toBe('订阅 应急管理');
  });

  it('the last page offers no 更多', async () => {
    const r = await ask('专栏14');
    expect(r.actions!.some((a) => a.type === 'more')).toBe(false);
  });
});
