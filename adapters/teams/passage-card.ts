import { clipText, snippet } from '../../src/reply/clip.js';
import type { ResultItem } from '../../src/reply/reply.js';
import { escapeCardLine, escapeCardText, highlightCardText } from './card-text.js';
import type { CardJson } from './card-size.js';
import { CARD_RESPONSE_TYPE } from './invoke-response.js';

/**
 * One passage as a message extension result (compose-box search, link unfurling): an Adaptive Card the user inserts
 * into the message, and the thumbnail preview Teams lists it by. Link unfurling takes Adaptive Cards up to 1.3, so
 * this card uses nothing newer.
 */

/** The Adaptive Card version of a message extension card: the newest link unfurling renders. */
export const EXTENSION_CARD_VERSION = '1.3';

/** The content type of the preview each result is listed by. */
export const THUMBNAIL_TYPE = 'application/vnd.microsoft.card.thumbnail';

/** Longest passage text put on a card (a passage is rarely a tenth of it; the card stays far under Teams' 28 KB). */
const MAX_CARD_TEXT = 4_000;
/** Longest preview title and text: Teams shows one line of title and two of text in the list. */
const PREVIEW_TITLE = 80;
const PREVIEW_TEXT = 120;

/** A message extension attachment: the card inserted into the message, with its preview in the result list. */
export interface ExtensionAttachment {
  contentType: typeof CARD_RESPONSE_TYPE;
  content: CardJson;
  preview: { contentType: typeof THUMBNAIL_TYPE; content: { title: string; text: string } };
}

/** Text for a thumbnail card, whose text Teams reads as a little HTML: shown literally. */
function plainHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/\s*[\r\n]+\s*/g, ' ');
}

/** The Adaptive Card of one passage: its title, breadcrumb, text with the query's words in bold, and 查看原文 when it has a page. */
export function passageCard(item: ResultItem): CardJson {
  const body: CardJson[] = [{ type: 'TextBlock', text: highlightCardText(item.title, item.highlights, true), weight: 'Bolder', size: 'Medium', wrap: true }];
  if (item.path.length) body.push({ type: 'TextBlock', text: escapeCardLine(item.path.join(' › ')), isSubtle: true, size: 'Small', spacing: 'None', wrap: true });
  const text = clipText(item.text, MAX_CARD_TEXT);
  if (text && text !== item.title) body.push({ type: 'TextBlock', text: highlightCardText(text, item.highlights), wrap: true });
  if (item.note) body.push({ type: 'TextBlock', text: escapeCardText(`(${item.note})`), isSubtle: true, size: 'Small', wrap: true });
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: EXTENSION_CARD_VERSION,
    body,
    ...(item.url ? { actions: [{ type: 'Action.OpenUrl', title: '查看原文', url: item.url }] } : {}),
  };
}

/** One passage as a message extension attachment: its card, and a preview of its title and a snippet. */
export function passageAttachment(item: ResultItem): ExtensionAttachment {
  const where = item.path.length ? `${item.path[item.path.length - 1]} · ` : '';
  return {
    contentType: CARD_RESPONSE_TYPE,
    content: passageCard(item),
    preview: {
      contentType: THUMBNAIL_TYPE,
      content: { title: plainHtml(clipText(item.title, PREVIEW_TITLE)), text: plainHtml(clipText(`${where}${snippet(item, PREVIEW_TEXT)}`, PREVIEW_TEXT + where.length)) },
    },
  };
}
