import type { Knowledge } from '../knowledge.js';
import type { Suggestion } from '../reply/reply.js';

/** The words of the bot's grammar a starter question is built with (what the core understands; see its help answer). */
const OUTLINE = '目录';
const GOALS_OF = '的行动目标';

/**
 * Questions a new user can start with, drawn from the loaded plans rather than written by hand: the 行动目标 of the
 * priority actions (each target's section, in plan order) taking turns with the 专栏 (重点工程, by their own titles),
 * then the outline. At most `max`, the outline always among them; a new plan edition changes them with its content.
 */
export function starterQuestions(k: Knowledge, max: number): Suggestion[] {
  if (max <= 0) return [];
  const goals: Suggestion[] = [];
  for (const t of k.library.passages) {
    if (t.kind !== 'target' || t.section === undefined) continue;
    const section = k.library.node(`${t.planId}:p${t.part}.s${t.section}`);
    if (section) goals.push({ label: `${section.title}的目标`, value: `${section.title}${GOALS_OF}` });
  }
  const boxes: Suggestion[] = k.library.passages
    .filter((p) => p.kind === 'box' && p.box !== undefined)
    .map((p) => ({ label: p.title.replace(/^专栏\s*\d+\s*/, '') || p.title, value: `专栏${p.box}` }));
  const mixed: Suggestion[] = [];
  for (let i = 0; i < Math.max(goals.length, boxes.length); i++) {
    if (goals[i]) mixed.push(goals[i]!);
    if (boxes[i]) mixed.push(boxes[i]!);
  }
  const outline = k.library.plans.length ? [{ label: `${OUTLINE}:${k.library.plans[0]!.meta.shortTitle}的结构`, value: OUTLINE }] : [];
  return [...mixed.slice(0, max - outline.length), ...outline];
}
