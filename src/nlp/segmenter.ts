import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

interface Jieba {
  load(opts: { userDict?: string }): void;
  cut(s: string, hmm?: boolean): string[];
  cutForSearch(s: string, hmm?: boolean): string[];
  insertWord(word: string): boolean;
}

let jieba: Jieba | undefined;

/** Load nodejieba with the plan's user dictionary, once per process (jieba's dictionaries are global). */
export function loadSegmenter(userDictPath?: string): Jieba {
  // jieba keeps one dictionary per process: the first load wins; later plans' words are still matched by bigrams.
  if (jieba) return jieba;
  jieba = require('nodejieba') as Jieba;
  jieba.load(userDictPath ? { userDict: userDictPath } : {});
  return jieba;
}

/** Segment text for indexing: jieba's search mode, which also yields the shorter words inside long ones. */
export function segmentForIndex(text: string, userDictPath?: string): string[] {
  return loadSegmenter(userDictPath).cutForSearch(text, true);
}

/** Segment text the ordinary way (used by benchmarks and reference tokenisers). */
export function segment(text: string, userDictPath?: string): string[] {
  return loadSegmenter(userDictPath).cut(text, true);
}
