import { clipText } from '../../src/reply/clip.js';

/**
 * Block Kit's published limits, in one place. Lengths are counted in UTF-16 code units, which is never
 * less than Slack's character count, so staying under them here stays under them in Slack.
 */
export const LIMITS = {
  blocks: 50,
  /** a view (the App Home tab, a modal) holds up to 100 blocks */
  viewBlocks: 100,
  /** a view's private_metadata */
  privateMetadata: 3000,
  sectionText: 3000,
  contextText: 2000,
  contextElements: 10,
  headerText: 150,
  buttonText: 75,
  buttonValue: 2000,
  actionId: 255,
  actionsElements: 25,
  /** the message's plain `text`; Slack truncates long ones, so keep it readable */
  fallbackText: 3000,
} as const;

/** Clip already-escaped mrkdwn without cutting an `&amp;`-style entity in half. */
export function clipEscaped(s: string, n: number): string {
  if (s.length <= n) return s;
  let out = clipText(s, n);
  const amp = out.lastIndexOf('&', out.length - 2);
  if (amp >= 0 && !out.slice(amp, out.length - 1).includes(';')) out = out.slice(0, amp) + '…';
  return out;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

/** Where to break a long text: after the last newline or sentence end in its second half, else at the limit. */
function breakPoint(s: string): number {
  const floor = Math.floor(s.length / 2);
  for (let i = s.length - 1; i >= floor; i--) {
    const c = s[i];
    if (c === '\n' || c === '。' || c === ';' || c === ';' || c === '!' || c === '?') return i + 1;
  }
  return s.length > 1 && isHighSurrogate(s.charCodeAt(s.length - 1)) ? s.length - 1 : s.length;
}

/**
 * Split a raw text into pieces whose rendering (escaping and bold markers grow it) fits `max`,
 * breaking at sentence ends where it can. A long passage is split, never rejected.
 */
export function splitRendered(raw: string, render: (s: string) => string, max: number): string[] {
  const pieces: string[] = [];
  let rest = raw;
  while (rest.length > 0) {
    let end = Math.min(rest.length, max);
    if (end < rest.length) end = breakPoint(rest.slice(0, end));
    let rendered = render(rest.slice(0, end));
    while (rendered.length > max && end > 1) {
      end = Math.max(1, Math.floor(end * 0.8));
      if (isHighSurrogate(rest.charCodeAt(end - 1)) && end > 1) end -= 1;
      rendered = render(rest.slice(0, end));
    }
    // a single character whose rendering is still too long (cannot happen with real escapes) is clipped
    pieces.push(rendered.length > max ? clipEscaped(rendered, max) : rendered);
    rest = rest.slice(end);
  }
  return pieces;
}
