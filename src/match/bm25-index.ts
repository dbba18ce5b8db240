import { bigrams, isCjk, runs } from './terms.js';

/** A document as the index sees it: normalised fields with their weights. */
export interface IndexDoc {
  fields: string[];
}

export interface Bm25Options {
  /** weight of each field, in the order of IndexDoc.fields */
  weights: number[];
  k1?: number;
  b?: number;
  /** long (≥3 character) words from the segmenter, per document and field, indexed beside the bigrams */
  words?: (field: string) => string[];
}

interface Posting {
  docs: Int32Array;
  /** precomputed idf · saturated BM25F term frequency per doc */
  scores: Float64Array;
  df: number;
}

/**
 * BM25F over CJK bigrams, long segmenter words and ASCII words. Scores are precomputed per posting,
 * so a query costs one array walk per term: this is why it beats a general-purpose engine here.
 */
export class Bm25Index {
  readonly size: number;
  private readonly postings = new Map<string, Posting>();
  /** words of three or more characters, keyed by their first two characters, for scanning queries */
  private readonly longWords = new Map<string, string[]>();
  /** each document's terms, for constant-time "does it hold this term" */
  private readonly docTerms: Set<string>[] = [];
  readonly maxIdf: number;

  constructor(docs: IndexDoc[], opts: Bm25Options) {
    const k1 = opts.k1 ?? 1.2;
    const b = opts.b ?? 0.5;
    this.size = docs.length;
    const nFields = opts.weights.length;
    const perDoc: Map<string, number[]>[] = [];
    const lens: number[][] = [];
    const sumLen = new Array<number>(nFields).fill(0);
    for (const doc of docs) {
      const tf = new Map<string, number[]>();
      const dl: number[] = [];
      doc.fields.forEach((field, f) => {
        const terms = this.termsOf(field, opts.words);
        dl.push(terms.length);
        sumLen[f]! += terms.length;
        for (const t of terms) {
          let arr = tf.get(t);
          if (!arr) tf.set(t, (arr = new Array<number>(nFields).fill(0)));
          arr[f]! += 1;
        }
      });
      perDoc.push(tf);
      lens.push(dl);
      this.docTerms.push(new Set(tf.keys()));
    }
    const avg = sumLen.map((s) => Math.max(1, s / Math.max(1, docs.length)));
    const acc = new Map<string, { docs: number[]; tfn: number[] }>();
    perDoc.forEach((tf, d) => {
      for (const [t, arr] of tf) {
        let tfn = 0;
        arr.forEach((c, f) => {
          if (c > 0) tfn += (opts.weights[f] ?? 1) * (c / (1 - b + (b * lens[d]![f]!) / avg[f]!));
        });
        let a = acc.get(t);
        if (!a) acc.set(t, (a = { docs: [], tfn: [] }));
        a.docs.push(d);
        a.tfn.push(tfn);
      }
    });
    let maxIdf = 0;
    const n = docs.length;
    for (const [t, a] of acc) {
      const df = a.docs.length;
      const idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
      maxIdf = Math.max(maxIdf, idf);
      this.postings.set(t, {
        docs: Int32Array.from(a.docs),
        scores: Float64Array.from(a.tfn.map((x) => (idf * x * (k1 + 1)) / (x + k1))),
        df,
      });
      if (t.length >= 3 && isCjk(t[0]!)) {
        const key = t.slice(0, 2);
        const list = this.longWords.get(key) ?? [];
        list.push(t);
        this.longWords.set(key, list);
      }
    }
    this.maxIdf = maxIdf || 1;
  }

  private termsOf(field: string, words?: (s: string) => string[]): string[] {
    const out: string[] = [];
    for (const r of runs(field)) {
      if (isCjk(r[0]!)) out.push(...bigrams(r));
      else out.push(r);
    }
    if (words) for (const w of words(field)) if (w.length >= 3 && isCjk(w[0]!)) out.push(w);
    return out;
  }

  /** Whether a term occurs anywhere in the index. */
  has(term: string): boolean {
    return this.postings.has(term);
  }

  /** The index terms a query word maps to: its bigrams (or itself, for ASCII) plus any indexed long word it is. */
  termsForWord(word: string): string[] {
    if (!isCjk(word[0]!)) return [word];
    const out = bigrams(word);
    if (word.length >= 3 && this.postings.has(word)) out.push(word);
    return out;
  }

  /** Long indexed words that occur inside a query run (so a query is matched by the plan's own vocabulary). */
  longWordsIn(run: string): string[] {
    const found: string[] = [];
    for (let i = 0; i + 2 < run.length; i++) {
      const list = this.longWords.get(run.slice(i, i + 2));
      if (!list) continue;
      for (const w of list) if (run.startsWith(w, i)) found.push(w);
    }
    return found;
  }

  /** The documents holding a term, with their precomputed scores (sorted by document); undefined when none. */
  posting(term: string): { docs: Int32Array; scores: Float64Array } | undefined {
    return this.postings.get(term);
  }

  /** Add weight · score of one term to every document that holds it. */
  accumulate(term: string, weight: number, into: Float64Array): boolean {
    const p = this.postings.get(term);
    if (!p) return false;
    const { docs, scores } = p;
    for (let i = 0; i < docs.length; i++) into[docs[i]!]! += weight * scores[i]!;
    return true;
  }

  /** Whether a document holds a term (for coverage checks on the top results). */
  docHas(term: string, doc: number): boolean {
    return this.docTerms[doc]?.has(term) ?? false;
  }

  /** Inverse document frequency of a term; unseen terms get the highest idf. */
  idf(term: string): number {
    const p = this.postings.get(term);
    if (!p) return this.maxIdf;
    return Math.log(1 + (this.size - p.df + 0.5) / (p.df + 0.5));
  }
}
