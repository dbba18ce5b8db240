import type { Knowledge } from '../knowledge.js';
import { renderPlainText } from '../reply/render-text.js';
import { MAX_SUGGESTIONS, type Reply, type Suggestion } from '../reply/reply.js';
import type { Passage } from '../content/plan-schema.js';
import type { ContextUpdate, Turn } from './answers.js';
import { topicNamer } from './names-topic.js';

/** What a topic offers beyond the answer just given: its 行动目标, and boxes (专栏, 重点工程) that name it. */
interface TopicOffers {
  targets: boolean;
  boxes: boolean;
}

/** Topics looked at per loaded content (emptied when full): each is one look over the plan's goals and boxes. */
const MAX_TOPICS = 2048;
interface Seen {
  targets: Passage[];
  boxes: Passage[];
  topics: Map<string, TopicOffers>;
}
const seenByKnowledge = new WeakMap<Knowledge, Seen>();

function offersOf(k: Knowledge, topic: string): TopicOffers {
  let seen = seenByKnowledge.get(k);
  if (!seen) {
    seen = { targets: k.library.passages.filter((p) => p.kind === 'target'), boxes: k.library.passages.filter((p) => p.kind === 'box' || p.kind === 'box-item'), topics: new Map() };
    seenByKnowledge.set(k, seen);
  }
  let o = seen.topics.get(topic);
  if (!o) {
    // the passages targetAnswer and boxesAnswer would show are among those that name the topic
    const names = topicNamer(k, topic);
    o = { targets: seen.targets.some(names), boxes: seen.boxes.some(names) };
    if (seen.topics.size >= MAX_TOPICS) seen.topics.clear();
    seen.topics.set(topic, o);
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
