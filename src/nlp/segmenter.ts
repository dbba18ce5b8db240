import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { CodedError } from '../errors.js';

const require = createRequire(import.meta.url);

interface Jieba {
  load(opts: { dict?: string; hmmDict?: string; userDict?: string; idfDict?: string; stopWordDict?: string }): void;
  cut(s: string, hmm?: boolean): string[];
  cutForSearch(s: string, hmm?: boolean): string[];
  insertWord(word: string): boolean;
}

/** Where jieba's dictionaries come from: a content folder's dict/jieba/ (made by `npm run dict:jieba`) and the user dictionary. */
export interface SegmenterFiles {
  /** the folder holding segment.dict.utf8, hmm_model.utf8 and the keyword extractor's stand-ins */
  jiebaDir: string;
  /** the jieba user dictionary (plan terms and synonyms); required, or nodejieba would load its own sample one */
  userDict: string;
}

/** The files of dict/jieba/ that load() reads, by nodejieba's option name. */
const JIEBA_FILES = {
  dict: 'segment.dict.utf8',
  hmmDict: 'hmm_model.utf8',
  // nodejieba always builds jieba's keyword extractors; plan-bot never calls them, so they get one-line files
  // instead of nodejieba's defaults (idf.utf8 alone is ~19 MB of RSS and ~0.1 s of load)
  idfDict: 'keyword-idf.unused.utf8',
  stopWordDict: 'keyword-stopwords.unused.utf8',
} as const;

let jieba: Jieba | undefined;

/** The paths load() gets for a dict/jieba/ folder; fails naming the command that makes a missing file. */
export function jiebaLoadOptions(files: SegmenterFiles): Record<keyof typeof JIEBA_FILES | 'userDict', string> {
  const paths = Object.fromEntries(Object.entries(JIEBA_FILES).map(([opt, name]) => [opt, join(files.jiebaDir, name)])) as Record<keyof typeof JIEBA_FILES, string>;
  for (const path of Object.values(paths)) {
    if (!existsSync(path)) throw new CodedError('CONTENT_NOT_FOUND', `${path} does not exist; make the content's jieba dictionary with \`npm run dict:jieba -- --content CONTENT_DIR\``);
  }
  return { ...paths, userDict: files.userDict };
}

/**
 * Load nodejieba with the content's dictionaries, once per process (jieba's dictionaries are global). Called without
 * files it hands back the segmenter already loaded.
 */
export function loadSegmenter(files?: SegmenterFiles): Jieba {
  // jieba keeps one dictionary per process: the first load wins; later plans' words are still matched by bigrams.
  if (jieba) return jieba;
  if (!files) throw new CodedError('CONTENT_NOT_FOUND', 'the segmenter is not loaded yet: load the content (loadKnowledge) first');
  const options = jiebaLoadOptions(files);
  const j = require('nodejieba') as Jieba;
  // every option is given: nodejieba falls back to the files inside its package for any left out
  j.load(options);
  jieba = j;
  return jieba;
}

/** Segment text for indexing: jieba's search mode, which also yields the shorter words inside long ones. */
export function segmentForIndex(text: string, files?: SegmenterFiles): string[] {
  return loadSegmenter(files).cutForSearch(text, true);
}

/** Segment text the ordinary way (used by benchmarks and reference tokenisers). */
export function segment(text: string, files?: SegmenterFiles): string[] {
  return loadSegmenter(files).cut(text, true);
}
