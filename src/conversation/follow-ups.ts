import type { Knowledge } from '../knowledge.js';
import { finish } from '../reply/finish.js';
import { toResult, type ResultItem } from '../reply/reply.js';
import { cleanTopic } from '../intents/clean-topic.js';
import { boxesAnswer, boxOf, hitResults, listTurn, nodeAnswer, openPassage, PAGE_SIZE, STRUCTURE_PAGE_SIZE, searchAnswer, type Turn } from './answers.js';
import { targetAnswer, targetText } from './target-answer.js';
import type { ConversationContext } from './context.js';
import { relatedMore } from './related-more.js';
import { whereAnswer } from './where-answer.js';

const NO_CONTEXT = '这个对话里还没有可以接着问的内容。先问一个主题,例如"/plan 应急管理"。';

function nothingToFollow(intent: string): Turn {
  return { reply: finish({ intent, title: '没有上一个问题', results: [] }, NO_CONTEXT) };
}

/** Turn a list entry id back into what it shows (passage, part or section). */
export function resultFor(k: Knowledge, id: string, ctx: ConversationContext): ResultItem | undefined {
  const p = k.library.passage(id);
  if (p) {
    // later pages highlight the same words the first page did
    const highlights = ctx.topic && ['search', 'target', 'boxes'].includes(ctx.intent) ? k.matcher.highlightsFor(ctx.topic, p) : undefined;
    if (highlights && ctx.intent === 'target' && ctx.year) highlights.push(`${ctx.year}年`);
    return toResult(p, highlights, p.kind === 'target' ? targetText(p, ctx.year) : undefined);
  }
  const node = k.library.node(id);
  if (node) return { id, kind: node.kind, title: node.heading, text: '', path: node.path };
  return undefined;
}

/** 更多 / 下一页: the next page of the last list, nothing repeated. */
export function moreAnswer(k: Knowledge, ctx: ConversationContext | null): Turn {
  if (!ctx || ctx.list.length === 0) return nothingToFollow('more');
  if (ctx.shown >= ctx.list.length) {
    const related = relatedMore(k, ctx);
    if (related) return related;
    return { reply: finish({ intent: 'more', title: '没有更多了', results: [] }, `「${ctx.topic ?? '上一个问题'}」的 ${ctx.list.length} 条都已列出。`) };
  }
  const pageSize = ctx.intent === 'structure' ? STRUCTURE_PAGE_SIZE : PAGE_SIZE;
  const ids = ctx.list.slice(ctx.shown, ctx.shown + pageSize);
  const results = ids.map((id) => resultFor(k, id, ctx)).filter((x): x is ResultItem => Boolean(x));
  const shown = ctx.shown + ids.length;
  const remaining = ctx.list.length - shown;
  const start = ctx.shown + 1;
  const reply = finish(
    {
      intent: 'more',
      title: `${ctx.topic ?? ''}${ctx.related ? ` · 相关:${ctx.related}` : ''} · ${start}–${shown} / ${ctx.list.length}`,
      results,
      start,
      actions: [
        ...(remaining > 0 ? [{ type: 'more' as const, label: `更多(还有 ${remaining} 条)`, value: '更多' }] : []),
        ...results.map((_, i) => ({ type: 'expand' as const, label: `展开 ${start + i}`, value: `展开第${start + i}条` })),
      ],
    },
    remaining > 0 ? `回复"更多"继续。` : '已经是最后一页。',
  );
  return { reply, ctx: { ...ctx, shown } };
}

/** 第N条 / 展开N: the N-th entry of the last list (or item N of the last box). */
export function expandAnswer(k: Knowledge, ctx: ConversationContext | null, n: number): Turn {
  if (!ctx || ctx.list.length === 0) return nothingToFollow('expand');
  // a list of one 专栏 (the topic's 重点工程): 第N条 means the N-th item of that box, as after the box itself
  const only = ctx.list.length === 1 ? k.library.passage(ctx.list[0]!) : undefined;
  if (only?.kind === 'box') {
    const item = k.library.itemsOf(only.id)[n - 1];
    if (item) return { reply: openId(k, item.id).reply, ctx: { ...ctx, focus: item.id, boxId: only.id } };
  }
  const id = ctx.list[n - 1];
  if (!id) {
    return { reply: finish({ intent: 'expand', title: `没有第 ${n} 条`, results: [] }, `上一个列表共有 ${ctx.list.length} 条,请回复 1–${ctx.list.length} 之间的编号。`) };
  }
  const turn = openId(k, id);
  // keep the list, so that 第N条 can be asked again about the same list
  return { reply: turn.reply, ctx: { ...ctx, focus: turn.ctx?.focus ?? id } };
}

/** Open a result by its stable id (from a button): passage, box, part or section. */
export function openId(k: Knowledge, id: string): Turn {
  const p = k.library.passage(id);
  if (p) return openPassage(k, p);
  const node = k.library.node(id);
  if (node) return nodeAnswer(k, node, 'expand');
  return { reply: finish({ intent: 'expand', title: '找不到这一条', results: [] }, '规划内容可能已经更新;请重新提问。') };
}

/** 出处 / 在哪一部分: the breadcrumb of the passage last shown. */
export function sourceAnswer(k: Knowledge, ctx: ConversationContext | null): Turn {
  const id = ctx?.focus ?? ctx?.list[0];
  const p = id ? k.library.passage(id) : undefined;
  // a part or section in focus (第二个优先行动, 下一节) has no passage to cite: its place in the plan answers
  if (ctx && id && !p && k.library.node(id)) return whereAnswer(k, ctx, undefined, undefined);
  if (!ctx || !p) return nothingToFollow('source');
  const plan = k.library.plans.find((x) => x.meta.id === p.planId);
  const where = [plan?.meta.title ?? '', ...p.path, p.kind === 'box-item' ? `第${p.item}条` : p.title].filter(Boolean);
  const meta = plan?.meta;
  const issued = [meta?.issuer, meta?.date].filter(Boolean).join(',');
  const reply = finish(
    { intent: 'source', title: `出处:${where.join(' > ')}`, results: [toResult(p)] },
    [meta?.chapter ? `收录于:${meta.chapter}` : '', issued ? `发布:${issued}` : ''].filter(Boolean).join('\n') || undefined,
  );
  return { reply, ctx: { ...ctx, focus: p.id } };
}

/** "那养老呢?": the same kind of question as last time, about a new topic. */
export function switchAnswer(k: Knowledge, ctx: ConversationContext | null, topic: string, extras: string[]): Turn {
  switch (ctx?.intent) {
    case 'target':
      return targetAnswer(k, topic, ctx.year, extras);
    case 'boxes':
      return boxesAnswer(k, topic);
    default:
      return withinBoxInView(k, ctx, topic, extras) ?? searchAnswer(k, topic, extras);
  }
}

/**
 * "那养老呢" while an item of a 专栏 leads the list (人工智能社会治理实验 → 医学…实验): the same 专栏's item on the new
 * topic first, when its title names it (开展养老社会实验), then the plan's other passages on it; undefined otherwise.
 */
function withinBoxInView(k: Knowledge, ctx: ConversationContext | null, topic: string, extras: string[]): Turn | undefined {
  const boxId = boxOf(k, ctx?.list[0] ? k.library.passage(ctx.list[0]) : undefined)?.id;
  if (!boxId) return undefined;
  const inBox = k.matcher.search(topic, { extras, filter: (p) => p.parentId === boxId, highlight: PAGE_SIZE });
  const first = inBox.noMatch ? undefined : inBox.hits[0];
  if (!first || !titleNames(k, first.passage.title, topic)) return undefined;
  const all = k.matcher.search(topic, { extras, highlight: PAGE_SIZE });
  const rest = all.noMatch ? [] : all.hits.filter((h) => h.passage.id !== first.passage.id);
  const about = cleanTopic(topic, k) || topic.trim();
  return listTurn(k, 'search', about, hitResults([first, ...rest]), { intent: 'search', topic: about, extras });
}

/** Whether a title holds every word of a topic (as typed or as a synonym). */
function titleNames(k: Knowledge, title: string, topic: string): boolean {
  const concepts = k.matcher.concepts(k.normalize(topic)).filter((c) => c.counts);
  const hay = k.normalize(title).replace(/\s+/g, '');
  return concepts.length > 0 && concepts.every((c) => c.alts.some((a) => hay.includes(a.text)));
}
