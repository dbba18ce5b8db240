import { displayNumber, type Reply, type ResultItem } from '../reply.js';

/** Longest passage text shown in the plain-text rendering of a list. */
const LIST_SNIPPET = 160;

/** Clip text to n characters with an ellipsis, on a character (not byte, not half a surrogate pair) boundary. */
export function clipText(s: string, n: number): string {
  // UTF-16 length never undercounts characters, so a short string needs no closer look (the usual case)
  if (s.length <= n) return s;
  let cut = 0;
  let i = 0;
  for (let count = 0; i < s.length; count++) {
    if (count === n - 1) cut = i;
    if (count === n) return s.slice(0, cut) + '…';
    i += (s.codePointAt(i) ?? 0) > 0xffff ? 2 : 1;
  }
  return s;
}

/** A short piece of the text around the first highlighted word, so a long passage shows why it matched. */
export function snippet(item: ResultItem, n = LIST_SNIPPET): string {
  const text = item.text;
  if (text.length <= n) return text;
  const h = item.highlights?.[0];
  const at = h ? text.indexOf(h) : -1;
  if (at < n / 2) return clipText(text, n);
  const start = Math.max(0, at - Math.floor(n / 3));
  return '…' + clipText(text.slice(start), n - 1);
}

/** The plain-text rendering every Reply carries (chat fallback text, logs, the CLI without colour). */
export function renderPlainText(r: Omit<Reply, 'text'>, opts: { full?: boolean } = {}): string {
  const lines: string[] = [];
  if (r.title) lines.push(r.title);
  if (r.notice) lines.push(`(${r.notice})`);
  r.results.forEach((item, i) => {
    const n = displayNumber(r, i);
    const numbered = n !== undefined ? `${n}. ` : '';
    lines.push(`${numbered}${item.title}`);
    if (item.path.length) lines.push(`   ${item.path.join(' > ')}`);
    const body = opts.full ? item.text : snippet(item);
    if (body && body !== item.title) lines.push(`   ${body.replace(/\n/g, '\n   ')}`);
    if (item.note) lines.push(`   (${item.note})`);
  });
  if (r.footer) lines.push(r.footer);
  return lines.join('\n');
}
