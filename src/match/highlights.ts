import type { Passage } from '../content/plan-schema.js';
import type { Concept } from './query-analysis.js';
import { bigrams, isCjk } from './terms.js';

/** The words of a question (or the synonyms that found the passage) as the passage writes them, longest first. */
export function highlightWords(concepts: Concept[], p: Passage): string[] {
  const display = `${p.title}\n${p.text}`;
  const lower = display.toLowerCase();
  const out = new Set<string>();
  for (const c of concepts) {
    for (const [ai, alt] of c.alts.entries()) {
      // what was typed may be highlighted piecewise; a synonym only where it stands whole
      const pieces = ai === 0 ? coverPieces(alt.text, lower) : lower.includes(alt.text) ? [alt.text] : [];
      for (const piece of pieces) {
        const i = lower.indexOf(piece);
        if (i >= 0) out.add(display.slice(i, i + piece.length));
      }
    }
  }
  return [...out].sort((a, b) => b.length - a.length);
}

/** Greedy longest pieces (≥2 characters, or whole ASCII words) of a word that occur in a text. */
function coverPieces(word: string, text: string): string[] {
  if (!word) return [];
  if (text.includes(word)) return [word];
  if (!isCjk(word[0]!) || word.length < 3) return [];
  const pieces: string[] = [];
  let i = 0;
  while (i < word.length - 1) {
    let found = '';
    for (let j = word.length; j >= i + 2; j--) {
      const sub = word.slice(i, j);
      if (text.includes(sub)) {
        found = sub;
        break;
      }
    }
    if (found) {
      pieces.push(found);
      i += found.length;
    } else i += 1;
  }
  return pieces.length ? pieces : bigrams(word).filter((b) => text.includes(b));
}
