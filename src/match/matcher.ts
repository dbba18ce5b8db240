import type { Passage } from '../content/plan-schema.js';
import type { Lexicon } from '../nlp/lexicon.js';
import { Bm25Index } from './bm25-index.js';
import type { Library } from './library.js';
import { analyzeQuery, type Concept } from './query-analysis.js';
import { bigrams, isCjk } from './terms.js';

/** One ranked passage with the words to highlight in it. */
export interface Hit {
  passage: Passage;
  score: number;
  /** share of what was asked that this passage holds, 0..1 */
  coverage: number;
  highlights: string[];
}

export interface SearchOptions {
  /** only passages for which this returns true */
  filter?: (p: Passage) => boolean;
  /** extra multiplier per passage (e.g. to favour 行动目标 for target questions) */
  boost?: (p: Passage) => number;
  limit?: number;
  /** further terms to search for without counting them as asked (e.g. the glossary's other translations) */
  extras?: string[];
}

export interface SearchResult {
  hits: Hit[];
  /** true when nothing relevant scored above the threshold: the honest "no match" */
  noMatch: boolean;
  concepts: Concept[];
}

/** Below this share of the question found in the best passage, the answer is "no match". */
const MIN_COVERAGE = 0.5;
/** Passages scoring below this share of the best are not worth listing. */
const MIN_RELATIVE_SCORE = 0.2;
/** Weaker hits (down to this share of the best) are listed when they hold at least FILL_COVERAGE of the question. */
const MIN_FILL_SCORE = 0.05;
const FILL_COVERAGE = 0.75;
/** Headings without body text rank a little lower than passages that say something. */
const HEADING_ONLY_FACTOR = 0.7;
/** A passage holding the question's words side by side, as typed, ranks above one that has them apart. */
const PHRASE_BOOST = 1.3;
const FIELD_WEIGHTS = { title: 3, path: 1.5, text: 1 };

/** The full-text half of the matcher: BM25F over title, breadcrumb and text, with coverage-based "no match". */
export class Matcher {
  readonly index: Bm25Index;
  private readonly docs: Passage[];
  private readonly docText: string[];

  constructor(
    readonly library: Library,
    private readonly lexicon: Lexicon,
    private readonly normalize: (s: string) => string,
    private readonly cut: (s: string) => string[],
    cutForIndex: (s: string) => string[],
  ) {
    this.docs = library.passages;
    const fields = this.docs.map((p) => [normalize(p.title), normalize(p.path.join(' ')), normalize(p.text)]);
    this.docText = fields.map((f) => f.join(' '));
    this.index = new Bm25Index(
      fields.map((f) => ({ fields: f })),
      { weights: [FIELD_WEIGHTS.title, FIELD_WEIGHTS.path, FIELD_WEIGHTS.text], words: cutForIndex },
    );
  }

  /** Analyse an already normalised query into concepts (exposed for intents and tests). */
  concepts(q: string): Concept[] {
    return analyzeQuery(q, this.lexicon, this.index, this.cut);
  }

  /** Rank passages for a normalised query. */
  search(q: string, opts: SearchOptions = {}): SearchResult {
    const concepts = this.concepts(q);
    const phrases = queryPhrases(q, this.lexicon.stopwords);
    for (const extra of opts.extras ?? []) {
      for (const c of this.concepts(this.normalize(extra))) if (!concepts.some((x) => x.text === c.text)) concepts.push({ ...c, counts: false });
    }
    const scores = new Float64Array(this.docs.length);
    let any = false;
    for (const c of concepts) {
      const cw = c.counts ? 1 : 0.5;
      for (const alt of c.alts) for (const t of alt.terms) any = this.index.accumulate(t, cw * alt.weight, scores) || any;
    }
    if (!any) return { hits: [], noMatch: true, concepts };
    const ranked: { d: number; s: number }[] = [];
    for (let d = 0; d < scores.length; d++) {
      let s = scores[d]!;
      if (s <= 0) continue;
      const p = this.docs[d]!;
      if (opts.filter && !opts.filter(p)) continue;
      if (opts.boost) s *= opts.boost(p);
      // a heading without body ranks lower, unless its title is the whole of what was asked
      if (p.kind === 'heading' && this.coverage(concepts, d) < 1) s *= HEADING_ONLY_FACTOR;
      for (const ph of phrases) if (this.docText[d]!.includes(ph)) s *= PHRASE_BOOST;
      ranked.push({ d, s });
    }
    ranked.sort((a, b) => b.s - a.s || this.docs[a.d]!.order - this.docs[b.d]!.order);
    const limit = opts.limit ?? 30;
    const top = ranked[0];
    if (!top) return { hits: [], noMatch: true, concepts };
    const hits: Hit[] = [];
    for (const r of ranked) {
      if (hits.length >= limit || r.s < top.s * MIN_FILL_SCORE) break;
      // strong hits always; weaker ones only when they hold most of what was asked, so 更多 stays relevant
      const coverage = this.coverage(concepts, r.d);
      if (r.s < top.s * MIN_RELATIVE_SCORE && coverage < FILL_COVERAGE) continue;
      hits.push({ passage: this.docs[r.d]!, score: r.s, coverage, highlights: [] });
    }
    const best = Math.max(...hits.slice(0, 3).map((h) => h.coverage));
    const noMatch = best < MIN_COVERAGE;
    if (!noMatch) for (const h of hits) h.highlights = this.highlights(concepts, h.passage);
    return { hits: noMatch ? [] : hits, noMatch, concepts };
  }

  /** Share (by length) of the counted concepts that a document holds in some wording. */
  coverage(concepts: Concept[], d: number): number {
    let total = 0;
    let found = 0;
    for (const c of concepts) {
      if (!c.counts) continue;
      total += c.text.length;
      if (c.alts.some((a) => this.holds(a.text, a.terms, d))) found += c.text.length;
      else found += this.partialHold(c.text, d);
    }
    return total === 0 ? 0 : found / total;
  }

  private holds(text: string, terms: string[], d: number): boolean {
    if (!isCjk(text[0] ?? '')) return this.index.docHas(text, d);
    if (text.length >= 3 && this.index.docHas(text, d)) return true;
    if (this.docText[d]!.includes(text)) return true;
    const bg = terms.filter((t) => t.length === 2);
    if (bg.length === 0) return false;
    const have = bg.filter((t) => this.index.docHas(t, d)).length;
    return text.length >= 5 ? have / bg.length >= 0.66 : have === bg.length;
  }

  /** Partial credit for a long word not found whole: its two-character pieces that are (在线教育 → 在线, 教育). */
  private partialHold(text: string, d: number): number {
    if (text.length < 4 || !isCjk(text[0]!)) return 0;
    let found = 0;
    for (let i = 0; i + 1 < text.length; i += 2) {
      const piece = text.slice(i, i + 2);
      if (this.index.docHas(piece, d)) found += 2;
    }
    return found;
  }

  /** The words of the question (or their synonyms) as they appear in the passage, longest first. */
  highlights(concepts: Concept[], p: Passage): string[] {
    const display = `${p.title}\n${p.text}`;
    const lower = display.toLowerCase();
    const out = new Set<string>();
    for (const c of concepts) {
      for (const alt of c.alts) {
        for (const piece of coverPieces(alt.text, lower)) {
          const i = lower.indexOf(piece);
          if (i >= 0) out.add(display.slice(i, i + piece.length));
        }
      }
    }
    return [...out].sort((a, b) => b.length - a.length);
  }
}

/** The query's CJK runs without leading or trailing question words (如何提高X → 提高X), as phrases to find side by side. */
export function queryPhrases(q: string, stopwords: Set<string>): string[] {
  const out: string[] = [];
  for (const run of q.split(' ')) {
    if (!/^[\u3400-\u9fff]+$/.test(run)) continue;
    let r = run;
    for (let changed = true; changed && r; ) {
      changed = false;
      for (const n of [3, 2, 1]) {
        if (r.length > n && stopwords.has(r.slice(0, n))) {
          r = r.slice(n);
          changed = true;
          break;
        }
        if (r.length > n && stopwords.has(r.slice(-n))) {
          r = r.slice(0, -n);
          changed = true;
          break;
        }
      }
    }
    if (r.length >= 3 && r.length <= 12) out.push(r);
  }
  return out;
}

/** Greedy longest pieces (≥2 characters, or whole ASCII words) of a word that occur in a text. */
function coverPieces(word: string, text: string): string[] {
  if (!word) return [];
  if (text.includes(word)) return [word];
  if (!isCjk(word[0]!) || word.length < 3) return [];
  const pieces: string[] = [];
  let i = 0;
  while (i < word.length - 1) {
    let found = '';
    for (let j = word.length; j >= i + 2; j--) {
      const sub = word.slice(i, j);
      if (text.includes(sub)) {
        found = sub;
        break;
      }
    }
    if (found) {
      pieces.push(found);
      i += found.length;
    } else i += 1;
  }
  return pieces.length ? pieces : bigrams(word).filter((b) => text.includes(b));
}
