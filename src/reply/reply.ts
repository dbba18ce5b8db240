import { z } from 'zod';
import type { Passage } from '../content/plan-schema.js';

/** One thing an answer shows: a passage, a box, or a part/section heading, with where it sits in the plan. */
export const ResultItem = z.object({
  id: z.string(),
  kind: z.enum(['paragraph', 'box', 'box-item', 'target', 'heading', 'part', 'section']),
  title: z.string(),
  text: z.string(),
  path: z.array(z.string()),
  highlights: z.array(z.string()).optional(),
  /** the number shown before it, which 第N条 refers to (list position, or the item number inside a box) */
  n: z.number().int().positive().optional(),
  /** e.g. "节选未收录该部分正文" for a heading without body text */
  note: z.string().optional(),
  /** the reader page of this passage (PUBLIC_URL/p/<plan>/<local-id>), when PUBLIC_URL is set: what citations link to */
  url: z.string().optional(),
});
export type ResultItem = z.infer<typeof ResultItem>;

/** A button or suggestion: `value` is the message the bot receives when it is pressed. */
export const Action = z.object({
  type: z.enum(['more', 'expand', 'subscribe', 'share', 'suggest']),
  label: z.string(),
  value: z.string(),
});
export type Action = z.infer<typeof Action>;

/** A suggested next question: `label` is shown, `value` is the message the bot receives when it is chosen (as if typed). */
export const Suggestion = z.object({ label: z.string(), value: z.string() });
export type Suggestion = z.infer<typeof Suggestion>;

/** At most this many suggested next questions per answer. */
export const MAX_SUGGESTIONS = 3;

/** The platform-neutral answer every handler returns; adapters render it as Block Kit, Adaptive Cards or terminal text. */
export const Reply = z.object({
  intent: z.string(),
  /** plain-text rendering of the whole answer */
  text: z.string(),
  results: z.array(ResultItem),
  actions: z.array(Action).optional(),
  /** a heading for the answer (e.g. "应急管理 · 1–3 / 12") */
  title: z.string().optional(),
  /** a short notice (e.g. "上下文暂不可用") shown above the answer */
  notice: z.string().optional(),
  /** a closing line: what to reply next, or where the passage comes from */
  footer: z.string().optional(),
  /** natural next questions from this answer's content (目标, 重点工程, 出处, 更多), at most MAX_SUGGESTIONS */
  suggestions: z.array(Suggestion).max(MAX_SUGGESTIONS).optional(),
  /** the topic the conversation is on after this answer (its context's topic words), for a platform to label the conversation with */
  topic: z.string().optional(),
  /** 1-based number of the first result in the current list, so pages number on from the last one */
  start: z.number().int().positive().optional(),
});
export type Reply = z.infer<typeof Reply>;

/** What the plan says when the excerpt lists a heading without its body. */
export const EXCERPT_NOTE = '节选未收录该部分正文';

/** Turn a passage into a result item, with highlights when there are any. */
export function toResult(p: Passage, highlights?: string[], text?: string): ResultItem {
  const item: ResultItem = { id: p.id, kind: p.kind, title: p.title, text: text ?? p.text, path: p.path };
  if (highlights && highlights.length) item.highlights = highlights;
  if (p.kind === 'heading') item.note = EXCERPT_NOTE;
  return item;
}

/** The number to show before result i (what 第N条 refers to), or undefined when it is shown unnumbered. */
export function displayNumber(reply: Pick<Reply, 'results' | 'start'>, i: number): number | undefined {
  const item = reply.results[i];
  if (!item) return undefined;
  if (item.n !== undefined) return item.n;
  if (reply.results.some((r) => r.n !== undefined) || reply.results.length < 2) return undefined;
  return (reply.start ?? 1) + i;
}
