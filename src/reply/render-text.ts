import { SUGGESTIONS_LEAD, viewReply } from './reply-view.js';
import type { Reply } from './reply.js';

/** The plain-text rendering every Reply carries (chat fallback text, logs, the CLI without colour). */
export function renderPlainText(r: Omit<Reply, 'text'>, opts: { full?: boolean } = {}): string {
  const v = viewReply(r, { full: opts.full ?? false });
  const lines: string[] = [];
  if (v.title) lines.push(v.title);
  if (v.notice) lines.push(`(${v.notice})`);
  for (const res of v.results) {
    lines.push(`${res.n !== undefined ? `${res.n}. ` : ''}${res.title}`);
    if (res.path.length) lines.push(`   ${res.path.join(' > ')}`);
    if (res.body) lines.push(`   ${res.body.replace(/\n/g, '\n   ')}`);
    if (res.note) lines.push(`   (${res.note})`);
  }
  if (v.footer) lines.push(v.footer);
  if (v.suggestions.length) lines.push(`${SUGGESTIONS_LEAD}${v.suggestions.map((s) => s.label).join(' · ')}`);
  return lines.join('\n');
}
