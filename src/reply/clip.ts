import type { ResultItem } from './reply.js';

/**
 * Text clipping for every rendering, in one unit: UTF-16 code units (a JavaScript string's length). Block Kit's
 * limits are counted in it, it never undercounts characters, and a cut never splits a surrogate pair.
 */

/** Longest passage text shown per result when a plain-text, terminal or card answer lists several. */
export const LIST_SNIPPET = 160;

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/** The first n units of a text, one less when the n-th is the first half of a surrogate pair; no ellipsis. */
export function cutText(s: string, n: number): string {
  if (s.length <= n) return s;
  const end = n > 0 && isHighSurrogate(s.charCodeAt(n - 1)) ? n - 1 : n;
  return s.slice(0, end);
}

/** Clip text to at most n units, ending with '…' when clipped; used wherever a rendering has a length limit. */
export function clipText(s: string, n: number): string {
  if (s.length <= n) return s;
  return cutText(s, n - 1) + '…';
}

/** A short piece of a result's text around its first highlighted word, so a long passage shows why it matched. */
export function snippet(item: Pick<ResultItem, 'text' | 'highlights'>, n = LIST_SNIPPET): string {
  const text = item.text;
  if (text.length <= n) return text;
  const h = item.highlights?.[0];
  const at = h ? text.indexOf(h) : -1;
  if (at < n / 2) return clipText(text, n);
  let start = Math.max(0, at - Math.floor(n / 3));
  // start on a character, not on the second half of a surrogate pair
  if (start > 0 && isLowSurrogate(text.charCodeAt(start))) start -= 1;
  return '…' + clipText(text.slice(start), n - 1);
}
