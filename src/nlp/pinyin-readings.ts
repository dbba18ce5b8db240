import { existsSync, readFileSync } from 'node:fs';
import { CodedError } from '../errors.js';

/** How characters and words are read (content/dict/pinyin-readings.tsv), toneless, ü as v. */
export interface PinyinReadings {
  /** every reading of one character, most common first; empty when the table has none */
  of(ch: string): readonly string[];
  /**
   * A word as it is read: dictionary words the table reads in context (银行 yin hang), the rest of it character by
   * character with each one's most common reading; undefined when a character has no reading.
   */
  inContext(word: string): string[] | undefined;
}

interface Table {
  chars: Map<string, readonly string[]>;
  words: Map<string, readonly string[]>;
  longestWord: number;
}

const NONE: readonly string[] = Object.freeze([]);
const LINE = /^([\u3400-\u9fff]+)\t([a-zv]+(?: [a-zv]+)*)$/u;

function readTable(path: string): Table {
  const table: Table = { chars: new Map(), words: new Map(), longestWord: 0 };
  if (!existsSync(path)) return table;
  // about 2,200 distinct lists of readings: each kept once and shared by the characters that have it
  const lists = new Map<string, readonly string[]>();
  readFileSync(path, 'utf8').split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (!line || line.startsWith('#')) return;
    const m = LINE.exec(line);
    const key = m?.[1];
    const readings = m?.[2]?.split(' ');
    if (!key || !readings || (key.length > 1 && readings.length !== key.length)) {
      throw new CodedError('CONTENT_INVALID', `${path}:${i + 1}: expected "character<TAB>reading reading…" or "word<TAB>one reading per character" (toneless pinyin, ü as v); run npm run dict:pinyin to remake the file`);
    }
    if (key.length > 1) {
      table.words.set(key, Object.freeze(readings));
      table.longestWord = Math.max(table.longestWord, key.length);
      return;
    }
    let list = lists.get(m[2]!);
    if (!list) lists.set(m[2]!, (list = Object.freeze(readings)));
    table.chars.set(key, list);
  });
  return table;
}

/**
 * Read and check the table once, when the content loads (a malformed line fails the start naming the file and the
 * line, like every other content file; ≈ 10 ms). A missing file gives no readings: typo correction by sound is off.
 */
export function loadPinyinReadings(path: string): PinyinReadings {
  const table = readTable(path);
  return {
    of(ch) {
      return table.chars.get(ch) ?? NONE;
    },
    inContext(word) {
      const out: string[] = [];
      for (let i = 0; i < word.length; ) {
        let len = Math.min(table.longestWord, word.length - i);
        for (; len >= 2; len--) {
          const known = table.words.get(word.slice(i, i + len));
          if (known) {
            out.push(...known);
            break;
          }
        }
        if (len >= 2) {
          i += len;
          continue;
        }
        const first = table.chars.get(word[i]!)?.[0];
        if (first === undefined) return undefined;
        out.push(first);
        i++;
      }
      return out;
    },
  };
}
