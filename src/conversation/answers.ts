import type { Passage } from '../content/plan-schema.js';
import type { Knowledge } from '../knowledge.js';
import type { HeadingNode } from '../match/library.js';
import type { Hit } from '../match/matcher.js';
import { clipText } from '../reply/clip.js';
import { finish } from '../reply/finish.js';
import { toResult, type Action, type Reply, type ResultItem } from '../reply/reply.js';
import type { ConversationContext } from './context.js';
import { cleanTopic } from '../intents/clean-topic.js';
import { namesTopic } from './names-topic.js';

/** Results per page of a search or list answer. */
export const PAGE_SIZE = 3;
/** A part or section is a table of contents: it shows more entries per page. */
export const STRUCTURE_PAGE_SIZE = 12;

/** What the new context should say after an answer; the bot fills in the bookkeeping. */
export type ContextUpdate = Omit<ConversationContext, 'v' | 'updatedAt'>;

/** An answer: the reply and how the conversation's context changes (undefined: leave it as it was). */
export interface Turn {
  reply: Reply;
  ctx?: ContextUpdate | null;
}

/** The plan's title (or how many plans there are), for replies that speak of the plan as a whole. */
export function planTitle(k: Knowledge): string {
  const plans = k.library.plans;
  return plans.length === 1 ? plans[0]!.meta.title : `${plans.length} 份规划`;
}

/** The buttons a list answer offers: more (when there is more), expand, subscribe, share. */
function listActions(topic: string | undefined, remaining: number, count: number, start: number): Action[] {
  const actions: Action[] = [];
  if (remaining > 0) actions.push({ type: 'more', label: `更多(还有 ${remaining} 条)`, value: '更多' });
  for (let i = 0; i < count; i++) actions.push({ type: 'expand', label: `展开 ${start + i}`, value: `展开第${start + i}条` });
  if (topic) actions.push({ type: 'subscribe', label: '订阅此主题', value: `订阅 ${topic}` });
  actions.push({ type: 'share', label: '分享到频道', value: 'share' });
  return actions;
}

const SUGGESTIONS = ['应急管理', '数据治理', '专栏14', '目录'];

/** The honest "no match": empty results, with suggestions as actions. */
export function noMatch(k: Knowledge, asked: string, intent = 'search'): Turn {
  const shown = clipText(asked.trim() || '(没有可检索的文字)', 40);
  const reply = finish(
    {
      intent,
      title: `没有找到与「${shown}」相关的内容`,
      results: [],
      actions: SUGGESTIONS.map((s) => ({ type: 'suggest' as const, label: s, value: s })),
    },
    `${planTitle(k)}(节选)中没有足够相关的段落。可以换个说法,或试试:${SUGGESTIONS.join('、')};发送"帮助"查看用法。`,
  );
  return { reply };
}

/** Show the first page of a ranked list and remember the whole list for 更多 / 第N条. */
export function listTurn(
  k: Knowledge,
  intent: string,
  title: string,
  items: ResultItem[],
  ctx: Omit<ContextUpdate, 'list' | 'shown'>,
  notice?: string,
  pageSize = PAGE_SIZE,
  head?: ResultItem,
): Turn {
  const page = items.slice(0, pageSize);
  const remaining = items.length - page.length;
  const reply = finish(
    {
      intent,
      title: `${title} · ${items.length > page.length ? `1–${page.length} / ${items.length}` : `${items.length} 条`}`,
      // a heading shown above the list (the part or section itself) is not one of its numbered entries
      results: head ? [head, ...page.map((x, i) => ({ ...x, n: i + 1 }))] : page,
      actions: listActions(ctx.topic, remaining, page.length, 1),
      start: 1,
      ...(notice ? { notice } : {}),
    },
    remaining > 0 ? `回复"更多"看下一页,"第N条"展开。` : `回复"第N条"展开。`,
  );
  return { reply, ctx: { ...ctx, list: items.map((x) => x.id), shown: page.length } };
}

/** Search hits as result items, with their highlights. */
export function hitResults(hits: Hit[]): ResultItem[] {
  return hits.map((h) => toResult(h.passage, h.highlights));
}

/** Full-text search over the plan. */
export function searchAnswer(k: Knowledge, query: string, extras: string[] = [], about?: string): Turn {
  const res = k.matcher.search(query, { extras, highlight: PAGE_SIZE });
  // an unrelated question starts afresh even when it finds nothing: 更多 must not continue the old topic
  if (res.noMatch) return { ...noMatch(k, query), ctx: null };
  // the topic is what the question is about, without its frames and filler (那…呢 and 目标 follow-ups reuse it)
  const topic = about || cleanTopic(query, k) || query.trim();
  return listTurn(k, 'search', topic, hitResults(res.hits), { intent: 'search', topic, extras });
}

/** A project the plan's text names (实施…工程), as a clause of its own. */
const PROJECT = /[^,。;、:]{2,40}工程/;
const PROJECTS = new RegExp(PROJECT.source, 'g');

/**
 * The boxes (专栏 / 重点工程) of a topic, or all boxes when no topic is known. `inView`: the entries the conversation
 * shows (有哪些重点工程 after a search); a 专栏 among them, or holding one of them, is the topic's when no 专栏 names it.
 */
export function boxesAnswer(k: Knowledge, topic: string | undefined, inView: readonly string[] = []): Turn {
  const boxes: Passage[] = [];
  const add = (b: Passage | undefined) => {
    if (b && !boxes.includes(b)) boxes.push(b);
  };
  if (!topic) {
    k.library.passages.filter((p) => p.kind === 'box').forEach(add);
    return listTurn(k, 'boxes', '重点工程(专栏)', boxes.map((b) => boxResult(k, b)), { intent: 'boxes' });
  }
  const res = k.matcher.search(topic, { filter: (p) => p.kind === 'box' || p.kind === 'box-item', highlight: 30 });
  if (!res.noMatch) {
    for (const h of res.hits) if (namesTopic(k, h.passage, topic)) add(boxOf(k, h.passage));
  }
  if (boxes.length === 0) {
    for (const id of inView) add(boxOf(k, k.library.passage(id)));
    if (boxes.length > 0) return listTurn(k, 'boxes', `${topic} 的重点工程`, boxes.map((b) => boxResult(k, b)), { intent: 'boxes', topic });
    // none on screen either: the 专栏 of the lead passage's own section that speaks most of what it says, said as such
    const near = sectionBox(k, inView[0]);
    if (near) {
      const section = near.path[near.path.length - 1] ?? '';
      const notice = `没有专门讲「${clipText(topic, 20)}」的专栏,以下是它所在的${section}中与它最相关的专栏`;
      return listTurn(k, 'boxes', `${topic} 所在部分的专栏`, [boxResult(k, near)], { intent: 'boxes', topic }, notice);
    }
  }
  if (boxes.length === 0) {
    // no 专栏, but the plan's text may still name a project for the topic (实施国家基础网络安全保障能力提升工程)
    const named = k.matcher.search(topic, { filter: (p) => p.kind !== 'box' && p.kind !== 'box-item' && PROJECT.test(p.text) && namesTopic(k, p, topic), limit: 3 });
    const projects = named.noMatch ? [] : named.hits.flatMap((h) => (h.passage.text.match(PROJECTS) ?? []).map((x) => `${x}(${h.passage.title.replace(/。$/, '')})`));
    const reply = finish(
      { intent: 'boxes', title: `「${clipText(topic, 20)}」没有对应的重点工程专栏`, results: [] },
      [
        ...(projects.length ? [`正文提到的相关工程:${[...new Set(projects)].slice(0, 3).join(';')}。`] : []),
        `节选中的专栏有:${k.library.passages.filter((p) => p.kind === 'box').map((b) => b.title).join('、')}。`,
      ].join('\n'),
    );
    return { reply, ctx: { intent: 'boxes', topic, list: [], shown: 0 } };
  }
  return listTurn(k, 'boxes', `${topic} 的重点工程`, boxes.map((b) => boxResult(k, b, res.hits.find((h) => h.passage.id === b.id)?.highlights)), { intent: 'boxes', topic });
}

/** The 专栏 of a passage's own section whose text speaks most of what the passage's title says, if any does. */
function sectionBox(k: Knowledge, id: string | undefined): Passage | undefined {
  const lead = id ? k.library.passage(id) : undefined;
  if (!lead || lead.kind === 'box' || lead.kind === 'box-item') return undefined;
  const at = lead.path.join('\u0000');
  const inSection = (p: Passage) =>
    (p.kind === 'box' && p.path.join('\u0000') === at) || (p.kind === 'box-item' && p.path.length === lead.path.length + 1 && p.path.slice(0, -1).join('\u0000') === at);
  const res = k.matcher.search(k.normalize(lead.title), { filter: inSection, limit: 5 });
  return res.noMatch ? undefined : boxOf(k, res.hits[0]?.passage);
}

/** The 专栏 a passage is, or is an item of; undefined for any other passage. */
export function boxOf(k: Knowledge, p: Passage | undefined): Passage | undefined {
  return p?.kind === 'box' ? p : p?.kind === 'box-item' ? k.library.passage(p.parentId ?? '') : undefined;
}

function boxResult(k: Knowledge, box: Passage, highlights?: string[]): ResultItem {
  return toResult(box, highlights);
}

/** 专栏 N (with its items) or 专栏 N 第 M 条. */
export function boxAnswer(k: Knowledge, n: number, item?: number): Turn {
  const box = k.library.box(n);
  const boxes = k.library.passages.filter((p) => p.kind === 'box').map((b) => b.box);
  if (!box) {
    const reply = finish(
      { intent: 'box', title: `没有专栏 ${n}`, results: [] },
      boxes.length ? `节选中的专栏编号是 ${boxes.join('、')}。` : '节选中没有专栏。',
    );
    return { reply };
  }
  const items = k.library.itemsOf(box.id);
  if (item !== undefined) {
    const it = items.find((x) => x.item === item);
    if (!it) {
      const reply = finish({ intent: 'box', title: `${box.title} 没有第 ${item} 条`, results: [] }, `它有 ${items.length} 条。`);
      return { reply };
    }
    return openPassage(k, it, 'box');
  }
  const reply = finish(
    {
      intent: 'box',
      title: box.title,
      results: [toResult(box), ...items.map((x) => ({ ...toResult(x), n: x.item }))],
      actions: [...items.map((x) => ({ type: 'expand' as const, label: `展开 ${x.item}`, value: `展开第${x.item}条` })), { type: 'share' as const, label: '分享到频道', value: 'share' }],
    },
    `回复"第N条"展开其中一条。`,
  );
  return { reply, ctx: { intent: 'box', topic: box.title, list: items.map((x) => x.id), shown: items.length, boxId: box.id, focus: box.id } };
}

/** One passage in full: a box with its items, or a paragraph, item or target on its own. */
export function openPassage(k: Knowledge, p: Passage, intent = 'expand'): Turn {
  if (p.kind === 'box') {
    const t = boxAnswer(k, p.box ?? 0);
    return { reply: { ...t.reply, intent }, ctx: t.ctx };
  }
  const reply = finish(
    { intent, title: p.title, results: [toResult(p)], actions: [{ type: 'share', label: '分享到频道', value: 'share' }] },
    p.path.length ? `出处:${[planTitleOf(k, p), ...p.path].join(' > ')}` : undefined,
  );
  return { reply, ctx: { intent, list: [p.id], shown: 1, focus: p.id } };
}

function planTitleOf(k: Knowledge, p: Passage): string {
  return k.library.plans.find((x) => x.meta.id === p.planId)?.meta.title ?? '';
}

/** A part or section: its heading and what it holds (passages, or for a part its sections). */
export function nodeAnswer(k: Knowledge, node: HeadingNode, intent = 'structure'): Turn {
  const items: ResultItem[] = [];
  if (node.kind === 'part') {
    for (const id of node.part.passageIds) {
      const p = k.library.passage(id);
      if (p) items.push(toResult(p));
    }
    for (const s of node.part.sections) {
      const inner = s.passageIds.map((id) => k.library.passage(id)).filter((p): p is Passage => Boolean(p));
      const lead = inner.find((p) => p.kind !== 'heading');
      items.push({
        id: `${node.id}.s${s.n}`,
        kind: 'section',
        title: s.heading,
        text: lead ? clipText(lead.text, 200) : '',
        path: [node.part.heading],
        ...(lead ? {} : { note: '节选未收录该部分正文' }),
      });
    }
  } else {
    for (const p of k.library.passagesUnder(node)) items.push(toResult(p, undefined, p.kind === 'box' ? p.text : undefined));
  }
  const title = [...node.path, node.heading].join(' > ');
  // opened from a list (第N条), the part or section itself leads, so the answer starts with what was picked
  const lead = items.find((x) => x.kind !== 'section' && x.kind !== 'heading');
  const head: ResultItem | undefined =
    intent === 'expand' ? { id: node.id, kind: node.kind, title: node.heading, text: lead ? clipText(lead.text, 120) : '', path: node.path } : undefined;
  return listTurn(k, intent, title, items, { intent, topic: node.title }, undefined, STRUCTURE_PAGE_SIZE, head);
}

/** The plan's outline: parts with their sections. */
export function outlineAnswer(k: Knowledge): Turn {
  const items: ResultItem[] = k.library
    .allNodes()
    .filter((n) => n.kind === 'part')
    .map((n) => ({
      id: n.id,
      kind: 'part' as const,
      title: n.heading,
      text: n.part.sections.map((s) => s.heading).join('\n'),
      path: [],
    }));
  const reply = finish(
    { intent: 'outline', title: `${planTitle(k)} · 目录`, results: items },
    `回复"第N部分"查看一部分,或直接输入主题。`,
  );
  return { reply, ctx: { intent: 'outline', list: items.map((x) => x.id), shown: items.length } };
}

/** What plan-bot can do, with examples. */
export function helpAnswer(k: Knowledge): Turn {
  const plans = k.library.plans.map((p) => p.meta.title).join('、');
  const lines = [
    `我能在 ${plans} 中查找并引用原文。试试:`,
    '• /plan 应急管理 —— 按主题查找(也可以用英文,如 emergency management)',
    '• 专栏14、专栏12第3条 —— 查看专栏和其中的条目',
    '• 数字乡村2025年目标 —— 查看行动目标',
    '• 目录、第五部分、第四部分第二节、一共有几个优先行动、智慧水利属于哪一节 —— 按结构浏览',
    '• 更多、第2条、下一条、最后一个、出处、那养老呢?、回到刚才那个话题 —— 接着上一个问题问',
    '• 订阅 应急管理 每天 09:00 —— 每天把一段规划发到本频道;取消订阅、订阅列表',
    '• 重新开始 —— 清除本对话的上下文',
  ];
  const reply = finish(
    { intent: 'help', title: 'plan-bot 帮助', results: [], actions: SUGGESTIONS.map((s) => ({ type: 'suggest' as const, label: s, value: s })) },
    lines.join('\n'),
  );
  return { reply };
}
