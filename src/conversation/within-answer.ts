import type { PlanElement } from '../content/plan-tree.js';
import { elementById, elementTitle } from '../content/plan-tree.js';
import type { Passage } from '../content/plan-schema.js';
import type { Knowledge } from '../knowledge.js';
import { clipText } from '../reply/clip.js';
import { toResult } from '../reply/reply.js';
import { listTurn, noMatch, PAGE_SIZE, searchAnswer, type Turn } from './answers.js';
import type { ConversationContext } from './context.js';
import { focusElement } from './structure-answer.js';

/** The passages inside an element: a heading's passages, a 专栏 and its items, else the section a passage is in. */
function passagesIn(k: Knowledge, el: PlanElement): { title: string; ids: Set<string> } | undefined {
  if (el.kind === 'node') return { title: elementTitle(el), ids: new Set(k.library.passagesUnder(el.node).map((p) => p.id)) };
  const p = el.passage;
  if (p.kind === 'box') return { title: elementTitle(el), ids: new Set([p.id, ...k.library.itemsOf(p.id).map((x) => x.id)]) };
  const node = nodeOf(k, p);
  return node ? { title: node.title, ids: new Set(k.library.passagesUnder(node).map((x) => x.id)) } : undefined;
}

/**
 * What "里面" is: the element in focus (a where-answer's place, an opened item's section, the 专栏 shown); else
 * everything the last list showed (a part's sections, a search's passages).
 */
function scopeOf(k: Knowledge, ctx: ConversationContext | null): { title: string; ids: Set<string> } | undefined {
  if (!ctx) return undefined;
  if (ctx.focus || ctx.boxId) {
    const el = focusElement(k, ctx);
    return el ? passagesIn(k, el) : undefined;
  }
  const ids = new Set<string>();
  for (const id of ctx.list) {
    const el = elementById(k.library, id);
    if (!el) continue;
    if (el.kind === 'passage' && el.passage.kind !== 'box') ids.add(id);
    else for (const x of passagesIn(k, el)?.ids ?? []) ids.add(x);
  }
  return ids.size ? { title: ctx.topic ?? '上面列出的内容', ids } : undefined;
}

/** The heading a passage sits under most closely (its section, else its part). */
function nodeOf(k: Knowledge, p: Passage) {
  const under = k.library.allNodes().filter((n) => k.library.passagesUnder(n).some((x) => x.id === p.id));
  return under.find((n) => n.kind === 'section') ?? under[0];
}

/**
 * 那里面讲乡村治理的呢: the topic within what the conversation last showed (the part or section a where-answer named,
 * the 专栏 or section in focus). Nothing there: the whole plan's passages, saying the place does not mention it.
 */
export function withinAnswer(k: Knowledge, ctx: ConversationContext | null, topic: string): Turn {
  const scope = scopeOf(k, ctx);
  if (!scope) return searchAnswer(k, topic);
  const res = k.matcher.search(topic, { filter: (p) => scope.ids.has(p.id), highlight: PAGE_SIZE });
  if (res.noMatch) {
    const whole = k.matcher.search(topic, { highlight: PAGE_SIZE });
    if (whole.noMatch) return { ...noMatch(k, topic), ctx: null };
    const notice = `「${clipText(scope.title, 24)}」中没有直接讲「${clipText(topic, 20)}」,以下是全规划的相关内容`;
    return listTurn(k, 'search', topic, whole.hits.map((h) => toResult(h.passage, h.highlights)), { intent: 'search', topic }, notice);
  }
  const items = res.hits.map((h) => toResult(h.passage, h.highlights));
  return listTurn(k, 'search', `${clipText(scope.title, 24)} 中的 ${topic}`, items, { intent: 'search', topic });
}
