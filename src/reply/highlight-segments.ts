/** A piece of text, and whether it is one of the words to highlight. */
export interface Segment {
  text: string;
  highlighted: boolean;
}

const SPECIAL = /[.*+?^${}()|[\]\\]/g;

/**
 * Split text at the highlighted words (longest first, never overlapping), so that each platform escapes the plain
 * pieces and marks the highlighted ones in its own syntax: the finding is done once, here, for every renderer.
 */
export function highlightSegments(text: string, words: readonly string[] | undefined): Segment[] {
  const list = [...new Set(words ?? [])].filter((w) => w.trim().length > 0).sort((a, b) => b.length - a.length);
  if (list.length === 0 || text === '') return text === '' ? [] : [{ text, highlighted: false }];
  const pattern = new RegExp(list.map((w) => w.replace(SPECIAL, '\\$&')).join('|'), 'g');
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
