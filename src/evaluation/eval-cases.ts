import { z } from 'zod';
import type { Bot } from '../conversation/bot.js';
import type { Reply, ResultItem } from '../reply/reply.js';

/** One line of an eval file: a query case (q) or a dialogue case (turns). */
export const EvalCase = z.union([
  z.object({ id: z.string(), cat: z.string(), q: z.string(), any: z.array(z.string()).optional(), none: z.boolean().optional() }),
  z.object({
    id: z.string(),
    cat: z.string().optional(),
    turns: z.array(z.string()).min(1),
    any: z.array(z.string()).optional(),
    disjoint: z.boolean().optional(),
    expand: z.number().int().positive().optional(),
  }),
]);
export type EvalCase = z.infer<typeof EvalCase>;

export interface CaseOutcome {
  id: string;
  cat: string;
  top1: boolean;
  top3: boolean;
  got: string;
  /** the case's right answer is "nothing relevant" */
  none: boolean;
  /** the bot answered with no results */
  empty: boolean;
}

const haystack = (r: ResultItem | undefined) => (r ? `${r.title}\n${r.text}\n${r.path.join(' ')}` : '');

/** Run one eval case through the bot in a fresh conversation and judge the last reply. */
export async function runCase(bot: Bot, c: EvalCase, conversation: string): Promise<CaseOutcome> {
  const turns = 'q' in c ? [c.q] : c.turns;
  const replies: Reply[] = [];
  for (const [i, text] of turns.entries()) {
    replies.push(await bot.handle({ platform: 'console', workspace: 'eval', conversation, user: 'eval', text, messageId: `${conversation}-${i}` }));
  }
  const last = replies[replies.length - 1]!;
  const first = replies[0]!;
  const got = last.results.length ? last.results[0]!.title : `(no results: ${last.title ?? last.intent})`;
  const cat = c.cat ?? ('turns' in c ? 'dialogue' : 'query');
  const empty = last.results.length === 0;
  const base = { id: c.id, cat, got, empty, none: Boolean('none' in c && c.none) };
  if ('none' in c && c.none) {
    const ok = last.results.length === 0;
    return { ...base, top1: ok, top3: ok };
  }
  if ('disjoint' in c && c.disjoint) {
    const before = new Set(first.results.map((r) => r.id));
    const ok = last.results.length > 0 && last.results.every((r) => !before.has(r.id));
    return { ...base, top1: ok, top3: ok };
  }
  if ('expand' in c && c.expand) {
    const want = first.results[c.expand - 1]?.id;
    const ok = Boolean(want) && last.results[0]?.id === want;
    return { ...base, top1: ok, top3: ok };
  }
  const any = c.any ?? [];
  const hit = (r: ResultItem | undefined) => any.some((a) => haystack(r).includes(a));
  return { ...base, top1: hit(last.results[0]), top3: last.results.slice(0, 3).some(hit) };
}
