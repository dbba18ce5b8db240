import type { Lexicon } from '../nlp/lexicon.js';
import type { Bm25Index } from './bm25-index.js';
import { isCjk, runs } from './terms.js';

/** One thing the user asked about, with the index terms of each way of saying it (the words typed first, synonyms after). */
export interface Concept {
  text: string;
  /** alternatives: [0] is what was typed, the rest come from the synonym table */
  alts: { text: string; terms: string[]; weight: number }[];
  /** counts towards "did we match what was asked" (synonym-only additions do not) */
  counts: boolean;
}

const SYNONYM_WEIGHT = 0.7;

/** Break a normalised query into concepts: jieba words without stopwords, each with its synonyms. */
export function analyzeQuery(q: string, lexicon: Lexicon, index: Bm25Index, cut: (s: string) => string[]): Concept[] {
  const concepts: Concept[] = [];
  const seen = new Set<string>();
  const addConcept = (word: string, counts: boolean) => {
    if (seen.has(word)) return;
    seen.add(word);
    const alts = [{ text: word, terms: index.termsForWord(word), weight: 1 }];
    for (const syn of lexicon.synonyms.get(word) ?? []) {
      if (syn !== word) alts.push({ text: syn, terms: index.termsForWord(syn), weight: SYNONYM_WEIGHT });
    }
    concepts.push({ text: word, alts, counts });
  };
  for (const run of runs(q)) {
    if (!isCjk(run[0]!)) {
      if (!lexicon.stopwords.has(run)) addConcept(run, true);
      continue;
    }
    const words = cut(run).filter((w) => !lexicon.stopwords.has(w));
    // single characters carry little on their own; join neighbouring singles back into one word ("怎么建" leaves "建")
    let pending = '';
    const flush = () => {
      if (pending.length >= 2) addConcept(pending, true);
      else if (pending && lexicon.synonyms.has(pending)) addConcept(pending, true);
      pending = '';
    };
    for (const w of words) {
      if (w.length === 1) {
        pending += w;
        continue;
      }
      flush();
      addConcept(w, true);
    }
    flush();
    // plan words longer than what jieba cut (e.g. a query run that spells 数字孪生城市) and multi-word synonym keys
    for (const w of index.longWordsIn(run)) if (!seen.has(w) && words.every((x) => !x.includes(w))) addConcept(w, false);
    for (const [key] of lexicon.synonyms) {
      if (key.length >= 3 && run.includes(key) && !seen.has(key)) addConcept(key, false);
    }
  }
  return concepts;
}
