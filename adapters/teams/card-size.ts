/**
 * Keeping Teams messages under the platform's size limit (about 28 KB for the whole activity): split a
 * long answer over several cards, split an over-long passage into parts, and as a last resort clip the
 * longest text. Never throws and never produces a card over the budget.
 */

import { cutText } from '../../src/reply/clip.js';

/** An Adaptive Card element or action, as plain JSON. */
export type CardJson = Record<string, unknown>;

/** The Adaptive Card schema version plan-bot emits; everything used exists since 1.2, and Teams renders up to 1.5. */
export const CARD_VERSION = '1.5';

/** Bytes a card may take; the rest of the 28 KB is left to the activity around it (ids, serviceUrl, channel data). */
export const CARD_BUDGET_BYTES = 24_000;

/** More parts than this and the rest of an answer is dropped with a note; nobody reads ten cards in a row. */
export const MAX_CARDS = 5;

/** A body text over this many UTF-8 bytes is split into parts before packing. */
export const MAX_TEXT_BYTES = 12_000;

/** Serialized size of a JSON value in UTF-8 bytes, the way it travels to Teams. */
export function jsonBytes(v: unknown): number {
  return Buffer.byteLength(JSON.stringify(v), 'utf8');
}

/** An Adaptive Card around some body elements and actions. */
export function card(body: CardJson[], actions: CardJson[] = []): CardJson {
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: CARD_VERSION,
    msteams: { width: 'Full' },
    body,
    ...(actions.length ? { actions } : {}),
  };
}

/** Split a text into parts of at most maxBytes UTF-8 bytes, preferring line and sentence ends. */
export function splitText(text: string, maxBytes = MAX_TEXT_BYTES): string[] {
  const parts: string[] = [];
  let rest = text;
  while (Buffer.byteLength(rest, 'utf8') > maxBytes) {
    const chars = [...rest];
    let cut = 0;
    let bytes = 0;
    while (cut < chars.length && bytes + Buffer.byteLength(chars[cut]!, 'utf8') <= maxBytes) bytes += Buffer.byteLength(chars[cut++]!, 'utf8');
    const head = chars.slice(0, cut).join('');
    const soft = Math.max(head.lastIndexOf('\n'), head.lastIndexOf('。'), head.lastIndexOf('. '));
    const at = soft > head.length / 2 ? soft + 1 : head.length;
    parts.push(rest.slice(0, at));
    rest = rest.slice(at);
  }
  if (rest.length || parts.length === 0) parts.push(rest);
  return parts;
}

/** Shorten the longest TextBlock in a list of elements (recursing into containers); false when none is left to shorten. */
function clipLongest(elements: CardJson[]): boolean {
  let longest: CardJson | undefined;
  const visit = (els: CardJson[]) => {
    for (const el of els) {
      if (el.type === 'TextBlock' && typeof el.text === 'string' && (!longest || el.text.length > (longest.text as string).length)) longest = el;
      if (Array.isArray(el.items)) visit(el.items as CardJson[]);
    }
  };
  visit(elements);
  const text = longest?.text as string | undefined;
  if (!longest || !text || text.length <= 20) return false;
  // cut on a character boundary (the unit every renderer clips in) and never inside a trailing backslash escape
  const kept = cutText(text, Math.floor(text.length * 0.7)).replace(/\\+$/, '');
  longest.text = `${kept}…(已截断)`;
  return true;
}

/** Make one card fit the budget, clipping its longest texts (then dropping actions) until it does. */
export function enforceBudget(c: CardJson, budget = CARD_BUDGET_BYTES): CardJson {
  const body = structuredClone(c.body as CardJson[]);
  let out: CardJson = { ...c, body };
  while (jsonBytes(out) > budget && clipLongest(body)) out = { ...out, body };
  if (jsonBytes(out) > budget) {
    const { actions: _dropped, ...rest } = out;
    out = { ...rest, body: [{ type: 'TextBlock', text: '回答过长,无法在 Teams 中显示。', wrap: true }] };
  }
  return out;
}

/** The pieces of one answer, in reading order, before they are packed into cards. */
export interface CardParts {
  header: CardJson[];
  /** one entry per passage (or per part of an over-long passage) */
  blocks: CardJson[][];
  footer: CardJson[];
  actions: CardJson[];
  /** a short header for the second and later cards, e.g. "应急管理(续)" */
  continued: CardJson[];
}

/** Pack an answer into as few cards as fit the budget (at most MAX_CARDS); every card is within the budget. */
export function packCards(p: CardParts, budget = CARD_BUDGET_BYTES): CardJson[] {
  const bodies: CardJson[][] = [];
  let cur: CardJson[] = [...p.header];
  let curBlocks = 0;
  for (const block of p.blocks) {
    if (curBlocks > 0 && jsonBytes(card([...cur, ...block])) > budget) {
      bodies.push(cur);
      cur = [...p.continued];
      curBlocks = 0;
    }
    cur.push(...block);
    curBlocks += 1;
  }
  const tail = [...cur, ...p.footer];
  if (curBlocks > 0 && jsonBytes(card(tail, p.actions)) > budget) {
    bodies.push(cur);
    cur = [...p.continued, ...p.footer];
  } else cur = tail;
  bodies.push(cur);
  let cards = bodies.map((b, i) => card(b, i === bodies.length - 1 ? p.actions : []));
  if (cards.length > MAX_CARDS) {
    const kept = cards.slice(0, MAX_CARDS);
    const last = kept[MAX_CARDS - 1]!;
    const note = { type: 'TextBlock', text: `回答过长,其余 ${cards.length - MAX_CARDS} 部分未显示。`, wrap: true, isSubtle: true };
    kept[MAX_CARDS - 1] = card([...(last.body as CardJson[]), note], p.actions);
    cards = kept;
  }
  return cards.map((c) => enforceBudget(c, budget));
}
