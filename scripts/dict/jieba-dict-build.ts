// The rules behind `npm run dict:jieba` (scripts/dict/make-jieba-dict.ts): which of jieba's ~350k dictionary words
// plan-bot keeps, and the files of content/dict/jieba/ that are made from them. Pure: it reads, never writes.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { loadLexicon } from '../../src/nlp/lexicon.ts';
import { makeDisplayFixer, makeNormalizer } from '../../src/nlp/normalize.ts';

/** How much general vocabulary is kept; chosen by measurement (PROVENANCE.md). */
export const DEFAULT_OPTIONS: JiebaDictOptions = { topN: 5000, containsMinFreq: 20 };

/** jieba's files inside the nodejieba package, which this build reads (and nothing at run time does). */
const SOURCE_DIR = 'submodules/cppjieba/dict';

/**
 * Stand-in words that carry the frequency mass of the dropped words: jieba weighs a word log(freq / total of the
 * dictionary) and an unknown character by the rarest word's weight, so with them every kept word weighs what it did
 * in the full dictionary. U+FDD0 and U+FDD1 are Unicode noncharacters, which no text contains (the normaliser turns
 * them into spaces).
 */
const MASS_WORD = '\uFDD0';
const RAREST_WORD = '\uFDD1';

/** One line of jieba's dictionary: word, frequency, part-of-speech tag. */
interface Entry {
  word: string;
  freq: number;
  tag: string;
  line: string;
}

/** How much of the general vocabulary is kept besides the content's own words. */
export interface JiebaDictOptions {
  /** the most frequent words of the dictionary to keep */
  topN: number;
  /** the least frequency at which a word containing a content word is kept */
  containsMinFreq: number;
}

/** What the build read and kept, for the summary and the provenance file. */
export interface JiebaDictStats {
  sourceWords: number;
  keptWords: number;
  fromContent: number;
  fromContaining: number;
  fromTop: number;
  topN: number;
  containsMinFreq: number;
  sourceFreqSum: number;
  sourceMinFreq: number;
}

/** The files of content/dict/jieba/ (name → exact text) and what went into them. */
export interface JiebaDictBuild {
  files: Map<string, string>;
  stats: JiebaDictStats;
}

const require = createRequire(import.meta.url);

/** The nodejieba package folder and version this build reads jieba's dictionary from. */
export function nodejiebaSource(): { dir: string; version: string } {
  const pkg = require.resolve('nodejieba/package.json');
  return { dir: dirname(pkg), version: (require(pkg) as { version: string }).version };
}

function parseDict(text: string): Entry[] {
  return text
    .split('\n')
    .filter((line) => line.length > 0)
    .map((line, i) => {
      const [word, freq, tag, ...rest] = line.split(' ');
      const n = Number(freq);
      if (!word || !tag || rest.length || !Number.isInteger(n) || n <= 0) throw new Error(`jieba.dict.utf8:${i + 1}: expected "word freq tag", got "${line}"`);
      return { word, freq: n, tag, line };
    });
}

/**
 * Files of dict/ that are made from the segmentation dictionary (so must not feed it): pinyin-readings.tsv reads the
 * dictionary's words, and every character, which jieba never looks up as words.
 */
const MADE_FROM_THE_DICTIONARY = new Set(['pinyin-readings.tsv']);

function filesIn(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => statSync(join(dir, f)).isFile() && !MADE_FROM_THE_DICTIONARY.has(f))
    .sort()
    .map((f) => join(dir, f));
}

/**
 * The strings of the content that jieba will be asked to cut: every line of every file in plans/, and every field
 * (split at tabs, commas and spaces) of every non-comment line of the files in dict/, each as written, with the
 * variant characters fixed, and as the matcher's normaliser leaves it.
 */
function contentStrings(contentDir: string): string[] {
  const dictDir = join(contentDir, 'dict');
  const lexicon = loadLexicon(dictDir);
  const tables = { variants: lexicon.variants, keep: lexicon.keep, keepForms: lexicon.keepForms, regional: lexicon.regional };
  const normalize = makeNormalizer(tables);
  const display = makeDisplayFixer(tables);
  const pieces: string[] = [];
  for (const path of filesIn(join(contentDir, 'plans'))) pieces.push(...readFileSync(path, 'utf8').split(/\r?\n/));
  for (const path of filesIn(dictDir)) {
    for (const line of readFileSync(path, 'utf8').split(/\r?\n/)) {
      if (!line.trim().startsWith('#')) pieces.push(...line.split(/[\t,\uff0c\s]+/));
    }
  }
  const out = new Set<string>();
  for (const p of pieces) {
    if (!p.trim()) continue;
    out.add(p);
    out.add(display(p));
    out.add(normalize(p));
  }
  return [...out];
}

/** Every substring of the texts up to maxLen characters (code points), the words jieba could look up in them. */
function substrings(texts: string[], maxLen: number): Set<string> {
  const out = new Set<string>();
  for (const t of texts) {
    const cps = [...t];
    for (let i = 0; i < cps.length; i++) {
      let s = '';
      for (let j = i; j < Math.min(cps.length, i + maxLen); j++) {
        s += cps[j];
        out.add(s);
      }
    }
  }
  return out;
}

/** Whether a word has one of the given words (of two or more characters) inside it, other than itself. */
function containsWord(word: string, words: Set<string>): boolean {
  const cps = [...word];
  for (let i = 0; i < cps.length; i++) {
    for (let j = i + 2; j <= cps.length; j++) {
      if (j - i < cps.length && words.has(cps.slice(i, j).join(''))) return true;
    }
  }
  return false;
}

/** Build content/dict/jieba/'s files from nodejieba's jieba dictionary and the content under contentDir. */
export function buildJiebaDict(contentDir: string, opts: JiebaDictOptions, command: string): JiebaDictBuild {
  const { topN, containsMinFreq } = opts;
  const { dir, version } = nodejiebaSource();
  const sourceText = readFileSync(join(dir, SOURCE_DIR, 'jieba.dict.utf8'), 'utf8');
  const entries = parseDict(sourceText);
  const maxLen = entries.reduce((m, e) => Math.max(m, [...e.word].length), 0);
  const seen = substrings(contentStrings(contentDir), maxLen);
  const keep = new Set<number>();
  entries.forEach((e, i) => seen.has(e.word) && keep.add(i));
  const fromContent = keep.size;
  // words that contain a content word: without them a question's 量子力学 or 世界杯 is cut into the plan's 量子 or
  // 世界 plus a rest, and matches the plan where jieba would have seen a word the plan does not have
  const inner = new Set(entries.filter((e, i) => keep.has(i) && [...e.word].length >= 2).map((e) => e.word));
  entries.forEach((e, i) => {
    if (!keep.has(i) && e.freq >= containsMinFreq && containsWord(e.word, inner)) keep.add(i);
  });
  const fromContaining = keep.size - fromContent;
  // the most frequent words, ties in file order (sort is stable), so the same input always keeps the same words
  const byFreq = entries.map((e, i) => ({ f: e.freq, i })).sort((a, b) => b.f - a.f);
  for (const { i } of byFreq.slice(0, topN)) keep.add(i);
  const kept = entries.filter((_, i) => keep.has(i));

  const sourceFreqSum = entries.reduce((s, e) => s + e.freq, 0);
  const sourceMinFreq = entries.reduce((m, e) => Math.min(m, e.freq), Infinity);
  const keptSum = kept.reduce((s, e) => s + e.freq, 0);
  const lines = kept.map((e) => e.line);
  const mass = sourceFreqSum - keptSum - sourceMinFreq;
  if (mass > 0) lines.push(`${RAREST_WORD} ${sourceMinFreq} x`, `${MASS_WORD} ${mass} x`);
  const standIns = mass > 0 ? 2 : 0;
  const segmentDict = lines.join('\n') + '\n';
  const hmm = readFileSync(join(dir, SOURCE_DIR, 'hmm_model.utf8'), 'utf8');
  const licence = readFileSync(join(dir, 'submodules/cppjieba/LICENSE'), 'utf8');
  const stats: JiebaDictStats = { sourceWords: entries.length, keptWords: kept.length, fromContent, fromContaining, fromTop: kept.length - fromContent - fromContaining, topN, containsMinFreq, sourceFreqSum, sourceMinFreq };
  const sha = (s: string) => createHash('sha256').update(s).digest('hex');

  const files = new Map<string, string>([
    ['segment.dict.utf8', segmentDict],
    ['hmm_model.utf8', hmm],
    // nodejieba's load() always builds jieba's keyword extractors; plan-bot uses neither, so they get one line each
    // instead of idf.utf8 (260k words, ~19 MB) and stop_words.utf8 (cppjieba asserts that neither is empty)
    ['keyword-idf.unused.utf8', '的 1\n'],
    ['keyword-stopwords.unused.utf8', '的\n'],
    ['LICENSE', licence],
    ['PROVENANCE.md', provenance({ version, command, stats, standIns, sourceSha: sha(sourceText), hmmSha: sha(hmm), outSha: sha(segmentDict) })],
  ]);
  return { files, stats };
}

function provenance(p: { version: string; command: string; stats: JiebaDictStats; standIns: number; sourceSha: string; hmmSha: string; outSha: string }): string {
  const s = p.stats;
  return `# jieba's dictionary, cut to the size of the job

Made by \`${p.command}\` (scripts/dict/make-jieba-dict.ts, rules in scripts/dict/jieba-dict-build.ts). Do not edit by
hand: change the content and run the command again; test/nlp/jieba-dict.test.ts fails while these files are not
what the command makes from the current content.

Source: the npm package nodejieba ${p.version}, which ships cppjieba's dictionaries in ${SOURCE_DIR}/.
Licence: MIT (cppjieba, Copyright (c) 2013; see LICENSE beside this file, copied from submodules/cppjieba/LICENSE).

| file | what | from |
| --- | --- | --- |
| segment.dict.utf8 | ${s.keptWords} of the ${s.sourceWords} words, lines unchanged (word, frequency, POS tag), in the source's order, plus ${p.standIns} stand-in lines | ${SOURCE_DIR}/jieba.dict.utf8, sha256 ${p.sourceSha} |
| hmm_model.utf8 | the HMM that cuts runs of characters the dictionary does not know (plan-bot cuts with HMM on), unchanged | ${SOURCE_DIR}/hmm_model.utf8, sha256 ${p.hmmSha} |
| keyword-idf.unused.utf8, keyword-stopwords.unused.utf8 | one line each, loaded in place of idf.utf8 and stop_words.utf8: nodejieba's load() always builds jieba's keyword extractors, which plan-bot never calls | written by the script |
| LICENSE | cppjieba's licence | submodules/cppjieba/LICENSE |

segment.dict.utf8 sha256: ${p.outSha}

## Which words are kept

1. Every word of jieba's dictionary that occurs in the content: in a line of a file in plans/, or in a field (split at
   tabs, commas and spaces) of a non-comment line of a file in dict/ (lexicon, synonyms, glossary, grammar words,
   question frames, regional wording, stopwords, user dictionary, general IDF, variants), each taken as written, with
   variant characters fixed and as the matcher's normaliser leaves it: ${s.fromContent} words. jieba only ever looks up
   words that occur in the text it cuts, so the plan's text is cut exactly as with the full dictionary.
2. Every word of the dictionary with a frequency of at least ${s.containsMinFreq} that has one of those words (of two or more
   characters) inside it: ${s.fromContaining} more words. Without them a question's 量子力学 or 世界杯 is cut into the plan's
   量子 or 世界 plus a rest and matches the plan, where jieba would have seen a word the plan does not have.
3. The ${s.topN} most frequent words of the dictionary (ties in file order), for the general words of questions:
   ${s.fromTop} more words.
4. Two stand-in lines at the end, under the Unicode noncharacters U+FDD1 and U+FDD0, which no text contains: one
   with the smallest frequency of the source (${s.sourceMinFreq}), one with the rest of the frequency mass of the dropped words.
   jieba weighs a word log(frequency / total of the dictionary) and an unknown character by the rarest word's weight,
   so with them the total (${s.sourceFreqSum}) and the rarest weight are those of the full dictionary, and every kept word
   weighs exactly what it did there.

The default numbers (--contains-min-freq 20, --top 5000) were chosen by measurement (issue 12). With the words of 1.
alone the probe eval loses two no-match cases (世界杯, 量子力学的薛定谔方程), and adding the 20000 most frequent words
brings back only one. With 2. at a least frequency of 20, 50 or 100 and 0, 5000, 10000 or 20000 frequent words, every
eval file in scripts/eval scores exactly as with the full dictionary; at 300 the probe file loses one case again.
20 rather than 100 keeps a margin for questions the eval files do not ask, for ~7 MB of RSS.
`;
}
