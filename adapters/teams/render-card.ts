import { snippet } from '../../src/conversation/render-text.js';
import { displayNumber, type Action, type Reply, type ResultItem } from '../../src/reply.js';
import { SubmitData } from './activity.js';
import { escapeCardLine, escapeCardText, highlightCardText } from './card-text.js';
import { packCards, splitText, type CardJson } from './card-size.js';

/** Teams shows at most six buttons in a row of card actions. */
const MAX_ACTIONS = 6;

/** The button kinds a Teams card offers; 分享 is left out because a Teams answer is already in the conversation. */
const CARD_ACTIONS: ReadonlySet<Action['type']> = new Set(['more', 'expand', 'subscribe', 'suggest']);

/** An Action.Submit whose data comes back as activity.value and is read as the message `value`. */
export function submitAction(a: Action): CardJson {
  const data: SubmitData = { planBot: 1, text: a.value };
  return { type: 'Action.Submit', title: a.label, data };
}

function textBlock(text: string, extra: CardJson = {}): CardJson {
  return { type: 'TextBlock', text, wrap: true, ...extra };
}

/** The elements of one passage (or one part of an over-long passage): number and title, breadcrumb, text, note, 展开. */
function resultBlocks(item: ResultItem, n: number | undefined, full: boolean, expand: Action | undefined): CardJson[][] {
  const raw = full ? item.text : snippet(item);
  const body = raw && raw !== item.title ? raw : '';
  const parts = body ? splitText(body) : [''];
  return parts.map((part, i) => {
    const items: CardJson[] = [];
    const num = n !== undefined ? `${n}\\. ` : '';
    const cont = parts.length > 1 ? `(${i + 1}/${parts.length})` : '';
    items.push(textBlock(`${num}${highlightCardText(item.title, item.highlights, true)}${cont}`, { weight: 'Bolder' }));
    if (i === 0 && item.path.length) items.push(textBlock(escapeCardLine(item.path.join(' › ')), { isSubtle: true, size: 'Small', spacing: 'None' }));
    if (part) items.push(textBlock(highlightCardText(part, item.highlights), { spacing: 'Small' }));
    if (i === parts.length - 1 && item.note) items.push(textBlock(escapeCardLine(`(${item.note})`), { isSubtle: true, size: 'Small' }));
    if (i === parts.length - 1 && expand) items.push({ type: 'ActionSet', actions: [submitAction(expand)] });
    return [{ type: 'Container', separator: true, spacing: 'Medium', items }];
  });
}

/**
 * Render a Reply as one or more Adaptive Cards (v1.5): title, passages with breadcrumbs and highlighted
 * terms in bold, the footer, and Action.Submit buttons (更多, 展开, 订阅此主题, suggestions).
 * Text is escaped; a long answer is split into several cards, each within Teams' size limit.
 */
export function renderCards(reply: Reply, opts: { heading?: string } = {}): CardJson[] {
  const actions = (reply.actions ?? []).filter((a) => CARD_ACTIONS.has(a.type));
  const expands = actions.filter((a) => a.type === 'expand');
  const perItem = expands.length === reply.results.length;
  const cardActions = actions.filter((a) => !(perItem && a.type === 'expand')).slice(0, MAX_ACTIONS).map(submitAction);
  const title = reply.title ?? opts.heading;
  const header: CardJson[] = [];
  if (opts.heading && reply.title) header.push(textBlock(escapeCardLine(opts.heading), { size: 'Large', weight: 'Bolder' }));
  if (title) header.push(textBlock(escapeCardLine(title), { size: 'Medium', weight: 'Bolder' }));
  if (reply.notice) header.push(textBlock(escapeCardLine(reply.notice), { color: 'Warning', size: 'Small', spacing: 'Small' }));
  const full = reply.results.length === 1;
  const blocks = reply.results.flatMap((item, i) => resultBlocks(item, displayNumber(reply, i), full, perItem ? expands[i] : undefined));
  const footer = reply.footer ? [textBlock(escapeCardText(reply.footer), { isSubtle: reply.results.length > 0, spacing: 'Medium' })] : [];
  const continued = title ? [textBlock(escapeCardLine(`${title}(续)`), { weight: 'Bolder' })] : [];
  return packCards({ header, blocks, footer, actions: cardActions, continued });
}
