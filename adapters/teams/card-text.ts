import { highlightSegments } from '../../src/reply/highlight-segments.js';

/**
 * Text for Adaptive Card TextBlocks, which Teams renders as Markdown. Everything from the plan or from a
 * user is escaped so that it shows literally: no links, images, emphasis, headings, lists, autolinked
 * URLs or e-mail addresses, and no {{DATE()}} functions. Only the bold we add around highlights is markup.
 */

/** Zero-width space: breaks an autolink or a {{function}} without changing what the reader sees. */
const ZWSP = '\u200b';

/** Characters that are Markdown anywhere in a line. */
const INLINE = /[\\`*_[\]<>~|]/g;

/** Markdown that only counts at the start of a line: headings, quotes, lists, rules, setext underlines. */
const LINE_START = /^(\s*)([#>+=-]|\d+[.)])/gm;

/** Escape one piece of untrusted text for a TextBlock (newlines become paragraph breaks). */
export function escapeCardText(s: string): string {
  return s
    .replace(/\r\n?/g, '\n')
    .replace(INLINE, '\\$&')
    .replace(LINE_START, (_m, space: string, mark: string) => `${space}${mark.replace(/([#>+=\-.)])$/, '\\$1')}`)
    .replace(/:\/\//g, `:${ZWSP}//`)
    .replace(/\bwww\./gi, (m) => `${m.slice(0, 3)}${ZWSP}.`)
    .replace(/@/g, `@${ZWSP}`)
    .replace(/\{\{/g, `{${ZWSP}{`)
    .replace(/\n+/g, '\n\n');
}

/** Escape text for a one-line TextBlock (a title or a breadcrumb): line breaks become spaces. */
export function escapeCardLine(s: string): string {
  return escapeCardText(s.replace(/\s*[\r\n]+\s*/g, ' '));
}

/** Escape a text and put the highlighted terms (longest first) in bold, the one piece of Markdown we emit. */
export function highlightCardText(s: string, highlights: readonly string[] | undefined, oneLine = false): string {
  const escape = oneLine ? escapeCardLine : escapeCardText;
  return highlightSegments(s, highlights)
    .map((seg) => (seg.highlighted ? `**${escape(seg.text)}**` : escape(seg.text)))
    .join('');
}
