import { join } from 'node:path';
import { loadPlans } from './content/load-content.js';
import { Library } from './match/library.js';
import { Matcher } from './match/matcher.js';
import { loadLexicon, type Lexicon } from './nlp/lexicon.js';
import { makeDisplayFixer, makeNormalizer } from './nlp/normalize.js';
import { loadSegmenter } from './nlp/segmenter.js';

/** Everything loaded from content/ once at start: plans, lexicon, normaliser and matcher. */
export interface Knowledge {
  lexicon: Lexicon;
  normalize: (s: string) => string;
  library: Library;
  matcher: Matcher;
  /** segment a normalised string the ordinary jieba way */
  cut: (s: string) => string[];
}

/** Load the plans and dictionaries under a content folder and build the index over them. */
export function loadKnowledge(contentDir: string): Knowledge {
  const lexicon = loadLexicon(join(contentDir, 'dict'));
  const jieba = loadSegmenter(lexicon.userDictPath);
  const tables = { variants: lexicon.variants, keep: lexicon.keep };
  const normalize = makeNormalizer(tables);
  const display = makeDisplayFixer(tables);
  const plans = loadPlans(join(contentDir, 'plans'), display);
  const library = new Library(plans);
  const cut = (s: string) => jieba.cut(s, true);
  const matcher = new Matcher(library, lexicon, normalize, cut, (s) => jieba.cutForSearch(s, true));
  return { lexicon, normalize, library, matcher, cut };
}
