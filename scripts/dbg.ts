import { loadKnowledge } from '/work/main/src/knowledge.ts';
import { parseIntent } from '/work/main/src/intents/parse-intent.ts';
const k = loadKnowledge('/work/main/content');
for (const q of process.argv.slice(2)) {
  const intent = parseIntent(q, k);
  console.log(q, JSON.stringify(intent));
  const qq = intent.type === 'search' ? intent.query : (intent as any).topic ?? q;
  const cs = k.matcher.concepts(k.normalize(qq));
  console.log(cs.map(c => `${c.text}${c.counts?'':'(x)'}[${c.alts.map(a=>a.text).join('/')}]`).join(' '));
  const r = k.matcher.search(k.normalize(qq));
  console.log('noMatch', r.noMatch);
  for (const h of r.hits.slice(0,5)) console.log('  ', h.score.toFixed(2), h.coverage.toFixed(2), h.passage.title, h.highlights.join(','));
}
