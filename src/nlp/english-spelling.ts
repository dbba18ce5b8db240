import { baseForms } from './glossary-forms.js';

/** English words shorter than this are left as typed: short words have too many neighbours one letter away. */
const MIN_LENGTH = 6;
const LETTERS = 'abcdefghijklmnopqrstuvwxyz';
const NO_WORDS: ReadonlySet<string> = new Set();

/** The English words the glossary and the stopwords know, per glossary and stopwords (built once per loaded content). */
const known = new WeakMap<Map<string, string[]>, WeakMap<Set<string>, Set<string>>>();

function vocabulary(glossary: Map<string, string[]>, stopwords: Set<string>): Set<string> {
  let byStopwords = known.get(glossary);
  if (!byStopwords) known.set(glossary, (byStopwords = new WeakMap()));
  let words = byStopwords.get(stopwords);
  if (!words) {
    words = new Set<string>();
    for (const key of glossary.keys()) for (const w of key.split(/[\s-]+/)) if (/^[a-z]+$/.test(w)) words.add(w);
    for (const w of stopwords) if (/^[a-z]+$/.test(w)) words.add(w);
    byStopwords.set(stopwords, words);
  }
  return words;
}

/** Whether a word, or a base form of it (networks → network), is one the glossary or the stopwords know. */
function isKnown(word: string, words: Set<string>): boolean {
  return baseForms(word).some((f) => words.has(f));
}

/**
 * The glossary word a typed English word is a slip of (emergncy → emergency, serivce → service): the only known word
 * the typed one becomes with a letter put back or two neighbouring letters swapped, checked in its base forms too, or
 * several of which those the glossary translates alone all read as one term; undefined when the word is known,
 * short, or has no such reading. Only those two slips: a changed or extra letter turns too many real words the
 * glossary lacks into words it has (affects → effects, tracked → traced), and without an English dictionary a real
 * word cannot be told from a slip; a left-out letter or a swap rarely makes another word. An inflection of the typed
 * word (course → courses) is not a slip, and neither is a word of realWords (content/dict/english-real-words.txt: the
 * English words this rule would otherwise take for slips, asking → tasking).
 */
export function englishSlip(word: string, glossary: Map<string, string[]>, stopwords: Set<string>, realWords: ReadonlySet<string> = NO_WORDS): string | undefined {
  if (word.length < MIN_LENGTH || !/^[a-z]+$/.test(word) || realWords.has(word)) return undefined;
  const words = vocabulary(glossary, stopwords);
  if (isKnown(word, words)) return undefined;
  const found = new Set<string>();
  const consider = (w: string) => {
    if (w !== word && isKnown(w, words) && !baseForms(w).includes(word)) found.add(w);
  };
  for (let i = 0; i <= word.length; i++) {
    const head = word.slice(0, i);
    const tail = word.slice(i);
    if (tail.length > 1) consider(head + tail[1] + tail[0] + tail.slice(2));
    for (const c of LETTERS) consider(head + c + tail);
  }
  if (found.size <= 1) return [...found][0];
  // several neighbours: those the glossary translates on their own, if they all read as one term (eldery: elderly,
  // and elder, which only occurs inside phrases)
  const reading = (w: string) => baseForms(w).map((f) => glossary.get(f)?.[0]).find(Boolean);
  const read = [...found].filter((w) => reading(w) !== undefined).sort();
  return read.length > 0 && new Set(read.map(reading)).size === 1 ? read[0] : undefined;
}
