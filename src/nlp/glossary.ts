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
export function translateEnglish(q: string, glossary: Map<string, string[]>, stopwords: Set<string>): Translation {
  if (!/[a-z]/.test(q)) return { text: q, extras: [], translated: false };
  const tokens = q.split(/(\s+|[^a-z0-9\s-]+)/).filter((t) => t !== undefined && t !== '');
  const out: string[] = [];
  const extras: string[] = [];
  let translated = false;
  const unknown: string[] = [];
  const lookup = (phrase: string): string[] | undefined =>
    glossary.get(phrase) ?? (phrase.endsWith('s') && phrase.length > 3 ? glossary.get(phrase.slice(0, -1)) : undefined);
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
      if (stopwords.has(tok)) out.push(' ');
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
