import { ancestorOf, breadcrumb, containerOf, elementById, elementId, elementTitle, type PlanElement } from '../content/plan-tree.js';
import type { StructRef, UnitKey } from '../intents/structure-ref-types.js';
import { structureVocab } from '../intents/structure-vocab.js';
import type { Knowledge } from '../knowledge.js';
import { noMatch, type Turn } from './answers.js';
import { finish } from '../reply/finish.js';
import type { ConversationContext } from './context.js';
import { clipText } from '../reply/clip.js';
import { elementResult, focusElement, refElement, unitWord } from './structure-answer.js';

/**
 * X 在第几部分 / 属于哪一节 / 在哪个专栏 / 这个属于哪个专栏: the place of X's best passage (or of the
 * conversation's focus), answered with the node, section or box that holds it, then the passage itself.
 */
export function whereAnswer(k: Knowledge, ctx: ConversationContext | null, subject: string | undefined, unit: UnitKey | undefined, ref?: StructRef): Turn {
  const picked = ref ? refElement(k, ref, ctx) : undefined;
  if (picked && 'reply' in picked) return picked;
  const found = picked ?? (subject ? subjectElement(k, subject) : deicticElement(k, ctx, unit));
  if (!found) {
    if (subject) return noMatch(k, subject, 'where');
    return { reply: finish({ intent: 'where', title: '没有上一个问题', results: [] }, '先问一个主题,再问它在规划的哪一部分。') };
  }
  const holder = placeFor(k, found, unit);
  const label = subject ?? (ctx?.focus || picked ? undefined : ctx?.topic) ?? elementTitle(found);
  const plan = k.library.plans.find((p) => p.meta.id === planOf(found));
  const where = breadcrumb(holder ?? found).join(' > ');
  const asked = unit ? unitWord(k, unit) : undefined;
  const inUnit = unit && holder ? matchesUnit(k, holder, unit) : true;
  const notice = asked && !inUnit ? `「${clipText(label, 20)}」不在任何${asked}中,以下是它所在的位置` : undefined;
  const results = [...(holder ? [elementResult(k, holder)] : []), elementResult(k, found)];
  const reply = finish(
    { intent: 'where', title: `「${clipText(label, 24)}」位于:${where}`, results, ...(notice ? { notice } : {}) },
    plan ? `出处:${[plan.meta.title, ...breadcrumb(found)].join(' > ')}` : undefined,
  );
  // a 专栏 shown as the place lists its items: 第N条 next is its item N, as after the 专栏 itself
  const box = holder?.kind === 'passage' && holder.passage.kind === 'box' ? holder.passage : undefined;
  const boxItems = box ? k.library.itemsOf(box.id).map((p) => p.id) : [];
  const inView = box && boxItems.length > 0 ? { list: boxItems, shown: boxItems.length, boxId: box.id } : undefined;
  const ids = results.map((r) => r.id);
  const next = subject || picked
    ? { intent: 'where', topic: subject ?? elementTitle(found), list: ids, shown: ids.length, ...inView, focus: elementId(found) }
    : ctx
      ? inView
        ? // the list is now the 专栏's items: 更多 and a widened list no longer go on from the earlier search
          { intent: 'where', ...(ctx.topic ? { topic: ctx.topic } : {}), ...(ctx.extras ? { extras: ctx.extras } : {}), ...inView, focus: elementId(found) }
        : { ...ctx, focus: elementId(found) }
      : { intent: 'where', list: ids, shown: ids.length, ...inView, focus: elementId(found) };
  return { reply, ctx: next };
}

/**
 * What "这个" is: the element in focus; else the current topic as a subject (智慧公安 → its box), preferring
 * among it and the entries shown the first that lies in the unit asked about (这个在哪个专栏); after goals, the goals
 * shown come first.
 */
function deicticElement(k: Knowledge, ctx: ConversationContext | null, unit: UnitKey | undefined): PlanElement | undefined {
  if (!ctx || ctx.focus) return focusElement(k, ctx);
  const searched = ['search', 'target', 'boxes', 'where'].includes(ctx.intent) && ctx.topic ? subjectElement(k, ctx.topic) : undefined;
  const shown = ctx.list.slice(0, Math.max(1, ctx.shown)).map((id) => elementById(k.library, id));
  // goals shown (数字政府 → 数字政府建设水平全面提升 under 发展目标) are where "this" is, before the topic's own section
  const candidates = (ctx.intent === 'target' ? [...shown, searched] : [searched, ...shown]).filter((e): e is PlanElement => Boolean(e));
  if (!unit) return candidates[0] ?? focusElement(k, ctx);
  return candidates.find((e) => { const holder = placeFor(k, e, unit); return holder !== undefined && matchesUnit(k, holder, unit); }) ?? candidates[0] ?? focusElement(k, ctx);
}

function planOf(e: PlanElement): string {
  return e.kind === 'node' ? e.node.plan.meta.id : e.passage.planId;
}

/** The element a topic names: a part, section or box by its title, else the passage the matcher ranks first. */
function subjectElement(k: Knowledge, subject: string): PlanElement | undefined {
  const id = structureVocab(k).named.get(k.normalize(subject).replace(/\s+/g, ''));
  const named = id ? elementById(k.library, id) : undefined;
  if (named) return named;
  // a passage whose own title holds the words (开展养老社会实验。) is where they are, before any ranking
  const words = k.normalize(subject).replace(/\s+/g, '');
  const titled = words.length >= 2 ? k.library.passages.filter((p) => k.normalize(p.title).replace(/\s+/g, '').includes(words)) : [];
  const res = k.matcher.search(subject, { highlight: 1 });
  const hits = res.noMatch ? [] : res.hits.map((h) => h.passage);
  const top = hits.find((p) => titled.includes(p)) ?? titled[0] ?? hits[0];
  return top ? { kind: 'passage', passage: top } : undefined;
}

/** What holds an element, at the unit asked about when it has one (the box of an item, the part of a section). */
function placeFor(k: Knowledge, e: PlanElement, unit: UnitKey | undefined): PlanElement | undefined {
  const up = containerOf(k.library, e);
  if (!unit || !up) return up;
  if (unit === 'part' || unit === 'section' || unit === 'box') {
    const at = ancestorOf(k.library, up, unit);
    // a passage with no section is answered by its part; the innermost holder keeps the whole breadcrumb
    return at && unit !== 'part' ? at : up;
  }
  const owner = unit.slice('members:'.length);
  for (let at: PlanElement | undefined = up; at; at = containerOf(k.library, at)) {
    const parent = containerOf(k.library, at);
    if (parent && elementId(parent) === owner) return at;
  }
  return up;
}

function matchesUnit(k: Knowledge, holder: PlanElement, unit: UnitKey): boolean {
  if (unit === 'box') return ancestorOf(k.library, holder, 'box') !== undefined;
  if (unit === 'section') return ancestorOf(k.library, holder, 'section') !== undefined;
  if (unit === 'part') return true;
  const owner = unit.slice('members:'.length);
  for (let at: PlanElement | undefined = holder; at; at = containerOf(k.library, at)) if (elementId(at) === owner) return true;
  return false;
}
