import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { CodedError } from '../errors.js';
import type { FramePhrase } from './question-frames.js';

/** Everything the language side reads from content/dict: variants, kept words, stopwords, synonyms, glossary, user dictionary, grammar words. */
export interface Lexicon {
  variants: Map<string, string>;
  keep: string[];
  /** each kept word with the traditional forms it is guarded in (itself first; opencc-keep.txt lists the others) */
  keepForms: Map<string, string[]>;
  stopwords: Set<string>;
  /** colloquial term → plan terms */
  synonyms: Map<string, string[]>;
  /** English word or phrase (lowercase) → plan terms */
  glossary: Map<string, string[]>;
  /** absolute path of the jieba user dictionary, if present */
  userDictPath?: string;
  /** the words of the user dictionary, for tokenising */
  userWords: string[];
  /** question frames, speaker context and discourse words, removed before matching */
  frames: FramePhrase[];
  /** Taiwan / Hong Kong wording (after OpenCC, in simplified characters) → the plan's wording */
  regional: Map<string, string>;
  /** common words of general Chinese → IDF; a word not listed is rare in general text */
  generalIdf: Map<string, number>;
  /** English words that look like slips of glossary words but are words (english-real-words.txt): never corrected; absent, no English word is corrected */
  englishWords?: Set<string>;
  /** the closed word classes of the structural grammar and the follow-up reader: kind (unit:box, filler, switch …) → words, in file order */
  grammarWords: Map<string, string[]>;
}

function lines(path: string): string[] {
  return readFileSync(path, 'utf8')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
}

function readTsvMap(path: string, keyTransform: (s: string) => string = (s) => s): Map<string, string[]> {
  const map = new Map<string, string[]>();
  if (!existsSync(path)) return map;
  lines(path).forEach((line, i) => {
    const [key, value] = line.split('\t');
    if (!key || !value) throw new CodedError('CONTENT_INVALID', `${path}:${i + 1}: expected "term<TAB>a,b,c"`);
    const terms = value.split(/[,\uff0c]/).map((v) => v.trim()).filter(Boolean);
    const k = keyTransform(key.trim());
    // two lines that read as one key (real-time, real time): the terms of both, the first line's first
    const had = map.get(k);
    map.set(k, had ? [...new Set([...had, ...terms])] : terms);
  });
  return map;
}

/** A glossary key as questions reach it: lower case, and a hyphen read as the space normalisation makes of it (e-government). */
function glossaryKey(s: string): string {
  return s.toLowerCase().replace(/-/g, ' ').replace(/\s+/g, ' ');
}

/** Load content/dict once at start; every later lookup is in memory. */
export function loadLexicon(dictDir: string): Lexicon {
  if (!existsSync(dictDir)) throw new CodedError('CONTENT_NOT_FOUND', `dictionary folder ${dictDir} does not exist; set CONTENT_DIR to the folder holding dict/ and plans/`);
  const variants = new Map<string, string>();
  const vPath = join(dictDir, 'variants.tsv');
  if (existsSync(vPath)) {
    for (const line of lines(vPath)) {
      const [from, to] = line.split('\t');
      if (from && to && from !== to) variants.set(from, to);
    }
  }
  const keepPath = join(dictDir, 'opencc-keep.txt');
  const framesPath = join(dictDir, 'question-frames.tsv');
  const idfPath = join(dictDir, 'general-idf.tsv');
  const grammarPath = join(dictDir, 'grammar-words.tsv');
  const stopPath = join(dictDir, 'stopwords.txt');
  const userDictPath = join(dictDir, 'user.dict.txt');
  const englishPath = join(dictDir, 'english-real-words.txt');
  return {
    variants,
    ...readKeep(keepPath),
    stopwords: new Set(existsSync(stopPath) ? lines(stopPath).map((w) => w.toLowerCase()) : []),
    synonyms: readTsvMap(join(dictDir, 'synonyms.tsv'), (s) => s.toLowerCase()),
    glossary: readTsvMap(join(dictDir, 'glossary.tsv'), glossaryKey),
    userDictPath: existsSync(userDictPath) ? userDictPath : undefined,
    userWords: existsSync(userDictPath) ? lines(userDictPath).map((l) => l.split(/\s+/)[0]!).filter(Boolean) : [],
    frames: existsSync(framesPath) ? readFrames(framesPath) : [],
    regional: new Map([...readTsvMap(join(dictDir, 'regional.tsv'))].map(([k, v]) => [k, v[0]!])),
    generalIdf: existsSync(idfPath) ? readGeneralIdf(idfPath) : new Map(),
    grammarWords: existsSync(grammarPath) ? readGrammarWords(grammarPath) : new Map(),
    ...(existsSync(englishPath) ? { englishWords: new Set(lines(englishPath).map((w) => w.toLowerCase())) } : {}),
  };
}

function readFrames(path: string): FramePhrase[] {
  return lines(path).map((line, i) => {
    const [kind, phrase] = line.split('\t');
    if (!kind || !phrase) throw new CodedError('CONTENT_INVALID', `${path}:${i + 1}: expected "kind<TAB>phrase"`);
    return { kind: kind.trim(), phrase: phrase.trim() };
  });
}

function readGrammarWords(path: string): Map<string, string[]> {
  const map = new Map<string, string[]>();
  lines(path).forEach((line, i) => {
    const [kind, word, ...rest] = line.split('\t').map((f) => f.trim());
    if (!kind || !word || rest.length || !/^[a-z-]+(?::[^\s:]+)?$/.test(kind)) {
      throw new CodedError('CONTENT_INVALID', `${path}:${i + 1}: expected "kind<TAB>word" (kind such as filler or unit:box)`);
    }
    const words = map.get(kind);
    if (words) words.push(word);
    else map.set(kind, [word]);
  });
  return map;
}

function readGeneralIdf(path: string): Map<string, number> {
  const map = new Map<string, number>();
  lines(path).forEach((line, i) => {
    const [word, idf] = line.split('\t');
    const v = Number(idf);
    if (!word || !Number.isFinite(v)) throw new CodedError('CONTENT_INVALID', `${path}:${i + 1}: expected "word<TAB>idf"`);
    map.set(word, v);
  });
  return map;
}

/**
 * opencc-keep.txt: per line a word OpenCC must leave as written, then its traditional forms where they differ (what
 * OpenCC's cn → tw gives; scripts/dict/check-lexicon.ts checks them), so the normaliser never builds that converter.
 */
function readKeep(path: string): { keep: string[]; keepForms: Map<string, string[]> } {
  const keepForms = new Map<string, string[]>();
  for (const line of existsSync(path) ? lines(path) : []) {
    const [word, ...forms] = line.split(/\s+/).filter(Boolean);
    if (word) keepForms.set(word, [...new Set([word, ...forms])]);
  }
  return { keep: [...keepForms.keys()], keepForms };
}
