import type { Lexicon } from '../nlp/lexicon.js';
import type { Bm25Index } from './bm25-index.js';
import { isCjk, runs } from './terms.js';

/** One way of saying a concept, with its index terms. */
export interface Alternative {
  text: string;
  /** its CJK bigrams in order, then the whole word when the index holds it as a word */
  terms: string[];
  weight: number;
  /** how many of `terms` are bigrams (0 for an ASCII word) */
  bigramCount: number;
  /** whether the last term is the whole word */
  hasWhole: boolean;
  /** how telling the wording is: the mean idf of its terms (a term the plan never uses counts as the rarest) */
  specificity: number;
}

/** Describe one wording with the facts the matcher's coverage check needs, worked out once. */
function wording(text: string, weight: number, index: Bm25Index): Alternative {
  const terms = index.termsForWord(text);
  const cjk = isCjk(text[0] ?? '');
  const bigramCount = cjk ? terms.filter((t) => t.length === 2).length : 0;
  const specificity = terms.length ? terms.reduce((a, t) => a + index.idf(t), 0) / terms.length : index.maxIdf;
  return { text, terms, weight, bigramCount, hasWhole: cjk && terms.length > bigramCount, specificity };
}

/** One thing the user asked about, with the index terms of each way of saying it (the words typed first, synonyms after). */
export interface Concept {
  text: string;
  /** alternatives: [0] is what was typed, the rest come from the synonym table */
  alts: Alternative[];
  /** counts towards "did we match what was asked" (synonym-only additions do not) */
  counts: boolean;
  /** how telling the word is in general language (its IDF there; a word missing from the common-word table is rare) */
  general: number;
}

/** General-language IDF given to a word the common-word table does not list: it is rare, so it says a lot. */
export const RARE_WORD_IDF = 10;
/** A bare number (a year, a count) says a little: it narrows a question, it is never its topic. */
const NUMBER_IDF = 5;

/** How telling a query word is in general language: common words (准备, 支持) low, rare and compound terms high. */
export function generalWeight(word: string, table: Map<string, number>): number {
  if (!word) return 0;
  if (!isCjk(word[0]!)) return /^\d+$/.test(word) ? NUMBER_IDF : RARE_WORD_IDF;
  return table.get(word) ?? RARE_WORD_IDF;
}

const SYNONYM_WEIGHT = 0.7;
/** Bound on the memo of word → wordings; past it the memo starts afresh. */
const MEMO_LIMIT = 20_000;

/**
 * Turns query words into concepts. The wordings of a word (itself and its synonyms, with their index terms)
 * depend only on the dictionaries, so they are worked out once per word and remembered.
 */
export class QueryAnalyzer {
  private readonly memo = new Map<string, Alternative[]>();

  constructor(
    private readonly lexicon: Lexicon,
    private readonly index: Bm25Index,
    /** removes question frames and filler from a normalised query (content/dict/question-frames.tsv) */
    readonly stripFrames: (q: string) => string = (q) => q,
    /** whether the plan's text holds a string as it is */
    private readonly textHas: (s: string) => boolean = () => false,
  ) {}

  private readonly writes = new Map<string, boolean>();

  /** textHas, remembered (it scans the plan's text) */
  private planWrites(s: string): boolean {
    let v = this.writes.get(s);
    if (v === undefined) {
      v = this.textHas(s);
      if (this.writes.size >= MEMO_LIMIT) this.writes.clear();
      this.writes.set(s, v);
    }
    return v;
  }

  private wordings(word: string): Alternative[] {
    let alts = this.memo.get(word);
    if (alts) return alts;
    alts = [wording(word, 1, this.index)];
    for (const syn of this.lexicon.synonyms.get(word) ?? this.synonymsInside(word)) {
      if (syn !== word) alts.push(wording(syn, SYNONYM_WEIGHT, this.index));
    }
    if (this.memo.size >= MEMO_LIMIT) {
      this.memo.clear();
      this.general.clear();
    }
    this.memo.set(word, alts);
    this.general.set(word, generalWeight(word, this.lexicon.generalIdf));
    return alts;
  }

  /**
   * A word the plan never writes and the synonyms do not list, holding a colloquial word they do (银发族 ⊃ 银发):
   * that word's synonyms, the longest such word first. Not a word the plan writes (量子力学 holds
   * 量子, and is not what the plan means by it).
   */
  private synonymsInside(word: string): readonly string[] {
    if (word.length < 3 || this.planWrites(word)) return [];
    for (let len = word.length - 1; len >= 2; len--) {
      for (let i = 0; i + len <= word.length; i++) {
        const piece = word.slice(i, i + len);
        const syns = this.lexicon.synonyms.get(piece);
        if (syns && !this.planWrites(piece)) return syns;
      }
    }
    return [];
  }

  /** general-language weight of each remembered word (filled with its wordings) */
  private readonly general = new Map<string, number>();

  private add(concepts: Concept[], word: string, counts: boolean): void {
    for (const c of concepts) if (c.text === word) return;
    const alts = this.wordings(word);
    concepts.push({ text: word, alts, counts, general: this.general.get(word) ?? generalWeight(word, this.lexicon.generalIdf) });
  }

  /** Break a normalised query into concepts: jieba words without frames or stopwords, each with its synonyms. */
  analyze(q: string, cut: (s: string) => string[]): Concept[] {
    return this.analyzeStripped(this.stripFrames(q), cut);
  }

  /** analyze, for a query whose frames are already stripped */
  analyzeStripped(q: string, cut: (s: string) => string[]): Concept[] {
    const concepts: Concept[] = [];
    const stop = this.lexicon.stopwords;
    for (const run of runs(q)) {
      if (!isCjk(run[0]!)) {
        // a bare short number (1, 2, 14) says nothing on its own; a year (2025) or a word (5g, ipv6) does
        if (!stop.has(run)) this.add(concepts, run, !/^\d{1,3}$/.test(run));
        continue;
      }
      const words = cut(run);
      // single characters carry little on their own; neighbouring singles are joined back into one word
      let pending = '';
      for (const w of words) {
        if (stop.has(w)) continue;
        if (w.length === 1) {
          pending += w;
          continue;
        }
        if (pending.length >= 2 || (pending && this.lexicon.synonyms.has(pending))) this.add(concepts, pending, true);
        // a single character jieba split off a plan term (的新农民 → 新 | 农民): the term as the plan writes it
        else if (pending.length === 1 && this.planWrites(pending + w)) this.add(concepts, pending + w, true);
        pending = '';
        this.add(concepts, w, true);
      }
      if (pending.length >= 2 || (pending && this.lexicon.synonyms.has(pending))) this.add(concepts, pending, true);
      // plan words longer than what jieba cut (a query run that spells 数字孪生城市); colloquial terms of the
      // synonym table are in jieba's dictionary, so cut() already returns those whole
      for (const w of this.index.longWordsIn(run)) {
        let inside = false;
        for (const x of words) if (x.includes(w)) inside = true;
        if (!inside) this.add(concepts, w, false);
      }
    }
    return concepts;
  }
}
