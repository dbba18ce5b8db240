import { loadKnowledge } from '../src/knowledge.ts';
const k = loadKnowledge('content');
for (const raw of ['应急管理', '数据治理', '疫情防控', '智慧城市', '禁毒']) {
  const q = k.normalize(raw);
  const segs = new Map((q.match(/[\u3400-\u9fff]+/g) ?? []).map(r => [r, k.cut(r)] as [string, string[]]));
  for (let i = 0; i < 20000; i++) k.matcher.search(q, { segments: segs });
  const xs: number[] = [];
  for (let i = 0; i < 20000; i++) { const t = performance.now(); k.matcher.search(q, { segments: segs }); xs.push(performance.now() - t); }
  xs.sort((a, b) => a - b);
  const r = k.matcher.search(q);
  console.log(raw, 'p50', (xs[10000]! * 1000).toFixed(1), 'us; hits', r.hits.length, 'concepts', r.concepts.map(c => c.text + ':' + c.alts.map(a=>a.terms.length).join('/')).join(' '));
}
