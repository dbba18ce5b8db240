import {
  ancestorOf,
  allParts,
  allSections,
  boxesIn,
  childrenOf,
  elementById,
  elementId,
  elementTitle,
  isWithin,
  labelOf,
  type PlanElement,
  type UnitKind,
} from '../content/plan-tree.js';
import type { Selector, StructRef, UnitKey } from '../intents/structure-ref-types.js';
import { boxName, structureVocab } from '../intents/structure-vocab.js';
import type { Knowledge } from '../knowledge.js';
import { toResult, type ResultItem } from '../reply/reply.js';
import { finish } from '../reply/finish.js';
import { boxAnswer, listTurn, nodeAnswer, openPassage, STRUCTURE_PAGE_SIZE, type Turn } from './answers.js';
import { targetAnswer } from './target-answer.js';
import type { ConversationContext } from './context.js';
import { clipText } from '../reply/clip.js';

/** Where a reference stands while it is read: the whole plan, one element, or a list of them (专栏里…, 所有节). */
type Scope = { at: 'root' } | { at: 'element'; el: PlanElement } | { at: 'list'; els: PlanElement[]; word: string };

const isKind = (u: UnitKey): u is UnitKind => u === 'part' || u === 'section' || u === 'box' || u === 'item';

const UNIT_WORDS: Record<string, string> = { part: '部分', section: '节', box: '专栏', item: '条' };

/** The word to name a unit with in an answer (节, 专栏, or the plan's own: 行动, 方向). */
export function unitWord(k: Knowledge, unit: UnitKey | undefined, typed?: string): string {
  if (typed && !/[a-z]/i.test(typed)) return typed;
  if (!unit) return '条';
  return UNIT_WORDS[unit] ?? structureVocab(k).unitWords.get(unit) ?? '条';
}

/** The members of a scope counted in a unit; empty when the scope has none of that unit. */
function collection(k: Knowledge, scope: Scope, unit: UnitKey): PlanElement[] {
  const lib = k.library;
  if (scope.at === 'list') return unit === 'item' ? scope.els : scope.els.filter((e) => unitMatches(e, unit));
  const el = scope.at === 'element' ? scope.el : 'root';
  switch (unit) {
    case 'part':
      return el === 'root' ? allParts(lib) : [];
    case 'section':
      if (el === 'root') return allSections(lib);
      return el.kind === 'node' && el.node.kind === 'part' ? childrenOf(lib, el).filter((c) => c.kind === 'node') : [];
    case 'box':
      return boxesIn(lib, el);
    case 'item':
      return el === 'root' ? [] : childrenOf(lib, el);
    default: {
      const owner = elementById(lib, unit.slice('members:'.length));
      if (!owner) return [];
      // 第五部分的第二个行动: the scope must hold the collection's node (or be one of its members' ancestors)
      if (el !== 'root' && !isWithin(lib, owner, el)) return el.kind === 'node' && isWithin(lib, el, owner) ? childrenOf(lib, el) : [];
      return childrenOf(lib, owner);
    }
  }
}

function unitMatches(e: PlanElement, unit: UnitKey): boolean {
  if (unit === 'box') return e.kind === 'passage' && e.passage.kind === 'box';
  if (unit === 'part' || unit === 'section') return e.kind === 'node' && e.node.kind === unit;
  return true;
}

function select(els: PlanElement[], sel: Selector): PlanElement | undefined {
  switch (sel.at) {
    case 'nth':
      return els[sel.n - 1];
    case 'end':
      return els[els.length - sel.n];
    case 'label':
      return els.find((e, i) => labelOf(e, i + 1) === sel.n);
    case 'ordinal':
      return els.find((e, i) => labelOf(e, i + 1) === sel.n) ?? els[sel.n - 1];
    default:
      return undefined;
  }
}

function selWords(sel: Selector, word: string): string {
  switch (sel.at) {
    case 'end':
      return sel.n === 1 ? `最后一个${word}` : `倒数第 ${sel.n} 个${word}`;
    case 'label':
      return word === '专栏' ? `专栏 ${sel.n}` : `第 ${sel.n} ${word}`;
    case 'nth':
    case 'ordinal':
      return `第 ${sel.n} 个${word}`;
    default:
      return word;
  }
}

function scopeTitle(scope: Scope): string {
  if (scope.at === 'root') return '规划';
  if (scope.at === 'list') return `${scope.word}`;
  return elementTitle(scope.el);
}

/** The focus of the conversation as an element (the item shown last, else the box or first entry of the list). */
export function focusElement(k: Knowledge, ctx: ConversationContext | null): PlanElement | undefined {
  const id = ctx?.focus ?? ctx?.boxId ?? ctx?.list[0];
  return id ? elementById(k.library, id) : undefined;
}

/** Where a reference lands, or the answer that says why it lands nowhere. */
type Resolved = { scope: Scope; owner: string; lastWord?: string } | { fail: Turn };

/** Walk a reference's steps from the plan (or the conversation's focus) down to what it names. */
function resolve(k: Knowledge, ref: StructRef, ctx: ConversationContext | null): Resolved {
  let scope: Scope = { at: 'root' };
  let owner = '规划';
  let lastWord: string | undefined;
  for (const step of ref.steps) {
    if ('named' in step) {
      const el = elementById(k.library, step.named);
      if (!el) return { fail: missing('找不到这一部分', '规划内容可能已经更新;发送"目录"查看。') };
      scope = { at: 'element', el };
      owner = elementTitle(el);
    } else if ('deictic' in step) {
      const el = focusElement(k, ctx);
      if (!el) return { fail: missing('没有上一个问题', '这个对话里还没有可以接着问的内容。') };
      // 这个专栏的第二条: the box the focus is in; 它的第二条 on a list just shown: that list
      const up = step.unit && isKind(step.unit) ? ancestorOf(k.library, el, step.unit) ?? el : el;
      scope = ctx && ctx.list.length > 1 && !step.unit && ctx.focus === undefined ? listScope(k, ctx) : { at: 'element', el: up };
      owner = ctx?.topic ?? elementTitle(el);
    } else {
      const word = unitWord(k, step.unit, step.word);
      lastWord = word;
      // 第3条 with nothing around it counts in the list in view
      let els: PlanElement[] = scope.at === 'root' && step.unit === 'item' && ctx ? listElements(k, ctx) : collection(k, scope, step.unit);
      // "重大任务和重点工程的第六部分": a part holds no parts, so its 第N部分 is its N-th section
      if (els.length === 0 && step.unit === 'part' && step.sel.at !== 'all' && scope.at === 'element') els = collection(k, scope, 'section');
      // "总体部署包括哪几部分": a part holds no parts, so 部分 there is the everyday word for its pieces (as in 分为哪几个方面)
      if (els.length === 0 && step.unit === 'part' && step.sel.at === 'all' && scope.at === 'element') continue;
      if (els.length === 0) return { fail: missing(`${scopeTitle(scope)}中没有${word}`, '发送"目录"查看规划的结构。') };
      if (step.sel.at === 'all') {
        scope = { at: 'list', els, word };
        continue;
      }
      const el = select(els, step.sel);
      if (!el) return { fail: missing(`没有${selWords(step.sel, word)}`, `${scopeTitle(scope)}${counted(els.length, word)}。`) };
      scope = { at: 'element', el };
      owner = elementTitle(el);
    }
  }
  return { scope, owner, lastWord };
}

/** The one element a reference names (for "第二个优先行动在哪一部分"), or the answer that says why there is none. */
export function refElement(k: Knowledge, ref: StructRef, ctx: ConversationContext | null): PlanElement | Turn {
  const r = resolve(k, ref, ctx);
  if ('fail' in r) return r.fail;
  return r.scope.at === 'element' ? r.scope.el : missing('这指的是一组内容', '请指明其中一条,例如"第1条"。');
}

/** A struct reference answered: the element it lands on, the count with its list, or the element's goals. */
export function structAnswer(k: Knowledge, ref: StructRef, ctx: ConversationContext | null): Turn {
  const r = resolve(k, ref, ctx);
  if ('fail' in r) return r.fail;
  const { scope, owner, lastWord } = r;
  if (ref.ask === 'target' && scope.at === 'element') {
    const e = scope.el;
    return targetAnswer(k, e.kind === 'node' ? e.node.title : boxName(e.passage.title), ref.year);
  }
  if (ref.ask === 'count' || scope.at === 'list') {
    const els = scope.at === 'list' ? scope.els : scope.at === 'element' ? childrenOf(k.library, scope.el) : allParts(k.library);
    const word = scope.at === 'list' ? scope.word : lastWord && scope.at !== 'element' ? lastWord : defaultWord(k, scope);
    return countAnswer(k, owner, els, word);
  }
  return scope.at === 'element' ? elementAnswer(k, scope.el) : countAnswer(k, '规划', allParts(k.library), '部分');
}

function listElements(k: Knowledge, ctx: ConversationContext): PlanElement[] {
  return ctx.list.map((id) => elementById(k.library, id)).filter((e): e is PlanElement => Boolean(e));
}

function listScope(k: Knowledge, ctx: ConversationContext): Scope {
  return { at: 'list', els: listElements(k, ctx), word: '条' };
}

function defaultWord(k: Knowledge, scope: Scope): string {
  if (scope.at !== 'element') return '部分';
  const kids = childrenOf(k.library, scope.el);
  const first = kids[0];
  if (!first) return '条';
  if (first.kind === 'node') return first.node.kind === 'section' ? (structureVocab(k).unitWords.get(`members:${elementId(scope.el)}`) ?? '节') : '部分';
  return first.passage.kind === 'box-item' ? '条' : (structureVocab(k).unitWords.get(`members:${elementId(scope.el)}`) ?? '条');
}

/** "共 10 节", "共 7 条", "共 3 个专栏": measure words count bare, nouns with 个. */
function counted(n: number, word: string): string {
  return /^[条项点节款个]$/.test(word) ? `共 ${n} ${word}` : `共有 ${n} 个${word}`;
}

function missing(title: string, footer: string): Turn {
  return { reply: finish({ intent: 'structure', title, results: [] }, footer) };
}

/** How many a scope holds, with the list itself (第四部分共 10 节, 一共 10 个优先行动). */
function countAnswer(k: Knowledge, owner: string, els: PlanElement[], word: string): Turn {
  const items = els.map((e) => elementResult(k, e));
  const title = `${owner}${counted(els.length, word)}`;
  return listTurn(k, 'structure', title, items, { intent: 'structure', topic: owner }, undefined, STRUCTURE_PAGE_SIZE);
}

/** An element as one result line: a part or section with its first words, or a passage. */
export function elementResult(k: Knowledge, e: PlanElement): ResultItem {
  if (e.kind === 'passage') return toResult(e.passage);
  const n = e.node;
  const lead = k.library.passagesUnder(n).find((p) => p.kind !== 'heading' && p.kind !== 'box');
  const text = n.kind === 'part' && n.part.sections.length ? n.part.sections.map((s) => s.heading).join('\n') : lead ? clipText(lead.text, 200) : '';
  return { id: n.id, kind: n.kind, title: n.heading, text, path: n.path, ...(text ? {} : { note: '节选未收录该部分正文' }) };
}

/** One element in full, leading with itself, and remembered as the conversation's focus. */
export function elementAnswer(k: Knowledge, e: PlanElement, intent = 'structure'): Turn {
  let turn: Turn;
  if (e.kind === 'node') {
    const t = nodeAnswer(k, e.node, 'expand');
    turn = { reply: { ...t.reply, intent }, ctx: t.ctx ? { ...t.ctx, intent } : t.ctx };
  } else if (e.passage.kind === 'box') {
    turn = boxAnswer(k, e.passage.box ?? 0);
  } else turn = openPassage(k, e.passage, e.passage.kind === 'box-item' ? 'box' : intent);
  return turn.ctx ? { ...turn, ctx: { ...turn.ctx, focus: elementId(e) } } : turn;
}
