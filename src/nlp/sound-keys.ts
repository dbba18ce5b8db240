import type { PinyinReadings } from './pinyin-readings.js';

/**
 * At most this many ways of reading a typed window are tried (its characters' readings, most common first): a typed
 * slip may stand for any reading of its characters (the input method showed them for one of them), where a plan term
 * is read as it is read in context; 8 covers three two-reading characters in one window.
 */
const MAX_WAYS = 8;

/** A term's or a window's sound as a map key: exact (toneless pinyin) and near (fuzzy() of each syllable). */
export interface Sound {
  exact: string;
  near: string;
}

/** The ways of reading each window of one typed run, the first reading every character with its first reading. */
export interface RunSounds {
  /** the ways of reading run[at, at + len), at most MAX_WAYS; none when a character has no reading */
  ways(at: number, len: number): readonly Sound[];
}

/** Near-homophones people confuse when typing pinyin: retroflex/flat initials, n/l, f/h, front/back nasals. */
export function fuzzy(syllable: string): string {
  return syllable
    .replace(/^([zcs])h/, '$1')
    .replace(/^l/, 'n')
    .replace(/^f/, 'h')
    .replace(/^r/, 'n')
    .replace(/ng$/, 'n')
    .replace(/uo$/, 'o');
}

/**
 * Sounds as short keys: each of Mandarin's ≈ 400 toneless syllables (and each fuzzy() class) is one character, so a
 * window's key is as long as the window and is built by appending one character per syllable; cheaper than joining
 * syllable strings for every window of every run.
 */
export class SoundKeys {
  private readonly codes = new Map<string, string>();
  /** per character: its readings' exact and near codes, most common first (bounded by the table's ≈ 21k characters) */
  private readonly perChar = new Map<string, { exact: string[]; near: string[] }>();

  constructor(private readonly readings: PinyinReadings) {}

  private code(syllable: string): string {
    let c = this.codes.get(syllable);
    if (c === undefined) this.codes.set(syllable, (c = String.fromCharCode(0x4000 + this.codes.size)));
    return c;
  }

  private charCodes(ch: string): { exact: string[]; near: string[] } {
    let c = this.perChar.get(ch);
    if (!c) {
      const rs = this.readings.of(ch);
      c = { exact: rs.map((r) => this.code(r)), near: rs.map((r) => this.code(`~${fuzzy(r)}`)) };
      this.perChar.set(ch, c);
    }
    return c;
  }

  /** A plan term's sound, read in context (银行 yin hang); undefined when a character has no reading. */
  term(term: string): Sound | undefined {
    const syl = this.readings.inContext(term);
    if (!syl) return undefined;
    return { exact: syl.map((s) => this.code(s)).join(''), near: syl.map((s) => this.code(`~${fuzzy(s)}`)).join('') };
  }

  /** The sounds of a typed run's windows, worked out once per start and length as the corrector asks for them. */
  run(run: string): RunSounds {
    const chars = [...run].map((ch) => this.charCodes(ch));
    // by start: the ways of reading each length from there, grown one character at a time
    const byStart = new Map<number, Sound[][]>();
    return {
      ways: (at, len) => {
        let grown = byStart.get(at);
        if (!grown) byStart.set(at, (grown = [[{ exact: '', near: '' }]]));
        while (grown.length <= len) {
          const prev = grown[grown.length - 1]!;
          const c = chars[at + grown.length - 1];
          const next: Sound[] = [];
          if (c) {
            for (const way of prev) {
              for (let r = 0; r < c.exact.length && next.length < MAX_WAYS; r++) next.push({ exact: way.exact + c.exact[r], near: way.near + c.near[r] });
            }
          }
          grown.push(next);
        }
        return grown[len]!;
      },
    };
  }
}
