import type { Knowledge } from '../knowledge.js';
import { renderPlainText } from '../reply/render-text.js';
import { MAX_SUGGESTIONS, type Reply, type Suggestion } from '../reply/reply.js';
import { namesTopic, type ContextUpdate, type Turn } from './answers.js';

/** What a topic offers beyond the answer just given: its 行动目标, and boxes (专栏, 重点工程) that name it. */
interface TopicOffers {
  targets: boolean;
  boxes: boolean;
}

/** Topics looked at per loaded content (emptied when full): each is two matcher searches, once. */
const MAX_TOPICS = 2048;
const offersByKnowledge = new WeakMap<Knowledge, Map<string, TopicOffers>>();

function offersOf(k: Knowledge, topic: string): TopicOffers {
  let seen = offersByKnowledge.get(k);
  if (!seen) offersByKnowledge.set(k, (seen = new Map()));
  let o = seen.get(topic);
  if (!o) {
    const targets = k.matcher.search(topic, { filter: (p) => p.kind === 'target' && namesTopic(k, p, topic), highlight: 0 });
    const boxes = k.matcher.search(topic, { filter: (p) => (p.kind === 'box' || p.kind === 'box-item') && namesTopic(k, p, topic), highlight: 0 });
    o = { targets: !targets.noMatch, boxes: !boxes.noMatch };
    if (seen.size >= MAX_TOPICS) seen.clear();
    seen.set(topic, o);
  }
  return o;
}

const ask = (s: string): Suggestion => ({ label: s, value: s });

/**
 * The natural next questions after an answer, from what it showed and the context it leaves: 目标 when its topic
 * has a 行动目标 (and this was not it), 重点工程 when boxes name the topic, 出处 when a passage is in view, 更多 when
 * the list goes on. Each is a message the bot answers in the same context, as if typed. None for answers that show
 * nothing (no match, help, subscriptions) or leave no context to follow.
 */
export function suggestNext(k: Knowledge, reply: Reply, ctx: ContextUpdate | null | undefined): Suggestion[] {
  if (!ctx || reply.results.length === 0) return [];
  const out: Suggestion[] = [];
  if (ctx.topic) {
    const offers = offersOf(k, ctx.topic);
    if (offers.targets && ctx.intent !== 'target') out.push(ask('目标'));
    if (offers.boxes && ctx.intent !== 'boxes' && ctx.intent !== 'box') out.push(ask('重点工程'));
  }
  const inView = ctx.focus ?? ctx.list[0];
  if (reply.intent !== 'source' && inView && k.library.passage(inView)) out.push(ask('出处'));
  if (ctx.list.length > ctx.shown) out.push(ask('更多'));
  return out.slice(0, MAX_SUGGESTIONS);
}

/** The turn with its suggested next questions, and its plain text rendered again to show them. */
export function withSuggestions(k: Knowledge, turn: Turn): Turn {
  const suggestions = suggestNext(k, turn.reply, turn.ctx);
  if (suggestions.length === 0) return turn;
  const r = { ...turn.reply, suggestions };
  return { ...turn, reply: { ...r, text: renderPlainText(r, { full: r.results.length === 1 }) } };
}
