import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadPlans } from './content/load-content.js';
import { Library } from './match/library.js';
import { Matcher } from './match/matcher.js';
import { loadLexicon, type Lexicon } from './nlp/lexicon.js';
import { boundedMemo } from './bounded-memo.js';
import { makeDisplayFixer, makeNormalizer } from './nlp/normalize.js';
import { loadSegmenter } from './nlp/segmenter.js';
import { loadPinyinReadings } from './nlp/pinyin-readings.js';
import { TypoCorrector } from './nlp/typo-correction.js';

/** Everything loaded from content/ once at start: plans, lexicon, normaliser and matcher. */
export interface Knowledge {
  lexicon: Lexicon;
  normalize: (s: string) => string;
  library: Library;
  matcher: Matcher;
  /** segment a normalised string the ordinary jieba way */
  cut: (s: string) => string[];
  /** corrects typing slips against the plan's vocabulary */
  corrector: TypoCorrector;
}

/** How many of the latest cuts are remembered: one turn's pieces, not the questions before it. */
const RECENT_CUTS = 16;

/** Words jieba should keep whole, at the frequency the plan's own terms get. */
const USER_WORD_FREQ = 20000;

/**
 * The jieba user dictionary: content/dict/user.dict.txt plus every colloquial term of the synonym table
 * (without them jieba cuts 碳中和 or 宽带 into pieces and the synonym is never seen). Written once to a temp file,
 * because nodejieba only loads dictionaries from files.
 */
export function writeUserDict(lexicon: Lexicon): string {
  const own = lexicon.userDictPath ? readFileSync(lexicon.userDictPath, 'utf8') : '';
  const known = new Set(lexicon.userWords);
  const extra = [...lexicon.synonyms.keys()].filter((t) => /^[\u3400-\u9fff]{2,}$/.test(t) && !known.has(t));
  const text = own.replace(/\n*$/, '\n') + extra.map((t) => `${t} ${USER_WORD_FREQ} n`).join('\n') + '\n';
  const path = join(tmpdir(), `plan-bot-user-dict-${createHash('sha256').update(text).digest('hex').slice(0, 16)}.txt`);
  if (!existsSync(path)) writeFileSync(path, text);
  return path;
}

/** Load the plans and dictionaries under a content folder and build the index over them. */
export function loadKnowledge(contentDir: string): Knowledge {
  const lexicon = loadLexicon(join(contentDir, 'dict'));
  const jieba = loadSegmenter({ jiebaDir: join(contentDir, 'dict', 'jieba'), userDict: writeUserDict(lexicon) });
  const tables = { variants: lexicon.variants, keep: lexicon.keep, keepForms: lexicon.keepForms, regional: lexicon.regional };
  // a question's text goes through normalize in several stages of one turn (intent, topic, matcher, answers)
  const normalize = boundedMemo(makeNormalizer(tables), 4096);
  const display = makeDisplayFixer(tables);
  const plans = loadPlans(join(contentDir, 'plans'), display);
  const library = new Library(plans);
  // one turn cuts the same pieces of its question in several stages (intent, topic, clause, matcher): the last few
  // cuts are remembered (cutting is pure, so one kept from the question before is as good), frozen so that no stage
  // can change another's
  const cut = boundedMemo((s: string) => Object.freeze(jieba.cut(s, true)) as string[], RECENT_CUTS);
  const matcher = new Matcher(library, lexicon, normalize, cut, (s) => jieba.cutForSearch(s, true));
  const corrector = new TypoCorrector({
    vocabulary: function* () {
      for (const text of matcher.passageTexts()) for (const w of cut(text)) yield w;
      // terms the plan sets in quotes ("一带一路", "两手抓") are its own coinages, often cut apart by jieba
      for (const p of library.passages) for (const m of p.text.matchAll(/[“"「『]([^”"」』]{2,8})[”"」』]/g)) yield normalize(m[1]!).replace(/\s+/g, '');
      yield* lexicon.userWords.map(normalize);
      yield* lexicon.synonyms.keys();
    },
    planHas: (s) => matcher.textHas(s),
    planHasBigram: (s) => matcher.index.has(s),
    isWord: (s) => jieba.cut(s, false).length === 1,
    words: (run) => jieba.cut(run, false),
    guessedWords: (run) => jieba.cut(run, true),
    readings: loadPinyinReadings(join(contentDir, 'dict', 'pinyin-readings.tsv')),
  });
  return { lexicon, normalize, library, matcher, cut, corrector };
}
