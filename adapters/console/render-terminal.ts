import { highlightSegments } from '../../src/reply/highlight-segments.js';
import { SUGGESTIONS_LEAD, viewReply, type ResultView } from '../../src/reply/reply-view.js';
import type { Reply } from '../../src/reply/reply.js';

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
export function markHighlights(text: string, words: readonly string[] | undefined, style: TerminalStyle): string {
  return highlightSegments(text, words)
    .map((seg) => (seg.highlighted ? style.mark(seg.text) : seg.text))
    .join('');
}

function resultLines(r: ResultView, style: TerminalStyle): string[] {
  const lines = [style.bold(`${r.n !== undefined ? `${r.n}. ` : ''}${markHighlights(safe(r.title), r.highlights, style)}`)];
  if (r.path.length) lines.push('   ' + style.dim(safe(r.path.join(' › '))));
  if (r.body) lines.push('   ' + markHighlights(safe(r.body), r.highlights, style).replace(/\n/g, '\n   '));
  if (r.note) lines.push('   ' + style.dim(`(${r.note})`));
  if (r.item.url) lines.push('   ' + style.dim(safe(r.item.url)));
  return lines;
}

/** Render a Reply for a terminal: notice, title, each result with its breadcrumb and highlighted terms, then the hint line and the suggested next questions. */
export function renderTerminal(reply: Reply, style: TerminalStyle): string {
  const v = viewReply(reply);
  const out: string[] = [];
  if (v.notice) out.push(style.dim(`(${safe(v.notice)})`));
  if (v.title) out.push(style.bold(safe(v.title)));
  for (const r of v.results) out.push(...resultLines(r, style));
  if (v.footer) out.push(v.results.length ? style.dim(safe(v.footer)) : safe(v.footer));
  if (v.suggestions.length) out.push(style.dim(`${SUGGESTIONS_LEAD}${v.suggestions.map((s) => safe(s.label)).join(' · ')}`));
  return out.join('\n');
}
