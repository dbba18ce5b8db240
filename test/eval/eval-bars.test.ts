// The answer-quality bars of issue 9, kept by the test suite: on the dev sets (copied into scripts/eval) top-1 stays
// at or above its bar overall and in every category, and every no-match case answers as no match. These are
// samples of the kinds; the held-out sets in scripts/eval are scored by `npm run eval`, not pinned here.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Bot } from '../../src/conversation/bot.js';
import { EvalCase, runCase, type CaseOutcome } from '../../src/evaluation/eval-cases.js';
import { MemoryStore } from '../../src/store/memory-store.js';
import { knowledge } from '../support/knowledge.js';
import { REPO_DIR } from '../support/plan-bot-process.js';

async function score(file: string): Promise<CaseOutcome[]> {
  const bot = new Bot({ knowledge: knowledge(), store: new MemoryStore() });
  const lines = readFileSync(join(REPO_DIR, 'scripts', 'eval', file), 'utf8').split('\n').filter((l) => l.trim());
  const out: CaseOutcome[] = [];
  for (const [i, line] of lines.entries()) out.push(await runCase(bot, EvalCase.parse(JSON.parse(line)), `${file}-${i}`));
  return out;
}

const share = (os: CaseOutcome[]) => os.filter((o) => o.top1).length / os.length;

describe.each([
  ['dev.jsonl', 0.96, 0],
  ['dev2.jsonl', 0.95, 0.8],
  // a later held-out set (written before its answers were seen): kept from sliding back
  ['held4.jsonl', 0.95, 0],
  ['held5.jsonl', 0.95, 0],
  ['held13.jsonl', 0.93, 0],
])('%s', (file, bar, perCategory) => {
  it(`top-1 ≥ ${bar * 100}% overall and ≥ ${perCategory * 100}% in every category; every no-match case answers as no match`, async () => {
    const os = await score(file);
    expect(os.length).toBeGreaterThan(20);
    expect(share(os), os.filter((o) => !o.top1).map((o) => `${o.id} → ${o.got}`).join('\n')).toBeGreaterThanOrEqual(bar);
    for (const cat of new Set(os.map((o) => o.cat))) expect(share(os.filter((o) => o.cat === cat)), cat).toBeGreaterThanOrEqual(perCategory);
    const none = os.filter((o) => o.none);
    expect(none.length).toBeGreaterThan(0);
    expect(none.filter((o) => !o.empty).map((o) => o.id)).toEqual([]);
  });
});

describe.each(['dev-dialogues.jsonl', 'dev2-dialogues.jsonl', 'held4-dialogues.jsonl', 'held5-dialogues.jsonl', 'held13-dialogues.jsonl'])('%s', (file) => {
  it('every dialogue passes', async () => {
    const os = await score(file);
    expect(os.filter((o) => !o.top1).map((o) => `${o.id} → ${o.got}`)).toEqual([]);
  });
});
