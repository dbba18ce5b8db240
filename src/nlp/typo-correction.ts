import type { PinyinReadings } from './pinyin-readings.js';
import { SoundKeys, type RunSounds, type Sound } from './sound-keys.js';

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
  /** how characters and words are read (content/dict/pinyin-readings.tsv): a slip sounds like the plan term it stands for */
  readings: PinyinReadings;
}

const MAX_WINDOW = 8;
/** A one-character edit (a different character, whatever its sound) is allowed only for terms at least this long. */
const EDIT_MIN_LENGTH = 5;
const CJK_RUN = /[\u3400-\u9fff]+/g;

/**
 * Corrects typing slips against the plan's own vocabulary: IME homophones (网落安全 → 网络安全), near-homophones
 * (人工只能 → 人工智能) and, for long terms, one wrong character. A run whose two-character pieces all occur in the
 * plan is left alone without computing any pinyin, so a question without an unknown term costs a few set lookups.
 */
export class TypoCorrector {
  private exact?: Map<string, string[]>;
  private near?: Map<string, string[]>;
  private edits?: Map<string, string[]>;
  private readonly sounds: SoundKeys;

  constructor(private readonly src: TypoSources) {
    this.sounds = new SoundKeys(src.readings);
  }

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
      const sound = this.sounds.term(term);
      if (!sound) continue;
      add(exact, sound.exact, term);
      add(near, sound.near, term);
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
    let sounds: RunSounds | undefined;
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
        sounds ??= this.sounds.run(run);
        // the cheap map lookups first; the guards only for a window that sounds like a plan term
        const to = this.lookup(window, sounds.ways(i, len));
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
  private lookup(window: string, ways: readonly Sound[]): string | undefined {
    const same = bestShared(termsSounding(this.exact!, ways, 'exact', window), window);
    if (same) return same;
    if (window.length >= 3) {
      const nearTerm = bestShared(termsSounding(this.near!, ways, 'near', window), window);
      if (nearTerm) return nearTerm;
    }
    if (window.length >= EDIT_MIN_LENGTH) {
      let found: string | undefined;
      for (let i = 0; i < window.length; i++) {
        for (const t of this.edits!.get(`${window.slice(0, i)}?${window.slice(i + 1)}`) ?? []) {
          if (found !== undefined && found !== t) return undefined;
          found = t;
        }
      }
      return found;
    }
    return undefined;
  }
}

/**
 * The plan terms a window sounds like: through its characters' most common readings; through a rarer reading of one
 * of them (给 read ji) only a term that differs from the window in one character, as a rare reading of several
 * would make a slip of anything.
 */
function termsSounding(map: Map<string, string[]>, ways: readonly Sound[], kind: keyof Sound, window: string): string[] | undefined {
  let terms: string[] | undefined;
  for (let w = 0; w < ways.length; w++) {
    const hits = map.get(ways[w]![kind]);
    if (!hits) continue;
    for (const t of hits) if ((w === 0 || differsInOne(t, window)) && !terms?.includes(t)) (terms ??= []).push(t);
  }
  return terms;
}

/** Several plan terms sound alike (监测, 检测): the one sharing most characters with what was typed, if only one does. */
function bestShared(list: string[] | undefined, window: string): string | undefined {
  if (!list || list.length === 0) return undefined;
  if (list.length === 1) return list[0];
  let best: string | undefined;
  let bestCount = -1;
  let tie = false;
  for (const t of list) {
    let shared = 0;
    for (let i = 0; i < t.length; i++) if (t[i] === window[i]) shared++;
    if (shared > bestCount) [best, bestCount, tie] = [t, shared, false];
    else if (shared === bestCount) tie = true;
  }
  return tie || bestCount === 0 ? undefined : best;
}

/** Whether two strings of the same length differ in exactly one character. */
function differsInOne(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length && diff < 2; i++) if (a[i] !== b[i]) diff++;
  return diff === 1;
}
