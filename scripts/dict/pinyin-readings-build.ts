// The text of content/dict/pinyin-readings.tsv (scripts/dict/make-pinyin-readings.ts writes it; a test checks it is
// current): every toneless reading of each character, and the reading in context of each dictionary word that is not
// read with its characters' most common readings (银行 is yin hang, not yin xing). pinyin-pro supplies both.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pinyin, polyphonic } from 'pinyin-pro';

const SYLLABLE = /^[a-zv]+$/;
const CJK_WORD = /^[\u3400-\u9fff]{2,8}$/;

/** The words the typo corrector's vocabulary is cut into: the segmentation dictionary's and the user dictionary's. */
function dictionaryWords(dictDir: string): string[] {
  const words = new Set<string>();
  for (const file of [join(dictDir, 'jieba', 'segment.dict.utf8'), join(dictDir, 'user.dict.txt')]) {
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      const w = line.trim().split(/\s+/)[0] ?? '';
      if (CJK_WORD.test(w)) words.add(w);
    }
  }
  return [...words].sort();
}

/** The file's text and what it holds, made from pinyin-pro and content/dict (dictDir). */
export function buildPinyinReadings(dictDir: string): { text: string; chars: number; polyphonic: number; words: number } {
  const version = (createRequire(import.meta.url)('pinyin-pro/package.json') as { version: string }).version;
  const first = new Map<string, string>();
  const charRows: string[] = [];
  for (const [from, to] of [[0x3400, 0x4dbf], [0x4e00, 0x9fff]] as const) {
    for (let cp = from; cp <= to; cp++) {
      const ch = String.fromCodePoint(cp);
      const [readings] = polyphonic(ch, { toneType: 'none', type: 'array', v: true }) as string[][];
      const clean = [...new Set((readings ?? []).filter((r) => SYLLABLE.test(r)))];
      if (!clean.length) continue;
      first.set(ch, clean[0]!);
      charRows.push(`${ch}\t${clean.join(' ')}`);
    }
  }
  const wordRows: string[] = [];
  for (const w of dictionaryWords(dictDir)) {
    const inContext = pinyin(w, { toneType: 'none', type: 'array', v: true }) as string[];
    if (inContext.length !== w.length || !inContext.every((s) => SYLLABLE.test(s))) continue;
    if (inContext.some((s, i) => s !== first.get(w[i]!))) wordRows.push(`${w}\t${inContext.join(' ')}`);
  }
  const header = [
    '# How characters and words are read, for correcting typing slips (src/nlp/typo-correction.ts). Toneless pinyin, ü as v.',
    '# A character line lists every reading of it, most common first. A word line gives the reading in context of a word',
    '# of dict/jieba/segment.dict.utf8 or dict/user.dict.txt that is not read with its characters\' first readings.',
    `# Made by: npm run dict:pinyin  (scripts/dict/make-pinyin-readings.ts), from pinyin-pro ${version} (MIT); do not edit`,
    '# by hand: run it again after npm run dict:jieba or a change to user.dict.txt (test/nlp/pinyin-readings.test.ts checks).',
  ];
  return { text: [...header, ...charRows, ...wordRows].join('\n') + '\n', chars: charRows.length, polyphonic: charRows.filter((r) => r.includes(' ')).length, words: wordRows.length };
}
