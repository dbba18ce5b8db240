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
 * The earlier topics of a conversation, most recent first, as backAnswer reads them: the contexts the current one
 * replaced (the Store keeps them, see Store.setContext), each with any history a context stored before they were kept
 * apart, without repeats of one topic or of the current one, at most MAX_TOPICS.
 */
export function earlierTopics(current: ConversationContext | null, earlier: readonly ConversationContext[]): TopicState[] {
  const candidates: TopicState[] = [...(current?.history ?? [])];
  for (const e of earlier) candidates.push(...(e.list.length > 0 ? [snapshot(e)] : []), ...(e.history ?? []));
  const topics: TopicState[] = [];
  for (const h of candidates) {
    if ((current && sameTopic(h, current)) || topics.some((x) => sameTopic(x, h))) continue;
    topics.push(h);
    if (topics.length === MAX_TOPICS) break;
  }
  return topics;
}

/** Whether a turn leaves its topic, so the context it replaces is kept as an earlier topic (unknown: kept). */
export function leavesTopic(previous: ConversationContext | null | undefined, next: ContextUpdate): boolean {
  return !previous || previous.list.length === 0 || !sameTopic(previous, next);
}

/** The context as stored: without the history (the Store keeps earlier topics apart). */
export function storedState(next: ContextUpdate): Omit<ContextUpdate, 'history'> {
  const { history: _h, ...state } = next;
  return state;
}
