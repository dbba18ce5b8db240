import { englishSlip } from './english-spelling.js';
import { baseForms } from './glossary-forms.js';

export { baseForms };

/** The outcome of reading English words through the glossary. */
export interface Translation {
  /** the query with each known English phrase replaced by its main Chinese term */
  text: string;
  /** the other Chinese terms the glossary gives, as extra (uncounted) search terms */
  extras: string[];
  /** whether any English phrase was translated */
  translated: boolean;
}

const MAX_PHRASE_WORDS = 4;
/** Placeholder for an English word the glossary does not know, resolved once the whole query is read. */
const UNKNOWN_MARK = '\u0000unk';

/** Replace English words and phrases (longest first) with the plan's Chinese terms, so English questions find Chinese passages. */
export function translateEnglish(q: string, glossary: Map<string, string[]>, stopwords: Set<string>, realWords?: ReadonlySet<string>): Translation {
  if (!/[a-z]/.test(q)) return { text: q, extras: [], translated: false };
  // an English word one letter short of a glossary word (emergncy), or with two letters swapped, is read as that word
  // (only when the caller knows the real English words the rule would take for slips)
  const tokens = q
    .split(/(\s+|[^a-z0-9\s-]+)/)
    .filter((t) => t !== undefined && t !== '')
    .map((t) => (realWords ? englishSlip(t, glossary, stopwords, realWords) ?? t : t));
  const out: string[] = [];
  const extras: string[] = [];
  let translated = false;
  const unknown: string[] = [];
  const lookup = (phrase: string): string[] | undefined => {
    const direct = glossary.get(phrase);
    if (direct) return direct;
    // plural, -ing and -ed forms of a glossary entry: each word of the phrase in its base forms
    const words = phrase.split(' ');
    const forms = words.map(baseForms);
    if (forms.every((f) => f.length === 1)) return undefined;
    for (const combo of combinations(forms, 8)) {
      const hit = glossary.get(combo.join(' '));
      if (hit) return hit;
    }
    return undefined;
  };
  for (let i = 0; i < tokens.length; ) {
    const tok = tokens[i]!;
    if (!/^[a-z0-9-]+$/.test(tok)) {
      out.push(tok);
      i++;
      continue;
    }
    // gather up to MAX_PHRASE_WORDS words ahead (skipping the spaces between them)
    const words: { w: string; end: number }[] = [];
    for (let j = i; j < tokens.length && words.length < MAX_PHRASE_WORDS; j++) {
      const t = tokens[j]!;
      if (/^\s+$/.test(t)) continue;
      if (!/^[a-z0-9-]+$/.test(t)) break;
      words.push({ w: t, end: j + 1 });
    }
    let matched = false;
    for (let n = words.length; n >= 1; n--) {
      const phrase = words.slice(0, n).map((x) => x.w).join(' ');
      const terms = lookup(phrase);
      if (terms && terms.length) {
        out.push(` ${terms[0]} `);
        extras.push(...terms.slice(1));
        i = words[n - 1]!.end;
        matched = translated = true;
        break;
      }
    }
    if (!matched) {
      if (stopwords.has(tok) || /^[a-z]$/.test(tok)) out.push(' '); // a lone letter (the R and D of R&D) is noise
      else if (/^\d+$/.test(tok)) out.push(` ${tok} `); // years and numbers are never noise
      else {
        unknown.push(tok);
        out.push(` ${UNKNOWN_MARK}${unknown.length - 1} `);
      }
      i++;
    }
  }
  // once part of the question was understood, English words the glossary lacks are noise, not a reason for "no match"
  const text = out
    .join('')
    .replace(new RegExp(`${UNKNOWN_MARK}(\\d+)`, 'g'), (_m, n: string) => (translated ? '' : unknown[Number(n)] ?? ''))
    .replace(/\s+/g, ' ')
    .trim();
  return { text, extras, translated };
}

/** Every way of picking one form per word, the typed forms first, at most `limit` of them. */
function combinations(forms: string[][], limit: number): string[][] {
  let acc: string[][] = [[]];
  for (const f of forms) {
    const next: string[][] = [];
    for (const a of acc) for (const w of f) if (next.length < limit) next.push([...a, w]);
    acc = next;
  }
  return acc;
}
