import { snippet } from '../../src/conversation/render-text.js';
import { highlightSegments } from '../../src/highlight-segments.js';
import { displayNumber, type Reply, type ResultItem } from '../../src/reply.js';

export interface TerminalStyle {
  bold(s: string): string;
  dim(s: string): string;
  mark(s: string): string;
}

/** ANSI styles for a colour terminal. */
export const ansi: TerminalStyle = {
  bold: (s) => `\x1b[1m${s}\x1b[22m`,
  dim: (s) => `\x1b[2m${s}\x1b[22m`,
  mark: (s) => `\x1b[1;33m${s}\x1b[22;39m`,
};

/** Plain styles for pipes and files: highlighted words in 【】. */
export const plain: TerminalStyle = { bold: (s) => s, dim: (s) => s, mark: (s) => `【${s}】` };

/** Strip terminal control sequences from text that came from outside, so it cannot drive the terminal. */
function safe(s: string): string {
  return s.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '');
}

/** Mark each highlighted word in a text (longest first, never inside an earlier mark). */
export function markHighlights(text: string, words: string[] | undefined, style: TerminalStyle): string {
  return highlightSegments(text, words)
    .map((seg) => (seg.highlighted ? style.mark(seg.text) : seg.text))
    .join('');
}

function renderItem(item: ResultItem, n: number | undefined, full: boolean, style: TerminalStyle): string[] {
  const lines: string[] = [];
  const num = n !== undefined ? `${n}. ` : '';
  lines.push(style.bold(`${num}${markHighlights(safe(item.title), item.highlights, style)}`));
  if (item.path.length) lines.push('   ' + style.dim(safe(item.path.join(' › '))));
  const body = full ? item.text : snippet(item);
  if (body && body !== item.title) lines.push('   ' + markHighlights(safe(body), item.highlights, style).replace(/\n/g, '\n   '));
  if (item.note) lines.push('   ' + style.dim(`(${item.note})`));
  return lines;
}

/** Render a Reply for a terminal: title, breadcrumb, highlighted terms, then the hint line. */
export function renderTerminal(reply: Reply, style: TerminalStyle): string {
  const out: string[] = [];
  if (reply.notice) out.push(style.dim(`(${safe(reply.notice)})`));
  if (reply.title) out.push(style.bold(safe(reply.title)));
  const full = reply.results.length === 1;
  reply.results.forEach((item, i) => out.push(...renderItem(item, displayNumber(reply, i), full, style)));
  if (reply.footer) out.push(reply.results.length ? style.dim(safe(reply.footer)) : safe(reply.footer));
  return out.join('\n');
}
