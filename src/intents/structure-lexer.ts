import { parseChineseNumeral } from '../content/chinese-numeral.js';
import type { Knowledge } from '../knowledge.js';
import type { Selector, UnitKey } from './structure-ref-types.js';
import { structureVocab, type StructureVocab } from './structure-vocab.js';
import { grammarWords, NUM, type GrammarWords } from './grammar-words.js';

/** One word of a structural reference. `of` marks English inner-first order ("item 4 of box 13"). */
export type Token =
  | { t: 'named'; id: string; unit?: UnitKey }
  | { t: 'unit'; unit: UnitKey; word: string }
  | { t: 'sel'; sel: Selector }
  | { t: 'cls' }
  | { t: 'num'; n: number }
  | { t: 'count' }
  | { t: 'deictic' }
  | { t: 'fill' }
  | { t: 'of' }
  /** characters no word of the grammar covers (only when lexing loosely) */
  | { t: 'text'; s: string };

/** A loose reading gives up once this much of the text is outside the grammar: that is a topic, not a reference. */
const MAX_LOOSE_TEXT = 16;

interface Lexicon {
  /** every character a word, title or pattern can start with: any other character is outside the grammar at once */
  starts: Set<string>;
  /** the characters the patterns (ordinals, numerals, steps) can start with */
  patternStarts: Set<string>;
  /** literal words by their first character, longest first */
  words: Map<string, [string, Token][]>;
  named: Map<string, string[]>;
  patterns: [RegExp, (m: RegExpExecArray) => Token | undefined][];
}

const lexicons = new WeakMap<StructureVocab, Lexicon>();
const n = (s: string): number => parseChineseNumeral(s) ?? NaN;
const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The literal words and patterns of the Chinese grammar, with the plan's own unit nouns and titles (v is k's own vocabulary). */
function lexicon(v: StructureVocab, k: Knowledge): Lexicon {
  let lx = lexicons.get(v);
  if (lx) return lx;
  const g = grammarWords(k);
  const words = new Map<string, Token>();
  // earlier classes win a tie: a unit noun is never read as filler
  const put = (w: string, tok: Token) => void (words.has(w) || words.set(w, tok));
  for (const [w, unit] of g.units) put(w, { t: 'unit', unit, word: w });
  for (const [w, unit] of v.units) put(w, { t: 'unit', unit, word: w });
  for (const w of g.countWords) if (!/[a-z]/.test(w)) put(w, { t: 'count' });
  for (const w of g.deictics) put(w, { t: 'deictic' });
  for (const w of g.classifiers) put(w, { t: 'cls' });
  for (const w of g.filler) put(w, { t: 'fill' });
  const named = new Map<string, string[]>();
  for (const title of v.named.keys()) named.set(title[0]!, [...(named.get(title[0]!) ?? []), title].sort((a, b) => b.length - a.length));
  // 下一个 / 上一节 / 头一条 need a unit after them, so 下一代 or 首都 are never read as references
  const unitHead = ['个', '条', '项', '点', '位', '节', '小节', '部分', '专栏', ...v.units.keys()].map(esc).join('|');
  const patterns: Lexicon['patterns'] = [
    [new RegExp(`倒数第?(${NUM})`, 'y'), (m) => ({ t: 'sel', sel: { at: 'end', n: n(m[1]!) } })],
    [/(?:最后面|最后|最末|末尾)一?/y, () => ({ t: 'sel', sel: { at: 'end', n: 1 } })],
    [new RegExp(`末(?=${unitHead})`, 'y'), () => ({ t: 'sel', sel: { at: 'end', n: 1 } })],
    [new RegExp(`(?:头|首)一?(?=${unitHead})|最前面|最前|开头`, 'y'), () => ({ t: 'sel', sel: { at: 'nth', n: 1 } })],
    [new RegExp(`第(${NUM})号`, 'y'), (m) => ({ t: 'sel', sel: { at: 'label', n: n(m[1]!) } })],
    [new RegExp(`第(${NUM})`, 'y'), (m) => ({ t: 'sel', sel: { at: 'ordinal', n: n(m[1]!) } })],
    [new RegExp(`(?:上|前)(?:面|边)?一?(?=${unitHead})`, 'y'), () => ({ t: 'sel', sel: { at: 'step', d: -1 } })],
    [new RegExp(`(?:下|后)(?:面|边)?一?(?=${unitHead})`, 'y'), () => ({ t: 'sel', sel: { at: 'step', d: 1 } })],
    [new RegExp(`(${NUM})号`, 'y'), (m) => ({ t: 'sel', sel: { at: 'label', n: n(m[1]!) } })],
    [new RegExp(NUM, 'y'), (m) => ({ t: 'num', n: n(m[0]) })],
  ];
  const patternStarts = new Set('倒最末头首开第上前下后0123456789零〇一二两三四五六七八九十百');
  const starts = new Set([...words.keys(), ...v.named.keys()].map((w) => w[0]!));
  for (const ch of patternStarts) starts.add(ch);
  const byFirst = new Map<string, [string, Token][]>();
  for (const [w, tok] of words) byFirst.set(w[0]!, [...(byFirst.get(w[0]!) ?? []), [w, tok] as [string, Token]].sort((a, b) => b[0].length - a[0].length));
  lx = { starts, patternStarts, words: byFirst, named, patterns };
  lexicons.set(v, lx);
  return lx;
}

/** A numeral the grammar could not read (一十百 in an odd order) makes no token. */
function wellFormed(tok: Token): boolean {
  if (tok.t === 'num') return Number.isFinite(tok.n);
  return tok.t !== 'sel' || !('n' in tok.sel) || Number.isFinite(tok.sel.n);
}

/**
 * Chinese: the longest word at each position. Strict, it gives up at the first character no word covers (a topic);
 * loose, such characters become text tokens, for the caller to judge.
 */
export function lexChinese(text: string, k: Knowledge, loose = false): Token[] | undefined {
  const v = structureVocab(k);
  const lx = lexicon(v, k);
  const out: Token[] = [];
  let outside = 0;
  for (let i = 0; i < text.length; ) {
    // most characters of a topic question start no word: they are outside the grammar without any lookup
    const best = lx.starts.has(text[i]!) ? longestToken(text, i, lx, v) : undefined;
    if (best) {
      out.push(best.tok);
      i += best.len;
      continue;
    }
    if (!loose || ++outside > MAX_LOOSE_TEXT) return undefined;
    const last = out[out.length - 1];
    if (last?.t === 'text') last.s += text[i];
    else out.push({ t: 'text', s: text[i]! });
    i += 1;
  }
  return out;
}

/** The longest title, pattern or word at position i (a title wins a tie, then a pattern, then a word). */
function longestToken(text: string, i: number, lx: Lexicon, v: StructureVocab): { len: number; tok: Token } | undefined {
  let best: { len: number; tok: Token } | undefined;
  const offer = (len: number, tok: Token | undefined) => {
    if (tok && len > 0 && wellFormed(tok) && (!best || len > best.len)) best = { len, tok };
  };
  const title = (lx.named.get(text[i]!) ?? []).find((t) => text.startsWith(t, i));
  if (title) {
    const id = v.named.get(title)!;
    offer(title.length, { t: 'named', id, unit: v.namedKind.get(id) });
  }
  if (lx.patternStarts.has(text[i]!)) {
    for (const [re, make] of lx.patterns) {
      re.lastIndex = i;
      const m = re.exec(text);
      if (m) offer(m[0].length, make(m));
    }
  }
  const word = (lx.words.get(text[i]!) ?? []).find(([w]) => text.startsWith(w, i));
  if (word) offer(word[0].length, word[1]);
  return best;
}

const singular = (w: string) => (w.endsWith('ies') ? w.slice(0, -3) + 'y' : w.endsWith('xes') ? w.slice(0, -2) : w.endsWith('s') ? w.slice(0, -1) : w);

/** An English unit noun, or a collection noun the plan counts in (action → 行动). */
function englishUnit(word: string, v: StructureVocab, g: GrammarWords): Token | undefined {
  const w = singular(word);
  const unit = g.enUnits.get(w) ?? g.enUnits.get(word);
  if (unit) return { t: 'unit', unit, word: w };
  const zh = g.enCollections.get(w);
  const key = zh ? v.units.get(zh) : undefined;
  return key ? { t: 'unit', unit: key, word: zh! } : undefined;
}

/** English: words left to right, glossary phrases that are titles (priority actions → 优先行动), inner-first order marked by of/in. */
export function lexEnglish(text: string, k: Knowledge): Token[] | undefined {
  const v = structureVocab(k);
  const g = grammarWords(k);
  const ws = text.split(/\s+/).filter(Boolean);
  const out: Token[] = [];
  for (let i = 0; i < ws.length; i++) {
    const w = ws[i]!;
    const next = ws[i + 1];
    const ord = g.enOrdinals.get(w) ?? (/^(\d+)(st|nd|rd|th)$/.exec(w) ? Number(/^(\d+)/.exec(w)![1]) : undefined);
    if (ord !== undefined && next === 'to' && ws[i + 2] === 'last') {
      out.push({ t: 'sel', sel: { at: 'end', n: ord } });
      i += 2;
    } else if (ord !== undefined && next === 'last') {
      out.push({ t: 'sel', sel: { at: 'end', n: ord } });
      i += 1;
    } else if (ord !== undefined) out.push({ t: 'sel', sel: { at: 'ordinal', n: ord } });
    else if (w === 'last' || w === 'final') out.push({ t: 'sel', sel: { at: 'end', n: 1 } });
    else if (w === 'penultimate') out.push({ t: 'sel', sel: { at: 'end', n: 2 } });
    else if (w === 'next' || w === 'following' || (w === 'after' && i === ws.length - 1)) out.push({ t: 'sel', sel: { at: 'step', d: 1 } });
    else if (w === 'previous' || w === 'prev' || w === 'preceding' || w === 'prior' || (w === 'before' && i === ws.length - 1)) out.push({ t: 'sel', sel: { at: 'step', d: -1 } });
    else if (w === 'how' && next === 'many') {
      out.push({ t: 'count' });
      i += 1;
    } else if ((w === 'number' || w === 'no' || w === 'num') && next && /^\d+$/.test(next)) {
      out.push({ t: 'sel', sel: { at: 'nth', n: Number(next) } });
      i += 1;
    } else if (/^#?\d+$/.test(w)) out.push({ t: 'num', n: Number(w.replace('#', '')) });
    else if (g.enNumbers.has(w) && out.length && out[out.length - 1]!.t === 'unit') out.push({ t: 'num', n: g.enNumbers.get(w)! });
    else if (w === 'of' || w === 'in' || w === 'within' || w === 'under') out.push({ t: 'of' });
    else {
      const unit = englishUnit(w, v, g);
      if (unit) {
        out.push(unit);
        continue;
      }
      const title = glossaryTitle(ws, i, k, v);
      if (title) {
        out.push({ t: 'named', id: title.id, unit: v.namedKind.get(title.id) });
        i += title.words - 1;
      } else if (g.enFiller.has(w)) out.push({ t: 'fill' });
      else return undefined;
    }
  }
  // "the last item in box 13": the outer unit comes after of/in, so the segments are read back to front
  const segments: Token[][] = [[]];
  for (const tok of out) tok.t === 'of' ? segments.push([]) : segments[segments.length - 1]!.push(tok);
  return segments.reverse().flat();
}

/** A phrase of up to three English words whose glossary term is a part, section or box title. */
function glossaryTitle(ws: string[], i: number, k: Knowledge, v: StructureVocab): { id: string; words: number } | undefined {
  for (let len = Math.min(3, ws.length - i); len >= 1; len--) {
    const phrase = ws.slice(i, i + len).join(' ');
    const terms = k.lexicon.glossary.get(phrase) ?? k.lexicon.glossary.get(phrase.replace(/s$/, ''));
    const id = terms?.[0] ? v.named.get(k.normalize(terms[0]).replace(/\s+/g, '')) : undefined;
    if (id) return { id, words: len };
  }
  return undefined;
}
