/** A piece of text, and whether it is one of the words to highlight. */
export interface Segment {
  text: string;
  highlighted: boolean;
}

const SPECIAL = /[.*+?^${}()|[\]\\]/g;

/** Compiled alternations by word list: one answer renders each of its results, pieces and copies with the same words. */
const PATTERNS = new Map<string, RegExp | null>();
const PATTERNS_MAX = 512;

/** The alternation of the words, longest first (so the longest match wins), or null when no word is left. */
function patternFor(words: readonly string[]): RegExp | null {
  const key = words.join('\u0000');
  let pattern = PATTERNS.get(key);
  if (pattern === undefined) {
    const list = [...new Set(words)].filter((w) => w.trim().length > 0).sort((a, b) => b.length - a.length);
    pattern = list.length ? new RegExp(list.map((w) => w.replace(SPECIAL, '\\$&')).join('|'), 'g') : null;
    if (PATTERNS.size >= PATTERNS_MAX) PATTERNS.clear();
    PATTERNS.set(key, pattern);
  }
  return pattern;
}

/**
 * Split text at the highlighted words (longest first, never overlapping), so that each platform escapes the plain
 * pieces and marks the highlighted ones in its own syntax: the finding is done once, here, for every renderer.
 */
export function highlightSegments(text: string, words: readonly string[] | undefined): Segment[] {
  if (text === '') return [];
  const pattern = words && words.length > 0 ? patternFor(words) : undefined;
  if (!pattern) return [{ text, highlighted: false }];
  const out: Segment[] = [];
  let last = 0;
  for (const m of text.matchAll(pattern)) {
    const at = m.index ?? 0;
    if (at > last) out.push({ text: text.slice(last, at), highlighted: false });
    out.push({ text: m[0], highlighted: true });
    last = at + m[0].length;
  }
  if (last < text.length) out.push({ text: text.slice(last), highlighted: false });
  return out;
}
