import type { ContextUpdate } from './answers.js';
import { MAX_TOPIC_LIST, MAX_TOPICS, type ConversationContext, type TopicState } from './context.js';

/** One topic as the history keeps it: its state without bookkeeping or its own history, the list cut to its first pages. */
export function snapshot(ctx: TopicState & { history?: unknown; v?: unknown; updatedAt?: unknown }): TopicState {
  const { history: _h, v: _v, updatedAt: _u, ...state } = ctx;
  return { ...state, list: state.list.slice(0, MAX_TOPIC_LIST), shown: Math.min(state.shown, MAX_TOPIC_LIST) };
}

/** Whether two states are the same topic (paging or opening an entry of it does not make a new one). */
export function sameTopic(a: TopicState, b: TopicState): boolean {
  return a.intent === b.intent && a.topic === b.topic && a.list[0] === b.list[0] && a.boxId === b.boxId;
}

/**
 * The context to store after a turn. A follow-up of the current topic carries the history already (it spreads the
 * old context); a new topic has none, and gets the old context pushed onto the old history, newest first.
 */
export function withHistory(next: ContextUpdate, prev: ConversationContext | null): ContextUpdate {
  if (next.history !== undefined) return next;
  const earlier: TopicState[] = [...(prev && prev.list.length > 0 ? [snapshot(prev)] : []), ...(prev?.history ?? [])];
  const history: TopicState[] = [];
  for (const h of earlier) {
    if (sameTopic(h, next) || history.some((x) => sameTopic(x, h))) continue;
    history.push(h);
    if (history.length === MAX_TOPICS) break;
  }
  return history.length ? { ...next, history } : next;
}
