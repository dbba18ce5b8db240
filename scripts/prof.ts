import { loadKnowledge } from '../src/knowledge.ts';
import { queryPhrases } from '../src/match/matcher.ts';
const k = loadKnowledge('content');
const qs = ['应急管理','数据治理','人工智能','社会治安防控','禁毒','数字孪生城市','疫情防控','如何提高政府数据共享','智慧社区怎么建','全民数字技能','应急广播','数据交易','火星探测','smart city','基层智慧治理的行动目标'].map(q=>k.normalize(q));
function time(name: string, f: (q: string)=>unknown) {
  for (let i=0;i<2000;i++) for (const q of qs) f(q);
  const t=process.hrtime.bigint(); const R=5000; for (let i=0;i<R;i++) for (const q of qs) f(q);
  console.log(name, (Number(process.hrtime.bigint()-t)/R/qs.length/1000).toFixed(2),'us');
}
time('cut', q=>k.cut(q));
time('concepts', q=>k.matcher.concepts(q));
time('phrases', q=>queryPhrases(q, k.lexicon.stopwords));
time('search', q=>k.matcher.search(q));
time('search-h0', q=>k.matcher.search(q, {highlight:0}));
