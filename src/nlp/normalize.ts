import * as OpenCC from 'opencc-js';

/** The tables normalisation needs; they come from content/dict so that the code holds no word lists. */
export interface NormalizeTables {
  /** variant character → standard character */
  variants: Map<string, string>;
  /** words OpenCC must leave as they are */
  keep: string[];
  /** each kept word's traditional forms (itself included); a word missing here is guarded as written only */
  keepForms?: Map<string, string[]>;
  /** Taiwan and Hong Kong wordings (as OpenCC leaves them, in simplified characters) → the plan's wording */
  regional?: Map<string, string>;
}

// Only the four converters in use, each built on first use: building OpenCC's tries is what costs (cn → tw alone,
// over the 1 MB simplified→traditional phrase table, ~140 ms; all four ~300 ms and ~70 MB), and simplified text,
// the usual input, needs only the t → cn probe. The main entry stays: it is one bundled module whose dictionaries
// are string literals, quicker to load (median 35 ms) than the per-dictionary presets (opencc-js/core with
// preset/t2cn and preset/cn2t, some 30 modules: 55 ms), at the same RSS.

/** A converter built the first time it is called. */
function lazy(build: () => (s: string) => string): (s: string) => string {
  let convert: ((s: string) => string) | undefined;
  return (s) => (convert ??= build())(s);
}

const twToCn = lazy(() => OpenCC.Converter({ from: 'twp', to: 'cn' }));
const hkToCn = lazy(() => OpenCC.Converter({ from: 'hk', to: 'cn' }));
/** Characters that differ between traditional and simplified; used to skip OpenCC for text that is already simplified. */
const tradProbe = lazy(() => OpenCC.Converter({ from: 't', to: 'cn' }));

/** Full-width ASCII (Ａ１！) → half width, ideographic space → space. */
export function toHalfWidth(s: string): string {
  let out = '';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (c >= 0xff01 && c <= 0xff5e) out += String.fromCodePoint(c - 0xfee0);
    else if (c === 0x3000) out += ' ';
    else out += ch;
  }
  return out;
}

/** Makes a display normaliser: variant characters to standard ones, nothing else, so the plan reads as written. */
export function makeDisplayFixer(tables: NormalizeTables): (s: string) => string {
  if (tables.variants.size === 0) return (s) => s;
  const re = new RegExp(`[${[...tables.variants.keys()].join('')}]`, 'gu');
  return (s) => s.replace(re, (ch) => tables.variants.get(ch) ?? ch);
}

/** Makes the matching normaliser: width, 繁→简 (Taiwan and Hong Kong terms too), variants, case, punctuation to spaces. */
export function makeNormalizer(tables: NormalizeTables): (s: string) => string {
  const fixVariants = makeDisplayFixer(tables);
  const regionalTerms = [...(tables.regional?.keys() ?? [])].sort((a, b) => b.length - a.length);
  const regional = regionalTerms.length ? new RegExp(regionalTerms.map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'g') : undefined;
  // each kept word with its traditional forms, guarded by a private-use placeholder during conversion; worked out
  // with the first traditional text, as simplified text never needs them
  let keepForms: { word: string; forms: string[] }[] | undefined;
  const keepWithForms = () => (keepForms ??= tables.keep.filter(Boolean).map((word) => ({ word, forms: tables.keepForms?.get(word) ?? [word] })));
  const toSimplified = (s: string): string => {
    if (tradProbe(s) === s) return s; // already simplified: skip the phrase tables (and their 智慧 → 智能)
    const keep = keepWithForms();
    const slots: string[] = [];
    let guarded = s;
    for (const [i, { word, forms }] of keep.entries()) {
      for (const w of forms) {
        if (guarded.includes(w)) {
          slots[i] = word;
          guarded = guarded.split(w).join(String.fromCharCode(0xe000 + i));
        }
      }
    }
    let out = hkToCn(twToCn(guarded));
    out = out.replace(/[\ue000-\ue0ff]/g, (ch: string) => slots[ch.charCodeAt(0) - 0xe000] ?? ch);
    // text typed in traditional characters may use Taiwan or Hong Kong terms OpenCC keeps (资通安全, 安老院舍)
    return regional ? out.replace(regional, (m: string) => tables.regional!.get(m) ?? m) : out;
  };
  return (input: string): string => {
    let s = toHalfWidth(input.normalize('NFKC'));
    s = toSimplified(s);
    s = fixVariants(s);
    s = s.toLowerCase();
    // punctuation and symbols (Chinese and ASCII) become spaces; letters, digits and CJK stay
    s = s.replace(/[^\p{L}\p{N}\s]+/gu, ' ').replace(/\s+/g, ' ').trim();
    return s;
  };
}
