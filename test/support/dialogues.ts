import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { Reply, ResultItem } from '../../src/reply/reply.js';
import { REPO_DIR } from './plan-bot-process.js';

/** The dev follow-up dialogues (scripts/eval/dev-dialogues.jsonl), kept in the repository so a fresh clone can run them. */
export const DEV_DIALOGUES_FILE = join(REPO_DIR, 'scripts', 'eval', 'dev-dialogues.jsonl');
/** Follow-ups as people really type them (scripts/eval/dev2-dialogues.jsonl): 下一个, 倒数第二条, 回到上一个话题 … */
export const DEV2_DIALOGUES_FILE = join(REPO_DIR, 'scripts', 'eval', 'dev2-dialogues.jsonl');

/** One dialogue: its turns go to one conversation; the last reply is judged by `any`, `disjoint` or `expand`. */
export const Dialogue = z.object({
  id: z.string(),
  turns: z.array(z.string()).min(1),
  any: z.array(z.string()).optional(),
  disjoint: z.boolean().optional(),
  expand: z.number().int().positive().optional(),
});
export type Dialogue = z.infer<typeof Dialogue>;

/** Read a dialogue file (JSON lines); a malformed line throws with its line number. */
export function readDialogues(file: string = DEV_DIALOGUES_FILE): Dialogue[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .map((line, i) => [line, i + 1] as const)
    .filter(([line]) => line.trim())
    .map(([line, n]) => {
      const r = Dialogue.safeParse(JSON.parse(line));
      if (!r.success) throw new Error(`${file}:${n}: not a dialogue: ${r.error.message}`);
      return r.data;
    });
}

const haystack = (r: ResultItem | undefined) => (r ? `${r.title}\n${r.text}\n${r.path.join(' ')}` : '');

/**
 * Judge a dialogue's replies: the last reply's first result holds one of `any`, or (`disjoint`) shares no result
 * id with the first reply, or (`expand: N`) leads with the first reply's N-th result. Returns why it fails, or
 * undefined when it passes.
 */
export function judgeDialogue(d: Dialogue, replies: Reply[]): string | undefined {
  const first = replies[0];
  const last = replies[replies.length - 1];
  if (!first || !last || replies.length !== d.turns.length) return `expected ${d.turns.length} replies, got ${replies.length}`;
  if (d.disjoint) {
    if (last.results.length === 0) return `last reply has no results (${last.title ?? last.intent})`;
    const before = new Set(first.results.map((r) => r.id));
    const shared = last.results.filter((r) => before.has(r.id)).map((r) => r.id);
    return shared.length ? `last reply repeats ${shared.join(', ')}` : undefined;
  }
  if (d.expand) {
    const want = first.results[d.expand - 1]?.id;
    if (!want) return `first reply has no result ${d.expand}`;
    return last.results[0]?.id === want ? undefined : `expected ${want} first, got ${last.results[0]?.id ?? `nothing (${last.title ?? last.intent})`}`;
  }
  const any = d.any ?? [];
  if (any.length === 0) return 'dialogue has no rule (any, disjoint or expand)';
  const got = haystack(last.results[0]);
  return any.some((a) => got.includes(a)) ? undefined : `first result "${last.results[0]?.title ?? `(none: ${last.title ?? last.intent})`}" holds none of ${any.join(' | ')}`;
}
