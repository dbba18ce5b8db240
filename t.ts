import { loadKnowledge } from './src/knowledge.ts';
const k = loadKnowledge('content');
for (const p of k.library.passages) console.log(p.id, p.kind, p.title.slice(0,30), '|', p.path.join(' > '), p.years ? JSON.stringify(p.years).slice(0,80) : '');
console.log(k.library.plans[0]!.meta);
