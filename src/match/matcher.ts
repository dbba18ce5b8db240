import type { Passage } from '../content/plan-schema.js';
import type { Lexicon } from '../nlp/lexicon.js';
import { Bm25Index } from './bm25-index.js';
import type { Library } from './library.js';
import { QueryAnalyzer, type Alternative, type Concept } from './query-analysis.js';
import { makeFrameStripper } from '../nlp/question-frames.js';
import { highlightWords } from './highlights.js';
import { queryPhrases, typedPairs } from './query-phrases.js';
import { isCjk } from './terms.js';

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
  /** how many of the first hits get highlights now (default none: answers ask for the page they show) */
  highlight?: number;
  /** the query's CJK runs already segmented by jieba (run → words), so a caller that segmented once need not again */
  segments?: ReadonlyMap<string, string[]>;
}

export interface SearchResult {
  hits: Hit[];
  /** true when nothing relevant scored above the threshold: the honest "no match" */
  noMatch: boolean;
  concepts: Concept[];
  /** what the no-match decision rested on, for tests, evaluation and metrics */
  evidence?: MatchEvidence;
}

/** The figures behind a match decision, over the best three passages. */
export interface MatchEvidence {
  /** largest share of the question's characters one passage holds */
  coverage: number;
  /** largest share weighted by the plan's idf */
  telling: number;
  /** largest share weighted by general-language idf */
  general: number;
  /** the general-language idf of the strongest question word a passage holds whole */
  strongest: number;
  /** every word of a question of several is rare in general language and held whole by some passage (抗洪 | 抢险) */
  allHeld?: boolean;
}

/** Below this share of the question found in the best passage, the answer is "no match". */
const MIN_COVERAGE = 0.5;
/** At or below this share of the question weighted by idf (common words weigh little), the answer is "no match" too. */
const MIN_TELLING_COVERAGE = 0.5;
/** Passages scoring below this share of the best are not worth listing. */
const MIN_RELATIVE_SCORE = 0.2;
/** Weaker hits (down to this share of the best) are listed when they hold at least FILL_COVERAGE of the question. */
const MIN_FILL_SCORE = 0.05;
const FILL_COVERAGE = 0.75;
/** A concept's score is scaled by its general-language IDF over this (capped at 1, floored at MIN_GENERAL_FACTOR). */
const GENERAL_PIVOT = 8;
const MIN_GENERAL_FACTOR = 0.3;
/** A plan term at least this rare in general language (计量数据, 志愿者; not 交易, 恢复) carries a question on its own. */
const STRONG_TERM_IDF = 7.5;
/** A word this rare in general language, held whole by some passage, counts towards a question all of whose words are. */
const ALL_HELD_GENERAL = 7.5;
/** ... with this share of the question's general weight held by the passage; a rarer term (RARE_TERM_IDF) needs less. */
const MIN_STRONG_SHARE = 0.4;
const RARE_TERM_IDF = 9.5;
const MIN_RARE_SHARE = 0.2;
/** Share of a passage's score that does not depend on how much of the question it holds (the rest scales with it). */
const COORD_BASE = 0.4;
/** Headings without body text rank a little lower than passages that say something. */
const HEADING_ONLY_FACTOR = 0.7;
/** A passage holding the question's words side by side, as typed, ranks above one that has them apart. */
const PHRASE_BOOST = 1.3;
/** A phrase this long found as typed boosts a passage even when the question says more than the passage holds. */
const LONG_PHRASE = 4;
/** A phrase of six or more characters found as typed is near proof that the passage is the one meant. */
const VERY_LONG_PHRASE = 6;
const VERY_LONG_PHRASE_BOOST = 1.8;
const FIELD_WEIGHTS = { title: 3, path: 1.5, text: 1 };

/** The full-text half of the matcher: BM25F over title, breadcrumb and text, with coverage-based "no match". */
export class Matcher {
  readonly index: Bm25Index;
  private readonly docs: Passage[];
  private readonly docText: string[];
  private readonly analyzer: QueryAnalyzer;
  private readonly scratch: {
    scores: Float64Array;
    covered: Float64Array;
    coveredW: Float64Array;
    held: Float64Array;
    masks: Uint32Array;
    seenDoc: Uint8Array;
    touched: Int32Array;
    topD: Int32Array;
    topS: Float64Array;
    altDocs: Int32Array;
    heldDocs: Int32Array;
    strongest: Float64Array;
    coveredG: Float64Array;
    typedWhole: Uint8Array;
    phraseMask: Uint8Array;
  };
  private nHeld = 0;
  private allText?: string;
  private readonly extraMemo = new Map<string, Concept[]>();

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
    const n = this.docs.length;
    this.scratch = {
      scores: new Float64Array(n),
      covered: new Float64Array(n),
      coveredW: new Float64Array(n),
      held: new Float64Array(n),
      masks: new Uint32Array(n),
      seenDoc: new Uint8Array(n),
      touched: new Int32Array(n),
      topD: new Int32Array(64),
      topS: new Float64Array(64),
      altDocs: new Int32Array(n),
      heldDocs: new Int32Array(n),
      strongest: new Float64Array(n),
      coveredG: new Float64Array(n),
      typedWhole: new Uint8Array(n),
      phraseMask: new Uint8Array(n),
    };
    this.index = new Bm25Index(
      fields.map((f) => ({ fields: f })),
      { weights: [FIELD_WEIGHTS.title, FIELD_WEIGHTS.path, FIELD_WEIGHTS.text], words: cutForIndex },
    );
    this.analyzer = new QueryAnalyzer(lexicon, this.index, makeFrameStripper(lexicon.frames, normalize), (x) => this.textHas(x));
  }

  /** Remove question frames, speaker context and discourse words from a normalised question. */
  stripFrames(q: string): string {
    return this.analyzer.stripFrames(q);
  }

  /** Whether any passage's normalised text holds this string as it is (for the typo corrector). */
  textHas(s: string): boolean {
    if (this.allText === undefined) this.allText = this.docText.join('\n');
    return this.allText.includes(s);
  }

  /** The normalised texts of every passage, in document order (the plan's own words, for the typo corrector). */
  passageTexts(): readonly string[] {
    return this.docText;
  }

  /** Analyse an already normalised query into concepts (exposed for intents and tests). */
  concepts(q: string, segments?: ReadonlyMap<string, string[]>): Concept[] {
    const cut = segments ? (run: string) => segments.get(run) ?? this.cut(run) : this.cut;
    return this.analyzer.analyze(q, cut);
  }

  /** Rank passages for a normalised query; highlights are worked out for the first `highlight` hits only. */
  search(q: string, opts: SearchOptions = {}): SearchResult {
    const stripped = this.analyzer.stripFrames(q);
    const segments = opts.segments;
    const concepts = this.analyzer.analyzeStripped(stripped, segments ? (run: string) => segments.get(run) ?? this.cut(run) : this.cut);
    const phrases = queryPhrases(stripped, this.lexicon.stopwords);
    const typedPhrases = phrases.length;
    // two words typed side by side that the plan also writes so are a phrase of their own (see typedPairs)
    for (const pair of typedPairs(concepts, stripped, (x) => this.textHas(x), LONG_PHRASE)) if (phrases.length < 8 && !phrases.includes(pair)) phrases.push(pair);
    // which documents may hold each phrase: those holding its rarest two-character piece (one short posting walk)
    const { phraseMask } = this.scratch;
    const marked = this.markPhraseDocs(phrases, phraseMask);
    if (opts.extras) {
      for (const extra of opts.extras) {
        for (const c of this.extraConcepts(extra)) if (!concepts.some((x) => x.text === c.text)) concepts.push(c);
      }
    }
    const n = this.docs.length;
    // scratch arrays are reused across calls (search is synchronous), and only touched entries are reset
    const { scores, covered, coveredW, held, masks, seenDoc, touched, altDocs, heldDocs, strongest, coveredG, typedWhole } = this.scratch;
    let askedG = 0;
    // coverage twice: by characters (how much of the question), and weighted by how telling each word is
    let askedW = 0;
    let nCounted = 0;
    let nTouched = 0;
    let asked = 0;
    let any = false;
    // whether each counted word is a telling one some passage holds whole (the evidence's allHeld)
    let allHeld = true;
    for (const c of concepts) {
      // common words of general language (支持, 提到) weigh less than the terms a question is about
      const cw = (c.counts ? 1 : 0.5) * Math.min(1, Math.max(MIN_GENERAL_FACTOR, c.general / GENERAL_PIVOT));
      const cw2 = c.alts[0]!.specificity;
      if (c.counts) {
        asked += c.text.length;
        askedW += cw2;
        askedG += c.general;
        nCounted++;
      }
      this.nHeld = 0;
      for (let ai = 0; ai < c.alts.length; ai++) {
        const alt = c.alts[ai]!;
        const w = cw * alt.weight;
        let nAlt = 0;
        // one walk over each term's postings both scores the documents and records which terms each holds
        for (let j = 0; j < alt.terms.length; j++) {
          const p = this.index.posting(alt.terms[j]!);
          if (!p) continue;
          any = true;
          const bit = j < 32 ? 1 << j : 0;
          const { docs, scores: ps } = p;
          for (let i = 0; i < docs.length; i++) {
            const d = docs[i]!;
            if (seenDoc[d] === 0) {
              seenDoc[d] = 1;
              touched[nTouched++] = d;
            }
            scores[d] = scores[d]! + w * ps[i]!;
            if (c.counts) {
              if (masks[d] === 0) altDocs[nAlt++] = d;
              masks[d] = masks[d]! | bit;
            }
          }
        }
        if (c.counts) this.recordHeld(alt, nAlt, ai === 0, c.text.length);
      }
      if (c.counts) {
        let whole = false;
        for (let i = 0; i < this.nHeld && !whole; i++) whole = held[heldDocs[i]!]! >= c.text.length;
        if (!whole || c.general < ALL_HELD_GENERAL) allHeld = false;
      }
      for (let i = 0; i < this.nHeld; i++) {
        const d = heldDocs[i]!;
        covered[d] = covered[d]! + held[d]!;
        // only a word the plan writes as typed is strong evidence (a synonym's wording is ours, not the asker's)
        if (typedWhole[d] === 1) {
          if (c.general > strongest[d]!) strongest[d] = c.general;
          typedWhole[d] = 0;
        }
        coveredW[d] = coveredW[d]! + (held[d]! / c.text.length) * cw2;
        coveredG[d] = coveredG[d]! + (held[d]! / c.text.length) * c.general;
        held[d] = 0;
      }
    }
    // keep the best `limit` candidates in a small sorted array (cheaper than sorting every passage that scored)
    const limit = Math.min(opts.limit ?? 30, 64);
    const topD = this.scratch.topD;
    const topS = this.scratch.topS;
    let count = 0;
    let max = 0;
    for (let i = 0; i < nTouched; i++) max = Math.max(max, scores[touched[i]!]!);
    for (let i = 0; i < nTouched && any; i++) {
      const d = touched[i]!;
      let s = scores[d]!;
      if (s < max * MIN_FILL_SCORE) continue;
      // a weak passage is only ever listed when it holds most of what was asked: skip the rest early
      if (s * PHRASE_BOOST < max * MIN_RELATIVE_SCORE * HEADING_ONLY_FACTOR && covered[d]! < asked * FILL_COVERAGE) continue;
      const p = this.docs[d]!;
      if (opts.filter && !opts.filter(p)) continue;
      if (opts.boost) s *= opts.boost(p);
      // coordination: of two passages, the one holding more of what was asked (weighted by how telling each word is) leads
      if (askedG > 0) s *= COORD_BASE + (1 - COORD_BASE) * Math.min(1, coveredG[d]! / askedG);
      const whole = covered[d]! >= asked;
      // a heading without body ranks lower, unless its title is the whole of what was asked
      if (p.kind === 'heading' && !whole) s *= HEADING_ONLY_FACTOR;
      // (a passage holds a long phrase only if it covers about as many characters of the question: a cheap filter first)
      for (let pi = 0; pi < phrases.length; pi++) {
        const ph = phrases[pi]!;
        if (pi < 8 && (phraseMask[d]! & (1 << pi)) === 0) continue;
        if (!(whole || (ph.length >= LONG_PHRASE && covered[d]! >= ph.length * 0.8)) || !this.holdsPhrase(ph, d)) continue;
        // a pair of typed words held side by side counts once, however many pairs the passage holds
        if (pi >= typedPhrases) {
          s *= PHRASE_BOOST;
          break;
        }
        s *= ph.length >= VERY_LONG_PHRASE ? VERY_LONG_PHRASE_BOOST : PHRASE_BOOST;
      }
      if (count === limit && !(s > topS[count - 1]! || (s === topS[count - 1]! && d < topD[count - 1]!))) continue;
      let j = count < limit ? count++ : count - 1;
      // ties keep document order
      while (j > 0 && (topS[j - 1]! < s || (topS[j - 1]! === s && topD[j - 1]! > d))) {
        topS[j] = topS[j - 1]!;
        topD[j] = topD[j - 1]!;
        j--;
      }
      topS[j] = s;
      topD[j] = d;
    }
    // "no match" unless one of the best holds most of what was asked, weighing rare words above common ones
    let telling = 0;
    const several = nCounted > 1;
    const all: Hit[] = [];
    const whole: Hit[] = [];
    const rest: Hit[] = [];
    let tellingWhole = 0;
    let strongAll = 0;
    let strongWhole = 0;
    let generalAll = 0;
    let generalWhole = 0;
    const best0 = topS[0]!;
    for (let i = 0; i < count; i++) {
      const d = topD[i]!;
      const sc = topS[i]!;
      if (sc < best0 * MIN_FILL_SCORE) break;
      const coverage = asked === 0 ? 0 : covered[d]! / asked;
      // strong hits always; weaker ones only when they hold most of what was asked, so 更多 stays relevant
      if (sc < best0 * MIN_RELATIVE_SCORE && coverage < FILL_COVERAGE) continue;
      const hit = { passage: this.docs[d]!, score: sc, coverage, highlights: NO_HIGHLIGHTS };
      const weighted = askedW === 0 ? 0 : coveredW[d]! / askedW;
      all.push(hit);
      const generalShare = askedG === 0 ? 0 : coveredG[d]! / askedG;
      if (all.length <= 3) {
        telling = Math.max(telling, weighted);
        generalAll = Math.max(generalAll, generalShare);
        strongAll = Math.max(strongAll, strongest[d]!);
      }
      if (several && coverage >= 1) {
        whole.push(hit);
        if (whole.length <= 3) {
          tellingWhole = Math.max(tellingWhole, weighted);
          generalWhole = Math.max(generalWhole, generalShare);
          strongWhole = Math.max(strongWhole, strongest[d]!);
        }
      } else rest.push(hit);
    }
    // when the best-scoring passages hold too little of a several-word question, the ones holding all of it lead
    const regroup = telling <= MIN_TELLING_COVERAGE && tellingWhole > MIN_TELLING_COVERAGE;
    const hits = regroup ? whole.concat(rest) : all;
    if (regroup) telling = tellingWhole;
    // the strongest plan term the best passages hold whole: a question naming one is answered, however much else it says
    const strongHeld = regroup ? strongWhole : strongAll;
    const generalHeld = regroup ? generalWhole : generalAll;
    for (const docs of marked) for (let i = 0; i < docs.length; i++) phraseMask[docs[i]!] = 0;
    for (let i = 0; i < nTouched; i++) {
      const d = touched[i]!;
      scores[d] = 0;
      covered[d] = 0;
      coveredW[d] = 0;
      coveredG[d] = 0;
      seenDoc[d] = 0;
      strongest[d] = 0;
    }
    if (hits.length === 0) return { hits: [], noMatch: true, concepts };
    let best = 0;
    for (let i = 0; i < 3 && i < hits.length; i++) best = Math.max(best, hits[i]!.coverage);
    const evidence: MatchEvidence = { coverage: best, telling, general: generalHeld, strongest: strongHeld, allHeld: allHeld && nCounted >= 2 };
    if (!answers(evidence)) return { hits: [], noMatch: true, concepts, evidence };
    const shown = opts.highlight ?? 0;
    for (let i = 0; i < shown && i < hits.length; i++) hits[i]!.highlights = this.highlights(concepts, hits[i]!.passage);
    return { hits, noMatch: false, concepts, evidence };
  }

  /** The words of a question to highlight in one passage (for pages after the first, where only the topic is kept). */
  highlightsFor(q: string, p: Passage): string[] {
    return this.highlights(this.concepts(this.normalize(q)), p);
  }

  /**
   * From the bitmask of which terms of one wording each document holds, record how many characters of the
   * concept it covers: all of it when the wording is there whole, else (for what was typed) its two-character pieces.
   */
  private recordHeld(alt: Alternative, nDocs: number, typed: boolean, conceptLength: number): void {
    const { masks, held, altDocs, heldDocs } = this.scratch;
    const len = alt.text.length;
    const cjk = alt.bigramCount > 0 || alt.hasWhole;
    const nb = Math.min(alt.bigramCount, 31);
    const wholeBit = alt.hasWhole && alt.terms.length <= 32 ? 1 << (alt.terms.length - 1) : 0;
    const allBigrams = (1 << nb) - 1;
    for (let k = 0; k < nDocs; k++) {
      const d = altDocs[k]!;
      const m = masks[d]!;
      masks[d] = 0;
      let got = 0;
      if (!cjk || (wholeBit && m & wholeBit)) got = len;
      else {
        const have = popcount(m & allBigrams);
        if (have === nb || (len >= 5 && have / nb >= 0.66)) got = len;
        else if (typed && len >= 4) {
          for (let i = 0; i + 1 < len; i += 2) if (m & (1 << i)) got += 2;
        }
      }
      // what a passage holds is counted in the question's characters: a synonym held whole (智慧社区 for 社区) covers
      // the concept, never more of the question than the concept is
      got = got >= len ? conceptLength : Math.min(got, conceptLength);
      if (got > held[d]!) {
        if (held[d] === 0) heldDocs[this.nHeld++] = d;
        held[d] = got;
      }
      if (typed && got >= conceptLength) this.scratch.typedWhole[d] = 1;
    }
  }

  /**
   * Mark, bit by phrase, the documents that hold each phrase's rarest two-character piece (or the phrase itself when
   * it is an indexed word): only they can hold the phrase, so the string search runs on them alone. Returns the
   * postings marked, for the reset.
   */
  private markPhraseDocs(phrases: string[], mask: Uint8Array): Int32Array[] {
    const marked: Int32Array[] = [];
    for (let pi = 0; pi < phrases.length && pi < 8; pi++) {
      const ph = phrases[pi]!;
      let rarest = this.index.posting(ph)?.docs;
      if (!rarest) {
        for (let i = 0; i + 1 < ph.length; i++) {
          const docs = this.index.posting(ph.slice(i, i + 2))?.docs;
          if (!docs) {
            rarest = EMPTY_DOCS;
            break;
          }
          if (!rarest || docs.length < rarest.length) rarest = docs;
        }
      }
      if (!rarest) continue;
      for (let i = 0; i < rarest.length; i++) mask[rarest[i]!] = mask[rarest[i]!]! | (1 << pi);
      marked.push(rarest);
    }
    return marked;
  }

  /** Whether a passage holds a phrase side by side: an indexed plan word is looked up, anything else searched for. */
  private holdsPhrase(phrase: string, d: number): boolean {
    return this.index.has(phrase) ? this.index.docHas(phrase, d) : this.docText[d]!.includes(phrase);
  }

  /** Glossary extras are our own Chinese terms: analyse each once (uncounted concepts), not on every query. */
  private extraConcepts(extra: string): Concept[] {
    let v = this.extraMemo.get(extra);
    if (v === undefined) {
      v = this.concepts(this.normalize(extra)).map((c) => ({ ...c, counts: false }));
      if (this.extraMemo.size > 10_000) this.extraMemo.clear();
      this.extraMemo.set(extra, v);
    }
    return v;
  }




  /** The words of the question (or their synonyms) as they appear in the passage, longest first. */
  highlights(concepts: Concept[], p: Passage): string[] {
    return highlightWords(concepts, p);
  }

}

/**
 * The no-match decision. A question is answered when its best passages hold most of it (by characters and by the
 * plan's idf), or when they hold a plan term that is rare in general language and carries a fair share of what
 * the question says: a long spoken question naming 计量数据 is about 计量数据, but one naming only 专项 or 5G among
 * other things the plan never mentions (个人所得税, 性价比) is not about the plan.
 */
function answers(e: MatchEvidence): boolean {
  if (e.coverage >= MIN_COVERAGE && e.telling > MIN_TELLING_COVERAGE) return true;
  // 抗洪抢险: each word a telling one the plan speaks of, in passages of their own
  if (e.allHeld && e.coverage >= MIN_COVERAGE) return true;
  if (e.strongest >= RARE_TERM_IDF) return e.general >= MIN_RARE_SHARE;
  return e.strongest >= STRONG_TERM_IDF && e.general >= MIN_STRONG_SHARE;
}

const EMPTY_DOCS = new Int32Array(0);

/** Shared by hits whose highlights were not asked for (frozen: assign a new array, never push). */
const NO_HIGHLIGHTS: string[] = Object.freeze([]) as unknown as string[];

/** Number of set bits in a 32-bit mask. */
function popcount(x: number): number {
  let v = x - ((x >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}
