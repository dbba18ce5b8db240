// npm run bench [-- [--profile] FILE.jsonl …] : the matcher's per-query latency (mean, p50, p99) and queries per second, in process,
// beside MiniSearch over the same passages with the same jieba tokens as the reference; then the cold start and peak
// RSS of `plan-bot ask` (the built bin, fresh processes) beside `node -e 0` and a bare Bolt app's start (scripts/bench-cold-start.ts).
// Both engines get the same prepared query (normalised, English read through the glossary) and are timed per call, in
// alternating rounds (ABBA) after a warm-up, within a fixed time budget. --profile adds a CPU profile of the matcher
// alone (self time per function), to show where its time goes. `npm run bench` builds dist/ first (prebench).
import { existsSync, readFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { fileURLToPath } from 'node:url';

const processStartMs = performance.now();
const coldStart = performance.now();
const { loadConfig } = await import('../app/config.ts');
const { loadKnowledge } = await import('../src/knowledge.ts');
const config = loadConfig();
const k = loadKnowledge(config.contentDir);
const coldMs = performance.now() - coldStart;
const rssAfterLoad = process.memoryUsage().rss;
const heapAfterLoad = process.memoryUsage().heapUsed;

const { default: MiniSearch } = await import('minisearch');
const { loadSegmenter } = await import('../src/nlp/segmenter.ts');
const { translateEnglish } = await import('../src/nlp/glossary.ts');

/** Queries beyond the dev set: topics, paraphrases, questions, English, traditional/variant forms, targets, nonsense. */
const EXTRA_QUERIES = [
  // topics
  '数字孪生', '工业互联网', '数据共享', '政务服务', '量子通信', '智慧社区', '数字鸿沟', '网络安全', '平台治理', '智慧水利',
  // paraphrases and colloquial
  '网上办事', '农村电商', '远程医疗', '防汛抗旱', '天网工程', '反诈', '摄像头', '老年人用手机', '芯片卡脖子', '碳中和',
  // questions
  '怎样保障数据安全?', '如何推进数字乡村建设?', '基层治理怎么数字化?', '国家怎么管互联网平台?', '应急通信网络怎么建?', '个人信息怎么保护?',
  // English
  'digital divide', 'cybersecurity', 'smart city', 'artificial intelligence', 'public health emergency', 'rural e-commerce',
  'quantum computing', 'elderly care', 'How will the plan protect personal data?',
  // traditional and variant characters
  '數據共享', '網路安全', '資訊基礎設施', '智慧養老服務', '處臵能力',
  // targets, as text
  '数字乡村2025年目标', '企业数字能力2023年的行动目标',
  // nothing relevant
  '火星探测', '世界杯足球赛', '今天吃什么', 'zxcvbnm', '😀🎉',
  // a long, chatty question
  '我们单位负责城市运行管理,想知道规划里关于城市大脑、一网统管和城市运行体征监测的要求有哪些,最好能列出原文',
];

/** The dev-set queries (and any JSONL files given on the command line). */
function devQueries(): string[] {
  const args = process.argv.slice(2).filter((a) => a !== '--profile');
  const files = args.length ? args : [fileURLToPath(new URL('eval/dev.jsonl', import.meta.url))];
  const out: string[] = [];
  for (const file of files) {
    if (!existsSync(file)) {
      console.error(`${file}: not found`);
      process.exit(2);
    }
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      if (!line.trim()) continue;
      const c = JSON.parse(line) as { q?: unknown };
      if (typeof c.q === 'string') out.push(c.q);
    }
  }
  return out;
}

interface Prepared {
  raw: string;
  text: string;
  extras: string[];
  /** jieba's words for each CJK run of the query (what our matcher segments) */
  segments: Map<string, string[]>;
  /** jieba's words for the whole query (what MiniSearch's query tokenizer returns) */
  tokens: string[];
}

/** Normalise, translate and segment once, outside the timing: both engines get the same query text and jieba tokens. */
function prepare(q: string): Prepared {
  const en = translateEnglish(k.normalize(q), k.lexicon.glossary, k.lexicon.stopwords, k.lexicon.englishWords);
  const segments = new Map<string, string[]>();
  // the runs our matcher segments are those left once question frames are removed (what it analyses)
  for (const run of k.matcher.stripFrames(en.text).match(/[\u3400-\u9fff\uf900-\ufaff]+/g) ?? []) segments.set(run, jieba.cut(run, true));
  return { raw: q, text: en.text, extras: en.extras, segments, tokens: words(jieba.cut(en.text, true)) };
}

// ---- the reference: MiniSearch over the same passages, same normaliser, same jieba tokens ----
const jieba = loadSegmenter();
const words = (tokens: string[]) => tokens.filter((t) => t.trim() !== '');
const queries = [...devQueries(), ...EXTRA_QUERIES].map(prepare);
const docs = k.library.passages.map((p, i) => ({ id: i, title: k.normalize(p.title), path: k.normalize(p.path.join(' ')), text: k.normalize(p.text) }));
const mini = new MiniSearch({
  fields: ['title', 'path', 'text'],
  tokenize: (s: string) => words(jieba.cutForSearch(s, true)),
  processTerm: (t: string) => t,
  searchOptions: {
    boost: { title: 3, path: 1.5, text: 1 },
    tokenize: (s: string) => words(jieba.cut(s, true)),
    processTerm: (t: string) => t,
  },
});
const miniStart = performance.now();
mini.addAll(docs);
const miniIndexMs = performance.now() - miniStart;

type Engine = { name: string; run: (q: Prepared) => number };
// Headline pair: the query is segmented once by jieba outside the timing and both engines get those tokens,
// so the figures compare the matchers themselves (segmenting costs the same ~2 µs in both).
const ours: Engine = { name: 'plan-bot matcher', run: (q) => k.matcher.search(q.text, { extras: q.extras, segments: q.segments }).hits.length };
const reference: Engine = { name: 'MiniSearch', run: (q) => mini.search(q.text, { tokenize: () => q.tokens }).length };
// End-to-end pair: each engine segments the query with jieba itself, inside the timing.
const oursE2E: Engine = { name: 'plan-bot + jieba', run: (q) => k.matcher.search(q.text, { extras: q.extras }).hits.length };
const referenceE2E: Engine = { name: 'MiniSearch + jieba', run: (q) => mini.search(q.text).length };

/** One pass over all queries, each call timed on its own; returns the wall time of the pass in ms. */
function pass(engine: Engine, into: number[]): number {
  const start = performance.now();
  let sink = 0;
  for (const q of queries) {
    const t0 = performance.now();
    sink += engine.run(q);
    into.push(performance.now() - t0);
  }
  if (sink < 0) console.log(sink); // keep the results alive
  return performance.now() - start;
}

// ---- warm-up, then alternating rounds (ABBA) within the time budget ----
const WARMUP_MS = 1500;
const BUDGET_MS = 6_000;
const MIN_ROUNDS = 6;
const PASSES_PER_BLOCK = 10;

/** Time two engines in alternating rounds (ABBA) so that machine noise falls on both alike. */
function compare(x: Engine, y: Engine) {
  const warm = performance.now();
  while (performance.now() - warm < WARMUP_MS) {
    pass(x, []);
    pass(y, []);
  }
  const samples = { ours: [] as number[], reference: [] as number[] };
  const wall = { ours: 0, reference: 0 };
  const begin = performance.now();
  let rounds = 0;
  // Each engine runs a block of passes in a row; the first pass after a switch is discarded, since it pays for
  // the caches and garbage the other engine left behind (that cost would otherwise land on whichever went second).
  const block = (e: Engine, into: number[]) => {
    pass(e, []);
    let w = 0;
    for (let i = 0; i < PASSES_PER_BLOCK; i++) w += pass(e, into);
    return w;
  };
  while (rounds < MIN_ROUNDS || performance.now() - begin < BUDGET_MS) {
    if (rounds % 2 === 0) {
      wall.ours += block(x, samples.ours);
      wall.reference += block(y, samples.reference);
    } else {
      wall.reference += block(y, samples.reference);
      wall.ours += block(x, samples.ours);
    }
    rounds++;
    if (performance.now() - begin > BUDGET_MS * 2) break;
  }
  return { samples, wall, rounds: rounds * PASSES_PER_BLOCK };
}

const { samples, wall, rounds } = compare(ours, reference);
const e2e = compare(oursE2E, referenceE2E);

interface Stats {
  mean: number;
  p50: number;
  p99: number;
  max: number;
  qps: number;
}

/** Mean, median, 99th percentile and max (ms) of the samples, and queries per second from the wall time of the passes. */
function stats(xs: number[], wallMs: number): Stats {
  const s = Float64Array.from(xs).sort();
  const at = (p: number) => s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))]!;
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  return { mean, p50: at(0.5), p99: at(0.99), max: s[s.length - 1]!, qps: (xs.length / wallMs) * 1000 };
}

const a = stats(samples.ours, wall.ours);
const b = stats(samples.reference, wall.reference);
const a2 = stats(e2e.samples.ours, e2e.wall.ours);
const b2 = stats(e2e.samples.reference, e2e.wall.reference);

// slowest queries of ours (median over rounds), to show where the tail comes from
const perQuery = queries.map((q, i) => {
  const xs: number[] = [];
  for (let j = i; j < samples.ours.length; j += queries.length) xs.push(samples.ours[j]!);
  xs.sort((x, y) => x - y);
  return { q: q.raw, median: xs[Math.floor(xs.length / 2)]! };
});
perQuery.sort((x, y) => y.median - x.median);

const agree = queries.filter((q) => {
  const mine = k.matcher.search(q.text, { extras: q.extras });
  const theirs = mini.search(q.text);
  return mine.noMatch ? theirs.length === 0 : k.library.passages[theirs[0]?.id as number]?.id === mine.hits[0]?.passage.id;
}).length;

const us = (ms: number) => `${(ms * 1000).toFixed(1).padStart(8)} µs`;
const row = (name: string, s: Stats) => `${name.padEnd(18)} ${us(s.mean)} ${us(s.p50)} ${us(s.p99)} ${us(s.max)} ${Math.round(s.qps).toString().padStart(10)}`;
const mb = (n: number) => `${(n / 1024 / 1024).toFixed(0)} MB`;

console.log(`plan-bot bench — ${k.library.passages.length} passages, ${queries.length} queries × ${rounds} rounds per engine (after ${WARMUP_MS} ms warm-up), node ${process.version}`);
console.log(`in this process (tsx): ${coldMs.toFixed(0)} ms to load the knowledge (modules, jieba dictionary, plans, index); ${(processStartMs + coldMs).toFixed(0)} ms since process start`);
console.log(`memory after load: RSS ${mb(rssAfterLoad)}, JS heap ${mb(heapAfterLoad)}; MiniSearch indexed in ${miniIndexMs.toFixed(1)} ms`);
console.log('');
console.log(`${'engine'.padEnd(18)} ${'mean'.padStart(11)} ${'p50'.padStart(11)} ${'p99'.padStart(11)} ${'max'.padStart(11)} ${'queries/s'.padStart(10)}`);
console.log(row(ours.name, a));
console.log(row(reference.name, b));
console.log('');
console.log(`mean latency ratio (MiniSearch / plan-bot): ${(b.mean / a.mean).toFixed(2)}×   [bar: ≥ 3×]  ${b.mean / a.mean >= 3 ? 'met' : 'MISSED'}`);
console.log('');
console.log('end to end, each engine segmenting the query with jieba itself:');
console.log(row(oursE2E.name, a2));
console.log(row(referenceE2E.name, b2));
console.log(`mean latency ratio (MiniSearch + jieba / plan-bot + jieba): ${(b2.mean / a2.mean).toFixed(2)}×`);
console.log(`plan-bot p99: ${(a.p99 * 1000).toFixed(1)} µs   [bar: < 1000 µs]  ${a.p99 < 1 ? 'met' : 'MISSED'}`);
console.log(`top-1 agreement with MiniSearch (or both no match): ${agree}/${queries.length}`);
console.log(`slowest queries (plan-bot, median): ${perQuery
  .slice(0, 5)
  .map((x) => `${x.q.length > 16 ? x.q.slice(0, 15) + '…' : x.q} ${(x.median * 1000).toFixed(0)} µs`)
  .join(' · ')}`);

// ---- the typo path: what correcting a slip costs, beside the same question typed right ----
{
  const { parseMessage } = await import('../src/intents/parse-message.ts');
  const TYPOS: [typed: string, right: string][] = [
    ['网落安全', '网络安全'], ['智会城市', '智慧城市'], ['人工之能', '人工智能'], ['城市感知决策中树', '城市感知决策中枢'],
    ['一代一路生态环保大数据平台', '一带一路生态环保大数据平台'], ['海洋灾害监侧', '海洋灾害监测'], ['公众举报线所怎么网络核查', '公众举报线索怎么网络核查'],
    ['区块连', '区块链'], ['数子乡村', '数字乡村'], ['提升乡村气像灾害监测能力', '提升乡村气象灾害监测能力'],
  ];
  const buildStart = performance.now();
  k.corrector.correct(k.normalize(TYPOS[0]![0]));
  const buildMs = performance.now() - buildStart;
  const timeAll = (texts: string[], n: number) => {
    const xs: number[] = [];
    for (let r = 0; r < n; r++) for (const t of texts) {
      const t0 = performance.now();
      parseMessage(t, k);
      xs.push(performance.now() - t0);
    }
    return xs.sort((x, y) => x - y)[Math.floor(xs.length / 2)]!;
  };
  timeAll(TYPOS.flatMap((x) => x), 50);
  const typed = timeAll(TYPOS.map((x) => x[0]), 300);
  const right = timeAll(TYPOS.map((x) => x[1]), 300);
  const plain = timeAll(['应急管理', '数据安全保障', '数字乡村', '智慧城市'], 300);
  console.log('');
  console.log(`typo path (parse + correct, median of ${TYPOS.length} slips × 300): ${(typed * 1000).toFixed(1)} µs with a slip vs ${(right * 1000).toFixed(1)} µs typed right (+${((typed - right) * 1000).toFixed(1)} µs); the vocabulary's pinyin keys built once in ${buildMs.toFixed(0)} ms`);
  console.log(`a question with no unknown term (应急管理 …): ${(plain * 1000).toFixed(1)} µs to parse, the corrector only checking its two-character pieces`);
}

// ---- cold start of the real CLI, in fresh processes, beside node -e 0 and a bare Bolt app's start ----
{
  const { coldStartTable, measureColdStarts } = await import('./bench-cold-start.ts');
  console.log('');
  console.log(coldStartTable(await measureColdStarts(5)));
}

if (process.argv.includes('--profile')) await profileOurs(3000);

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

/** Run only our matcher for `ms` under the V8 CPU profiler and print the functions with the most self and total time. */
async function profileOurs(ms: number): Promise<void> {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 50 });
  await session.post('Profiler.start');
  const start = performance.now();
  while (performance.now() - start < ms) pass(ours, []);
  const { profile } = (await session.post('Profiler.stop')) as { profile: { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] } };
  session.disconnect();
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const name = (n: ProfileNode) => `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url.replace(/^.*\/(src|node_modules)\//, '$1/')}`;
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  let all = 0;
  profile.samples.forEach((id, i) => {
    const dt = profile.timeDeltas[i] ?? 0;
    all += dt;
    const leaf = byId.get(id)!;
    self.set(name(leaf), (self.get(name(leaf)) ?? 0) + dt);
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const key = name(byId.get(cur)!);
      if (!seen.has(key)) total.set(key, (total.get(key) ?? 0) + dt);
      seen.add(key);
    }
  });
  const top = (m: Map<string, number>, n: number, only?: RegExp) =>
    [...m]
      .filter(([key]) => !only || only.test(key))
      .sort((x, y) => y[1] - x[1])
      .slice(0, n)
      .map(([key, t]) => `  ${((100 * t) / all).toFixed(1).padStart(5)}%  ${key}`)
      .join('\n');
  console.log(`\nprofile of plan-bot matcher alone (${ms} ms, share of samples):\nself time:\n${top(self, 14)}\ntotal time (src/ functions):\n${top(total, 14, /src\//)}`);
}
