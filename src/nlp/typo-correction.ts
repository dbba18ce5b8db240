import { createRequire } from 'node:module';

// pinyin-pro (~80 ms to load) is required the first time a syllable is needed: a question whose every piece the
// plan writes never needs one, so `plan-bot ask` usually does without it (a server loads it in warm()).
const require = createRequire(import.meta.url);
let pinyinPro: typeof import('pinyin-pro') | undefined;

/** One slip the corrector fixed: what was typed and the plan term it was read as. */
export interface Correction {
  from: string;
  to: string;
}

/** What the corrector needs to know about the plan and the language; all of it comes from the loaded content. */
export interface TypoSources {
  /** the plan's own terms (jieba words of its passages, its lexicon's terms), the only words a slip is corrected to */
  vocabulary: () => Iterable<string>;
  /** whether the plan's text holds this string as it is: such a string is never "corrected" */
  planHas: (s: string) => boolean;
  /** whether the plan's text holds this two-character piece (cheap pre-check: a run whose pieces all occur is left alone) */
  planHasBigram: (s: string) => boolean;
  /** whether a string is a word of the general dictionary: a real word is a choice, not a slip (only for short windows) */
  isWord: (s: string) => boolean;
  /** the dictionary words of a run (jieba without its guesser): a slip never starts or ends inside one of them */
  words: (run: string) => string[];
  /** the words of a run with jieba's guesser (HMM) on: two characters it keeps apart are two words, not one slip */
  guessedWords?: (run: string) => string[];
}

const MAX_WINDOW = 8;
/** A one-character edit (a different character, whatever its sound) is allowed only for terms at least this long. */
const EDIT_MIN_LENGTH = 5;
const CJK_RUN = /[\u3400-\u9fff]+/g;

/** fuzzy() of each syllable seen: Mandarin has about 400 toneless syllables, so this stays small (bounded anyway) */
const fuzzyOf = new Map<string, string>();
const MAX_FUZZY_MEMO = 5000;

/** Near-homophones people confuse when typing pinyin: retroflex/flat initials, n/l, f/h, front/back nasals. */
function fuzzy(syllable: string): string {
  let f = fuzzyOf.get(syllable);
  if (f === undefined) {
    f = fuzzyUncached(syllable);
    if (fuzzyOf.size < MAX_FUZZY_MEMO) fuzzyOf.set(syllable, f);
  }
  return f;
}

function fuzzyUncached(syllable: string): string {
  return syllable
    .replace(/^([zcs])h/, '$1')
    .replace(/^l/, 'n')
    .replace(/^f/, 'h')
    .replace(/^r/, 'n')
    .replace(/ng$/, 'n')
    .replace(/uo$/, 'o');
}

/**
 * Corrects typing slips against the plan's own vocabulary: IME homophones (网落安全 → 网络安全), near-homophones
 * (人工只能 → 人工智能) and, for long terms, one wrong character. A run whose two-character pieces all occur in the
 * plan is left alone without computing any pinyin, so a question without an unknown term costs a few set lookups.
 */
export class TypoCorrector {
  private exact?: Map<string, string[]>;
  private near?: Map<string, string[]>;
  private edits?: Map<string, string[]>;

  constructor(private readonly src: TypoSources) {}

  /** Build the pinyin keys of the vocabulary on first use (a few thousand terms; tens of milliseconds). */
  private build(): void {
    const exact = new Map<string, string[]>();
    const near = new Map<string, string[]>();
    const edits = new Map<string, string[]>();
    const add = (m: Map<string, string[]>, key: string, term: string) => {
      const list = m.get(key);
      if (!list) m.set(key, [term]);
      else if (!list.includes(term)) list.push(term);
    };
    for (const term of new Set(this.src.vocabulary())) {
      if (term.length < 2 || term.length > MAX_WINDOW || !/^[\u3400-\u9fff]+$/.test(term)) continue;
      const syl = syllables(term);
      add(exact, syl.join(' '), term);
      add(near, syl.map(fuzzy).join(' '), term);
      if (term.length >= EDIT_MIN_LENGTH) for (let i = 0; i < term.length; i++) add(edits, `${term.slice(0, i)}?${term.slice(i + 1)}`, term);
    }
    this.exact = exact;
    this.near = near;
    this.edits = edits;
  }

  /** Build the pinyin keys now (a server calls this after it starts listening, so no user's first slip pays for it). */
  warm(): void {
    if (!this.exact) this.build();
  }

  /** Whether a normalised question holds a piece the plan never writes (only then is pinyin worth computing). */
  needsLook(q: string): boolean {
    for (const run of q.match(CJK_RUN) ?? []) {
      for (let i = 0; i + 1 < run.length; i++) if (!this.src.planHasBigram(run.slice(i, i + 2))) return true;
    }
    return false;
  }

  /** The question with its slips replaced by plan terms, and what was replaced. */
  correct(q: string): { text: string; corrections: Correction[] } {
    if (!this.needsLook(q)) return { text: q, corrections: [] };
    if (!this.exact) this.build();
    const corrections: Correction[] = [];
    const text = q.replace(CJK_RUN, (run) => this.correctRun(run, corrections));
    return { text, corrections };
  }

  private correctRun(run: string, out: Correction[]): string {
    if (run.length < 2) return run;
    // unknown[j]: the plan never writes run[j..j+2]; a window is a slip candidate only if it holds one (prefix sums),
    // so windows, and whole runs, the plan writes cost no pinyin and no lookup
    const unknownBefore = new Int32Array(run.length);
    for (let j = 0; j + 1 < run.length; j++) unknownBefore[j + 1] = unknownBefore[j]! + (this.src.planHasBigram(run.slice(j, j + 2)) ? 0 : 1);
    if (unknownBefore[run.length - 1] === 0) return run;
    const unknownIn = (from: number, to: number) => unknownBefore[to - 1]! - unknownBefore[from]! > 0;
    let syl: string[] | undefined;
    let fz: string[] | undefined;
    // positions where the dictionary segmentation puts a word boundary (是不是|提到 has none between 是 and 提)
    const bounds = new Set<number>([0]);
    let at = 0;
    for (const w of this.src.words(run)) bounds.add((at += w.length));
    // where the guesser cuts too: 是|县 (我们是县…) are two words, though 是县 sounds like 实现; 网落 it keeps together
    let guessedBounds: Set<number> | undefined;
    const guessedApart = (i: number): boolean => {
      if (!this.src.guessedWords) return false;
      if (!guessedBounds) {
        guessedBounds = new Set<number>([0]);
        let g = 0;
        for (const w of this.src.guessedWords(run)) guessedBounds.add((g += w.length));
      }
      return guessedBounds.has(i + 1);
    };
    let result = '';
    let i = 0;
    while (i < run.length) {
      let taken = 0;
      for (let len = Math.min(MAX_WINDOW, run.length - i); len >= 2 && !taken; len--) {
        if (!bounds.has(i) || !bounds.has(i + len) || !unknownIn(i, i + len)) continue;
        if (len === 2 && guessedApart(i)) continue;
        const window = run.slice(i, i + len);
        syl ??= syllables(run);
        fz ??= syl.map(fuzzy);
        // the cheap map lookups first; the guards only for a window that sounds like a plan term
        const to = this.lookup(window, syl.slice(i, i + len), fz.slice(i, i + len));
        if (!to || to === window || this.src.planHas(window)) continue;
        // a short real word (会议室, 版号) is what the person meant, even when a plan term sounds the same
        if (len <= 3 && this.src.isWord(window)) continue;
        out.push({ from: window, to });
        result += to;
        taken = len;
      }
      if (taken) i += taken;
      else result += run[i++];
    }
    return result;
  }

  /** The one plan term this window could be a slip of: same sound, a near sound, or one character off for long terms. */
  private lookup(window: string, syl: string[], fz: string[]): string | undefined {
    // several plan terms sound alike (监测, 检测): the one sharing most characters with what was typed, if only one does
    const unique = (list: string[] | undefined): string | undefined => {
      if (!list || list.length === 0) return undefined;
      if (list.length === 1) return list[0];
      let best: string | undefined;
      let bestShared = -1;
      let tie = false;
      for (const t of list) {
        let shared = 0;
        for (let i = 0; i < t.length; i++) if (t[i] === window[i]) shared++;
        if (shared > bestShared) [best, bestShared, tie] = [t, shared, false];
        else if (shared === bestShared) tie = true;
      }
      return tie || bestShared === 0 ? undefined : best;
    };
    const same = unique(this.exact!.get(syl.join(' ')));
    if (same) return same;
    if (window.length >= 3) {
      const nearTerm = unique(this.near!.get(fz.join(' ')));
      if (nearTerm) return nearTerm;
    }
    if (window.length >= EDIT_MIN_LENGTH) {
      const found = new Set<string>();
      for (let i = 0; i < window.length; i++) for (const t of this.edits!.get(`${window.slice(0, i)}?${window.slice(i + 1)}`) ?? []) found.add(t);
      if (found.size === 1) return [...found][0];
    }
    return undefined;
  }
}

/** Toneless pinyin of each character of a CJK string, read in context (so 行 in 银行 and 行动 differ). */
function syllables(s: string): string[] {
  pinyinPro ??= require('pinyin-pro') as typeof import('pinyin-pro');
  return pinyinPro.pinyin(s, { toneType: 'none', type: 'array', v: true }) as string[];
}
