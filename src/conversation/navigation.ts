import { ancestorOf, containerOf, elementById, elementId, siblingsOf, type PlanElement, type UnitKind } from '../content/plan-tree.js';
import type { UnitKey } from '../intents/structure-ref-types.js';
import type { Knowledge } from '../knowledge.js';
import type { ResultItem } from '../reply/reply.js';
import { finish } from '../reply/finish.js';
import { boxAnswer, listTurn, outlineAnswer, PAGE_SIZE, searchAnswer, STRUCTURE_PAGE_SIZE, type Turn } from './answers.js';
import { MAX_TOPICS, type ConversationContext, type TopicState } from './context.js';
import { expandAnswer, moreAnswer, resultFor } from './follow-ups.js';
import { elementAnswer } from './structure-answer.js';
import { snapshot } from './topic-history.js';

const NO_CONTEXT = '这个对话里还没有可以接着问的内容。先问一个主题,例如"/plan 应急管理"。';

function say(intent: string, title: string, footer: string): Turn {
  return { reply: finish({ intent, title, results: [] }, footer) };
}

/** 最后一个 / 倒数第二条: counted back from the last entry shown of the list in view. */
export function fromEndAnswer(k: Knowledge, ctx: ConversationContext | null, n: number): Turn {
  if (!ctx || ctx.list.length === 0) return say('expand', '没有上一个问题', NO_CONTEXT);
  // a list of one 专栏: counted back from its last item, as 第N条 counts its items
  const only = ctx.list.length === 1 ? k.library.passage(ctx.list[0]!) : undefined;
  const items = only?.kind === 'box' ? k.library.itemsOf(only.id).length : 0;
  const shown = items > 0 ? items : Math.max(1, Math.min(ctx.shown, ctx.list.length));
  const at = shown - n + 1;
  if (at < 1) return say('expand', `没有倒数第 ${n} 条`, `上一个列表显示了 ${shown} 条。`);
  return expandAnswer(k, ctx, at);
}

/**
 * 下一条 / 上一个 / next / previous. With an entry of the list in focus (after 第3条), its neighbour in the list;
 * with an element in focus on its own (专栏12, 专栏12第3条), its neighbour in the plan (专栏13, 第4条); in a unit
 * (下一个专栏, 上一节), the neighbour of the focus's box, section or part. With nothing in focus, next is the next page.
 */
export function stepAnswer(k: Knowledge, ctx: ConversationContext | null, d: number, unit?: UnitKey): Turn {
  if (!ctx || (ctx.list.length === 0 && !ctx.focus)) return say('step', '没有上一个问题', NO_CONTEXT);
  const at = ctx.focus ? ctx.list.indexOf(ctx.focus) : -1;
  if (!unit && at >= 0 && ctx.list.length > 1) {
    const to = at + d;
    if (to < 0) return say('step', '已经是第一条', `上一个列表共有 ${ctx.list.length} 条。`);
    if (to >= ctx.list.length) return say('step', '已经是最后一条', `上一个列表共有 ${ctx.list.length} 条。`);
    return expandAnswer(k, ctx, to + 1);
  }
  const anchorId = ctx.focus ?? ctx.boxId ?? (unit ? ctx.list[0] : undefined);
  if (!anchorId) {
    if (d > 0) return moreAnswer(k, ctx);
    return say('step', '还没有打开任何一条', '先说"第1条"打开一条,再说"上一条"或"下一条"。');
  }
  const anchor = elementById(k.library, anchorId);
  if (!anchor) return say('step', '找不到这一条', '规划内容可能已经更新;请重新提问。');
  const base = unit && isKind(unit) && unit !== 'item' ? ancestorOf(k.library, anchor, unit) : anchor;
  if (!base) return say('step', `这里不在任何${unitName(unit)}中`, '发送"目录"查看规划的结构。');
  const row = siblingsOf(k.library, base);
  const i = row.findIndex((e) => elementId(e) === elementId(base));
  const target: PlanElement | undefined = row[i + d];
  if (i < 0 || !target) return say('step', d > 0 ? '已经是最后一个了' : '已经是第一个了', `这一级共有 ${row.length} 个。`);
  return elementAnswer(k, target);
}

const isKind = (u: UnitKey): u is UnitKind => u === 'part' || u === 'section' || u === 'box' || u === 'item';
const unitName = (u: UnitKey | undefined) => ({ part: '部分', section: '节', box: '专栏' })[u as string] ?? '这一级';

const pageSize = (ctx: TopicState) => (ctx.intent === 'structure' || ctx.intent === 'outline' ? STRUCTURE_PAGE_SIZE : PAGE_SIZE);

/** 上一页: the page before the one shown last (pages of the list's own size, counted from its start). */
export function previousPageAnswer(k: Knowledge, ctx: ConversationContext | null): Turn {
  if (!ctx || ctx.list.length === 0) return say('more', '没有上一个问题', NO_CONTEXT);
  const size = pageSize(ctx);
  const start = Math.floor((Math.max(1, ctx.shown) - 1) / size) * size - size;
  if (start < 0) return say('more', '已经是第一页', '回复"更多"看下一页。');
  return moreAnswer(k, { ...ctx, shown: start });
}

/** 上一级: the box, section or part that holds the element in focus (the plan's outline above a part). */
export function upAnswer(k: Knowledge, ctx: ConversationContext | null): Turn {
  const anchorId = ctx?.focus ?? ctx?.boxId ?? ctx?.list[0];
  const anchor = anchorId ? elementById(k.library, anchorId) : undefined;
  if (!anchor) return say('up', '没有上一个问题', NO_CONTEXT);
  const up = containerOf(k.library, anchor);
  return up ? elementAnswer(k, up) : outlineAnswer(k);
}

/** How a topic is shown again: its box, or the first page of its list. */
function reshow(k: Knowledge, state: TopicState, title: string): Turn {
  if (state.boxId && state.intent === 'box') {
    const box = k.library.passage(state.boxId);
    if (box?.box !== undefined) return boxAnswer(k, box.box);
  }
  const items = state.list.map((id) => resultFor(k, id, { v: 1, ...state, updatedAt: 0 })).filter((x): x is ResultItem => Boolean(x));
  const size = pageSize(state);
  const base = { intent: state.intent, ...(state.topic ? { topic: state.topic } : {}), ...(state.extras ? { extras: state.extras } : {}), ...(state.year ? { year: state.year } : {}) };
  return listTurn(k, 'back', title, items, base, undefined, size);
}

/** Whether an earlier topic is the one a word names (量子 → 量子信息), by its topic or its first entry's title. */
function names(k: Knowledge, state: TopicState, word: string): boolean {
  const w = k.normalize(word).replace(/\s+/g, '');
  const topic = k.normalize(state.topic ?? '').replace(/\s+/g, '');
  if (topic && (topic.includes(w) || w.includes(topic))) return true;
  const first = state.list[0] ? resultFor(k, state.list[0], { v: 1, ...state, updatedAt: 0 }) : undefined;
  return Boolean(first && k.normalize(first.title).replace(/\s+/g, '').includes(w));
}

/**
 * 回到刚才那个话题 / 前面量子那个 / go back: an earlier topic shown again, and the current one kept in its place
 * (so going back twice returns). Right after opening an entry, "back" is the list it came from. A word that
 * names no earlier topic is a new question about that word.
 */
export function backAnswer(k: Knowledge, ctx: ConversationContext | null, word?: string, oldest = false): Turn {
  const history = ctx?.history ?? [];
  if (!ctx) return word ? searchAnswer(k, word) : say('back', '没有更早的话题', NO_CONTEXT);
  let target: TopicState | undefined;
  if (oldest) target = history[history.length - 1];
  else if (word) target = history.find((h) => names(k, h, word)) ?? (names(k, ctx, word) ? snapshot(ctx) : undefined);
  else if (ctx.focus && ctx.list.length > 1 && ctx.list.includes(ctx.focus)) target = snapshot({ ...ctx, focus: undefined });
  else target = history[0];
  if (!target) return word ? searchAnswer(k, word) : say('back', '没有更早的话题', '这个对话里只问过这一个话题。');
  const rest = history.filter((h) => h !== target);
  const current = snapshot(ctx);
  const kept = target.list[0] === current.list[0] && target.topic === current.topic ? rest : [current, ...rest];
  const turn = reshow(k, target, `回到「${target.topic ?? '上一个话题'}」`);
  const next = turn.ctx ? { ...turn.ctx, intent: target.intent, ...(target.boxId ? { boxId: target.boxId } : {}), history: kept.slice(0, MAX_TOPICS) } : turn.ctx;
  return { reply: turn.reply, ctx: next };
}
