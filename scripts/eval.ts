// npm run eval -- FILE.jsonl : top-1 and top-3 per category, with the misses listed.
import { readFileSync } from 'node:fs';
import { loadConfig } from '../app/config.ts';
import { Bot } from '../src/conversation/bot.ts';
import { EvalCase, runCase, type CaseOutcome } from '../src/evaluation/eval-cases.ts';
import { loadKnowledge } from '../src/knowledge.ts';
import { MemoryStore } from '../src/store/memory-store.ts';

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error('usage: npm run eval -- FILE.jsonl [FILE.jsonl …]');
  process.exit(2);
}
const config = loadConfig();
const bot = new Bot({ knowledge: loadKnowledge(config.contentDir), store: new MemoryStore() });
const outcomes: (CaseOutcome & { q: string })[] = [];
for (const file of files) {
  const lines = readFileSync(file, 'utf8').split('\n').filter((l) => l.trim());
  for (const [i, line] of lines.entries()) {
    const parsed = EvalCase.safeParse(JSON.parse(line));
    if (!parsed.success) {
      console.error(`${file}:${i + 1}: not an eval case: ${parsed.error.message}`);
      process.exit(2);
    }
    const c = parsed.data;
    const o = await runCase(bot, c, `eval-${file}-${i}`);
    outcomes.push({ ...o, q: 'q' in c ? c.q : c.turns.join(' → ') });
  }
}
const pct = (n: number, d: number) => `${((100 * n) / Math.max(1, d)).toFixed(1)}%`;
const cats = [...new Set(outcomes.map((o) => o.cat))];
console.log('category      n   top-1    top-3');
for (const cat of cats) {
  const os = outcomes.filter((o) => o.cat === cat);
  console.log(`${cat.padEnd(12)} ${String(os.length).padStart(2)}  ${pct(os.filter((o) => o.top1).length, os.length).padStart(6)}  ${pct(os.filter((o) => o.top3).length, os.length).padStart(6)}`);
}
const misses = outcomes.filter((o) => !o.top1);
if (misses.length) {
  console.log('\nmisses (top-1):');
  for (const m of misses) console.log(`  ${m.id} [${m.cat}] ${m.q} → ${m.got}${m.top3 ? '  (in top-3)' : ''}`);
}
const t1 = outcomes.filter((o) => o.top1).length;
const t3 = outcomes.filter((o) => o.top3).length;
const none = outcomes.filter((o) => o.none);
console.log(`\nno-match cases answered as no match (recall): ${none.filter((o) => o.empty).length}/${none.length}`);
console.log(`no-match precision (empty answers that were no-match cases): ${outcomes.filter((o) => o.empty && o.none).length}/${outcomes.filter((o) => o.empty).length}`);
console.log(`overall: top-1 ${pct(t1, outcomes.length)} (${t1}/${outcomes.length}), top-3 ${pct(t3, outcomes.length)} (${t3}/${outcomes.length})`);
