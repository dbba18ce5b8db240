import type { Knowledge } from '../../src/knowledge.js';

/** One prompt starter (a command of the manifest's bots[].commandLists): what is sent, and the hint shown beside it. */
export interface PromptStarter {
  title: string;
  description: string;
}

/** Teams takes at most 10 commands per list, titles of at most 32 characters and descriptions of at most 128. */
export const MAX_STARTERS = 10;
export const MAX_TITLE = 32;
export const MAX_DESCRIPTION = 128;

/** How many priority actions' goals are offered: a few, so that the list is not one kind of question. */
const MAX_GOAL_STARTERS = 3;

/** The scopes the prompt starters are offered in: every scope the bot is installed in. */
export const STARTER_SCOPES = ['personal', 'team', 'groupChat'] as const;

/** The words of the bot's grammar a starter is built with (what the core understands; see its help answer). */
const OUTLINE = '目录';
const HELP = '帮助';
const GOALS_OF = '的行动目标';

function clip(s: string, max: number): string {
  return [...s].length <= max ? s : `${[...s].slice(0, max - 1).join('')}…`;
}

/**
 * The prompt starters Teams shows a new user, drawn from the plan itself: its outline; each 专栏 with its own title;
 * then the 行动目标 of the first priority actions in plan order (the section's title, with the years the goals
 * name), as many as fit up to three; help last. The Teams manifest declares exactly these (a test compares them), so a new plan edition
 * changes them here, not in hand-written sentences.
 */
export function promptStarters(k: Knowledge): PromptStarter[] {
  const plan = k.library.plans[0];
  const starters: PromptStarter[] = [];
  if (plan) starters.push({ title: OUTLINE, description: `${plan.meta.shortTitle}的结构` });
  for (const box of k.library.passages.filter((p) => p.kind === 'box' && p.box !== undefined)) {
    starters.push({ title: `专栏${box.box}`, description: box.title.replace(/^专栏\s*\d+\s*/, '') || box.title });
  }
  const room = MAX_STARTERS - 1 - starters.length;
  const targets = k.library.passages.filter((p) => p.kind === 'target' && p.section !== undefined).slice(0, Math.max(0, Math.min(room, MAX_GOAL_STARTERS)));
  for (const t of targets) {
    const section = k.library.node(`${t.planId}:p${t.part}.s${t.section}`);
    if (!section) continue;
    const years = Object.keys(t.years ?? {}).sort();
    const when = years.length ? `${years.join('、')}年的目标` : '行动目标';
    starters.push({ title: `${section.title}${GOALS_OF}`, description: `${when} · ${section.path.join(' › ')}` });
  }
  starters.push({ title: HELP, description: '用法' });
  return starters.slice(0, MAX_STARTERS).map((s) => ({ title: clip(s.title, MAX_TITLE), description: clip(s.description, MAX_DESCRIPTION) }));
}

/** The manifest's bots[].commandLists for these starters: one list, offered in every scope. */
export function commandLists(starters: PromptStarter[]): { scopes: string[]; commands: PromptStarter[] }[] {
  return [{ scopes: [...STARTER_SCOPES], commands: starters }];
}
