import { highlightSegments } from '../../src/reply/highlight-segments.js';

/** Zero-width space: lets Slack see `*bold*` markers next to CJK characters, which have no word boundaries. */
const ZWSP = '\u200B';

/**
 * Escape text for Slack mrkdwn and message text (`&`, `<`, `>`), so nothing a user typed can become a
 * mention (`<!channel>`, `<!here>`, `<@U…>`) or a link (`<https://…|…>`) when it is rendered.
 */
export function escapeMrkdwn(s: string): string {
  // most plan text has none of the three: one scan, and the string itself back (uncached answers render a lot of it)
  return MRKDWN_SPECIAL.test(s) ? s.replace(MRKDWN_SPECIALS, (c) => MRKDWN_ENTITY[c]!) : s;
}

const MRKDWN_SPECIAL = /[&<>]/;
const MRKDWN_SPECIALS = /[&<>]/g;
const MRKDWN_ENTITY: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };

/** Turn Slack's escaped incoming text (`&lt;`, `&gt;`, `&amp;`) back into what the user typed, for the core to read. */
export function unescapeSlackText(s: string): string {
  return s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/** Remove control characters (other than newline and tab) that have no business in a chat message. */
export function stripControl(s: string): string {
  return CONTROL.test(s) ? s.replace(CONTROLS, '') : s;
}

const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/**
 * Render untrusted text as mrkdwn with the highlighted words in bold: every piece is escaped first,
 * so the only markup in the result is the bold markers added here.
 */
export function mrkdwnWithBold(text: string, words: readonly string[] | undefined): string {
  return highlightSegments(stripControl(text), words)
    .map((seg) =>
      // markers and asterisks inside the word would break the bold span; words with them stay plain
      seg.highlighted && !seg.text.includes('*') ? `${ZWSP}*${escapeMrkdwn(seg.text)}*${ZWSP}` : escapeMrkdwn(seg.text),
    )
    .join('');
}
